import { StackResource } from './types';

/** The resources of one Terraform type. */
export function ofType(resources: readonly StackResource[], type: string): StackResource[] {
  return resources.filter((resource) => resource.type === type);
}

/** True when `value` (any argument, however nested) references `target` (`${type.name.` ...). */
export function references(value: unknown, target: StackResource): boolean {
  return JSON.stringify(value ?? null).includes(`\${${target.address}.`);
}

/** The resources of `type` whose argument `field` references `target`. */
export function attachedTo(resources: readonly StackResource[], type: string, field: string, target: StackResource): StackResource[] {
  return ofType(resources, type).filter((resource) => references(resource.values[field], target));
}

/** A Terraform block list or single block as an array. */
export function blocks(value: unknown): Record<string, any>[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Record<string, any>[];
}

/** A verdict helper: compliant when `problem` is undefined or false. */
export function verdict(resource: StackResource, problem: string | false | undefined) {
  return { resource, problem: problem === false ? undefined : problem };
}

/** True for a bucket that receives S3 server access logs or load balancer access logs. */
export function isLogBucket(resources: readonly StackResource[], bucket: StackResource): boolean {
  return (
    ofType(resources, 'aws_s3_bucket_logging').some((logging) => references(logging.values.target_bucket, bucket)) ||
    ofType(resources, 'aws_lb').some((lb) => references(lb.values.access_logs, bucket))
  );
}
