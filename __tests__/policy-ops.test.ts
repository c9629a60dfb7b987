import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { evaluateStack } from '../constructs/policy/engine';
import { cloudfrontLogging } from '../constructs/policy/rules/edge/cloudfront-logging';
import { cloudfrontSecurityHeaders } from '../constructs/policy/rules/edge/cloudfront-security-headers';
import { wafLogging } from '../constructs/policy/rules/edge/waf-logging';
import { wafRegionalClientIp } from '../constructs/policy/rules/edge/waf-regional-client-ip';
import { alarmActionRegion } from '../constructs/policy/rules/observability/alarm-action-region';
import { snsTopicEncrypted } from '../constructs/policy/rules/observability/sns-topic-encrypted';
import { PolicyRule } from '../constructs/policy/types';
import { testConfig } from './support/fixtures';
import { RawResource, stackOf } from './support/policy';

/** What one rule says of a stack of these resources: how many resources passed, and each failure as `<address>: <problem>`. */
function judge(rule: PolicyRule, resources: readonly RawResource[], providers: readonly { alias?: string; region: string }[] = []): { passed: number; failed: string[] } {
  const stack = stackOf(resources);
  for (const { alias, region } of providers) new AwsProvider(stack, `provider-${alias ?? 'default'}`, { region, alias });
  const [outcome] = evaluateStack(stack, testConfig(), [rule]).outcomes;
  return { passed: outcome.passed, failed: outcome.failed.map((finding) => `${finding.address}: ${finding.problem}`) };
}

const HOME = { region: 'eu-west-1' };
const GLOBAL = { alias: 'global', region: 'us-east-1' };
const ANOTHER_HOME = { alias: 'home-again', region: 'eu-west-1' };

describe('WAF-LOGGING', () => {
  const acl: RawResource = { type: 'aws_wafv2_web_acl', id: 'acl', values: { name: 'acl', scope: 'REGIONAL', default_action: { allow: {} } } };
  const logging = (values: Record<string, unknown> = {}): RawResource => ({
    type: 'aws_wafv2_web_acl_logging_configuration',
    id: 'acl-logging',
    values: {
      resource_arn: '${aws_wafv2_web_acl.acl.arn}',
      log_destination_configs: ['${aws_kinesis_firehose_delivery_stream.waf.arn}'],
      redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
      ...values,
    },
  });

  it('passes a web ACL that logs to a destination with authorization and cookie redacted', () => {
    expect(judge(wafLogging, [acl, logging()])).toEqual({ passed: 1, failed: [] });
  });

  it('fails a web ACL without a logging configuration, or with one for another ACL', () => {
    const expected = { passed: 0, failed: ['aws_wafv2_web_acl.acl: has no logging configuration (aws_wafv2_web_acl_logging_configuration) in its stack'] };
    expect(judge(wafLogging, [acl])).toEqual(expected);
    expect(judge(wafLogging, [acl, logging({ resource_arn: '${aws_wafv2_web_acl.other.arn}' })])).toEqual(expected);
  });

  it('fails a logging configuration with no destination', () => {
    expect(judge(wafLogging, [acl, logging({ log_destination_configs: [] })]).failed).toEqual([
      'aws_wafv2_web_acl.acl: logs to no destination (log_destination_configs is empty)',
    ]);
  });

  it('fails a logging configuration that keeps the authorization or cookie header', () => {
    expect(judge(wafLogging, [acl, logging({ redacted_fields: [{ single_header: { name: 'cookie' } }] })]).failed).toEqual([
      'aws_wafv2_web_acl.acl: logs the authorization header unredacted',
    ]);
    expect(judge(wafLogging, [acl, logging({ redacted_fields: [{ uri_path: {} }] })]).failed).toEqual([
      'aws_wafv2_web_acl.acl: logs the authorization and cookie headers unredacted',
    ]);
  });

  it('does not apply to a stack without a web ACL', () => {
    expect(judge(wafLogging, [logging()])).toEqual({ passed: 0, failed: [] });
  });
});

