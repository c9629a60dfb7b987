import { z } from 'zod';
import { cidrContains, cidrsOverlap, Ipv4Cidr, parseIpv4Cidr } from './cidr';

/**
 * The schema of one environment file (config/environments/<name>.yaml).
 * It is the single source of truth: the TypeScript types below are inferred from it,
 * and every object is strict, so an unknown or misspelt key is an error.
 */

export const REGION_PATTERN =
  /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d$/;
export const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9]{1,9}$/;
export const PROJECT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,14}[a-z0-9]$/;

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

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

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** True for a lower-case DNS name of two or more labels with an alphabetic top-level label. */
export function isDomainName(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && /^[a-z]{2,63}$/.test(labels[labels.length - 1]);
}

const domainName = z
  .string()
  .refine(isDomainName, 'expected a lower-case DNS name such as dev.example.com (labels of a-z, 0-9 and -, 2+ labels)');
const cidrBlock = z
  .string()
  .refine((value) => parseIpv4Cidr(value) !== undefined, 'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16');
const port = z.number().int().min(1).max(65535);

const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, 'expected a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>)');

const stateSchema = z
  .object({
    /** How other stacks lock their state: a DynamoDB table (default) or S3-native lock files (Terraform >= 1.10). */
    locking: z.enum(['dynamodb', 's3-native']).default('dynamodb'),
    /** Where the state stack keeps its own state: `local` to bootstrap, `s3` after migrating it into its bucket. */
    stateStackBackend: z.enum(['local', 's3']).default('local'),
    /** Days a noncurrent state object version is kept before it expires. */
    noncurrentVersionRetentionDays: z.number().int().min(1).max(3650).default(90),
    /** A customer-managed KMS key for the state bucket; SSE-S3 (AES256) when left out. */
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .strict();

const observabilitySchema = z
  .object({
    /**
     * A customer-managed KMS key in the home region for every log group and SNS topic of the
     * environment; the policy then requires it (LOGS-KMS, SNS-KMS). Service-owned keys when left out.
     */
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .strict();

const flowLogsSchema = z
  .object({
    /** CloudWatch Logs retention of the VPC flow logs, in days. */
    retentionDays: z
      .number()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), `expected one of ${LOG_RETENTION_DAYS.join(', ')}`)
      .default(90),
    /** Which traffic is logged. */
    trafficType: z.enum(['ALL', 'ACCEPT', 'REJECT']).default('ALL'),
  })
  .strict();

const subnetsSchema = z
  .object({
    /** One CIDR per availability zone, in the order of availabilityZones: load balancers and NAT gateways. */
    public: z.array(cidrBlock),
    /** One CIDR per availability zone: web servers and containers. */
    privateApp: z.array(cidrBlock),
    /** One CIDR per availability zone: databases and caches, no route to the internet. */
    privateData: z.array(cidrBlock),
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
    cidr: cidrBlock.refine((value) => {
      const prefix = parseIpv4Cidr(value)?.prefixLength;
      return prefix === undefined || (prefix >= 16 && prefix <= 24);
    }, 'expected a VPC CIDR between /16 and /24'),
    /** Two or three availability zones of the region, such as eu-west-1a. */
    availabilityZones: z
      .array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, 'expected an availability zone name such as eu-west-1a'))
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
  })
  .strict();

/** Instance families the launch template accepts (x86_64, to match the Amazon Linux AMI parameter). */
export const INSTANCE_FAMILIES = ['t3', 't3a', 'm5', 'm5a', 'm6i', 'm6a', 'm7i', 'm7a', 'c5', 'c6i', 'c6a', 'c7i', 'r5', 'r6i', 'r7i'] as const;
const INSTANCE_SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];

