import { App } from 'cdktf';
import { ContainerTaskDefinition } from '../constructs/containers/task-definition';
import { ownSuppressions } from '../constructs/policy/suppressions';
import { AppStack } from '../stacks/app-stack';
import { containerOf, ECR_IMAGE, fargate, synthAppWith } from './support/containers';
import { testConfig } from './support/fixtures';
import { onlyResource, resourcesOf } from './support/synth';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';

describe('task definition with the defaults', () => {
  const json = synthAppWith(fargate());
  const task = onlyResource(json, 'aws_ecs_task_definition');
  const container = containerOf(json);
  const [logGroupId] = Object.keys(resourcesOf(json, 'aws_cloudwatch_log_group'));

  it('is a Fargate task in awsvpc mode, Linux on x86_64, of the configured size', () => {
    expect(task).toMatchObject({
      family: 'webplat-test-app-web',
      requires_compatibilities: ['FARGATE'],
      network_mode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'X86_64' },
    });
    expect(task.execution_role_arn).toMatch(/^\$\{aws_iam_role\.containers_execution-role_\w+\.arn\}$/);
    expect(task.task_role_arn).toMatch(/^\$\{aws_iam_role\.containers_task-role_\w+\.arn\}$/);
  });

  it('has one essential container, app, listening on the app port', () => {
    expect(JSON.parse(task.container_definitions as string)).toHaveLength(1);
    expect(container).toMatchObject({ name: 'app', image: ECR_IMAGE, essential: true, portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] });
    expect(container).not.toHaveProperty('environment');
    expect(container).not.toHaveProperty('secrets');
  });

  it('sends the container\'s output to its log group through awslogs, in the region, under a stream prefix', () => {
    expect(container.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: { 'awslogs-group': `\${aws_cloudwatch_log_group.${logGroupId}.name}`, 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'ecs' },
    });
  });

  it('runs read-only and unprivileged, with an init process for ECS Exec', () => {
    expect(container).toMatchObject({ readonlyRootFilesystem: true, privileged: false, linuxParameters: { initProcessEnabled: true } });
  });

  it('keeps /tmp and the ECS Exec agent paths writable on task storage, since the root is read-only', () => {
    // Where the SSM agent that ECS Exec injects keeps its binaries, state and logs (aws/containers-roadmap#1359).
    const writable = ['/tmp', '/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm'];
    const mounts = container.mountPoints as { sourceVolume: string; containerPath: string; readOnly: boolean }[];
    expect(mounts.map((mount) => mount.containerPath)).toEqual(writable);
    expect(mounts.every((mount) => mount.readOnly === false)).toBe(true);
    // Task storage volumes: a name and no host path or EFS configuration.
    expect(task.volume).toEqual(mounts.map((mount) => ({ name: mount.sourceVolume })));
  });

  it('is written as plain JSON the policy rules can read, not a Terraform expression', () => {
    expect(String(task.container_definitions).startsWith('[{"name":"app",')).toBe(true);
  });

  it('keeps the container logs for the configured days, under the service\'s name', () => {
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/ecs/webplat-test-app-web', retention_in_days: 30 });
  });
});

describe('task definition from a full container config', () => {
  const json = synthAppWith(
    fargate((input) => {
      input.observability = { kmsKeyArn: KEY };
      input.network.ports = { app: 8080 };
      input.data = { database: {} };
      input.app!.container = {
        image: ECR_IMAGE,
        cpu: 1024,
        memoryMiB: 3072,
        logRetentionDays: 90,
        environment: { ZONE: 'eu', APP_ENV: 'test', TEMPLATE: 'Hello ${name}, 100%{ok}' },
        secrets: { API_TOKEN: 'arn:aws:ssm:eu-west-1:123456789012:parameter/site/token' },
        fromDataTier: { DB_PORT: 'database-port', DB_PASSWORD: 'database-password', DB_NAME: 'database-name' },
      };
    }),
  );
  const container = containerOf(json);

  it('takes size and port from config', () => {
    expect(onlyResource(json, 'aws_ecs_task_definition')).toMatchObject({ cpu: '1024', memory: '3072' });
    expect(container.portMappings).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }]);
  });

  it('sorts the environment by name, config\'s and the data tier\'s together', () => {
    expect(container.environment.map((variable: { name: string }) => variable.name)).toEqual(['APP_ENV', 'DB_NAME', 'DB_PORT', 'TEMPLATE', 'ZONE']);
  });

  it('sorts the secrets by name, config\'s and the data tier\'s together', () => {
    expect(container.secrets.map((secret: { name: string }) => secret.name)).toEqual(['API_TOKEN', 'DB_PASSWORD']);
  });

  it('escapes literal ${ and %{ so Terraform passes them through as text', () => {
    // Terraform templates: $${ is a literal ${, %%{ a literal %{.
    expect(container.environment).toContainEqual({ name: 'TEMPLATE', value: 'Hello $${name}, 100%%{ok}' });
  });

  it('encrypts the log group with the observability key and keeps the configured days', () => {
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({ retention_in_days: 90, kms_key_id: KEY });
  });
});

describe('task definition with a writable root file system', () => {
  it('says so in the container and suppresses ECS-READONLY-ROOT on the task definition with the reason', () => {
    const stack = new AppStack(new App(), testConfig(fargate((input) => (input.app!.container!.readonlyRootFilesystem = false))));
    const task = stack.node.findAll().find((construct): construct is ContainerTaskDefinition => construct instanceof ContainerTaskDefinition)!;
    expect(ownSuppressions(task)).toEqual([
      { ruleId: 'ECS-READONLY-ROOT', reason: 'app.container.readonlyRootFilesystem is false in config: the image writes to its root file system' },
    ]);
  });

  it('needs no writable mounts', () => {
    const json = synthAppWith(fargate((input) => (input.app!.container!.readonlyRootFilesystem = false)));
    expect(containerOf(json)).not.toHaveProperty('mountPoints');
    expect(onlyResource(json, 'aws_ecs_task_definition')).not.toHaveProperty('volume');
  });

  it('suppresses nothing when the root file system is read-only', () => {
    const stack = new AppStack(new App(), testConfig(fargate()));
    const suppressions = stack.node.findAll().flatMap((construct) => ownSuppressions(construct));
    expect(suppressions).toEqual([]);
  });
});
