import { TerraformStack, Testing } from 'cdktf';
import { ContainerWorkload } from '../constructs/containers/container-workload';
import { ServiceScaling } from '../constructs/containers/service-scaling';
import { fargate, synthAppWith } from './support/containers';
import { asProduction, testConfig } from './support/fixtures';
import { onlyResource, refTo, resourcesOf, SynthesizedStack } from './support/synth';

const idOf = (json: SynthesizedStack, type: string) => Object.keys(resourcesOf(json, type))[0];
const policies = (json: SynthesizedStack) => Object.values(resourcesOf(json, 'aws_appautoscaling_policy')) as Record<string, any>[];

describe('cluster', () => {
  const json = synthAppWith(fargate());

  it('has Container Insights on', () => {
    expect(onlyResource(json, 'aws_ecs_cluster')).toMatchObject({ name: 'webplat-test-app-web', setting: [{ name: 'containerInsights', value: 'enabled' }] });
  });

  it('streams ECS Exec sessions to the ops tier\'s session log group, which must be encrypted', () => {
    expect(onlyResource(json, 'aws_ecs_cluster').configuration).toEqual({
      execute_command_configuration: {
        logging: 'OVERRIDE',
        log_configuration: { cloud_watch_log_group_name: '/aws/ssm/webplat-test-ops-sessions', cloud_watch_encryption_enabled: true },
      },
    });
  });

  it('leaves ECS Exec logging at its default when the environment does not record sessions', () => {
    const cluster = onlyResource(synthAppWith(fargate((input) => (input.ops = { sessionManager: { enabled: false } }))), 'aws_ecs_cluster');
    expect(cluster).toEqual({ name: 'webplat-test-app-web', setting: [{ name: 'containerInsights', value: 'enabled' }] });
  });

  it('offers both Fargate capacity providers, on-demand and Spot', () => {
    expect(onlyResource(json, 'aws_ecs_cluster_capacity_providers')).toEqual({
      cluster_name: refTo('aws_ecs_cluster', idOf(json, 'aws_ecs_cluster'), 'name'),
      capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
    });
  });
});

describe('service', () => {
  const json = synthAppWith(
    fargate((input) => {
      input.app = { ...input.app, minSize: 2, maxSize: 6, desiredCapacity: 3 };
      input.app.container!.capacity = { spotWeight: 3, onDemandWeight: 1, onDemandBase: 2 };
      input.app.container!.healthCheckGracePeriodSeconds = 120;
    }),
  );
  const service = onlyResource(json, 'aws_ecs_service');

  it('runs on Fargate Spot and on-demand Fargate with the configured weights, the base on on-demand', () => {
    expect(service.capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE_SPOT', weight: 3, base: 0 },
      { capacity_provider: 'FARGATE', weight: 1, base: 2 },
    ]);
    expect(service).not.toHaveProperty('launch_type');
  });

  it('runs the task definition in the cluster', () => {
    expect(service).toMatchObject({
      cluster: refTo('aws_ecs_cluster', idOf(json, 'aws_ecs_cluster'), 'arn'),
      task_definition: refTo('aws_ecs_task_definition', idOf(json, 'aws_ecs_task_definition'), 'arn'),
    });
  });

  it('places tasks in the private app subnets with the app security group and no public address', () => {
    expect(service.network_configuration).toEqual({
      subnets: '${data.terraform_remote_state.network-state.outputs.private_app_subnet_ids}',
      security_groups: ['${data.terraform_remote_state.network-state.outputs.app_security_group_id}'],
      assign_public_ip: false,
    });
  });

  it('rolls a failed deployment back, starting new tasks before old ones stop', () => {
    expect(service).toMatchObject({ deployment_circuit_breaker: { enable: true, rollback: true }, deployment_minimum_healthy_percent: 100, deployment_maximum_percent: 200 });
  });

  it('ignores load balancer health checks for the configured grace period after a task starts', () => {
    expect(service.health_check_grace_period_seconds).toBe(120);
  });

  it('allows ECS Exec and propagates the service\'s tags to its tasks', () => {
    expect(service).toMatchObject({ enable_execute_command: true, propagate_tags: 'SERVICE', enable_ecs_managed_tags: true });
  });

  it('starts with the desired capacity and leaves the count to auto scaling afterwards', () => {
    expect(service).toMatchObject({ desired_count: 3, lifecycle: { ignore_changes: ['desired_count'] } });
  });

  it('is created after the capacity providers and the listener rule that puts the target group in use', () => {
    expect(service.depends_on).toEqual([
      `aws_ecs_cluster_capacity_providers.${idOf(json, 'aws_ecs_cluster_capacity_providers')}`,
      `aws_lb_listener_rule.${idOf(json, 'aws_lb_listener_rule')}`,
    ]);
  });
});

