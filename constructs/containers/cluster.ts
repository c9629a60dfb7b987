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
  /**
   * Log group ECS Exec sessions are streamed to (logging OVERRIDE, encryption required): the session
   * log group of the ops tier, named before it exists. The task role must be able to write there.
   * @default - ECS's DEFAULT: the task definition's awslogs settings
   */
  readonly execLogGroupName?: string;
}

/**
 * An ECS cluster for Fargate tasks, with Container Insights (task and service metrics in
 * CloudWatch) and both Fargate capacity providers, so services choose their mix of Spot and
 * on-demand capacity; ECS Exec sessions are streamed to the session log group when one is named.
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
      ...(props.execLogGroupName === undefined
        ? {}
        : {
            configuration: {
              executeCommandConfiguration: {
                logging: 'OVERRIDE',
                logConfiguration: { cloudWatchLogGroupName: props.execLogGroupName, cloudWatchEncryptionEnabled: true },
              },
            },
          }),
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: cluster.name,
      capacityProviders: [FARGATE, FARGATE_SPOT],
    });
    this.arn = cluster.arn;
    this.name = cluster.name;
  }
}