const dnsSchema = z
  .object({
    /** Use this existing public hosted zone of `domain` instead of creating one. */
    hostedZoneId: z.string().regex(/^Z[A-Z0-9]{4,32}$/, 'expected a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ').optional(),
    /** Extra names on both certificates and the distribution; each inside `domain`. */
    subjectAlternativeNames: z.array(domainName).optional(),
    /** Write the zone's NS records into a parent zone held in another account. */
    parentZone: z
      .object({
        /** The parent hosted zone id. */
        zoneId: z.string().regex(/^Z[A-Z0-9]{4,32}$/, 'expected a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ'),
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

const appSchema = z
  .object({
    /** EC2 instance type of the web servers. */
    instanceType: z.string().default('t3.small'),
    /** Auto Scaling group bounds. */
    minSize: z.number().int().min(0).max(100).default(2),
    maxSize: z.number().int().min(1).max(100).default(4),
    desiredCapacity: z.number().int().min(0).max(100).default(2),
    /** Public SSM parameter holding the AMI id. */
    amiParameter: z.string().regex(/^\/aws\/service\/[\w./-]+$/, 'expected a public SSM parameter path under /aws/service/').default(
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    ),
    /** Root volume size in GiB (gp3, encrypted). */
    rootVolumeGiB: z.number().int().min(8).max(1024).default(20),
    /** Path the target group's health check requests. */
    healthCheckPath: z.string().regex(/^\/[\w./-]*$/, 'expected an absolute URL path such as /healthz').default('/healthz'),
    /** Days ALB access logs are kept. */
    accessLogRetentionDays: z.number().int().min(1).max(3650).default(90),
  })
  .strict();

const edgeSchema = z
  .object({
    /** CloudFront price class. */
    priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
    /** Keep every version of every uploaded file. */
    uploadsVersioning: z.boolean().default(true),
    /** Requests one client address may make in 5 minutes before the WAFs block it. */
    rateLimitPer5Minutes: z.number().int().min(100).max(2000000000).default(2000),
    /**
     * URL path prefixes where both WAFs let request bodies over 8 KB through (the managed
     * rule SizeRestrictions_BODY blocks them everywhere else), such as WordPress media uploads.
     */
    largeBodyPaths: z
      .array(z.string().regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,199}$/, 'expected a URL path prefix starting with /, such as /wp-admin/async-upload.php'))
      .max(10, 'expected at most 10 path prefixes')
      .default([]),
  })
  .strict();

const environmentObject = z
  .object({
    /** Short project name, the first part of every physical name. */
    project: z.string().regex(PROJECT_NAME_PATTERN, 'expected 3-16 characters of a-z, 0-9 and -, starting with a letter'),
    /** Environment name; must equal the file name. */
    environment: z.string().regex(ENVIRONMENT_NAME_PATTERN, 'expected 2-10 characters of a-z and 0-9, starting with a letter'),
    /** The only AWS account any provider of this environment may touch (a quoted 12-digit string). */
    accountId: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id as a quoted string'),
    /** Home region. */
    region: z.string().regex(REGION_PATTERN, 'expected an AWS region name such as eu-west-1'),
    /** The environment's public domain. */
    domain: domainName,
    /** Production environments get deletion protection and longer retention. */
    production: z.boolean().default(false),
    state: stateSchema.default({}),
    network: networkSchema,
    dns: dnsSchema.default({}),
    app: appSchema.default({}),
    edge: edgeSchema.default({}),
    observability: observabilitySchema.default({}),
    /** Extra tags on every resource, beside project, environment, tier and managed-by. */
    tags: z.record(z.string().regex(/^[\w .:/=+@-]{1,128}$/, 'expected a tag key'), z.string().max(256)).default({}),
  })
  .strict();

export const environmentSchema = environmentObject.superRefine(checkNetworkLayout).superRefine(checkWebSystem).superRefine(checkKeyRegions);

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type EnvironmentInput = z.input<typeof environmentSchema>;
export type NetworkConfig = EnvironmentConfig['network'];
export type AppConfig = EnvironmentConfig['app'];
export type EdgeConfig = EnvironmentConfig['edge'];

/** The names the site answers on: the domain and its alternative names (www.<domain> unless configured). */
export function siteNames(config: EnvironmentConfig): string[] {
  return [config.domain, ...(config.dns.subjectAlternativeNames ?? [`www.${config.domain}`])];
}

const SUBNET_TIERS = ['public', 'privateApp', 'privateData'] as const;

/** Cross-field checks: zones belong to the region, subnets fit the VPC and each other. */
function checkNetworkLayout(env: z.infer<typeof environmentObject>, ctx: z.RefinementCtx): void {
  const zones = env.network.availabilityZones;
  zones.forEach((zone, index) => {
    if (!zone.startsWith(env.region) || zone.length !== env.region.length + 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['network', 'availabilityZones', index],
        message: `expected an availability zone of region ${env.region}, such as ${env.region}a`,
      });
    }
    if (zones.indexOf(zone) !== index) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['network', 'availabilityZones', index], message: 'expected each availability zone once' });
    }
  });

  if (env.network.appInternetEgress && env.network.natGateways === 'none') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['network', 'appInternetEgress'],
      message: 'expected false while network.natGateways is "none" (no route to the internet); or set natGateways to "single" or "per-az"',
    });
  }
  env.network.interfaceEndpoints.forEach((service, index) => {
    if (env.network.interfaceEndpoints.indexOf(service) !== index) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['network', 'interfaceEndpoints', index], message: 'expected each service once' });
    }
  });

  const vpc = parseIpv4Cidr(env.network.cidr);
  const seen: { field: string; text: string; cidr: Ipv4Cidr }[] = [];
  for (const tier of SUBNET_TIERS) {
    const blocks = env.network.subnets[tier];
    if (blocks.length !== zones.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['network', 'subnets', tier],
        message: `expected one subnet per availability zone (${zones.length}), got ${blocks.length}`,
      });
    }
    blocks.forEach((text, index) => {
      const cidr = parseIpv4Cidr(text);
      if (!cidr || !vpc) return;
      const path = ['network', 'subnets', tier, index];
      if (!cidrContains(vpc, cidr)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `expected a subnet inside the VPC CIDR ${env.network.cidr}` });
      }
      if (cidr.prefixLength > 28) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: 'expected a subnet of /28 or larger (AWS minimum)' });
      }
      const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
      if (clash) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path,
          message: `expected a subnet that overlaps no other; it overlaps ${clash.field} (${clash.text})`,
        });
      }
      seen.push({ field: `network.subnets.${tier}[${index}]`, text, cidr });
    });
  }
}

