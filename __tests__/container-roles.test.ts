import { fargate, rolePolicy, synthAppWith, wordpress } from './support/containers';
import { resourcesOf, SynthesizedStack } from './support/synth';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret';
const DATABASE_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const CACHE_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/66666666-7777-8888-9999-000000000000';
const DATA_OUTPUT = (name: string) => `\${data.terraform_remote_state.data-state.outputs.${name}}`;

/** The log group's ARN as the roles reference it. */
function logGroupArn(json: SynthesizedStack): string {
  const [id] = Object.keys(resourcesOf(json, 'aws_cloudwatch_log_group'));
  return `\${aws_cloudwatch_log_group.${id}.arn}`;
}

describe('both task roles', () => {
  const json = synthAppWith(fargate());

  it.each(['-execution', '-task'])('are assumed by ECS tasks of this account only (%s)', (suffix) => {
    expect(rolePolicy(json, suffix).trust).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ],
    });
  });

  it('have inline policies only: no managed policy is attached to either', () => {
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment')).toEqual({});
  });
});

describe('task role', () => {
  const isExec = (statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('ssmmessages:'));
  const isLogs = (statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('logs:'));

  it('may open the ECS Exec channels and write their transcripts, nothing else (besides the uploads prefix)', () => {
    const json = synthAppWith(fargate());
    const { statements, policies } = rolePolicy(json, '-task');
    expect(policies).toBe(3);
    // Session Manager's channel actions have no resource type: "*" is the only resource they take.
    expect(statements.filter(isExec)).toEqual([
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      },
    ]);
    // The ops tier's session log group, by its fixed name: arn:aws:logs:<region>:<account>:log-group:<name>[:log-stream:<stream>]
    const group = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/webplat-test-ops-sessions';
    expect(statements.filter(isLogs)).toEqual([
      { Sid: expect.any(String), Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${group}:log-stream:*` },
      { Sid: expect.any(String), Effect: 'Allow', Action: 'logs:DescribeLogStreams', Resource: `${group}:*` },
      // DescribeLogGroups lists the account's groups: IAM grants it on "*" only.
      { Sid: expect.any(String), Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
    ]);
    expect(statements.filter((statement) => !isExec(statement) && !isLogs(statement)).map((statement) => statement.Sid)).toEqual(['ListUploads', 'ReadWriteUploads']);
  });

  it('gets no log permission when the environment does not record sessions', () => {
    const json = synthAppWith(fargate((input) => (input.ops = { sessionManager: { enabled: false } })));
    const { statements, policies } = rolePolicy(json, '-task');
    expect(policies).toBe(2);
    expect(statements.filter(isLogs)).toEqual([]);
  });
});

describe('execution role of an image in ECR with no secret', () => {
  const json = synthAppWith(fargate());

  it('may get a registry token, pull from the image\'s repository only, and write to the container\'s log group only', () => {
    expect(rolePolicy(json, '-execution').statements).toEqual([
      // GetAuthorizationToken takes no resource: "*".
      { Sid: expect.any(String), Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        // ECR repository ARN: arn:aws:ecr:<region>:<account>:repository/<name>
        Resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/webplat/site',
      },
      // Log stream ARN: arn:aws:logs:<region>:<account>:log-group:<name>:log-stream:<stream>
      { Sid: expect.any(String), Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroupArn(json)}:log-stream:*` },
    ]);
  });

  it('pulls from the repository of an image pinned by digest, from another account of the region', () => {
    const pinned = synthAppWith(
      fargate((input) => {
        input.app!.container!.image = `210987654321.dkr.ecr.eu-west-1.amazonaws.com/shared/site@sha256:${'a'.repeat(64)}`;
      }),
    );
    expect(rolePolicy(pinned, '-execution').statements).toContainEqual(expect.objectContaining({ Resource: 'arn:aws:ecr:eu-west-1:210987654321:repository/shared/site' }));
  });
});

