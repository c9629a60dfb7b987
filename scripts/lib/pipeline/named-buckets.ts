import { allow, PolicyContext, PolicyParts } from './context';
import { PermissionStatement, PipelinePolicyError, sortedUnique } from './policy-document';
import { Naming, Tier } from '../../../constructs/naming';
import { Block, literal } from '../stack-json';

/** What refreshing a bucket and its configuration resources reads: configuration only, never an object. */
const BUCKET_READS = [
  's3:GetAccelerateConfiguration',
  's3:GetBucket*',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  's3:ListBucket',
];

/** Bucket-level writes: create, configure (deleting a configuration is its Put action in IAM) and delete a bucket; no object action. */
const BUCKET_WRITES = ['s3:CreateBucket', 's3:DeleteBucket*', 's3:PutBucket*', 's3:PutEncryptionConfiguration', 's3:PutLifecycleConfiguration'];

/**
 * S3, scoped to the buckets the stacks create, by the names they give them (a bucket named by a
 * reference gets the environment's bucket-name prefix instead). Only bucket-level actions, so no
 * object of any bucket, and no state object, can be read or deleted through them; a bucket with
 * `force_destroy` may also be emptied by apply, which the state bucket never may.
 */
export function bucketStatements(context: PolicyContext): PolicyParts {
  const { partition } = context;
  const bucketArn = (name: string) => `arn:${partition}:s3:::${name}`;
  const buckets = context.resources.filter((resource) => resource.type === 'aws_s3_bucket');
  if (buckets.length === 0) return { plan: [], apply: [] };

  const names = sortedUnique(buckets.map((bucket) => bucketPattern(context, bucket)));
  const plan: PermissionStatement[] = [allow('Buckets', BUCKET_READS, names.map(bucketArn))];
  const apply: PermissionStatement[] = [allow('Buckets', BUCKET_WRITES, names.map(bucketArn))];

  const stateBuckets = new Set(context.stacks.map((stack) => stack.backend.bucket));
  const emptied = buckets.filter((bucket) => bucket.values.force_destroy === true);
  for (const bucket of emptied) {
    const name = literal(bucket.values.bucket);
    if (name === undefined || stateBuckets.has(name)) {
      throw new PipelinePolicyError(
        `stack ${bucket.stack}: aws_s3_bucket.${bucket.id} has force_destroy and ${name === undefined ? 'no literal name' : 'is the state bucket'}; ` +
          'the pipeline roles never delete objects of the state bucket',
      );
    }
  }
  if (emptied.length > 0) {
    const emptiedNames = sortedUnique(emptied.map((bucket) => literal(bucket.values.bucket)!));
    apply.push(
      allow(
        'EmptiedBuckets',
        ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:ListBucketVersions'],
        emptiedNames.flatMap((name) => [bucketArn(name), `${bucketArn(name)}/*`]),
      ),
    );
  }
  return { plan, apply };
}

/**
 * The bucket name, or the pattern of its tier's names when it has one (Naming: `<project>-<env>-<tier>-*`),
 * which keeps the document short and never reaches another tier's buckets (the state bucket among them).
 * A bucket named by a reference gets its tier's pattern.
 */
function bucketPattern(context: PolicyContext, bucket: Block): string {
  const tier = bucket.stack.slice(context.config.environment.length + 1) as Tier;
  const tierPattern = new Naming(context.config).name(tier, '*');
  const name = literal(bucket.values.bucket);
  if (name === undefined) return tierPattern;
  return name.startsWith(tierPattern.slice(0, -1)) ? tierPattern : name;
}
