import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { FARGATE, FARGATE_SPOT } from './cluster';

/** How tasks are spread over Fargate Spot and on-demand Fargate. */
export interface FargateCapacity {
  /** Relative share of tasks beyond the base on FARGATE_SPOT. */
  readonly spotWeight: number;
  /** Relative share of tasks beyond the base on on-demand FARGATE. */
  readonly onDemandWeight: number;
  /** Tasks always on on-demand FARGATE, placed first. */
  readonly onDemandBase: number;
}

export interface FargateSpotServiceProps {
  /** The service's name. */
  readonly name: string;
  /** ARN of the cluster. */
  readonly clusterArn: string;
  /** ARN of the task definition (a revision). */
  readonly taskDefinitionArn: string;
  /** The container the load balancer sends requests to, and its port. */
  readonly containerName: string;
  readonly containerPort: number;
  /** Target group of type ip the tasks register in. */
  readonly targetGroupArn: string;
  /** Private app subnets, one per zone. */
  readonly subnetIds: string[];
  /** The app tier's security group. */
  readonly securityGroupId: string;
  readonly capacity: FargateCapacity;
  /** Tasks at creation; auto scaling owns the count afterwards (Terraform ignores it). */
  readonly desiredCount: number;
  /** Seconds failing load balancer health checks are ignored after a task starts. */
  readonly healthCheckGracePeriodSeconds: number;
  /** What must exist before the service: the cluster's capacity providers, the listener rule forwarding to the target group. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * An ECS service of Fargate tasks behind the load balancer, in the private app subnets with no
 * public address. Tasks go to on-demand Fargate up to the base, then to Spot and on-demand by
 * weight. A deployment that does not become healthy rolls back on its own (circuit breaker); new
 * tasks start before old ones stop. ECS Exec is on (the task role holds its channels), tags
 * propagate from the service to its tasks, and the task count belongs to auto scaling.
 */
export class FargateSpotService extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: FargateSpotServiceProps) {
    super(scope, id);
    const service = new EcsService(this, 'service', {
      name: props.name,
      cluster: props.clusterArn,
      taskDefinition: props.taskDefinitionArn,
      desiredCount: props.desiredCount,
      capacityProviderStrategy: [
        { capacityProvider: FARGATE_SPOT, weight: props.capacity.spotWeight, base: 0 },
        { capacityProvider: FARGATE, weight: props.capacity.onDemandWeight, base: props.capacity.onDemandBase },
      ],
      platformVersion: 'LATEST',
      networkConfiguration: { subnets: props.subnetIds, securityGroups: [props.securityGroupId], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: props.containerName, containerPort: props.containerPort }],
      healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      enableExecuteCommand: true,
      enableEcsManagedTags: true,
      propagateTags: 'SERVICE',
      lifecycle: { ignoreChanges: ['desired_count'] },
      dependsOn: props.dependsOn,
    });
    this.name = service.name;
  }
}
