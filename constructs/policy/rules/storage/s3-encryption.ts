import { attachedTo, blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** Every S3 bucket has a default encryption configuration. */
export const s3Encryption: PolicyRule = {
  id: 'S3-ENCRYPTION',
  pack: 'storage',
  title: 'Every S3 bucket has default encryption.',
  explanation: 'Without a default, encryption depends on every writer asking for it; one that forgets stores the object in plaintext.',
  fix: 'Create the bucket with SecureBucket, or add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm AES256 or aws:kms.',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket').map((bucket) => {
      const rules = attachedTo(resources, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket', bucket).flatMap((c) => blocks(c.values.rule));
      const encrypted = rules.some((rule) => blocks(rule.apply_server_side_encryption_by_default).some((d) => ALGORITHMS.includes(d.sse_algorithm)));
      return verdict(bucket, !encrypted && 'has no default encryption');
    }),
};
