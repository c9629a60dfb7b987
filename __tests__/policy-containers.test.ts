import { evaluateStack } from '../constructs/policy/engine';
import { suppressPolicy } from '../constructs/policy/suppressions';
import { testConfig } from './support/fixtures';
import { failedRules, fargateTaskDefinition, findingsFor, RawResource, stackOf } from './support/policy';

// Field names and values of an ECS container definition as AWS documents them (API_ContainerDefinition,
// API_LogConfiguration, API_LinuxParameters, API_KernelCapabilities), written out here on purpose.

/** A container definition that every rule passes: read-only, unprivileged, awslogs, the password through secrets. */
const container = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'web',
  image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2',
  essential: true,
  portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
  readonlyRootFilesystem: true,
  environment: [
    { name: 'DB_HOST', value: '${data.terraform_remote_state.data.outputs.database_host}' },
    { name: 'DB_PORT', value: '5432' },
  ],
  secrets: [{ name: 'DB_PASSWORD', valueFrom: '${data.terraform_remote_state.data.outputs.database_secret_arn}:password::' }],
  logConfiguration: {
    logDriver: 'awslogs',
    options: { 'awslogs-group': '${aws_cloudwatch_log_group.web.name}', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' },
  },
  ...fields,
});
/** A Fargate task definition of these containers, container_definitions written with JSON.stringify. */
const task = (...containers: Record<string, unknown>[]): RawResource =>
  fargateTaskDefinition(JSON.stringify(containers.length > 0 ? containers : [container()]));
const withEnvironment = (...environment: { name: string; value: string }[]) => task(container({ environment }));
const problems = (resource: RawResource) => findingsFor([resource]).map((finding) => `${finding.ruleId}: ${finding.problem}`);

