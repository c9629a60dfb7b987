import { attachedTo, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const s3PublicAccessBlock: PolicyRule = {
  id: 'S3-PUBLIC-ACCESS',
  pack: 'storage',
  title: 'Every S3 bucket blocks all four kinds of public access.',
  explanation: 'Without the block, one ACL or policy statement can publish the bucket; most S3 data leaks start that way.',
  fix: 'Add an aws_s3_bucket_public_access_block with all four settings true (SecureBucket does). A public website bucket needs an explicit suppression.',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket').map((bucket) => {
      const block = attachedTo(resources, 'aws_s3_bucket_public_access_block', 'bucket', bucket)[0];
      if (!block) return verdict(bucket, 'has no public access block');
      const off = SETTINGS.filter((setting) => block.values[setting] !== true);
      return verdict(bucket, off.length > 0 && `public access block leaves ${off.join(', ')} off`);
    }),
};
