import { StackResource, RuleVerdict } from './types';

/** Anywhere on the internet, IPv4 and IPv6. */
export const ANYWHERE = ['0.0.0.0/0', '::/0'] as const;

/** The resources of some Terraform types, in stack order. */
export function ofType(resources: readonly StackResource[], ...types: readonly string[]): StackResource[] {
  return resources.filter((resource) => types.includes(resource.type));
}

const serialized = new WeakMap<object, string>();
const patterns = new Map<string, RegExp>();

/** The pattern of a reference to `address` in Terraform expressions: `${aws_s3_bucket.logs.id}`, `${element(aws_subnet.a.*.id, 0)}`. */
function referencePattern(address: string): RegExp {
  let pattern = patterns.get(address);
  if (pattern === undefined) {
    pattern = new RegExp(`(?<![\\w.-])${address.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\.`);
    patterns.set(address, pattern);
  }
  return pattern;
}

/** True when `value` (any argument, however nested) references `target` inside a `${...}` expression. */
export function references(value: unknown, target: StackResource): boolean {
  if (value === undefined || value === null) return false;
  let text = typeof value === 'object' ? serialized.get(value) : undefined;
  if (text === undefined) {
    text = typeof value === 'string' ? value : JSON.stringify(value);
    if (typeof value === 'object') serialized.set(value, text);
  }
  return text.includes('${') && referencePattern(target.address).test(text);
}

/** The resources of `type` whose argument `field` references `target` (a bucket's encryption configuration, say). */
export function attachedTo(resources: readonly StackResource[], type: string, field: string, target: StackResource): StackResource[] {
  return ofType(resources, type).filter((resource) => references(resource.values[field], target));
}

/** A Terraform nested block as an array, whether written as a list, a single object or not at all. */
export function blocks(value: unknown): Record<string, any>[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Record<string, any>[];
}

/** True for `true` and `"true"` (the provider types some nested booleans as strings). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A verdict: compliant when `problem` is false or undefined. */
export function verdict(resource: StackResource, problem: string | false | undefined): RuleVerdict {
  return { resource, problem: problem === false ? undefined : problem };
}

/** Where a resource type sends logs into a bucket: the argument that names the bucket. */
const LOG_DESTINATIONS: readonly (readonly [string, string])[] = [
  ['aws_s3_bucket_logging', 'target_bucket'],
  ['aws_lb', 'access_logs'],
  ['aws_lb', 'connection_logs'],
  ['aws_cloudfront_distribution', 'logging_config'],
  ['aws_flow_log', 'log_destination'],
  ['aws_kinesis_firehose_delivery_stream', 'extended_s3_configuration'],
  ['aws_cloudwatch_log_delivery_destination', 'delivery_destination_configuration'],
];

/** True for a bucket that receives access, flow, CloudFront or WAF (Firehose) logs from a resource of the stack. */
export function isLogBucket(resources: readonly StackResource[], bucket: StackResource): boolean {
  return LOG_DESTINATIONS.some(([type, field]) => ofType(resources, type).some((source) => references(source.values[field], bucket)));
}

/** A literal value: not a Terraform reference or function call. */
export function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.includes('${');
}
