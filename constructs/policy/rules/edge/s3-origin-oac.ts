import { blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

function isS3Origin(origin: Record<string, any>): boolean {
  const domain = String(origin.domain_name ?? '');
  return blocks(origin.s3_origin_config).length > 0 || /aws_s3_bucket\.|\.s3[.-]/.test(domain);
}

export const s3OriginOac: PolicyRule = {
  id: 'CF-S3-OAC',
  pack: 'edge',
  title: 'CloudFront reads S3 origins through Origin Access Control.',
  explanation: 'Without OAC the bucket must be public or use the legacy identity (OAI), which cannot sign for SSE-KMS or newer regions.',
  fix: 'Add an aws_cloudfront_origin_access_control and set origin_access_control_id on the S3 origin; no s3_origin_config identity.',
  check: ({ resources }) =>
    ofType(resources, 'aws_cloudfront_distribution').flatMap((distribution) =>
      blocks(distribution.values.origin)
        .filter(isS3Origin)
        .map((origin) => verdict(distribution, !origin.origin_access_control_id && `S3 origin ${origin.origin_id} does not use Origin Access Control`)),
    ),
};
