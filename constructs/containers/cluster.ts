import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** Fargate capacity providers: on-demand and Spot (interruptible, up to 70% cheaper). */
export const FARGATE = 'FARGATE';
export const FARGATE_SPOT = 'FARGATE_SPOT';

export interface ContainerClusterProps {
  /** The cluster's name. */
  readonly name: string;
}

/**
 * An ECS cluster for Fargate tasks, with Container Insights (task and service metrics in
 * CloudWatch) and both Fargate capacity providers, so services choose their mix of Spot and
 * on-demand capacity.
 */
export class ContainerCluster extends Construct {
  public readonly arn: string;
  public readonly name: string;
  /** The capacity providers' association: a service using them must be created after it. */
  public readonly capacityProviders: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ContainerClusterProps) {
    super(scope, id);
    const cluster = new EcsCluster(this, 'cluster', {
      name: props.name,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: cluster.name,
      capacityProviders: [FARGATE, FARGATE_SPOT],
    });
    this.arn = cluster.arn;
    this.name = cluster.name;
  }
}
