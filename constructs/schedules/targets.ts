import type { PolicyStatement } from '../iam-policy';

/** The partition of every ARN here: the project deploys to the commercial partition only (config/aws/README.md). */
const PARTITION = 'aws';

/** An EC2 Auto Scaling group: stopping sets MinSize and DesiredCapacity to 0, starting sets them back. */
export interface AutoScalingGroupTarget {
  readonly kind: 'auto-scaling-group';
  /** The group's name. */
  readonly groupName: string;
  /**
   * The group's ARN, the only resource the scheduler may update.
   * @default - built from the region, account and group name, with any group id
   */
  readonly groupArn?: string;
  /** MinSize the start restores (the configured minimum). */
  readonly minSize: number;
  /** DesiredCapacity the start restores; at least 1. */
  readonly desiredCapacity: number;
}

/**
 * An ECS service whose task count Application Auto Scaling owns: stopping sets the scalable target's
 * minimum and maximum to 0 (Application Auto Scaling then brings the count to 0, and no policy can
 * raise it), starting sets them back (the count rises to the minimum, and the policies take over).
 * Setting the service's desired count alone would not last: auto scaling would undo it.
 */
export interface EcsServiceTarget {
  readonly kind: 'ecs-service';
  readonly clusterName: string;
  readonly serviceName: string;
  /** The scalable target's ARN (`aws_appautoscaling_target.arn`), the only resource the scheduler may update. */
  readonly scalableTargetArn: string;
  /**
   * The scalable target's resource id.
   * @default `service/<clusterName>/<serviceName>`
   */
  readonly resourceId?: string;
  /** MinCapacity the start restores; at least 1, since from 0 tasks no metric makes a policy scale out. */
  readonly minCapacity: number;
  /** MaxCapacity the start restores. */
  readonly maxCapacity: number;
}

/** EC2 instances: stopped and started by id, and only while they carry `tag`. */
export interface InstancesTarget {
  readonly kind: 'instances';
  /** Ids of the instances to stop and start (at least one). */
  readonly instanceIds: readonly string[];
  /** A tag every one of the instances carries; the scheduler may stop and start only instances that carry it. */
  readonly tag: { readonly key: string; readonly value: string };
}

/** What a StartStopSchedule stops and starts. */
export type StartStopTarget = AutoScalingGroupTarget | EcsServiceTarget | InstancesTarget;

/** Where the target lives. */
export interface TargetLocation {
  readonly region: string;
  readonly accountId: string;
}

/** One EventBridge Scheduler universal target call: the API action's ARN and its request as JSON. */
export interface UniversalCall {
  /** `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`. */
  readonly arn: string;
  /** The API request's parameters, as the service's API reference names them. */
  readonly input: Record<string, unknown>;
}


/** How the scheduler stops and starts one target, and the only permissions that takes. */
export interface TargetActions {
  /** What is stopped and started, for descriptions. */
  readonly description: string;
  readonly stop: UniversalCall;
  readonly start: UniversalCall;
  /** The scheduler role's statements: the two calls' actions on this target only. */
  readonly statements: readonly PolicyStatement[];
}

function universalTarget(service: string, apiAction: string): string {
  return `arn:${PARTITION}:scheduler:::aws-sdk:${service}:${apiAction}`;
}

/** The ARN form IAM uses for an Auto Scaling group, any group id. */
export function autoScalingGroupArn(location: TargetLocation, groupName: string): string {
  return `arn:${PARTITION}:autoscaling:${location.region}:${location.accountId}:autoScalingGroup:*:autoScalingGroupName/${groupName}`;
}

/** The stop and start calls and the permissions for a target; throws on a target that could not be started again. */
export function targetActions(target: StartStopTarget, location: TargetLocation): TargetActions {
  switch (target.kind) {
    case 'auto-scaling-group':
      return autoScalingGroupActions(target, location);
    case 'ecs-service':
      return ecsServiceActions(target, location);
    case 'instances':
      return instancesActions(target, location);
  }
}

