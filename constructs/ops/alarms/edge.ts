import { AlarmThresholds } from '../../../config/ops';
import { MetricPlace, watched, WatchedMetric } from './watched-metric';
import { WatchedResources } from './watched-resources';

// ACM publishes DaysToExpiry daily per certificate in the certificate's region (AWS/CertificateManager,
// CertificateArn; "Supported CloudWatch metrics", docs.aws.amazon.com/acm/latest/userguide/cloudwatch-metrics.html).
// It stops once the certificate has expired, so a missing value is treated as breaching.
// CloudFront publishes in us-east-1 only, with Region=Global ("Types of metrics for CloudFront",
// docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html);
// 5xxErrorRate's one valid statistic is Average, and it is absent when there are no requests (notBreaching).

function certificateMetric(place: MetricPlace, thresholds: AlarmThresholds, which: 'regional' | 'global', arn: string): WatchedMetric {
  const user = which === 'regional' ? 'load balancer' : 'CloudFront';
  return watched(place, thresholds.certificateDaysToExpiry, {
    purpose: `certificate-${which}-days-to-expiry`,
    title: `Certificate (${user}): days to expiry (Minimum)`,
    namespace: 'AWS/CertificateManager',
    metricName: 'DaysToExpiry',
    dimensions: { CertificateArn: arn },
    statistic: 'Minimum',
    comparison: 'LessThanThreshold',
    treatMissingData: 'breaching',
    description:
      `The ${user} certificate expires soon and ACM has not renewed it: browsers will refuse the site when it does. ` +
      `Check first: the certificate's renewal status in the ACM console (${which === 'global' ? 'us-east-1' : 'home region'}), then that its DNS validation CNAME records still exist in the public zone.`,
  });
}

/** The regional certificate's alarm, in the home region. */
export function regionalCertificateMetrics(home: MetricPlace, thresholds: AlarmThresholds, certificates: WatchedResources['certificates']): WatchedMetric[] {
  return [certificateMetric(home, thresholds, 'regional', certificates.regionalArn)];
}

/** The us-east-1 alarms: the CloudFront certificate and the distribution's 5xx error rate. */
export function globalMetrics(global: MetricPlace, thresholds: AlarmThresholds, watchedResources: WatchedResources): WatchedMetric[] {
  return [
    watched(global, thresholds.cdnErrorRatePercent, {
      purpose: 'cdn-5xx-rate',
      title: 'CloudFront: 5xx error rate (percent of requests)',
      namespace: 'AWS/CloudFront',
      metricName: '5xxErrorRate',
      dimensions: { DistributionId: watchedResources.distributionId, Region: 'Global' },
      statistic: 'Average',
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      description:
        'Visitors get 5xx errors from CloudFront: the origin fails, times out, or cannot be reached. ' +
        'Check first: the load balancer alarms (target 5xx, unhealthy hosts); if they are quiet, 502/504 from CloudFront itself (origin TLS, the origin secret header, the ALB security group).',
    }),
    certificateMetric(global, thresholds, 'global', watchedResources.certificates.globalArn),
  ];
}
