import { blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** True for an origin served from an S3 REST endpoint (a website endpoint is a custom origin and cannot use OAC). */
function isS3Origin(origin: Record<string, any>): boolean {
  const domain = String(origin.domain_name ?? '');
  if (/s3-website|website_endpoint|website_domain/.test(domain)) return false;
  return blocks(origin.s3_origin_config).length > 0 || /\$\{(?:data\.)?aws_s3_bucket\.|\.s3[.-]/.test(domain);
}

/** CloudFront reads S3 origins through Origin Access Control. */
export const s3OriginOac: PolicyRule = {
  id: 'CF-S3-OAC',
  pack: 'edge',
  title: 'CloudFront reads S3 origins through Origin Access Control.',
  explanation: 'Without OAC the bucket must be public, or use the legacy origin access identity, which cannot sign for SSE-KMS objects or newer regions.',
  fix: 'Add an aws_cloudfront_origin_access_control (s3, sigv4, always) and set origin_access_control_id on the S3 origin; drop s3_origin_config.',
  check: ({ resources }) =>
    ofType(resources, 'aws_cloudfront_distribution').flatMap((distribution) =>
      blocks(distribution.values.origin)
        .filter(isS3Origin)
        .map((origin) => verdict(distribution, !origin.origin_access_control_id && `reads S3 origin ${origin.origin_id} without Origin Access Control`)),
    ),
};
