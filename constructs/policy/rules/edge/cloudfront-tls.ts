import { blocks, isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Security policies at least as strict as TLSv1.2_2021. */
export const MODERN_TLS_POLICIES = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];
const HTTPS_ONLY = ['redirect-to-https', 'https-only'];

/** CloudFront serves HTTPS only, with TLSv1.2_2021 or newer. */
export const cloudfrontTls: PolicyRule = {
  id: 'CF-TLS',
  pack: 'edge',
  title: 'CloudFront uses TLSv1.2_2021 or newer and redirects HTTP to HTTPS on every behavior.',
  explanation: 'Older TLS versions and ciphers are breakable, and plain HTTP lets anyone on the path read and change pages and cookies.',
  fix: 'Use an ACM certificate with minimum_protocol_version "TLSv1.2_2021" (not the default *.cloudfront.net certificate) and viewer_protocol_policy "redirect-to-https" on every cache behavior.',
  check: ({ resources }) =>
    ofType(resources, 'aws_cloudfront_distribution').map((distribution) => {
      const certificate = blocks(distribution.values.viewer_certificate)[0] ?? {};
      const behaviors = [...blocks(distribution.values.default_cache_behavior), ...blocks(distribution.values.ordered_cache_behavior)];
      const plain = behaviors.filter((behavior) => !HTTPS_ONLY.includes(behavior.viewer_protocol_policy)).map((b) => b.path_pattern ?? 'default');
      const problems = [
        isTrue(certificate.cloudfront_default_certificate) && 'uses the default certificate (TLSv1 allowed)',
        !isTrue(certificate.cloudfront_default_certificate) &&
          !MODERN_TLS_POLICIES.includes(certificate.minimum_protocol_version) &&
          `has minimum_protocol_version ${certificate.minimum_protocol_version ?? 'unset'}`,
        plain.length > 0 && `allows plain HTTP on behavior(s) ${plain.join(', ')}`,
      ].filter((problem): problem is string => typeof problem === 'string');
      return verdict(distribution, problems.length > 0 && problems.join('; '));
    }),
};
