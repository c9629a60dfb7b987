import aurora from './aurora.json';
import elastiCache from './elasticache.json';
import fargateTaskSizes from './fargate-task-sizes.json';
import instanceTypes from './instance-types.json';
import regions from './regions.json';
import s3WebsiteZones from './s3-website-zones.json';
import sandboxInstanceTypes from './sandbox-instance-types.json';

/**
 * AWS facts the configuration is checked against, shipped as JSON beside this file so
 * synth needs no AWS call. config/aws/README.md gives the AWS CLI commands that regenerate them.
 */

/** CPU architecture of an instance type, spelt as in EC2 and in Amazon Linux AMI parameter names. */
export type CpuArchitecture = 'x86_64' | 'arm64';

/** An instance family: the sizes EC2 offers in it and the CPU architecture of all of them. */
export interface InstanceFamily {
  readonly architecture: CpuArchitecture;
  readonly sizes: readonly string[];
}

/** Commercial regions (partition `aws`) and the availability zone names accounts see in each. */
export const REGION_ZONES: Readonly<Record<string, readonly string[]>> = regions;

/** Instance families the web servers may use, x86_64 first, then Graviton (arm64). */
export const INSTANCE_FAMILIES: Readonly<Record<string, InstanceFamily>> = instanceTypes as Record<string, InstanceFamily>;

/**
 * Instance families the classic sandbox's two servers may use: burstable ones only, the
 * previous generation (t2) included, x86_64 first, then Graviton (arm64).
 */
export const SANDBOX_INSTANCE_FAMILIES: Readonly<Record<string, InstanceFamily>> = sandboxInstanceTypes as Record<string, InstanceFamily>;

/** Regions of the GovCloud partition, known so that they get a message of their own. */
export const GOVCLOUD_REGIONS: readonly string[] = ['us-gov-east-1', 'us-gov-west-1'];

/** The availability zone names of a region, or undefined for a region not in REGION_ZONES. */
export function availabilityZonesOf(region: string): readonly string[] | undefined {
  return Object.hasOwn(REGION_ZONES, region) ? REGION_ZONES[region] : undefined;
}

/** The family named `name` in a family table, or undefined when it is not there. */
export function instanceFamilyIn(families: Readonly<Record<string, InstanceFamily>>, name: string): InstanceFamily | undefined {
  return Object.hasOwn(families, name) ? families[name] : undefined;
}

/** The CPU architecture of `<family>.<size>`, or undefined unless both are known and go together. */
export function instanceArchitecture(instanceType: string): CpuArchitecture | undefined {
  return architectureIn(INSTANCE_FAMILIES, instanceType);
}

/** The CPU architecture of a sandbox instance type `<family>.<size>`, or undefined unless SANDBOX_INSTANCE_FAMILIES has it. */
export function sandboxInstanceArchitecture(instanceType: string): CpuArchitecture | undefined {
  return architectureIn(SANDBOX_INSTANCE_FAMILIES, instanceType);
}

function architectureIn(families: Readonly<Record<string, InstanceFamily>>, instanceType: string): CpuArchitecture | undefined {
  const [name, size, ...rest] = instanceType.split('.');
  const family = instanceFamilyIn(families, name);
  return family !== undefined && rest.length === 0 && family.sizes.includes(size ?? '') ? family.architecture : undefined;
}

/** Aurora engine versions this project offers, oldest first (config/aws/aurora.json). */
export const AURORA_ENGINE_VERSIONS: Readonly<Record<'aurora-postgresql' | 'aurora-mysql', readonly string[]>> = aurora.engineVersions;

/** Aurora provisioned instance classes: `db.<family>` and the sizes Aurora offers in it. */
export const AURORA_INSTANCE_CLASSES: Readonly<Record<string, readonly string[]>> = aurora.instanceClasses;

/** ElastiCache replication group engine versions, oldest first (config/aws/elasticache.json). */
export const CACHE_ENGINE_VERSIONS: Readonly<Record<'redis' | 'valkey', readonly string[]>> = elastiCache.engineVersions;

/** ElastiCache node types: `cache.<family>` and its sizes. */
export const CACHE_NODE_TYPES: Readonly<Record<string, readonly string[]>> = elastiCache.nodeTypes;

/** Fargate task sizes: for each CPU value (units), the memory values (MiB) it accepts. */
export const FARGATE_TASK_SIZES: Readonly<Record<string, readonly number[]>> = fargateTaskSizes;

/** True when `<family>.<size>` names a family of `table` and a size it comes in (db.r7g.large, cache.t4g.micro). */
export function isSizeIn(table: Readonly<Record<string, readonly string[]>>, value: string): boolean {
  const cut = value.lastIndexOf('.');
  const family = value.slice(0, cut);
  return cut > 0 && Object.hasOwn(table, family) && table[family].includes(value.slice(cut + 1));
}

/**
 * The Route53 hosted zone id of each region's S3 website endpoint, the alias target zone of a
 * record pointing at a website bucket (AWS General Reference, "Amazon S3 website endpoints").
 */
export const S3_WEBSITE_HOSTED_ZONE_IDS: Readonly<Record<string, string>> = s3WebsiteZones;

/** The S3 website endpoint's hosted zone id in `region`, or undefined where the table has none. */
export function s3WebsiteHostedZoneId(region: string): string | undefined {
  return Object.hasOwn(S3_WEBSITE_HOSTED_ZONE_IDS, region) ? S3_WEBSITE_HOSTED_ZONE_IDS[region] : undefined;
}
