import { attachedTo, blocks, isLogBucket, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const s3Versioning: PolicyRule = {
  id: 'S3-VERSIONING',
  pack: 'storage',
  title: 'State and content buckets keep object versions (log buckets need not).',
  explanation: 'Without versioning, an overwrite or delete (by mistake, bug or attacker) loses the data for good; for state, the infrastructure record.',
  fix: 'Enable versioning (SecureBucket versioned: true) and expire noncurrent versions with a lifecycle rule.',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket')
      .filter((bucket) => !isLogBucket(resources, bucket))
      .map((bucket) => {
        const enabled = attachedTo(resources, 'aws_s3_bucket_versioning', 'bucket', bucket).some((v) =>
          blocks(v.values.versioning_configuration).some((c) => c.status === 'Enabled'),
        );
        return verdict(bucket, !enabled && 'is not versioned');
      }),
};
