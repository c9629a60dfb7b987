import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { Construct } from 'constructs';
import type { ScalingConfig } from '../../config/scaling';

/** Application Auto Scaling's names for an ECS service's task count. */
export const ECS_SERVICE_NAMESPACE = 'ecs';
export const ECS_DESIRED_COUNT_DIMENSION = 'ecs:service:DesiredCount';

export interface ServiceScalingProps {
  /** Prefix of the policies' names. */
  readonly name: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** Fewest and most tasks (`app.minSize`, `app.maxSize`). */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Targets from config (`app.scaling`). */
  readonly scaling: ScalingConfig;
  /** `<load balancer arn suffix>/<target group arn suffix>` for the request-count policy. */
  readonly requestCountResourceLabel: string;
  /**
   * A start/stop schedule sets the minimum and maximum to 0 at night and back in the morning:
   * Terraform then leaves both alone, so an apply at night does not start the tasks.
   * @default false
   */
  readonly scheduled?: boolean;
}

/**
 * Service auto scaling: the task count as a scalable target between the minimum and maximum, and
 * target tracking on average CPU always and on ALB requests per target when configured. With two
 * policies the service keeps the larger of the counts they ask for; both scale in as well as out.
 */
export class ServiceScaling extends Construct {
  /** The scalable target's ARN (what a schedule may update). */
  public readonly scalableTargetArn: string;
  /** `service/<cluster>/<service>`. */
  public readonly resourceId: string;

  constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    if (props.minCapacity > props.maxCapacity) {
      throw new Error(`ServiceScaling: minCapacity (${props.minCapacity}) must not exceed maxCapacity (${props.maxCapacity})`);
    }
    const target = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: ECS_SERVICE_NAMESPACE,
      scalableDimension: ECS_DESIRED_COUNT_DIMENSION,
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      ...(props.scheduled ? { lifecycle: { ignoreChanges: ['min_capacity', 'max_capacity'] } } : {}),
    });
    const policy = (policyId: string, metric: { predefinedMetricType: string; resourceLabel?: string }, targetValue: number) =>
      new AppautoscalingPolicy(this, policyId, {
        name: `${props.name}-${policyId}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: metric, targetValue },
      });
    policy('cpu', { predefinedMetricType: 'ECSServiceAverageCPUUtilization' }, props.scaling.cpuTargetPercent);
    if (props.scaling.requestsPerTarget !== undefined) {
      policy('requests', { predefinedMetricType: 'ALBRequestCountPerTarget', resourceLabel: props.requestCountResourceLabel }, props.scaling.requestsPerTarget);
    }
    this.scalableTargetArn = target.arn;
    this.resourceId = target.resourceId;
  }
}
