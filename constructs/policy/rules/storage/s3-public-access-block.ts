import { attachedTo, isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/** Every S3 bucket has all four public access blocks on. */
export const s3PublicAccessBlock: PolicyRule = {
  id: 'S3-PUBLIC-ACCESS',
  pack: 'storage',
  title: 'Every S3 bucket blocks all four kinds of public access.',
  explanation: 'Without the block, one ACL or policy statement publishes the bucket to the internet; most S3 data leaks start that way.',
  fix:
    'Add an aws_s3_bucket_public_access_block with all four settings true (SecureBucket does). The only exception is a website bucket in ' +
    "the config's explicit public mode: its construct calls suppressPolicy(bucket, 'S3-PUBLIC-ACCESS', reason).",
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket').map((bucket) => {
      const settings = attachedTo(resources, 'aws_s3_bucket_public_access_block', 'bucket', bucket);
      if (settings.length === 0) return verdict(bucket, 'has no public access block');
      // Each block is a whole PutPublicAccessBlock (an argument left out is false) and the last one applied wins: every block must turn a setting on.
      const off = SETTINGS.filter((setting) => !settings.every((block) => isTrue(block.values[setting])));
      return verdict(bucket, off.length > 0 && `leaves ${off.join(', ')} off in its public access block`);
    }),
};