describe('CF-LOGGING', () => {
  const distribution = (values: Record<string, unknown> = {}): RawResource => ({
    type: 'aws_cloudfront_distribution',
    id: 'cdn',
    values: { enabled: true, default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: 'redirect-to-https' }, ...values },
  });
  const source = (values: Record<string, unknown> = {}): RawResource => ({
    type: 'aws_cloudwatch_log_delivery_source',
    id: 'cdn-logs',
    values: { name: 'cdn-access-logs', log_type: 'ACCESS_LOGS', resource_arn: '${aws_cloudfront_distribution.cdn.arn}', ...values },
  });
  const delivery = (values: Record<string, unknown> = {}): RawResource => ({
    type: 'aws_cloudwatch_log_delivery',
    id: 'cdn-delivery',
    values: {
      delivery_source_name: '${aws_cloudwatch_log_delivery_source.cdn-logs.name}',
      delivery_destination_arn: '${aws_cloudwatch_log_delivery_destination.s3.arn}',
      ...values,
    },
  });

  it('passes a distribution with an ACCESS_LOGS delivery source and a delivery of it', () => {
    expect(judge(cloudfrontLogging, [distribution(), source(), delivery()])).toEqual({ passed: 1, failed: [] });
  });

  it('passes a distribution with legacy logging_config', () => {
    expect(judge(cloudfrontLogging, [distribution({ logging_config: { bucket: 'logs.s3.amazonaws.com', include_cookies: false } })])).toEqual({ passed: 1, failed: [] });
  });

  it('fails a distribution without a delivery source of its access logs', () => {
    const expected = ['aws_cloudfront_distribution.cdn: writes no access logs (no ACCESS_LOGS aws_cloudwatch_log_delivery_source for it, no logging_config)'];
    expect(judge(cloudfrontLogging, [distribution()]).failed).toEqual(expected);
    expect(judge(cloudfrontLogging, [distribution(), source({ log_type: 'CONNECTION_LOGS' }), delivery()]).failed).toEqual(expected);
    expect(judge(cloudfrontLogging, [distribution(), source({ resource_arn: 'arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE' }), delivery()]).failed).toEqual(expected);
  });

  it('fails a distribution whose delivery source nothing delivers', () => {
    const expected = ['aws_cloudfront_distribution.cdn: has an access log source (aws_cloudwatch_log_delivery_source.cdn-logs) that no aws_cloudwatch_log_delivery delivers'];
    expect(judge(cloudfrontLogging, [distribution(), source()]).failed).toEqual(expected);
    expect(judge(cloudfrontLogging, [distribution(), source(), delivery({ delivery_source_name: 'some-other-source' })]).failed).toEqual(expected);
  });

  it('does not apply to a stack without a distribution', () => {
    expect(judge(cloudfrontLogging, [source(), delivery()])).toEqual({ passed: 0, failed: [] });
  });
});

