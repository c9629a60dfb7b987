import { blocks, ofType, references, verdict } from '../../resources';
import { PolicyRule, StackResource } from '../../types';

/** One year in seconds: the shortest HSTS max-age browsers' preload lists accept. */
export const HSTS_MIN_MAX_AGE_SECONDS = 31536000;

/** What a response headers policy of the stack lacks of HSTS (a year or more), nosniff, frame options and a referrer policy. */
function missingHeaders(policy: StackResource): string[] {
  const config = blocks(policy.values.security_headers_config)[0] ?? {};
  const hsts = blocks(config.strict_transport_security)[0];
  const maxAge = Number(hsts?.access_control_max_age_sec);
  return [
    hsts === undefined && 'strict_transport_security',
    hsts !== undefined && !(maxAge >= HSTS_MIN_MAX_AGE_SECONDS) && `strict_transport_security max-age of ${HSTS_MIN_MAX_AGE_SECONDS} or more (has ${hsts.access_control_max_age_sec})`,
    blocks(config.content_type_options).length === 0 && 'content_type_options',
    blocks(config.frame_options).length === 0 && 'frame_options',
    blocks(config.referrer_policy).length === 0 && 'referrer_policy',
  ].filter((missing): missing is string => typeof missing === 'string');
}

/**
 * Every cache behavior of every CloudFront distribution adds the security headers. A policy the
 * stack does not create (a managed policy's id, a data source, another stack's output) is
 * accepted as it is: its headers cannot be seen from here.
 */
export const cloudfrontSecurityHeaders: PolicyRule = {
  id: 'CF-SECURITY-HEADERS',
  pack: 'edge',
  title: 'Every CloudFront cache behavior has a response headers policy with HSTS (a year or more), nosniff, frame options and a referrer policy.',
  explanation:
    'Without them browsers may fall back to plain HTTP, guess an upload\'s content type and run it as a script, frame the site for clickjacking, and send full URLs to other sites.',
  fix:
    'Set response_headers_policy_id on the default and every ordered cache behavior to an aws_cloudfront_response_headers_policy whose security_headers_config sets strict_transport_security (access_control_max_age_sec >= 31536000), content_type_options, frame_options and referrer_policy; or to the managed SecurityHeadersPolicy.',
  check: ({ resources }) => {
    const policies = ofType(resources, 'aws_cloudfront_response_headers_policy');
    return ofType(resources, 'aws_cloudfront_distribution').map((distribution) => {
      const behaviors = [...blocks(distribution.values.default_cache_behavior), ...blocks(distribution.values.ordered_cache_behavior)];
      const problems: string[] = [];
      const bare = behaviors.filter((behavior) => !behavior.response_headers_policy_id).map((behavior) => behavior.path_pattern ?? 'default');
      if (bare.length > 0) problems.push(`has no response headers policy on behavior(s) ${bare.join(', ')}`);
      const used = policies.filter((policy) => behaviors.some((behavior) => references(behavior.response_headers_policy_id, policy)));
      for (const policy of used) {
        const missing = missingHeaders(policy);
        if (missing.length > 0) problems.push(`uses response headers policy ${policy.address} without ${missing.join(', ')}`);
      }
      return verdict(distribution, problems.length > 0 && problems.join('; '));
    });
  },
};
