import { blocks, ofType, references, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Request headers that carry credentials: WAF logs must not keep them. */
export const WAF_REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/** Every WAF web ACL logs its requests, with the credential headers redacted. */
export const wafLogging: PolicyRule = {
  id: 'WAF-LOGGING',
  pack: 'edge',
  title: 'Every WAF web ACL logs to a destination, with the authorization and cookie headers redacted.',
  explanation:
    'Without logs nobody can tell which requests were blocked, why, or whether a rule blocks real visitors; logs that keep the authorization and cookie headers hand sessions and passwords to everyone who can read them.',
  fix:
    'Add an aws_wafv2_web_acl_logging_configuration in the web ACL\'s stack with resource_arn = the web ACL\'s arn, log_destination_configs = [a Firehose stream named aws-waf-logs-*], and redacted_fields single_header "authorization" and "cookie".',
  check: ({ resources }) => {
    const configurations = ofType(resources, 'aws_wafv2_web_acl_logging_configuration');
    return ofType(resources, 'aws_wafv2_web_acl').map((acl) => {
      const own = configurations.filter((configuration) => references(configuration.values.resource_arn, acl));
      if (own.length === 0) return verdict(acl, 'has no logging configuration (aws_wafv2_web_acl_logging_configuration) in its stack');
      const configuration = own[0].values;
      const destinations = (blocks(configuration.log_destination_configs) as unknown[]).filter((destination) => destination !== '');
      const redacted = blocks(configuration.redacted_fields).flatMap((field) => blocks(field.single_header).map((header) => String(header.name ?? '').toLowerCase()));
      const missing = WAF_REDACTED_HEADERS.filter((header) => !redacted.includes(header));
      const problems = [
        destinations.length === 0 && 'logs to no destination (log_destination_configs is empty)',
        missing.length > 0 && `logs the ${missing.join(' and ')} header${missing.length > 1 ? 's' : ''} unredacted`,
      ].filter((problem): problem is string => typeof problem === 'string');
      return verdict(acl, problems.length > 0 && problems.join('; '));
    });
  },
};