describe('CF-SECURITY-HEADERS', () => {
  /** The id of AWS's managed SecurityHeadersPolicy (CloudFront developer guide, "Use managed response headers policies"). */
  const MANAGED_SECURITY_HEADERS_POLICY_ID = '67f7725c-6f97-4210-82d7-5512b31e9d03';
  const OWN_POLICY = '${aws_cloudfront_response_headers_policy.headers.id}';
  const headers = (security: Record<string, unknown>): RawResource => ({
    type: 'aws_cloudfront_response_headers_policy',
    id: 'headers',
    values: { name: 'headers', security_headers_config: security },
  });
  const fullHeaders = {
    strict_transport_security: { access_control_max_age_sec: 31536000, include_subdomains: true, override: true },
    content_type_options: { override: true },
    frame_options: { frame_option: 'DENY', override: true },
    referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
  };
  const distribution = (defaultPolicy: string | undefined, uploadsPolicy: string | undefined): RawResource => ({
    type: 'aws_cloudfront_distribution',
    id: 'cdn',
    values: {
      default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: defaultPolicy },
      ordered_cache_behavior: [{ path_pattern: '/wp-content/uploads/*', target_origin_id: 's3', viewer_protocol_policy: 'https-only', response_headers_policy_id: uploadsPolicy }],
    },
  });

  it('passes behaviors that use a policy of the stack with HSTS for a year, nosniff, frame options and a referrer policy', () => {
    expect(judge(cloudfrontSecurityHeaders, [distribution(OWN_POLICY, OWN_POLICY), headers(fullHeaders)])).toEqual({ passed: 1, failed: [] });
  });

  it('accepts a managed policy id as it is', () => {
    expect(judge(cloudfrontSecurityHeaders, [distribution(MANAGED_SECURITY_HEADERS_POLICY_ID, OWN_POLICY), headers(fullHeaders)])).toEqual({ passed: 1, failed: [] });
  });

  it('fails a behavior without a response headers policy', () => {
    expect(judge(cloudfrontSecurityHeaders, [distribution(OWN_POLICY, undefined), headers(fullHeaders)]).failed).toEqual([
      'aws_cloudfront_distribution.cdn: has no response headers policy on behavior(s) /wp-content/uploads/*',
    ]);
    expect(judge(cloudfrontSecurityHeaders, [distribution(undefined, undefined)]).failed).toEqual([
      'aws_cloudfront_distribution.cdn: has no response headers policy on behavior(s) default, /wp-content/uploads/*',
    ]);
  });

  it('fails a policy of the stack that lacks a header or keeps HSTS under a year', () => {
    const { content_type_options, frame_options, referrer_policy } = fullHeaders;
    expect(judge(cloudfrontSecurityHeaders, [distribution(OWN_POLICY, OWN_POLICY), headers({ content_type_options, frame_options, referrer_policy })]).failed).toEqual([
      'aws_cloudfront_distribution.cdn: uses response headers policy aws_cloudfront_response_headers_policy.headers without strict_transport_security',
    ]);
    const shortHsts = { ...fullHeaders, strict_transport_security: { access_control_max_age_sec: 86400, override: true } };
    expect(judge(cloudfrontSecurityHeaders, [distribution(OWN_POLICY, OWN_POLICY), headers(shortHsts)]).failed).toEqual([
      'aws_cloudfront_distribution.cdn: uses response headers policy aws_cloudfront_response_headers_policy.headers without strict_transport_security max-age of 31536000 or more (has 86400)',
    ]);
    const hstsOnly = { strict_transport_security: fullHeaders.strict_transport_security };
    expect(judge(cloudfrontSecurityHeaders, [distribution(OWN_POLICY, OWN_POLICY), headers(hstsOnly)]).failed).toEqual([
      'aws_cloudfront_distribution.cdn: uses response headers policy aws_cloudfront_response_headers_policy.headers without content_type_options, frame_options, referrer_policy',
    ]);
  });

  it('does not apply to a stack without a distribution', () => {
    expect(judge(cloudfrontSecurityHeaders, [headers({})])).toEqual({ passed: 0, failed: [] });
  });
});

