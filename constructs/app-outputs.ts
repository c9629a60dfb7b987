import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { OutputNames, readTierOutputs } from './tier-outputs';

/** What the edge and ops tiers know of the app tier. */
export interface AppOutputs {
  readonly albDnsName: string;
  readonly originSecretArn: string;
  /** `app/<name>/<id>`: the LoadBalancer dimension of the load balancer's metrics. */
  readonly loadBalancerArnSuffix: string;
  /** `targetgroup/<name>/<id>`: the TargetGroup dimension of the target group's metrics. */
  readonly targetGroupArnSuffix: string;
  /** The Auto Scaling group's name (`ec2`), or the ECS cluster's and service's (`fargate-spot`: both carry it). */
  readonly computeName: string;
}

/** Output names of the `<env>-app` stack. */
export const APP_OUTPUT_NAMES: OutputNames<AppOutputs> = {
  albDnsName: 'alb_dns_name',
  originSecretArn: 'origin_secret_arn',
  loadBalancerArnSuffix: 'alb_arn_suffix',
  targetGroupArnSuffix: 'target_group_arn_suffix',
  computeName: 'compute_name',
};

/** The app tier's outputs, read from its remote state. */
export function readAppOutputs(scope: Construct, config: EnvironmentConfig): AppOutputs {
  return readTierOutputs<AppOutputs>(scope, config, 'app', APP_OUTPUT_NAMES);
}
