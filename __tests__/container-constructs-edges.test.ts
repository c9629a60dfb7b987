import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { containerVariables } from '../constructs/containers/container-variables';
import { ContainerWorkload, ContainerWorkloadProps } from '../constructs/containers/container-workload';
import { TaskExecutionRole } from '../constructs/containers/execution-role';
import { secretReferenceOf } from '../constructs/containers/secret-references';
import { FargateSpotService } from '../constructs/containers/service';
import { ServiceScaling } from '../constructs/containers/service-scaling';
import { TaskRole } from '../constructs/containers/task-role';
import { fargate } from './support/containers';
import { testConfig } from './support/fixtures';
import { onlyResource, refTo, resourcesOf, synthStack } from './support/synth';
import { messageThrownBy } from './support/thrown';

// The container constructs built alone, for what the app stack's tests do not pin: the Sids and
// names of the roles' policies, the service's platform version, the edges of the name, capacity and
// secret ARN checks, and the messages that name several variables.

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const LOG_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/ecs/webplat-test-app-web`;
const PARAMETER = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/site/signing-key`;

const newStack = () => new TerraformStack(Testing.app(), 'containers');
const policyOf = (resource: Record<string, unknown>) => JSON.parse(resource.policy as string) as { Version: string; Statement: Record<string, unknown>[] };