describe('WAF-REGIONAL-BEHIND-CDN', () => {
  const rateRule = (statement: Record<string, unknown>, name = 'rate') => ({
    name,
    priority: 0,
    action: { block: {} },
    statement: { rate_based_statement: { limit: 2000, ...statement } },
    visibility_config: { cloudwatch_metrics_enabled: true, metric_name: name, sampled_requests_enabled: true },
  });
  const managedRule = (group: string) => ({
    name: group,
    priority: 1,
    override_action: { none: {} },
    statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
    visibility_config: { cloudwatch_metrics_enabled: true, metric_name: group, sampled_requests_enabled: true },
  });
  const acl = (rule: unknown[], values: Record<string, unknown> = {}): RawResource => ({
    type: 'aws_wafv2_web_acl',
    id: 'acl',
    values: { name: 'acl', scope: 'REGIONAL', default_action: { allow: {} }, rule, ...values },
  });
  const alb = (values: Record<string, unknown> = {}): RawResource => ({ type: 'aws_lb', id: 'alb', values: { load_balancer_type: 'application', internal: false, ...values } });
  const association: RawResource = {
    type: 'aws_wafv2_web_acl_association',
    id: 'assoc',
    values: { resource_arn: '${aws_lb.alb.arn}', web_acl_arn: '${aws_wafv2_web_acl.acl.arn}' },
  };
  const behindCdn = (rule: unknown[], values?: Record<string, unknown>) => judge(wafRegionalClientIp, [acl(rule, values), alb(), association]);

  it('passes an aggregate ceiling and address-blind managed groups', () => {
    const ceiling = rateRule({ aggregate_key_type: 'CONSTANT', scope_down_statement: { byte_match_statement: { search_string: '/wp-login.php' } } });
    expect(behindCdn([ceiling, managedRule('AWSManagedRulesCommonRuleSet'), managedRule('AWSManagedRulesWordPressRuleSet')])).toEqual({ passed: 1, failed: [] });
  });

  it('fails a per-address rate limit, also when the aggregate key is left to its default (IP)', () => {
    expect(behindCdn([rateRule({ aggregate_key_type: 'IP' })]).failed).toEqual([
      'aws_wafv2_web_acl.acl: sits behind CloudFront but judges client addresses: rule rate rate-limits per client address (aggregate_key_type IP)',
    ]);
    expect(behindCdn([rateRule({})]).failed).toEqual([
      'aws_wafv2_web_acl.acl: sits behind CloudFront but judges client addresses: rule rate rate-limits per client address (aggregate_key_type IP)',
    ]);
    expect(behindCdn([rateRule({ aggregate_key_type: 'CUSTOM_KEYS', custom_key: [{ ip: {} }, { uri_path: { text_transformation: [{ priority: 0, type: 'NONE' }] } }] })]).failed).toEqual([
      'aws_wafv2_web_acl.acl: sits behind CloudFront but judges client addresses: rule rate rate-limits with a client address in its custom keys',
    ]);
  });

  it('fails a rate limit on X-Forwarded-For', () => {
    const forwarded = rateRule({ aggregate_key_type: 'FORWARDED_IP', forwarded_ip_config: { header_name: 'X-Forwarded-For', fallback_behavior: 'MATCH' } });
    expect(behindCdn([forwarded]).failed).toEqual([
      'aws_wafv2_web_acl.acl: sits behind CloudFront but judges client addresses: rule rate rate-limits per client address (aggregate_key_type FORWARDED_IP); ' +
        'rule rate reads the client address from a header (forwarded_ip_config), which a client can forge',
    ]);
  });

  it('fails a forwarded address anywhere in a rule, such as an IP set match inside a not statement', () => {
    const nested = {
      name: 'allow-office',
      priority: 2,
      action: { block: {} },
      statement: {
        not_statement: {
          statement: [
            {
              ip_set_reference_statement: {
                arn: '${aws_wafv2_ip_set.office.arn}',
                ip_set_forwarded_ip_config: { header_name: 'X-Forwarded-For', fallback_behavior: 'NO_MATCH', position: 'FIRST' },
              },
            },
          ],
        },
      },
    };
    expect(behindCdn([nested]).failed).toEqual([
      'aws_wafv2_web_acl.acl: sits behind CloudFront but judges client addresses: rule allow-office reads the client address from a header (ip_set_forwarded_ip_config), which a client can forge',
    ]);
  });

  it('fails the IP reputation and anonymous IP managed groups', () => {
    expect(behindCdn([managedRule('AWSManagedRulesAmazonIpReputationList'), managedRule('AWSManagedRulesAnonymousIpList')]).failed).toEqual([
      'aws_wafv2_web_acl.acl: sits behind CloudFront but judges client addresses: rule AWSManagedRulesAmazonIpReputationList runs AWSManagedRulesAmazonIpReputationList; ' +
        'rule AWSManagedRulesAnonymousIpList runs AWSManagedRulesAnonymousIpList',
    ]);
  });

  it('reads rules written as rule_json in the WAF API field names', () => {
    const ruleJson = JSON.stringify([
      { Name: 'rate', Priority: 0, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } }, VisibilityConfig: {} },
      { Name: 'reputation', Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } } },
    ]);
    expect(behindCdn([], { rule: undefined, rule_json: ruleJson }).failed).toEqual([
      'aws_wafv2_web_acl.acl: sits behind CloudFront but judges client addresses: rule rate rate-limits per client address (aggregate_key_type IP); ' +
        'rule reputation runs AWSManagedRulesAmazonIpReputationList',
    ]);
    expect(behindCdn([], { rule: undefined, rule_json: '${file("rules.json")}' }).failed).toEqual([
      'aws_wafv2_web_acl.acl: has rule_json that is not a literal JSON list of rules: it cannot be checked',
    ]);
  });

  it('does not apply to a CloudFront ACL, an unassociated ACL, or an ACL in front of an internal load balancer', () => {
    const perIp = [rateRule({ aggregate_key_type: 'IP' }), managedRule('AWSManagedRulesAmazonIpReputationList')];
    const none = { passed: 0, failed: [] };
    expect(judge(wafRegionalClientIp, [acl(perIp, { scope: 'CLOUDFRONT' }), alb(), association])).toEqual(none);
    expect(judge(wafRegionalClientIp, [acl(perIp), alb()])).toEqual(none);
    expect(judge(wafRegionalClientIp, [acl(perIp), alb({ internal: true }), association])).toEqual(none);
  });
});