function autoScalingGroupActions(target: AutoScalingGroupTarget, location: TargetLocation): TargetActions {
  requireCount('desiredCapacity', target.desiredCapacity, 1);
  requireCount('minSize', target.minSize, 0);
  if (target.minSize > target.desiredCapacity) {
    throw new Error(`StartStopSchedule: minSize (${target.minSize}) must not exceed desiredCapacity (${target.desiredCapacity}), or the start would fail`);
  }
  const call = (minSize: number, desiredCapacity: number): UniversalCall => ({
    arn: universalTarget('autoscaling', 'updateAutoScalingGroup'),
    input: { AutoScalingGroupName: target.groupName, MinSize: minSize, DesiredCapacity: desiredCapacity },
  });
  return {
    description: `Auto Scaling group ${target.groupName}`,
    stop: call(0, 0),
    start: call(target.minSize, target.desiredCapacity),
    statements: [
      {
        Sid: 'ResizeTheGroup',
        Effect: 'Allow',
        Action: 'autoscaling:UpdateAutoScalingGroup',
        Resource: target.groupArn ?? autoScalingGroupArn(location, target.groupName),
      },
    ],
  };
}

function ecsServiceActions(target: EcsServiceTarget, location: TargetLocation): TargetActions {
  requireCount('minCapacity', target.minCapacity, 1);
  if (target.maxCapacity < target.minCapacity) {
    throw new Error(`StartStopSchedule: maxCapacity (${target.maxCapacity}) must not be below minCapacity (${target.minCapacity}), or the start would fail`);
  }
  const call = (minCapacity: number, maxCapacity: number): UniversalCall => ({
    arn: universalTarget('applicationautoscaling', 'registerScalableTarget'),
    input: {
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      ResourceId: target.resourceId ?? `service/${target.clusterName}/${target.serviceName}`,
      MinCapacity: minCapacity,
      MaxCapacity: maxCapacity,
    },
  });
  return {
    description: `ECS service ${target.serviceName} of cluster ${target.clusterName}`,
    stop: call(0, 0),
    start: call(target.minCapacity, target.maxCapacity),
    statements: [
      {
        Sid: 'ResizeTheScalableTarget',
        Effect: 'Allow',
        Action: 'application-autoscaling:RegisterScalableTarget',
        Resource: target.scalableTargetArn,
      },
      {
        // Application Auto Scaling checks that its caller may describe and update the service it scales.
        Sid: 'ScaleTheService',
        Effect: 'Allow',
        Action: ['ecs:DescribeServices', 'ecs:UpdateService'],
        Resource: `arn:${PARTITION}:ecs:${location.region}:${location.accountId}:service/${target.clusterName}/${target.serviceName}`,
      },
    ],
  };
}

function instancesActions(target: InstancesTarget, location: TargetLocation): TargetActions {
  if (target.instanceIds.length === 0) throw new Error('StartStopSchedule: instanceIds must name at least one instance');
  if (target.tag.key === '') throw new Error('StartStopSchedule: the instances tag needs a key');
  const instanceIds = [...target.instanceIds];
  return {
    description: `instances tagged ${target.tag.key}=${target.tag.value}`,
    stop: { arn: universalTarget('ec2', 'stopInstances'), input: { InstanceIds: instanceIds } },
    start: { arn: universalTarget('ec2', 'startInstances'), input: { InstanceIds: instanceIds } },
    statements: [
      {
        Sid: 'StopAndStartTaggedInstances',
        Effect: 'Allow',
        Action: ['ec2:StopInstances', 'ec2:StartInstances'],
        Resource: instanceIds.map((id) => `arn:${PARTITION}:ec2:${location.region}:${location.accountId}:instance/${id}`),
        Condition: { StringEquals: { [`aws:ResourceTag/${target.tag.key}`]: target.tag.value } },
      },
    ],
  };
}

function requireCount(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`StartStopSchedule: ${name} must be a whole number of at least ${minimum}, got ${value}${minimum === 1 ? ': the start would start nothing' : ''}`);
  }
}
