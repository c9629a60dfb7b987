import { attachedTo, blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Every S3 bucket disables ACLs (object ownership BucketOwnerEnforced). */
export const s3OwnerEnforced: PolicyRule = {
  id: 'S3-OWNER-ENFORCED',
  pack: 'storage',
  title: 'Every S3 bucket disables ACLs (bucket owner enforced).',
  explanation: 'With ACLs on, an object written by another account can stay owned by it, and an ACL can grant access the bucket policy never shows.',
  fix: 'Add an aws_s3_bucket_ownership_controls with rule { object_ownership = "BucketOwnerEnforced" } (SecureBucket does).',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket').map((bucket) => {
      const enforced = attachedTo(resources, 'aws_s3_bucket_ownership_controls', 'bucket', bucket).some((controls) =>
        blocks(controls.values.rule).some((rule) => rule.object_ownership === 'BucketOwnerEnforced'),
      );
      return verdict(bucket, !enforced && 'does not enforce bucket-owner ownership (ACLs stay on)');
    }),
};