describe('execution role of an image outside ECR', () => {
  it('has no ECR permission at all: the image is pulled from its registry without AWS credentials', () => {
    const json = synthAppWith(wordpress());
    const actions = rolePolicy(json, '-execution').statements.flatMap((statement) => statement.Action);
    expect(actions.filter((action: string) => action.startsWith('ecr:'))).toEqual([]);
  });
});

describe('execution role of a container with secrets from config', () => {
  const json = synthAppWith(
    fargate((input) => {
      input.app!.container!.secrets = {
        API_KEY: `${SECRET}:site/api-key-AbC123`,
        SMTP_PASSWORD: `${SECRET}:site/smtp-Zx9Yw8:password:AWSCURRENT:`,
        LICENSE: `${SECRET}:site/license`,
        SIGNING_KEY: 'arn:aws:ssm:eu-west-1:123456789012:parameter/site/signing-key',
      };
    }),
  );
  const statements = rolePolicy(json, '-execution').statements;

  it('may read exactly those secrets: the key picker stripped, a partial ARN matched by its six-character suffix', () => {
    expect(statements).toContainEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      // Sorted by variable: API_KEY, LICENSE, SMTP_PASSWORD. A secret's full ARN ends in -<6 random characters>.
      Resource: [`${SECRET}:site/api-key-AbC123`, `${SECRET}:site/license-??????`, `${SECRET}:site/smtp-Zx9Yw8`],
    });
  });

  it('may read exactly that SSM parameter', () => {
    expect(statements).toContainEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Action: 'ssm:GetParameters',
      Resource: ['arn:aws:ssm:eu-west-1:123456789012:parameter/site/signing-key'],
    });
  });

  it('passes each valueFrom to the container as written', () => {
    const [task] = Object.values(resourcesOf(json, 'aws_ecs_task_definition'));
    expect(JSON.parse(task.container_definitions as string)[0].secrets).toEqual([
      { name: 'API_KEY', valueFrom: `${SECRET}:site/api-key-AbC123` },
      { name: 'LICENSE', valueFrom: `${SECRET}:site/license` },
      { name: 'SIGNING_KEY', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/site/signing-key' },
      { name: 'SMTP_PASSWORD', valueFrom: `${SECRET}:site/smtp-Zx9Yw8:password:AWSCURRENT:` },
    ]);
  });

  it('gets no KMS permission: config secrets use keys config does not name', () => {
    expect(statements.map((statement) => statement.Action)).not.toContain('kms:Decrypt');
  });
});

describe('execution role of a container with data tier secrets under customer-managed keys', () => {
  const json = synthAppWith(
    fargate((input) => {
      input.data = { database: { kmsKeyArn: DATABASE_KEY }, cache: { kmsKeyArn: CACHE_KEY } };
      input.app!.container!.fromDataTier = { DB_PASSWORD: 'database-password', DB_USER: 'database-username', REDIS_AUTH: 'cache-auth-token', DB_HOST: 'database-host' };
    }),
  );
  const statements = rolePolicy(json, '-execution').statements;

  it('may read the master user secret and the auth token secret, each once', () => {
    expect(statements).toContainEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: [DATA_OUTPUT('database_secret_arn'), DATA_OUTPUT('cache_auth_secret_arn')],
    });
  });

  it('may decrypt with their keys, and only through Secrets Manager in the region', () => {
    expect(statements).toContainEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: [DATABASE_KEY, CACHE_KEY],
      // kms:ViaService: <service>.<region>.amazonaws.com
      Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
    });
  });

  it('gets only the key of the secrets the container reads', () => {
    const hostOnly = synthAppWith(
      fargate((input) => {
        input.data = { database: { kmsKeyArn: DATABASE_KEY }, cache: { kmsKeyArn: CACHE_KEY } };
        input.app!.container!.fromDataTier = { REDIS_AUTH: 'cache-auth-token', DB_HOST: 'database-host' };
      }),
    );
    expect(rolePolicy(hostOnly, '-execution').statements).toContainEqual(expect.objectContaining({ Action: 'kms:Decrypt', Resource: [CACHE_KEY] }));
  });
});