describe('ALARM-ACTION-REGION', () => {
  const HOME_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:webplat-test-ops-alarms';
  const GLOBAL_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:webplat-test-ops-alarms-us-east-1';
  const topic = (id: string, provider?: string): RawResource => ({ type: 'aws_sns_topic', id, values: { name: id, ...(provider ? { provider } : {}) } });
  const alarm = (values: Record<string, unknown>, provider?: string): RawResource => ({
    type: 'aws_cloudwatch_metric_alarm',
    id: 'alarm',
    values: {
      alarm_name: 'cloudfront-5xx',
      namespace: 'AWS/CloudFront',
      metric_name: '5xxErrorRate',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 5,
      evaluation_periods: 1,
      period: 300,
      statistic: 'Average',
      ...values,
      ...(provider ? { provider } : {}),
    },
  });
  const topicsAndProviders = [topic('home'), topic('global', 'aws.global')];

  it('passes alarms that notify topics created with their own provider, or of their own region', () => {
    const homeAlarm = alarm({ alarm_actions: ['${aws_sns_topic.home.arn}'], ok_actions: ['${aws_sns_topic.home.arn}'] });
    expect(judge(alarmActionRegion, [homeAlarm, ...topicsAndProviders], [HOME, GLOBAL])).toEqual({ passed: 1, failed: [] });
    const globalAlarm = alarm({ alarm_actions: ['${aws_sns_topic.global.arn}'], ok_actions: [GLOBAL_TOPIC_ARN] }, 'aws.global');
    expect(judge(alarmActionRegion, [globalAlarm, ...topicsAndProviders], [HOME, GLOBAL])).toEqual({ passed: 1, failed: [] });
    // Two provider blocks in one region: the region decides, not the alias.
    const sameRegion = alarm({ alarm_actions: ['${aws_sns_topic.home.arn}'] }, 'aws.home-again');
    expect(judge(alarmActionRegion, [sameRegion, ...topicsAndProviders], [HOME, GLOBAL, ANOTHER_HOME])).toEqual({ passed: 1, failed: [] });
    // Without provider regions, the providers are compared.
    expect(judge(alarmActionRegion, [alarm({ alarm_actions: ['${aws_sns_topic.global.arn}'] }, 'aws.global'), topic('global', 'aws.global')])).toEqual({ passed: 1, failed: [] });
  });

  it('fails a literal topic ARN where the alarm\'s own region is not known', () => {
    const globalAlarm = alarm({ alarm_actions: ['${aws_sns_topic.global.arn}'], ok_actions: [GLOBAL_TOPIC_ARN] }, 'aws.global');
    expect(judge(alarmActionRegion, [globalAlarm, topic('global', 'aws.global')]).failed).toEqual([
      `aws_cloudwatch_metric_alarm.alarm: sends ok_actions to SNS topic ${GLOBAL_TOPIC_ARN}, but its own region is unknown (provider aws.global has no literal region)`,
    ]);
  });

  it('fails an alarm in us-east-1 that notifies the home region topic, and the reverse', () => {
    const crossed = alarm({ alarm_actions: ['${aws_sns_topic.home.arn}'], insufficient_data_actions: ['${aws_sns_topic.global.arn}'] }, 'aws.global');
    expect(judge(alarmActionRegion, [crossed, ...topicsAndProviders], [HOME, GLOBAL]).failed).toEqual([
      'aws_cloudwatch_metric_alarm.alarm: sends alarm_actions to aws_sns_topic.home in eu-west-1, not in its own region us-east-1',
    ]);
    const homeToGlobal = alarm({ alarm_actions: ['${aws_sns_topic.global.arn}'] });
    expect(judge(alarmActionRegion, [homeToGlobal, ...topicsAndProviders], [HOME, GLOBAL]).failed).toEqual([
      'aws_cloudwatch_metric_alarm.alarm: sends alarm_actions to aws_sns_topic.global in us-east-1, not in its own region eu-west-1',
    ]);
    expect(judge(alarmActionRegion, [homeToGlobal, ...topicsAndProviders]).failed).toEqual([
      'aws_cloudwatch_metric_alarm.alarm: sends alarm_actions to aws_sns_topic.global of provider aws.global, not of its own provider aws',
    ]);
  });

  it('fails a literal topic ARN of another region', () => {
    expect(judge(alarmActionRegion, [alarm({ alarm_actions: [HOME_TOPIC_ARN], ok_actions: [GLOBAL_TOPIC_ARN] })], [HOME, GLOBAL]).failed).toEqual([
      `aws_cloudwatch_metric_alarm.alarm: sends ok_actions to SNS topic ${GLOBAL_TOPIC_ARN} in us-east-1, not in its own region eu-west-1`,
    ]);
    const computed = 'arn:aws:sns:${data.aws_region.current.name}:123456789012:alarms';
    expect(judge(alarmActionRegion, [alarm({ alarm_actions: [computed] })], [HOME]).failed).toEqual([
      `aws_cloudwatch_metric_alarm.alarm: sends alarm_actions to SNS topic ${computed} whose region is not a literal: it cannot be checked`,
    ]);
  });

  it('fails an alarm without an alarm action', () => {
    expect(judge(alarmActionRegion, [alarm({})], [HOME]).failed).toEqual(['aws_cloudwatch_metric_alarm.alarm: has no alarm action']);
    expect(judge(alarmActionRegion, [alarm({ alarm_actions: [], ok_actions: [HOME_TOPIC_ARN] })], [HOME]).failed).toEqual([
      'aws_cloudwatch_metric_alarm.alarm: has no alarm action',
    ]);
  });

  it('does not judge actions that are no SNS topic', () => {
    const scaling = 'arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:11111111-2222-3333-4444-555555555555:autoScalingGroupName/web:policyName/out';
    expect(judge(alarmActionRegion, [alarm({ alarm_actions: [scaling] })], [HOME])).toEqual({ passed: 1, failed: [] });
  });

  it('does not apply to a stack without alarms', () => {
    expect(judge(alarmActionRegion, topicsAndProviders, [HOME, GLOBAL])).toEqual({ passed: 0, failed: [] });
  });
});

