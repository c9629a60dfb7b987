import { z } from 'zod';
import { amiSchema, resolveAmi } from './ami';
import { INSTANCE_FAMILIES as FAMILY_DATA, instanceArchitecture } from './aws';
import { containerSchema, resolveContainer } from './container';
import { dataSchema, resolveData } from './data';
import { encryptionSchema } from './encryption';
import { internalSiteSchema } from './internal-site';
import { privateBucketSchema } from './private-bucket';
import { staticWebsiteSchema } from './static-website';
import { stateSchema } from './state';
import { availabilityZoneName, cidrBlock, hostedZoneId, kmsKeyArn, priceClass, retentionDays, vpcCidrBlock } from './fields';
import { logRetentionDays } from './log-retention';
import { opsSchema } from './ops';
import { SandboxConfig, sandboxSchema } from './sandbox';
import { scalingSchema } from './scaling';
import { scheduleSchema } from './schedule';
import { SYSTEMS } from './systems';
import { vpnGatewaySchema } from './vpn';
import { ENVIRONMENT_NAME_PATTERN, isDomainName, PROJECT_NAME_PATTERN, REGION_PATTERN } from './patterns';
import { checkCertificateNames } from './rules/certificates';
import { checkContainers } from './rules/containers';
import { checkData } from './rules/data';
import { checkAppAmi, checkInstanceType } from './rules/compute';
import { checkKeyRegions } from './rules/keys';
import { checkPhysicalNames } from './rules/names';
import { checkSandbox } from './rules/sandbox';
import { checkEncryption, checkHostNamesApart, checkInternalSite, checkPrivateBucket, checkStaticWebsite } from './rules/s3-systems';
import { checkSchedules } from './rules/schedules';
import { checkState } from './rules/state';
import { checkSystems } from './rules/systems';
import { checkVpnGateway } from './rules/vpn';
import { checkNetworkLayout, checkRegion } from './rules/network';
import { checkOps } from './rules/ops';
import { checkTags } from './rules/tags';
import { checkWebSystem } from './rules/web';
import { checkEdgeHardening } from './rules/waf';

export { AVAILABILITY_ZONE_PATTERN, ENVIRONMENT_NAME_PATTERN, isDomainName, KMS_KEY_ARN_PATTERN, PROJECT_NAME_PATTERN, REGION_PATTERN } from './patterns';

/**
 * The schema of one environment file (config/environments/<name>.yaml).
 * It is the single source of truth: the TypeScript types below are inferred from it,
 * and every object is strict, so an unknown or misspelt key is an error.
 */

export { LOG_RETENTION_DAYS } from './log-retention';

/** Interface endpoints the network tier can create; the first four carry Session Manager. */
export const INTERFACE_ENDPOINT_SERVICES = [
  'ssm',
  'ssmmessages',
  'ec2messages',
  'logs',
  'secretsmanager',
  'kms',
  'sts',
  'monitoring',
  'ecr.api',
  'ecr.dkr',
] as const;
export const SESSION_MANAGER_ENDPOINTS = ['ssm', 'ssmmessages', 'ec2messages', 'logs'] as const;

const domainName = z
  .string()
  .refine(isDomainName, 'expected a lower-case DNS name such as dev.example.com (labels of a-z, 0-9 and -, 2+ labels)');
const subnetCidr = cidrBlock('10.0.0.0/16');
const port = z.number().int().min(1).max(65535);

