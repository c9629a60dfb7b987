import { blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

const MODERN_POLICIES = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];
const HTTPS_ONLY = ['redirect-to-https', 'https-only'];

export const cloudfrontTls: PolicyRule = {
  id: 'CF-TLS',
  pack: 'edge',
  title: 'CloudFront serves HTTPS only, with TLSv1.2_2021 or newer.',
  explanation: 'Older TLS versions and ciphers are breakable, and plain HTTP lets anyone on the path read and change pages.',
  fix: 'Use an ACM certificate with minimum_protocol_version TLSv1.2_2021 and viewer_protocol_policy redirect-to-https on every behavior.',
  check: ({ resources }) =>
    ofType(resources, 'aws_cloudfront_distribution').map((distribution) => {
      const certificate = blocks(distribution.values.viewer_certificate)[0] ?? {};
      const behaviors = [...blocks(distribution.values.default_cache_behavior), ...blocks(distribution.values.ordered_cache_behavior)];
      const plain = behaviors.filter((behavior) => !HTTPS_ONLY.includes(behavior.viewer_protocol_policy));
      if (!MODERN_POLICIES.includes(certificate.minimum_protocol_version)) {
        return verdict(distribution, `minimum_protocol_version is ${certificate.minimum_protocol_version ?? 'unset'} (the default certificate allows TLSv1)`);
      }
      return verdict(distribution, plain.length > 0 && `${plain.length} behavior(s) allow plain HTTP`);
    }),
};