describe('SNS-ENCRYPTED', () => {
  const topic = (values: Record<string, unknown>): RawResource => ({ type: 'aws_sns_topic', id: 't', values: { name: 'alarms', ...values } });

  it('passes a topic encrypted with a customer managed key', () => {
    expect(judge(snsTopicEncrypted, [topic({ kms_master_key_id: '${aws_kms_key.ops.arn}' })])).toEqual({ passed: 1, failed: [] });
    expect(judge(snsTopicEncrypted, [topic({ kms_master_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666' })])).toEqual({
      passed: 1,
      failed: [],
    });
  });

  it('fails an unencrypted topic', () => {
    expect(judge(snsTopicEncrypted, [topic({})]).failed).toEqual(['aws_sns_topic.t: is not encrypted (no kms_master_key_id)']);
  });

  it('fails a topic encrypted with the AWS managed key, by alias name or alias ARN', () => {
    expect(judge(snsTopicEncrypted, [topic({ kms_master_key_id: 'alias/aws/sns' })]).failed).toEqual([
      'aws_sns_topic.t: is encrypted with the AWS managed key alias/aws/sns, which CloudWatch alarms and EventBridge cannot publish through',
    ]);
    const aliasArn = 'arn:aws:kms:eu-west-1:123456789012:alias/aws/sns';
    expect(judge(snsTopicEncrypted, [topic({ kms_master_key_id: aliasArn })]).failed).toEqual([
      `aws_sns_topic.t: is encrypted with the AWS managed key ${aliasArn}, which CloudWatch alarms and EventBridge cannot publish through`,
    ]);
  });

  it('does not apply to a stack without topics', () => {
    expect(judge(snsTopicEncrypted, [{ type: 'aws_sqs_queue', id: 'q', values: {} }])).toEqual({ passed: 0, failed: [] });
  });
});
