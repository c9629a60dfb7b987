import { attachedTo, isLogBucket, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Every S3 bucket except a log bucket has server access logging. */
export const s3AccessLogging: PolicyRule = {
  id: 'S3-ACCESS-LOGGING',
  pack: 'storage',
  title: 'Every S3 bucket has server access logging, except the log buckets themselves.',
  explanation: 'Without access logs there is no record of who read, wrote or deleted which object, and an incident cannot be traced.',
  fix: 'Pass accessLogs: <the log bucket> to SecureBucket (an aws_s3_bucket_logging) pointing at a log bucket of the same stack that accepts server access logs.',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket')
      .filter((bucket) => !isLogBucket(resources, bucket))
      .map((bucket) => verdict(bucket, attachedTo(resources, 'aws_s3_bucket_logging', 'bucket', bucket).length === 0 && 'has no server access logging')),
};