/** Cross-field checks of the web system: names inside the zone, capacity bounds, instance type, delegation. */
function checkWebSystem(env: z.infer<typeof environmentObject>, ctx: z.RefinementCtx): void {
  const alternativeNames = env.dns.subjectAlternativeNames ?? [];
  alternativeNames.forEach((name, index) => {
    const path = ['dns', 'subjectAlternativeNames', index];
    if (name === env.domain) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `expected a name below ${env.domain}: the domain itself is always covered` });
    } else if (!name.endsWith(`.${env.domain}`)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `expected a name inside the zone ${env.domain}, such as www.${env.domain}` });
    } else if (alternativeNames.indexOf(name) !== index) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: 'expected each name once' });
    }
  });
  if (env.dns.parentZone && env.dns.parentZone.roleArn === undefined) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['dns', 'parentZone', 'roleArn'],
      message: 'expected the ARN of a role in the parent zone\'s account: delegation writes NS records there',
    });
  }
  env.edge.largeBodyPaths.forEach((path, index) => {
    if (path === '/') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['edge', 'largeBodyPaths', index], message: 'expected a narrower prefix than /, which would switch the body size limit off for the whole site' });
    } else if (env.edge.largeBodyPaths.indexOf(path) !== index) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['edge', 'largeBodyPaths', index], message: 'expected each path prefix once' });
    }
  });
  const { minSize, maxSize, desiredCapacity, instanceType } = env.app;
  if (minSize > maxSize) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['app', 'minSize'], message: `expected at most app.maxSize (${maxSize})` });
  }
  if (desiredCapacity < minSize || desiredCapacity > maxSize) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['app', 'desiredCapacity'], message: `expected a value from app.minSize (${minSize}) to app.maxSize (${maxSize})` });
  }
  const [family, size] = instanceType.split('.');
  if (!(INSTANCE_FAMILIES as readonly string[]).includes(family) || !INSTANCE_SIZES.includes(size ?? '')) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['app', 'instanceType'],
      message: `expected <family>.<size> with family one of ${INSTANCE_FAMILIES.join(', ')} and size one of ${INSTANCE_SIZES.join(', ')}`,
    });
  }
}

/** S3 and CloudWatch Logs only use KMS keys of their own region. */
function checkKeyRegions(env: z.infer<typeof environmentObject>, ctx: z.RefinementCtx): void {
  const keys: [string, string | undefined][] = [
    ['state', env.state.kmsKeyArn],
    ['observability', env.observability.kmsKeyArn],
  ];
  for (const [section, arn] of keys) {
    if (arn !== undefined && arn.split(':')[3] !== env.region) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [section, 'kmsKeyArn'], message: `expected a key in the home region ${env.region}` });
    }
  }
}