describe('containers pack', () => {
  it('passes a read-only, unprivileged container with awslogs and its password through secrets', () => {
    expect(failedRules([task()])).toEqual([]);
  });

  it('passes a FireLens container next to its log router', () => {
    const router = container({ name: 'log-router', firelensConfiguration: { type: 'fluentbit' }, environment: [], secrets: [] });
    const app = container({ logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch_logs', region: 'eu-west-1' } } });
    expect(failedRules([task(app, router)])).toEqual([]);
  });

  describe('ECS-NOT-PRIVILEGED', () => {
    it('fails a privileged container', () => {
      expect(failedRules([task(container({ privileged: true }))])).toEqual(['ECS-NOT-PRIVILEGED']);
      expect(problems(task(container(), container({ name: 'agent', privileged: true })))).toEqual(['ECS-NOT-PRIVILEGED: runs container agent privileged']);
    });

    it('fails a container that adds Linux capabilities', () => {
      const added = container({ linuxParameters: { capabilities: { add: ['SYS_PTRACE'] } } });
      expect(problems(task(added))).toEqual(['ECS-NOT-PRIVILEGED: adds the Linux capabilities SYS_PTRACE to container web']);
    });

    it('passes privileged false and capabilities that are only dropped', () => {
      expect(failedRules([task(container({ privileged: false, linuxParameters: { initProcessEnabled: true, capabilities: { add: [], drop: ['ALL'] } } }))])).toEqual([]);
    });

    it('fails privileged set from an expression it cannot read', () => {
      expect(failedRules([task(container({ privileged: '${var.privileged}' }))])).toEqual(['ECS-NOT-PRIVILEGED']);
    });
  });

  describe('ECS-NO-PLAINTEXT-SECRETS', () => {
    it.each(['DB_PASSWORD', 'WORDPRESS_DB_PASSWORD', 'MYSQL_PWD', 'SMTP_PASS', 'JWT_SECRET', 'GITHUB_TOKEN', 'NPM_AUTH_TOKEN', 'REDIS_AUTH', 'API_KEY', 'apiKey',
      'PRIVATE_KEY', 'AWS_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY', 'SECRET_KEY_BASE', 'DBPASSWORD', 'ADMIN_PASSWORD_2', 'GCP_CREDENTIALS'])(
      'fails %s with a literal value',
      (name) => {
        expect(failedRules([withEnvironment({ name, value: 'correct-horse-battery-staple' })])).toContain('ECS-NO-PLAINTEXT-SECRETS');
      },
    );

    it('fails a credential read from a Terraform reference: it is resolved into the task definition', () => {
      const resource = withEnvironment({ name: 'DB_PASSWORD', value: '${data.aws_secretsmanager_secret_version.db.secret_string}' });
      expect(failedRules([resource])).toEqual(['ECS-NO-PLAINTEXT-SECRETS']);
      expect(problems(resource)[0]).toMatch(/^ECS-NO-PLAINTEXT-SECRETS: sets DB_PASSWORD of container web in its environment from a Terraform expression/);
    });

    it('fails short literal values too, and names each variable', () => {
      expect(problems(withEnvironment({ name: 'DB_PASSWORD', value: 'pw' }, { name: 'API_TOKEN', value: 'abc' }))).toEqual([
        'ECS-NO-PLAINTEXT-SECRETS: sets DB_PASSWORD, API_TOKEN of container web to a literal value in its environment',
      ]);
    });

    it('passes credentials through secrets (valueFrom)', () => {
      const secrets = [
        { name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dev-db-AbCdEf:password::' },
        { name: 'API_KEY', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/dev/api-key' },
      ];
      expect(failedRules([task(container({ secrets }))])).toEqual([]);
    });

    it.each([
      ['a file holding the password (Docker secrets convention)', 'WORDPRESS_DB_PASSWORD_FILE', '/run/secrets/db-password'],
      ['the ARN of the secret', 'DB_PASSWORD_SECRET_ARN', '${aws_secretsmanager_secret.db.arn}'],
      ['the name of the secret', 'SECRET_NAME', 'dev/db'],
      ['an authentication mode', 'AUTH_TYPE', 'oidc'],
      ['a token lifetime', 'TOKEN_TTL', '3600'],
      ['a model token limit', 'MAX_TOKENS', '4096'],
      ['a password policy', 'PASSWORD_MIN_LENGTH', '12'],
      ['an access key id (its secret half is the credential)', 'AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
      ['an author', 'AUTHOR', 'platform team'],
      ['a switch', 'BASIC_AUTH', 'false'],
      ['a credentials file path', 'GOOGLE_APPLICATION_CREDENTIALS', '/etc/gcp/key.json'],
      ['an empty value', 'DB_PASSWORD', ''],
      ['the working directory', 'PWD', '/app'],
    ])('passes %s (%s)', (_label, name, value) => {
      // Only this rule: NO-INLINE-SECRETS (compute) judges the same environment by its own lights (an AKIA key id, AUTH anywhere in a name).
      expect(failedRules([withEnvironment({ name, value })])).not.toContain('ECS-NO-PLAINTEXT-SECRETS');
    });
  });

  describe('ECS-READONLY-ROOT', () => {
    it('fails a container whose root filesystem is writable or left to the default', () => {
      expect(failedRules([task(container({ readonlyRootFilesystem: false }))])).toEqual(['ECS-READONLY-ROOT']);
      expect(problems(task(container(), container({ name: 'sidecar', readonlyRootFilesystem: undefined })))).toEqual([
        'ECS-READONLY-ROOT: leaves the root filesystem of container sidecar writable (readonlyRootFilesystem is not true)',
      ]);
    });

    it('is suppressed by reason on the task definition, and the report keeps the reason', () => {
      const stack = stackOf([task(container({ readonlyRootFilesystem: false }))]);
      suppressPolicy(stack.node.findChild('task'), 'ECS-READONLY-ROOT', 'the WordPress image writes plugins and caches under /var/www/html');
      const report = evaluateStack(stack, testConfig());
      expect(report.outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
      const outcome = report.outcomes.find((each) => each.rule.id === 'ECS-READONLY-ROOT');
      expect(outcome?.suppressed).toEqual([
        expect.objectContaining({ address: 'aws_ecs_task_definition.task', reason: 'the WordPress image writes plugins and caches under /var/www/html' }),
      ]);
      expect(report.unusedSuppressions).toEqual([]);
    });
  });

  describe('ECS-LOGGING', () => {
    it('fails a container without a logConfiguration', () => {
      expect(problems(task(container({ logConfiguration: undefined })))).toEqual(['ECS-LOGGING: sends the logs of container web nowhere (no logConfiguration)']);
    });

    it('fails awslogs without a log group or region', () => {
      const withOptions = (options: Record<string, string>) => task(container({ logConfiguration: { logDriver: 'awslogs', options } }));
      expect(problems(withOptions({ 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' }))).toEqual([
        'ECS-LOGGING: gives the awslogs configuration of container web no awslogs-group option',
      ]);
      expect(failedRules([withOptions({ 'awslogs-group': '/ecs/dev-web' })])).toEqual(['ECS-LOGGING']);
      expect(failedRules([task(container({ logConfiguration: { logDriver: 'awslogs' } }))])).toEqual(['ECS-LOGGING']);
    });

    it('fails a log driver that is neither awslogs nor awsfirelens, or none', () => {
      expect(failedRules([task(container({ logConfiguration: { logDriver: 'json-file' } }))])).toEqual(['ECS-LOGGING']);
      expect(failedRules([task(container({ logConfiguration: { options: { 'awslogs-group': '/ecs/dev-web' } } }))])).toEqual(['ECS-LOGGING']);
    });
  });

  describe('container_definitions that cannot be read', () => {
    it.each([
      ['a jsonencode expression', '${jsonencode([{name = "web", image = "nginx", privileged = true}])}'],
      ['a reference to JSON made elsewhere', '${data.template_file.containers.rendered}'],
      ['broken JSON', '[{"name": "web",'],
      ['a list of references instead of container definitions', JSON.stringify(['${local.web_container}'])],
    ])('fail every rule of the pack for %s, as not checkable', (_label, text) => {
      const resource: RawResource = { ...task(), values: { ...task().values, container_definitions: text } };
      const findings = findingsFor([resource]).filter((finding) => finding.ruleId.startsWith('ECS-'));
      expect(findings.map((finding) => finding.ruleId).sort()).toEqual(['ECS-LOGGING', 'ECS-NO-PLAINTEXT-SECRETS', 'ECS-NOT-PRIVILEGED', 'ECS-READONLY-ROOT']);
      for (const finding of findings) expect(finding.problem).toMatch(/cannot be checked/);
    });
  });
});
