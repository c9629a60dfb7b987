import { AlarmThresholds } from '../../../config/ops';
import { MetricPlace, watched, WatchedMetric } from './watched-metric';
import { WatchedResources } from './watched-resources';

// ECS service utilization (ClusterName + ServiceName; "Amazon ECS CloudWatch metrics",
// docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html) and EC2 instance CPU
// aggregated by the Auto Scaling group (AutoScalingGroupName; EC2 publishes no memory metric without
// the CloudWatch agent). Both publish only while tasks or instances run: a schedule that stops them
// leaves no data, which is not an incident (notBreaching); a site with nothing running shows in the
// load balancer's alarms.

/** The compute alarms: the ECS service's CPU and memory, or the Auto Scaling group's CPU. */
export function computeMetrics(home: MetricPlace, thresholds: AlarmThresholds, compute: WatchedResources['compute']): WatchedMetric[] {
  if (compute.kind === 'ec2') {
    return [
      watched(home, thresholds.computeCpuPercent, {
        purpose: 'compute-cpu',
        title: 'Web servers: CPU (percent, Auto Scaling group average)',
        namespace: 'AWS/EC2',
        metricName: 'CPUUtilization',
        dimensions: { AutoScalingGroupName: compute.autoScalingGroupName },
        statistic: 'Average',
        comparison: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        description:
          'The web servers are short of CPU: the group is at its maximum size or scaling cannot keep up. ' +
          'Check first: the group activity (is it at max size?), then the request count and WAF blocks (a bot surge), then the slow pages in the access logs.',
      }),
    ];
  }
  const dimensions = { ClusterName: compute.clusterName, ServiceName: compute.serviceName };
  const hint = 'Check first: the service events and task count (at its maximum?), then the request count and WAF blocks (a bot surge)';
  return [
    watched(home, thresholds.computeCpuPercent, {
      purpose: 'compute-cpu',
      title: 'ECS service: CPU (percent of the reserved CPU)',
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      dimensions,
      statistic: 'Average',
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      description: `The service's tasks use most of their CPU: responses slow down. ${hint}; then more CPU in the task definition.`,
    }),
    watched(home, thresholds.computeMemoryPercent, {
      purpose: 'compute-memory',
      title: 'ECS service: memory (percent of the reserved memory)',
      namespace: 'AWS/ECS',
      metricName: 'MemoryUtilization',
      dimensions,
      statistic: 'Average',
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      description: `The service's tasks are near their memory limit: a task past it is killed (exit code 137). ${hint}, then stopped tasks' reasons; then more memory in the task definition.`,
    }),
  ];
}
