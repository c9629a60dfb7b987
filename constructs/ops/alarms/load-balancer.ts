import { AlarmThresholds } from '../../../config/ops';
import { MetricPlace, watched, WatchedMetric } from './watched-metric';
import { WatchedResources } from './watched-resources';

// Namespace, metrics and dimensions: "CloudWatch metrics for your Application Load Balancer"
// (docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
// The load balancer publishes only while requests flow (health checks excluded), so a period without
// data is a period without traffic: notBreaching.
const NAMESPACE = 'AWS/ApplicationELB';

/** The load balancer's alarms: target 5xx, p95 response time, unhealthy targets. */
export function loadBalancerMetrics(home: MetricPlace, thresholds: AlarmThresholds, loadBalancer: WatchedResources['loadBalancer']): WatchedMetric[] {
  const byLoadBalancer = { LoadBalancer: loadBalancer.arnSuffix };
  return [
    watched(home, thresholds.targetErrors, {
      purpose: 'alb-target-5xx',
      title: 'Load balancer: 5xx responses from the targets (Sum)',
      namespace: NAMESPACE,
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: byLoadBalancer,
      statistic: 'Sum',
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      description:
        'The web servers or containers answer with 5xx errors: the site is failing for visitors. ' +
        'Check first: the application logs of the web servers or ECS tasks, then the database and cache alarms, then recent deployments.',
    }),
    watched(home, thresholds.responseTimeSeconds, {
      purpose: 'alb-response-time-p95',
      title: 'Load balancer: target response time, p95 (seconds)',
      namespace: NAMESPACE,
      metricName: 'TargetResponseTime',
      dimensions: byLoadBalancer,
      statistic: 'p95',
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      description:
        'One request in twenty takes longer than the threshold (seconds) to be answered by the targets: the site is slow. ' +
        'Check first: compute CPU and memory, then database CPU and slow queries (Performance Insights), then cache CPU.',
    }),
    watched(home, thresholds.unhealthyHosts, {
      purpose: 'alb-unhealthy-hosts',
      title: 'Load balancer: unhealthy targets (Maximum)',
      namespace: NAMESPACE,
      metricName: 'UnHealthyHostCount',
      dimensions: { LoadBalancer: loadBalancer.arnSuffix, TargetGroup: loadBalancer.targetGroupArnSuffix },
      statistic: 'Maximum',
      comparison: 'GreaterThanOrEqualToThreshold',
      // Also missing while a schedule has stopped every target: a stopped site is not an incident.
      treatMissingData: 'notBreaching',
      description:
        'Targets fail the load balancer health check and get no traffic. ' +
        'Check first: the target group health reasons in the EC2 console, then the instance or task logs (did the web server start?), then the app security group.',
    }),
  ];
}