const observabilitySchema = z
  .object({
    /**
     * A customer-managed KMS key in the home region for every log group of the environment; the policy
     * then requires one (LOGS-KMS). Service-owned keys when left out. (Alarm topics always use the ops tier's keys.)
     */
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .strict();

const flowLogsSchema = z
  .object({
    /** CloudWatch Logs retention of the VPC flow logs, in days. */
    retentionDays: logRetentionDays.default(90),
    /** Which traffic is logged. */
    trafficType: z.enum(['ALL', 'ACCEPT', 'REJECT']).default('ALL'),
  })
  .strict();

const subnetsSchema = z
  .object({
    /** One CIDR per availability zone, in the order of availabilityZones: load balancers and NAT gateways. */
    public: z.array(subnetCidr),
    /** One CIDR per availability zone: web servers and containers. */
    privateApp: z.array(subnetCidr),
    /** One CIDR per availability zone: databases and caches, no route to the internet. */
    privateData: z.array(subnetCidr),
  })
  .strict();

const portsSchema = z
  .object({
    /** Port the web servers listen on behind the load balancer. */
    app: port.default(80),
    /** PostgreSQL port of the data tier. */
    database: port.default(5432),
    /** Redis port of the cache tier. */
    cache: port.default(6379),
  })
  .strict();

const networkSchema = z
  .object({
    /** The VPC's IPv4 CIDR block (/16 to /24). */
    cidr: vpcCidrBlock(16, 24, '10.0.0.0/16', false),
    /** Two or three availability zones of the region, such as eu-west-1a. */
    availabilityZones: z
      .array(availabilityZoneName)
      .min(2, 'expected at least 2 availability zones')
      .max(3, 'expected at most 3 availability zones'),
    subnets: subnetsSchema,
    /** NAT gateways for the private app subnets: none, one shared, or one per availability zone. */
    natGateways: z.enum(['none', 'single', 'per-az']).default('single'),
    /** Interface endpoints in the private app subnets. */
    interfaceEndpoints: z.array(z.enum(INTERFACE_ENDPOINT_SERVICES)).default([...SESSION_MANAGER_ENDPOINTS]),
    /** Let the app tier open HTTPS connections to the internet through NAT (off: only AWS endpoints and S3). */
    appInternetEgress: z.boolean().default(false),
    flowLogs: flowLogsSchema.default({}),
    ports: portsSchema.default({}),
    /** Private hosted zone for internal names; `<environment>.<project>.internal` when left out. */
    privateZoneName: domainName.optional(),
    /** A virtual private gateway (and optionally a site-to-site VPN) for the private subnets. */
    vpnGateway: vpnGatewaySchema.optional(),
  })
  .strict();

/** Instance families the web servers accept (x86_64 and Graviton); sizes and architectures are in config/aws/instance-types.json. */
export const INSTANCE_FAMILIES: readonly string[] = Object.keys(FAMILY_DATA);

/** Route53 accepts TTLs from 0 to 2147483647 seconds; anything over a week is a mistake here. */
const ttlSeconds = z.number().int().min(0).max(604800, 'expected at most 604800 seconds (a week)');

const dnsSchema = z
  .object({
    /** TTL of records whose targets change (non-alias records such as internal names of servers). */
    recordTtlSeconds: ttlSeconds.default(60),
    /** TTL of the NS records written into the parent zone. */
    delegationTtlSeconds: ttlSeconds.default(172800),
    /** Use this existing public hosted zone of `domain` instead of creating one. */
    hostedZoneId: hostedZoneId.optional(),
    /** Extra names on both certificates and the distribution; each inside `domain`. */
    subjectAlternativeNames: z.array(domainName).optional(),
    /** Write the zone's NS records into a parent zone held in another account. */
    parentZone: z
      .object({
        /** The parent hosted zone id. */
        zoneId: hostedZoneId,
        /** Role in the parent zone's account that may change its records. */
        roleArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, 'expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)')
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** How the app tier runs the workload: EC2 web servers in an Auto Scaling group, or containers on Fargate Spot. */
export const COMPUTE_CHOICES = ['ec2', 'fargate-spot'] as const;

/** EC2 takes at most 16 KB of user data before base64 encoding. */
export const MAX_USER_DATA_BYTES = 16384;

const appSchema = z
  .object({
    /** `ec2` (web servers in an Auto Scaling group) or `fargate-spot` (an ECS service, `app.container`). */
    compute: z.enum(COMPUTE_CHOICES).default('ec2'),
    /**
     * With `ec2`: the web servers' boot script, a file beside the environment file (a shebang line first,
     * at most 16 KB). An Apache server with the health page when left out.
     */
    userDataFile: z
      .string()
      .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w.\/-]{1,255}$/, 'expected a path relative to the environment file, such as dev.user-data.sh, without ..')
      .optional(),
    /** With `fargate-spot`: the container the service runs. */
    container: containerSchema.optional(),
    /** EC2 instance type of the web servers: a size its family comes in (config/aws/instance-types.json). */
    instanceType: z.string().default('t3.small'),
    /** Auto Scaling group bounds. */
    minSize: z.number().int().min(0).max(100).default(2),
    maxSize: z.number().int().min(1).max(100).default(4),
    desiredCapacity: z.number().int().min(0).max(100).default(2),
    /**
     * The web servers' image: by SSM public parameter, name pattern + owner, or id + owner + family (config/ami.ts).
     * @default - parameter `.../al2023-ami-kernel-default-x86_64`, or `-arm64` for a Graviton instance type
     */
    ami: amiSchema.default({}),
    /** Root volume size in GiB (gp3, encrypted). */
    rootVolumeGiB: z.number().int().min(8).max(1024).default(20),
    /** Path the target group's health check requests. */
    healthCheckPath: z.string().regex(/^\/[\w./-]*$/, 'expected an absolute URL path such as /healthz').default('/healthz'),
    /** Days ALB access logs are kept. */
    accessLogRetentionDays: retentionDays.default(90),
    /** Target-tracking scaling between minSize and maxSize. */
    scaling: scalingSchema.default({}),
    /** Stop the web servers (scale to zero) and start them again on a schedule; non-production only. */
    schedule: scheduleSchema.optional(),
  })
  .strict();

const edgeSchema = z
  .object({
    /** CloudFront price class. */
    priceClass: priceClass,
    /** Keep every version of every uploaded file. */
    uploadsVersioning: z.boolean().default(true),
    /** Requests one client address may make in 5 minutes before the WAFs block it. */
    rateLimitPer5Minutes: z.number().int().min(10).max(2000000000).default(2000),
    /**
     * URL path prefixes where both WAFs let request bodies over 8 KB through (the managed
     * rule SizeRestrictions_BODY blocks them everywhere else), such as WordPress media uploads.
     */
    largeBodyPaths: z
      .array(z.string().regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,199}$/, 'expected a URL path prefix starting with /, such as /wp-admin/async-upload.php'))
      .max(10, 'expected at most 10 path prefixes')
      .default([]),
    /**
     * What the site runs. `wordpress` adds the WordPress, PHP and SQL-injection rule groups to both WAFs,
     * a per-address rate rule on /wp-login.php and /xmlrpc.php, and cached behaviours for WordPress's
     * static paths; `generic` leaves all of that out.
     */
    application: z.enum(['wordpress', 'generic']).default('wordpress'),
    /** With `wordpress`: requests one client address may make to /wp-login.php and /xmlrpc.php in 5 minutes. */
    loginRateLimitPer5Minutes: z.number().int().min(10).max(2000000000).default(100),
    /** With `wordpress`: `block` refuses /xmlrpc.php outright (pingbacks, old apps); `rate-limit` only limits it like /wp-login.php. */
    xmlrpc: z.enum(['block', 'rate-limit']).default('block'),
    /** More AWS managed rule groups for both WAFs, from config/aws/waf-managed-rule-groups.json, within the web ACL capacity. */
    extraManagedRuleGroups: z.array(z.string()).max(10, 'expected at most 10 rule groups').default([]),
    /**
     * Path patterns CloudFront caches from the load balancer (query strings in the cache key, no cookies).
     * @default - WordPress's static paths (/wp-includes/*, /wp-content/themes/*, /wp-content/plugins/*) with `wordpress`, none with `generic`
     */
    cachedPaths: z
      .array(z.string().regex(/^\/[A-Za-z0-9_\-.*?$\/~"'@:+&]{0,254}$/, 'expected a CloudFront path pattern starting with /, such as /wp-includes/*'))
      .max(20, 'expected at most 20 path patterns: CloudFront allows 25 cache behaviours')
      .optional(),
    /** WAF logs (both web ACLs) and CloudFront access logs. */
    logs: z
      .object({
        /** Days WAF and CloudFront log objects are kept in their buckets. */
        retentionDays: retentionDays.default(90),
        /** Request headers WAF replaces with REDACTED in its logs; authorization and cookie always among them. */
        redactedHeaders: z
          .array(z.string().regex(/^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'expected a lower-case HTTP header name such as authorization (WAF redacts single headers by name, 1-64 characters)'))
          .max(100, 'expected at most 100 headers: WAF redacts up to 100 fields')
          .default(['authorization', 'cookie']),
      })
      .strict()
      .default({}),
  })
  .strict();

/** A `__proto__` key cannot be kept in a JavaScript object (zod drops it): refused rather than lost. */
function refuseProtoKey(value: unknown, ctx: z.RefinementCtx): unknown {
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__')) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected a key other than __proto__, which cannot be kept', params: { received: 'key "__proto__"' } });
  }
  return value;
}

const environmentObject = z
  .object({
    /** Short project name, the first part of every physical name. */
    project: z.string().regex(PROJECT_NAME_PATTERN, 'expected 3-16 characters of a-z, 0-9 and -, starting with a letter and not ending with -'),
    /** Environment name; must equal the file name. */
    environment: z.string().regex(ENVIRONMENT_NAME_PATTERN, 'expected 2-10 characters of a-z and 0-9, starting with a letter'),
    /** The only AWS account any provider of this environment may touch (a quoted 12-digit string). */
    accountId: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id as a quoted string'),
    /** Home region. */
    region: z.string().regex(REGION_PATTERN, 'expected an AWS region name such as eu-west-1'),
    /** The systems this environment holds; synth builds their stacks and the shared tiers they need. */
    systems: z
      .array(z.enum(SYSTEMS))
      .min(1, `expected at least one system: ${SYSTEMS.join(', ')}`)
      .default(['web-platform']),
    /** The environment's public domain (web platform, static website, internal site). */
    domain: domainName.optional(),
    /** Production environments get deletion protection and longer retention. */
    production: z.boolean().default(false),
    state: stateSchema.default({}),
    /** The web platform's VPC. */
    network: networkSchema.optional(),
    dns: dnsSchema.default({}),
    app: appSchema.default({}),
    edge: edgeSchema.default({}),
    observability: observabilitySchema.default({}),
    /** Alarms, session recording and change audit (stack `<env>-ops`, with the web platform; every default when left out). */
    ops: opsSchema.optional(),
    /** The web platform's data tier: Aurora, and optionally Redis or Valkey (stack `<env>-data`). */
    data: dataSchema.optional(),
    /** The classic sandbox system. */
    sandbox: sandboxSchema.optional(),
    /** The static website system (stack `<env>-website`). */
    staticWebsite: staticWebsiteSchema.optional(),
    /** The private bucket for presigned URLs (stack `<env>-files`). */
    privateBucket: privateBucketSchema.optional(),
    /** The internal site served from S3 through an ALB (stack `<env>-intranet`). */
    internalSite: internalSiteSchema.optional(),
    /** The environment's customer-managed keys and how each bucket class is encrypted. */
    encryption: encryptionSchema.default({}),
    /** Extra tags on every resource, beside project, environment, tier and managed-by (checked in rules/tags.ts). */
    tags: z
      .preprocess(refuseProtoKey, z.record(z.string(), z.string({ invalid_type_error: 'expected a string: quote numbers, dates and true/false' })))
      .default({}),
  })
  .strict();

/** The environment object before its cross-field rules run, as the rules in config/rules/ see it. */
export type ParsedEnvironment = z.infer<typeof environmentObject>;

/** Checks across fields, roughly in the order of the fields they report on. */
const RULES: readonly ((env: ParsedEnvironment, ctx: z.RefinementCtx) => void)[] = [
  checkSystems,
  checkPhysicalNames,
  checkRegion,
  checkState,
  checkCertificateNames,
  checkNetworkLayout,
  checkWebSystem,
  checkInstanceType,
  checkAppAmi,
  checkContainers,
  checkData,
  checkTags,
  checkKeyRegions,
  checkSandbox,
  checkStaticWebsite,
  checkPrivateBucket,
  checkInternalSite,
  checkHostNamesApart,
  checkEncryption,
  checkSchedules,
  checkVpnGateway,
  checkOps,
  checkEdgeHardening,
];

export const environmentSchema = environmentObject
  .superRefine((env, ctx) => RULES.forEach((rule) => rule(env, ctx)))
  .transform((env) => ({
    ...env,
    app: {
      ...env.app,
      ami: resolveAmi(env.app.ami, instanceArchitecture(env.app.instanceType)),
      container: env.app.container === undefined ? undefined : resolveContainer(env.app.container, env.production),
      /** The contents of `userDataFile`, read by the loader (config/user-data-file.ts); the default boot script when undefined. */
      userData: undefined as string | undefined,
    },
    data: env.data === undefined ? undefined : resolveData(env.data),
    ops: env.ops ?? opsSchema.parse({}),
  }));

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type EnvironmentInput = z.input<typeof environmentSchema>;
export type NetworkConfig = NonNullable<EnvironmentConfig['network']>;
export type AppConfig = EnvironmentConfig['app'];
export type ResolvedContainerConfig = NonNullable<AppConfig['container']>;
export type ResolvedDataConfig = NonNullable<EnvironmentConfig['data']>;
export type EdgeConfig = EnvironmentConfig['edge'];
export type { AlarmSettings, AlarmThresholds, OpsConfig } from './ops';
export type { EncryptionConfig } from './encryption';
export type { InternalSiteConfig, OidcConfig } from './internal-site';
export type { PrivateBucketConfig } from './private-bucket';
export type { StaticWebsiteConfig } from './static-website';

/** An environment that holds the web platform: its domain and network are there (checkSystems). */
export type WebPlatformConfig = EnvironmentConfig & { readonly domain: string; readonly network: NetworkConfig };

/** The environment as the web platform's stacks see it, or undefined when it does not hold the web platform. */
export function webPlatformConfig(config: EnvironmentConfig): WebPlatformConfig | undefined {
  if (!config.systems.includes('web-platform')) return undefined;
  if (config.domain === undefined || config.network === undefined) {
    throw new Error(`environment ${config.environment} holds the web platform without domain or network: the schema should have refused it`);
  }
  return config as WebPlatformConfig;
}

/** The environment as the sandbox stack sees it, or undefined when it does not hold the sandbox. */
export function sandboxConfig(config: EnvironmentConfig): SandboxConfig | undefined {
  return config.systems.includes('sandbox') ? config.sandbox : undefined;
}

/** The names the site answers on: the domain and its alternative names (www.<domain> unless configured). */
export function siteNames(config: WebPlatformConfig): string[] {
  return [config.domain, ...(config.dns.subjectAlternativeNames ?? [`www.${config.domain}`])];
}