/** The message `build` throws. */
describe('execution role policy', () => {
  const LOGS = { Sid: 'WriteContainerLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${LOG_GROUP}:log-stream:*` };

  it.each([
    [
      'an ECR image with secrets, a parameter and a customer-managed key',
      { image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/webplat/site:1.4.2`, secretArns: [`${SECRET}:site/api-AbC123`], parameterArns: [PARAMETER], kmsKeyArns: [KEY] },
      [
        // GetAuthorizationToken takes no resource: "*".
        { Sid: 'AuthenticateToEcr', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'PullTheImage',
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/webplat/site`,
        },
        LOGS,
        { Sid: 'ReadContainerSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [`${SECRET}:site/api-AbC123`] },
        { Sid: 'ReadContainerParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [PARAMETER] },
        {
          Sid: 'DecryptContainerSecrets',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: [KEY],
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
        },
      ],
    ],
    ['an ECR Public image with no secret', { image: 'public.ecr.aws/docker/library/wordpress:6.8-apache', secretArns: [], parameterArns: [], kmsKeyArns: [] }, [LOGS]],
  ])('for %s: one inline policy start-tasks with exactly these statements and Sids', (_what, given, statements) => {
    const stack = newStack();
    new TaskExecutionRole(stack, 'execution-role', { name: 'webplat-test-app-web-execution', accountId: ACCOUNT, region: REGION, logGroupArn: LOG_GROUP, ...given });
    const json = synthStack(stack);
    const [roleId] = Object.keys(resourcesOf(json, 'aws_iam_role'));
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect(policy).toMatchObject({ name: 'start-tasks', role: refTo('aws_iam_role', roleId, 'name') });
    expect(policyOf(policy)).toEqual({ Version: '2012-10-17', Statement: statements });
  });
});

describe('task role policy', () => {
  it('is one inline policy ecs-exec opening the Session Manager channels on "*", with no session log target', () => {
    const stack = newStack();
    new TaskRole(stack, 'task-role', { name: 'webplat-test-app-web-task', accountId: ACCOUNT });
    const json = synthStack(stack);
    const [roleId] = Object.keys(resourcesOf(json, 'aws_iam_role'));
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect(policy).toMatchObject({ name: 'ecs-exec', role: refTo('aws_iam_role', roleId, 'name') });
    expect(policyOf(policy).Statement).toEqual([
      {
        Sid: 'EcsExecChannels',
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      },
    ]);
  });
});

describe('Fargate Spot service', () => {
  it('is exactly this service: latest platform, private, behind the target group, rolling back, count left to auto scaling', () => {
    const stack = newStack();
    new FargateSpotService(stack, 'service', {
      name: 'webplat-test-app-web',
      clusterArn: 'cluster-arn',
      taskDefinitionArn: 'task-arn',
      containerName: 'app',
      containerPort: 8080,
      targetGroupArn: 'tg-arn',
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupId: 'sg-app',
      capacity: { spotWeight: 4, onDemandWeight: 1, onDemandBase: 2 },
      desiredCount: 3,
      healthCheckGracePeriodSeconds: 90,
      dependsOn: [{ fqn: 'aws_ecs_cluster_capacity_providers.providers' }, { fqn: 'aws_lb_listener_rule.forward' }],
    });
    expect(onlyResource(synthStack(stack), 'aws_ecs_service')).toEqual({
      name: 'webplat-test-app-web',
      cluster: 'cluster-arn',
      task_definition: 'task-arn',
      desired_count: 3,
      capacity_provider_strategy: [
        { capacity_provider: 'FARGATE_SPOT', weight: 4, base: 0 },
        { capacity_provider: 'FARGATE', weight: 1, base: 2 },
      ],
      // LATEST: the newest Fargate platform version (1.4.0 or later: task storage, ECS Exec).
      platform_version: 'LATEST',
      network_configuration: { subnets: ['subnet-a', 'subnet-b'], security_groups: ['sg-app'], assign_public_ip: false },
      load_balancer: [{ target_group_arn: 'tg-arn', container_name: 'app', container_port: 8080 }],
      health_check_grace_period_seconds: 90,
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      enable_execute_command: true,
      enable_ecs_managed_tags: true,
      propagate_tags: 'SERVICE',
      lifecycle: { ignore_changes: ['desired_count'] },
      depends_on: ['aws_ecs_cluster_capacity_providers.providers', 'aws_lb_listener_rule.forward'],
    });
  });
});

describe('service scaling', () => {
  it('accepts a fixed task count: the minimum equal to the maximum', () => {
    const stack = newStack();
    new ServiceScaling(stack, 'scaling', { name: 'x', clusterName: 'c', serviceName: 's', minCapacity: 2, maxCapacity: 2, scaling: { cpuTargetPercent: 50 }, requestCountResourceLabel: 'l' });
    expect(onlyResource(synthStack(stack), 'aws_appautoscaling_target')).toMatchObject({ resource_id: 'service/c/s', min_capacity: 2, max_capacity: 2 });
  });
});

describe('container workload name', () => {
  const config = testConfig(fargate());
  const props = (name: string): ContainerWorkloadProps => ({
    name,
    container: config.app.container!,
    accountId: ACCOUNT,
    region: REGION,
    port: 80,
    subnetIds: ['subnet-a'],
    securityGroupId: 'sg-app',
    targetGroupArn: 'tg-arn',
    targetGroupInUse: { fqn: 'aws_lb_listener_rule.forward' },
    requestCountResourceLabel: 'l',
    minSize: 1,
    maxSize: 2,
    desiredCapacity: 1,
    scaling: { cpuTargetPercent: 50 },
  });
  const roleNames = (stack: TerraformStack) => Object.values(resourcesOf(synthStack(stack), 'aws_iam_role')).map((role) => role.name as string).sort();

  it('takes 54 characters, so the execution role\'s name is IAM\'s longest, 64', () => {
    const name = 'w'.repeat(54);
    const stack = newStack();
    new ContainerWorkload(stack, 'containers', props(name));
    const [execution, task] = roleNames(stack);
    expect(execution).toBe(`${name}-execution`);
    expect(execution).toHaveLength(64);
    expect(task).toBe(`${name}-task`);
  });

  it('is not measured when it holds a Terraform reference: its length is known at apply only', () => {
    const stack = newStack();
    const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' });
    new ContainerWorkload(stack, 'containers', props(`${prefix.stringValue}-${'w'.repeat(50)}`));
    expect(onlyResource(synthStack(stack), 'aws_ecs_cluster').name).toBe(`\${var.prefix}-${'w'.repeat(50)}`);
  });
});

describe('container variables refused', () => {
  const empty = { environment: {}, secrets: {}, fromDataTier: {} };

  it.each([
    [
      'names set more than once, each named once in the message',
      { ...empty, environment: { B: 'x', A: 'y' }, secrets: { A: PARAMETER, B: PARAMETER }, fromDataTier: { A: 'database-host' as const } },
      'container variables A, B are set more than once across environment, secrets and fromDataTier: name each once',
    ],
    [
      'several data tier values without the data tier\'s outputs',
      { ...empty, fromDataTier: { DB_HOST: 'database-host' as const, DB_PORT: 'database-port' as const } },
      'fromDataTier names DB_HOST, DB_PORT, but no data tier outputs were given: read them with readDataOutputs',
    ],
  ])('%s', (_what, input, message) => {
    expect(messageThrownBy(() => containerVariables(input))).toBe(message);
  });
});

describe('secret ARN IAM allows for a valueFrom', () => {
  // A secret's full ARN ends in "-" and six random letters or digits; a partial ARN (the name alone) needs "-??????" to match it.
  it.each([
    ['a full ARN whose suffix holds the edges of each range', `${SECRET}:site/api-Aa0Zz9`, `${SECRET}:site/api-Aa0Zz9`],
    ['a name with six letters after a "-" inside it, not at its end', `${SECRET}:site/db-backup/main`, `${SECRET}:site/db-backup/main-??????`],
    ['a name ending in "-" and one character', `${SECRET}:site/db-2`, `${SECRET}:site/db-2-??????`],
    ['a name ending in "-" and five characters', `${SECRET}:site/db-AbC12`, `${SECRET}:site/db-AbC12-??????`],
    ['a name ending in "-" and seven characters', `${SECRET}:site/db-AbC1234`, `${SECRET}:site/db-AbC1234-??????`],
    ['one key of a name with a "-" and six letters inside it', `${SECRET}:site/db-backup/main:password::`, `${SECRET}:site/db-backup/main-??????`],
  ])('%s', (_what, valueFrom, resourceArn) => {
    expect(secretReferenceOf(valueFrom)).toEqual({ service: 'secretsmanager', resourceArn });
  });
});
