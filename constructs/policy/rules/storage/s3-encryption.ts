import { attachedTo, blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const s3Encryption: PolicyRule = {
  id: 'S3-ENCRYPTION',
  pack: 'storage',
  title: 'Every S3 bucket has default encryption.',
  explanation: 'Objects written without a default encryption setting rely on every writer asking for encryption; one that forgets stores plaintext.',
  fix: 'Create buckets with SecureBucket, or add an aws_s3_bucket_server_side_encryption_configuration (AES256 or aws:kms).',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket').map((bucket) => {
      const rules = attachedTo(resources, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket', bucket).flatMap((c) => blocks(c.values.rule));
      const encrypted = rules.some((rule) => ['AES256', 'aws:kms', 'aws:kms:dsse'].includes(blocks(rule.apply_server_side_encryption_by_default)[0]?.sse_algorithm));
      return verdict(bucket, !encrypted && 'has no default encryption configuration');
    }),
};
