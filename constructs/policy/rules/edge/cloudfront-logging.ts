import { blocks, ofType, references, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Every CloudFront distribution writes access logs. */
export const cloudfrontLogging: PolicyRule = {
  id: 'CF-LOGGING',
  pack: 'edge',
  title: 'Every CloudFront distribution writes access logs (standard logging v2, or legacy logging_config).',
  explanation: 'Without access logs nobody can tell who requested what, trace an attack or an outage back to its requests, or see what the cache serves.',
  fix:
    'Add, with the us-east-1 provider, an aws_cloudwatch_log_delivery_source (log_type "ACCESS_LOGS", resource_arn = the distribution\'s arn), an aws_cloudwatch_log_delivery_destination and an aws_cloudwatch_log_delivery whose delivery_source_name = the source\'s name; or a logging_config block on the distribution.',
  check: ({ resources }) => {
    const sources = ofType(resources, 'aws_cloudwatch_log_delivery_source').filter((source) => source.values.log_type === 'ACCESS_LOGS');
    const deliveries = ofType(resources, 'aws_cloudwatch_log_delivery');
    return ofType(resources, 'aws_cloudfront_distribution').map((distribution) => {
      if (blocks(distribution.values.logging_config).length > 0) return verdict(distribution, false);
      const own = sources.filter((source) => references(source.values.resource_arn, distribution));
      if (own.length === 0) return verdict(distribution, 'writes no access logs (no ACCESS_LOGS aws_cloudwatch_log_delivery_source for it, no logging_config)');
      const delivered = own.some((source) => deliveries.some((delivery) => references(delivery.values.delivery_source_name, source)));
      return verdict(distribution, !delivered && `has an access log source (${own.map((source) => source.address).join(', ')}) that no aws_cloudwatch_log_delivery delivers`);
    });
  },
};
