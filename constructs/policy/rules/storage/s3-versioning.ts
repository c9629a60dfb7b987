import { attachedTo, blocks, isLogBucket, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** State and content buckets keep object versions; log buckets need not. */
export const s3Versioning: PolicyRule = {
  id: 'S3-VERSIONING',
  pack: 'storage',
  title: 'Every S3 bucket except a log bucket is versioned (state and content).',
  explanation: 'Without versioning an overwrite or delete, by mistake, bug or attacker, loses the data for good; for the state bucket, the record of the infrastructure.',
  fix: 'Enable versioning (SecureBucket versioned: true) and expire noncurrent versions with a lifecycle rule.',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket')
      .filter((bucket) => !isLogBucket(resources, bucket))
      .map((bucket) => {
        const enabled = attachedTo(resources, 'aws_s3_bucket_versioning', 'bucket', bucket).some((versioning) =>
          blocks(versioning.values.versioning_configuration).some((configuration) => configuration.status === 'Enabled'),
        );
        return verdict(bucket, !enabled && 'is not versioned');
      }),
};
