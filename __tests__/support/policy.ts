import { App, TerraformResource, TerraformStack } from 'cdktf';
import { EnvironmentConfig } from '../../config/schema';
import { evaluateStack, Finding } from '../../constructs/policy/engine';
import { testConfig } from './fixtures';

/** A resource as Terraform JSON: type, logical id and arguments (references written as `${type.id.attr}`). */
export interface RawResource {
  readonly type: string;
  readonly id: string;
  readonly values: Record<string, unknown>;
}

/** A stack holding exactly these resources, built from plain TerraformResource constructs. */
export function stackOf(resources: readonly RawResource[], app = new App()): TerraformStack {
  const stack = new TerraformStack(app, 'policy-test');
  for (const { type, id, values } of resources) {
    const resource = new TerraformResource(stack, id, { terraformResourceType: type });
    resource.overrideLogicalId(id);
    for (const [key, value] of Object.entries(values)) resource.addOverride(key, value);
  }
  return stack;
}

/** Every unsuppressed finding of every rule on a stack of these resources. */
export function findingsFor(resources: readonly RawResource[], config: EnvironmentConfig = testConfig()): Finding[] {
  return evaluateStack(stackOf(resources), config).outcomes.flatMap((outcome) => outcome.failed);
}

/** The ids of the rules that failed, sorted and unique. */
export function failedRules(resources: readonly RawResource[], config?: EnvironmentConfig): string[] {
  return [...new Set(findingsFor(resources, config).map((finding) => finding.ruleId))].sort();
}

/** A bucket with everything SecureBucket gives it, and server access logs into `logs`. */
export function compliantBucket(id = 'b'): RawResource[] {
  const ref = `\${aws_s3_bucket.${id}.id}`;
  return [
    { type: 'aws_s3_bucket', id, values: { bucket: `${id}-bucket` } },
    {
      type: 'aws_s3_bucket_server_side_encryption_configuration',
      id: `${id}-sse`,
      values: { bucket: ref, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
    },
    {
      type: 'aws_s3_bucket_public_access_block',
      id: `${id}-pab`,
      values: { bucket: ref, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    },
    { type: 'aws_s3_bucket_ownership_controls', id: `${id}-own`, values: { bucket: ref, rule: { object_ownership: 'BucketOwnerEnforced' } } },
    {
      type: 'aws_s3_bucket_policy',
      id: `${id}-policy`,
      values: {
        bucket: ref,
        policy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }),
      },
    },
    { type: 'aws_s3_bucket_versioning', id: `${id}-ver`, values: { bucket: ref, versioning_configuration: { status: 'Enabled' } } },
    { type: 'aws_s3_bucket_logging', id: `${id}-log`, values: { bucket: ref, target_bucket: '${aws_s3_bucket.logs.id}' } },
  ];
}

/** A log bucket: compliant, not versioned, not logged itself. */
export function compliantLogBucket(): RawResource[] {
  return compliantBucket('logs').filter((resource) => !['logs-ver', 'logs-log'].includes(resource.id));
}

/** A Fargate task definition (`aws_ecs_task_definition.task`) whose container_definitions is exactly `definitions`: a JSON string, or anything else to test the reading. */
export function fargateTaskDefinition(definitions: unknown): RawResource {
  return {
    type: 'aws_ecs_task_definition',
    id: 'task',
    values: { family: 'dev-web', requires_compatibilities: ['FARGATE'], network_mode: 'awsvpc', cpu: '512', memory: '1024', container_definitions: definitions },
  };
}
