import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedContainerConfig } from '../../config/schema';
import type { ScalingConfig } from '../../config/scaling';
import { DataOutputs } from '../data-outputs';
import { ContainerCluster } from './cluster';
import { containerVariables, DataSecretKeys } from './container-variables';
import { TaskExecutionRole } from './execution-role';
import { ContainerLogGroup } from './log-group';
import { FargateSpotService } from './service';
import { ServiceScaling } from './service-scaling';
import { APP_CONTAINER_NAME, ContainerTaskDefinition } from './task-definition';
import { TaskRole } from './task-role';

/** Longest name prefix: the execution role's name (`<name>-execution`) must fit IAM's 64 characters. */
export const MAX_WORKLOAD_NAME_LENGTH = 54;

export interface ContainerWorkloadProps {
  /**
   * Prefix of the physical names, such as `webplat-dev-app-web`: the cluster, service and task
   * family are named `<name>`, the roles `<name>-execution` and `<name>-task`, the log group
   * `/aws/ecs/<name>`, the scaling policies `<name>-cpu` and `<name>-requests`. At most
   * MAX_WORKLOAD_NAME_LENGTH characters.
   */
  readonly name: string;
  /** The container from config (`app.container`, resolved). */
  readonly container: ResolvedContainerConfig;
  /** The environment's account: the only one whose ECS tasks may assume the roles. */
  readonly accountId: string;
  /** Home region (logs, secrets). */
  readonly region: string;
  /** The app port the container listens on. */
  readonly port: number;
  /** Private app subnets, one per zone. */
  readonly subnetIds: string[];
  /** The app tier's security group. */
  readonly securityGroupId: string;
  /** The load balancer's target group (type ip). */
  readonly targetGroupArn: string;
  /** The listener rule forwarding to the target group: ECS refuses a target group no load balancer uses yet. */
  readonly targetGroupInUse: ITerraformDependable;
  /** `<load balancer arn suffix>/<target group arn suffix>` for the request-count policy. */
  readonly requestCountResourceLabel: string;
  /** Fewest, most and initial tasks (`app.minSize`, `app.maxSize`, `app.desiredCapacity`). */
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  /** Target tracking from config (`app.scaling`). */
  readonly scaling: ScalingConfig;
  /**
   * A start/stop schedule owns the scalable target's minimum and maximum: Terraform leaves them alone.
   * @default false
   */
  readonly scheduled?: boolean;
  /**
   * Customer-managed KMS key of the log group (`observability.kmsKeyArn`).
   * @default - the CloudWatch Logs service key
   */
  readonly logKmsKeyArn?: string;
  /**
   * The data tier's outputs, when `fromDataTier` names any.
   * @default - none: `fromDataTier` must be empty
   */
  readonly dataOutputs?: DataOutputs;
  /**
   * Customer-managed KMS keys of the data tier's secrets (`data.database.kmsKeyArn`, `data.cache.kmsKeyArn`).
   * @default - AWS managed keys, which need no grant
   */
  readonly dataSecretKeys?: DataSecretKeys;
  /**
   * The ops tier's session log group (`ops.sessionManager`, see sessionLogGroupName), in the home region:
   * the cluster streams ECS Exec sessions there and the task role may write to it, nothing more.
   * @default - sessions are logged as ECS's DEFAULT says, and the task role has no log permission
   */
  readonly sessionLogGroupName?: string;
}

/**
 * The app tier's workload as containers (`app.compute: fargate-spot`): an ECS cluster on Fargate and
 * Fargate Spot, the container's log group, its execution and task roles, the task definition, the
 * service behind the load balancer, and service auto scaling between the minimum and maximum.
 */
export class ContainerWorkload extends Construct {
  public readonly clusterName: string;
  public readonly serviceName: string;
  /** The application's role: what the application may reach is attached to it by name. */
  public readonly taskRoleName: string;
  /** The service's scalable target, which a schedule may resize. */
  public readonly scalableTargetArn: string;
  /** `service/<cluster>/<service>`, the scalable target's resource id. */
  public readonly scalableResourceId: string;

  constructor(scope: Construct, id: string, props: ContainerWorkloadProps) {
    super(scope, id);
    const { name, container } = props;
    if (!Token.isUnresolved(name) && name.length > MAX_WORKLOAD_NAME_LENGTH) {
      throw new Error(`ContainerWorkload: name ${JSON.stringify(name)} has ${name.length} characters, at most ${MAX_WORKLOAD_NAME_LENGTH} fit (use Naming.name(tier, purpose, MAX_WORKLOAD_NAME_LENGTH))`);
    }
    const variables = containerVariables({
      environment: container.environment,
      secrets: container.secrets,
      fromDataTier: container.fromDataTier,
      dataOutputs: props.dataOutputs,
      dataSecretKeys: props.dataSecretKeys,
    });

    const cluster = new ContainerCluster(this, 'cluster', { name, execLogGroupName: props.sessionLogGroupName });
    const logs = new ContainerLogGroup(this, 'logs', { name: `/aws/ecs/${name}`, retentionDays: container.logRetentionDays, kmsKeyArn: props.logKmsKeyArn });
    const executionRole = new TaskExecutionRole(this, 'execution-role', {
      name: `${name}-execution`,
      accountId: props.accountId,
      region: props.region,
      image: container.image,
      logGroupArn: logs.arn,
      secretArns: variables.secretArns,
      parameterArns: variables.parameterArns,
      kmsKeyArns: variables.kmsKeyArns,
    });
    const taskRole = new TaskRole(this, 'task-role', {
      name: `${name}-task`,
      accountId: props.accountId,
      sessionLogs: props.sessionLogGroupName === undefined ? undefined : { logGroupName: props.sessionLogGroupName, region: props.region, accountId: props.accountId },
    });
    const task = new ContainerTaskDefinition(this, 'task', {
      family: name,
      image: container.image,
      cpu: container.cpu,
      memoryMiB: container.memoryMiB,
      port: props.port,
      environment: variables.environment,
      secrets: variables.secrets,
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      logGroupName: logs.name,
      region: props.region,
      readonlyRootFilesystem: container.readonlyRootFilesystem,
    });
    const service = new FargateSpotService(this, 'service', {
      name,
      clusterArn: cluster.arn,
      taskDefinitionArn: task.arn,
      containerName: APP_CONTAINER_NAME,
      containerPort: props.port,
      targetGroupArn: props.targetGroupArn,
      subnetIds: props.subnetIds,
      securityGroupId: props.securityGroupId,
      capacity: container.capacity,
      desiredCount: props.desiredCapacity,
      healthCheckGracePeriodSeconds: container.healthCheckGracePeriodSeconds,
      dependsOn: [cluster.capacityProviders, props.targetGroupInUse],
    });
    const scaling = new ServiceScaling(this, 'scaling', {
      name,
      clusterName: cluster.name,
      serviceName: service.name,
      minCapacity: props.minSize,
      maxCapacity: props.maxSize,
      scaling: props.scaling,
      requestCountResourceLabel: props.requestCountResourceLabel,
      scheduled: props.scheduled,
    });
    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.taskRoleName = taskRole.name;
    this.scalableTargetArn = scaling.scalableTargetArn;
    this.scalableResourceId = scaling.resourceId;
  }
}
