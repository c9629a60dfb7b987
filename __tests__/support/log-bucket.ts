import { idUnder, refTo, resourceUnder, SynthesizedStack } from './synth';

/** What a log bucket of the logging constructs must be, as the tests check it. */
export interface LogBucketExpectations {
  /** The synthesized stack holding the bucket. */
  readonly json: SynthesizedStack;
  /** Logical id prefix of the bucket's resources, such as `waf-logs_bucket_`. */
  readonly idPrefix: string;
  /** Days after which the bucket expires its objects. */
  readonly expireAfterDays: number;
  /** The bucket's name: its server access logs go under `<name>/`. */
  readonly bucketName: string;
}

/**
 * The tests every log bucket must pass: encrypted, closed to the public, TLS-only, objects expired after
 * the configured days, no old versions kept, and its server access logs in the stack's access log bucket.
 */
export function describeLogBucket({ json, idPrefix, expireAfterDays, bucketName }: LogBucketExpectations): void {
  const bucket = (type: string) => resourceUnder(json, type, idPrefix);

  it('is encrypted, closed to the public and TLS-only', () => {
    expect(bucket('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(bucket('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const statements = JSON.parse(bucket('aws_s3_bucket_policy').policy as string).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('expires log objects after the configured days and keeps no old versions', () => {
    expect(bucket('aws_s3_bucket_lifecycle_configuration').rule).toEqual([expect.objectContaining({ status: 'Enabled', expiration: [{ days: expireAfterDays }] })]);
    expect(bucket('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Suspended' });
  });

  it('sends its server access logs to the access log bucket', () => {
    expect(bucket('aws_s3_bucket_logging')).toMatchObject({
      target_bucket: refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'access-logs_'), 'id'),
      target_prefix: `${bucketName}/`,
    });
  });
}
