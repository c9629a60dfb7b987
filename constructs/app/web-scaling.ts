import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { Construct } from 'constructs';
import type { ScalingConfig } from '../../config/scaling';

export interface WebScalingProps {
  /** Prefix of the policies' names. */
  readonly name: string;
  /** The Auto Scaling group to scale, between its own minimum and maximum size. */
  readonly autoScalingGroupName: string;
  /** Targets from config (`app.scaling`). */
  readonly scaling: ScalingConfig;
  /** `<load balancer arn suffix>/<target group arn suffix>` for the request-count policy. */
  readonly requestCountResourceLabel: string;
}

/**
 * Target-tracking policies of the web servers' group: average CPU always, ALB requests per
 * target when configured. Target tracking scales in as well as out, and with two policies the
 * group keeps the larger of the sizes they ask for.
 */
export class WebScaling extends Construct {
  constructor(scope: Construct, id: string, props: WebScalingProps) {
    super(scope, id);
    new AutoscalingPolicy(this, 'cpu', {
      name: `${props.name}-cpu`,
      autoscalingGroupName: props.autoScalingGroupName,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
        targetValue: props.scaling.cpuTargetPercent,
      },
    });
    if (props.scaling.requestsPerTarget !== undefined) {
      new AutoscalingPolicy(this, 'requests', {
        name: `${props.name}-requests`,
        autoscalingGroupName: props.autoScalingGroupName,
        policyType: 'TargetTrackingScaling',
        targetTrackingConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: 'ALBRequestCountPerTarget', resourceLabel: props.requestCountResourceLabel },
          targetValue: props.scaling.requestsPerTarget,
        },
      });
    }
  }
}