describe('service capacity by environment', () => {
  it('keeps one task on on-demand Fargate in production by default', () => {
    const json = synthAppWith(fargate(asProduction));
    expect(onlyResource(json, 'aws_ecs_service').capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE_SPOT', weight: 1, base: 0 },
      { capacity_provider: 'FARGATE', weight: 0, base: 1 },
    ]);
  });

  it('runs everything on Spot elsewhere by default', () => {
    expect(onlyResource(synthAppWith(fargate()), 'aws_ecs_service').capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE_SPOT', weight: 1, base: 0 },
      { capacity_provider: 'FARGATE', weight: 0, base: 0 },
    ]);
  });
});

describe('service auto scaling', () => {
  const json = synthAppWith(fargate((input) => (input.app = { ...input.app, minSize: 1, maxSize: 8, desiredCapacity: 2, scaling: { cpuTargetPercent: 60, requestsPerTarget: 750 } })));
  const targetId = idOf(json, 'aws_appautoscaling_target');

  it('makes the service\'s task count a scalable target between the configured minimum and maximum', () => {
    // Application Auto Scaling: namespace ecs, dimension ecs:service:DesiredCount, resource id service/<cluster>/<service>.
    expect(onlyResource(json, 'aws_appautoscaling_target')).toEqual({
      service_namespace: 'ecs',
      scalable_dimension: 'ecs:service:DesiredCount',
      resource_id: `service/${refTo('aws_ecs_cluster', idOf(json, 'aws_ecs_cluster'), 'name')}/${refTo('aws_ecs_service', idOf(json, 'aws_ecs_service'), 'name')}`,
      min_capacity: 1,
      max_capacity: 8,
    });
  });

  it('tracks average CPU and ALB requests per target of this load balancer and target group', () => {
    const target = { resource_id: refTo('aws_appautoscaling_target', targetId, 'resource_id'), scalable_dimension: refTo('aws_appautoscaling_target', targetId, 'scalable_dimension'), service_namespace: refTo('aws_appautoscaling_target', targetId, 'service_namespace') };
    expect(policies(json)).toEqual([
      {
        name: 'webplat-test-app-web-cpu',
        policy_type: 'TargetTrackingScaling',
        ...target,
        target_tracking_scaling_policy_configuration: { predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' }, target_value: 60 },
      },
      {
        name: 'webplat-test-app-web-requests',
        policy_type: 'TargetTrackingScaling',
        ...target,
        target_tracking_scaling_policy_configuration: {
          predefined_metric_specification: {
            predefined_metric_type: 'ALBRequestCountPerTarget',
            // app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>: the two ARN suffixes joined by "/".
            resource_label: `${refTo('aws_lb', idOf(json, 'aws_lb'), 'arn_suffix')}/${refTo('aws_lb_target_group', idOf(json, 'aws_lb_target_group'), 'arn_suffix')}`,
          },
          target_value: 750,
        },
      },
    ]);
  });

  it('tracks CPU alone when no request target is configured', () => {
    expect(policies(synthAppWith(fargate())).map((policy) => policy.target_tracking_scaling_policy_configuration)).toEqual([
      { predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' }, target_value: 50 },
    ]);
  });
});

describe('container constructs refuse props they cannot honour', () => {
  const stack = () => new TerraformStack(Testing.app(), 'containers');

  it('refuses a minimum above the maximum', () => {
    expect(
      () => new ServiceScaling(stack(), 'scaling', { name: 'x', clusterName: 'c', serviceName: 's', minCapacity: 3, maxCapacity: 2, scaling: { cpuTargetPercent: 50 }, requestCountResourceLabel: 'l' }),
    ).toThrow('ServiceScaling: minCapacity (3) must not exceed maxCapacity (2)');
  });

  it('refuses a name prefix too long for the roles\' names', () => {
    const config = testConfig(fargate());
    expect(
      () =>
        new ContainerWorkload(stack(), 'containers', {
          name: 'a'.repeat(55), container: config.app.container!, accountId: config.accountId, region: config.region, port: 80, subnetIds: [], securityGroupId: 'sg',
          targetGroupArn: 'tg', targetGroupInUse: { fqn: 'x' }, requestCountResourceLabel: 'l', minSize: 1, maxSize: 1, desiredCapacity: 1, scaling: { cpuTargetPercent: 50 },
        }),
    ).toThrow(/ContainerWorkload: name "a{55}" has 55 characters, at most 54 fit/);
  });

  it('refuses values from the data tier without its outputs', () => {
    const config = testConfig(fargate((input) => {
      input.data = { database: {} };
      input.app!.container!.fromDataTier = { DB_HOST: 'database-host' };
    }));
    expect(
      () =>
        new ContainerWorkload(stack(), 'containers', {
          name: 'x', container: config.app.container!, accountId: config.accountId, region: config.region, port: 80, subnetIds: [], securityGroupId: 'sg',
          targetGroupArn: 'tg', targetGroupInUse: { fqn: 'x' }, requestCountResourceLabel: 'l', minSize: 1, maxSize: 1, desiredCapacity: 1, scaling: { cpuTargetPercent: 50 },
        }),
    ).toThrow('fromDataTier names DB_HOST, but no data tier outputs were given: read them with readDataOutputs');
  });
});
