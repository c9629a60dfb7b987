import { App, TerraformStack } from 'cdktf';
import { z } from 'zod';
import { environmentSchema, webPlatformConfig } from '../config/schema';
import { AppStack } from '../stacks/app-stack';
import { DataStack } from '../stacks/data-stack';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { OpsStack } from '../stacks/ops-stack';
import { SandboxStack } from '../stacks/sandbox-stack';
import { StateStack } from '../stacks/state-stack';
import { SynthesizedStack, synthStack } from './support/synth';

/**
 * Every configurable value, set to a value that is neither its default nor any other setting's value,
 * lands in the resource attribute it promises. One fixture environment sets them all (production, every
 * system); two variants of it set what that one cannot: Fargate Spot compute instead of EC2, and what
 * production refuses or fixes (start/stop schedules, a database without deletion protection, secrets
 * without a recovery window). Each fixture is built once and each of its stacks synthesized once.
 *
 * Each table row is [field, value, target, attribute, expected], and asserts that the fixture holds
 * `value` at `field`, that `value` is not the schema's default there, and that every matched target
 * holds `expected` at `attribute`:
 * - field: the setting's path in the environment file;
 * - target: `aws_x` (every resource of the type), `aws_x:glob` (those whose logical id, without its
 *   hash, matches the glob), `data.aws_x...` for data sources, `terraform` or `provider` for those
 *   blocks; with a trailing `[]` the matches are one list (attribute `length` counts them);
 * - attribute: dotted path, `[key=value]` picks the array element whose key has that value, `[*]`
 *   maps over an array, `::` parses the JSON string reached so far;
 * - expected: the attribute's value (an asymmetric matcher where order or a token does not matter).
 */

const accountKey = (id: string) => `arn:aws:kms:eu-west-1:123456789012:key/${id}`;
const STATE_KEY = accountKey('5e7a7e00-0000-4000-8000-000000000001');
const LOGS_KEY = accountKey('1065a000-0000-4000-8000-000000000002');
const DATABASE_KEY = accountKey('d8000000-0000-4000-8000-000000000003');
const CACHE_KEY = accountKey('cace0000-0000-4000-8000-000000000004');
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDkpL7I7Eb3PKDXNajFfmTsJgRljnenvcjrFaro+CNE1 admin@laptop';
const API_KEY_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webplat/api-key-AbCdEf';

/** The production environment holding every system, each setting away from its default. */
function productionInput(): Record<string, any> {
  return {
    project: 'webplat',
    environment: 'test',
    accountId: '123456789012',
    region: 'eu-west-1',
    domain: 'test.example.com',
    production: true,
    systems: ['web-platform', 'sandbox', 'static-website', 'private-bucket', 'internal-site'],
    tags: { 'cost-center': 'cc-417' },
    state: { locking: 's3-native', stateStackBackend: 's3', noncurrentVersionRetentionDays: 47, kmsKeyArn: STATE_KEY, allowedPrincipals: ['arn:aws:iam::123456789012:role/ci-apply'] },
    network: {
      cidr: '10.0.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      subnets: { public: ['10.0.0.0/24', '10.0.1.0/24'], privateApp: ['10.0.16.0/20', '10.0.32.0/20'], privateData: ['10.0.64.0/24', '10.0.65.0/24'] },
      natGateways: 'per-az',
      interfaceEndpoints: ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'kms'],
      appInternetEgress: true,
      flowLogs: { retentionDays: 545, trafficType: 'REJECT' },
      ports: { app: 8080, database: 5433, cache: 6380 },
      privateZoneName: 'inside.webplat.internal',
      vpnGateway: { amazonSideAsn: 64600, customerGateway: { ipAddress: '52.95.110.1', bgpAsn: 65010 } },
    },
    dns: {
      recordTtlSeconds: 45,
      delegationTtlSeconds: 86401,
      hostedZoneId: 'Z0EXISTING0ZONE0EXAM1',
      subjectAlternativeNames: ['shop.test.example.com'],
      parentZone: { zoneId: 'Z0PARENT0ZONE0EXAMPL', roleArn: 'arn:aws:iam::333333333333:role/dns-delegation' },
    },
    app: {
      instanceType: 'm7g.large',
      minSize: 3,
      maxSize: 9,
      desiredCapacity: 5,
      ami: { namePattern: 'al2023-ami-2023.*-kernel-6.1-arm64', owner: 'amazon' },
      rootVolumeGiB: 37,
      healthCheckPath: '/status/ready',
      accessLogRetentionDays: 17,
      scaling: { cpuTargetPercent: 63, requestsPerTarget: 777 },
    },
    edge: {
      priceClass: 'PriceClass_200',
      uploadsVersioning: false,
      rateLimitPer5Minutes: 4321,
      largeBodyPaths: ['/media/upload'],
      loginRateLimitPer5Minutes: 321,
      xmlrpc: 'rate-limit',
      extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'],
      cachedPaths: ['/assets/*'],
      logs: { retentionDays: 23, redactedHeaders: ['authorization', 'cookie', 'x-api-key'] },
    },
    observability: { kmsKeyArn: LOGS_KEY },
    ops: {
      alarms: {
        slack: { workspaceId: 'T0EXAMPLE1', channelId: 'C0EXAMPLE1' },
        emails: ['oncall@example.com'],
        thresholds: {
          targetErrors: { threshold: 11, periodSeconds: 120, evaluationPeriods: 32 },
          responseTimeSeconds: { threshold: 1.25, periodSeconds: 180, evaluationPeriods: 33 },
          unhealthyHosts: { threshold: 22, periodSeconds: 240, evaluationPeriods: 7 },
          databaseCpuPercent: { threshold: 81, periodSeconds: 360, evaluationPeriods: 24 },
          databaseFreeableMemoryMiB: { threshold: 384, periodSeconds: 420, evaluationPeriods: 25 },
          cacheCpuPercent: { threshold: 82, periodSeconds: 480, evaluationPeriods: 26 },
          cacheMemoryPercent: { threshold: 83, periodSeconds: 540, evaluationPeriods: 27 },
          computeCpuPercent: { threshold: 84, periodSeconds: 600, evaluationPeriods: 28 },
          computeMemoryPercent: { threshold: 86, periodSeconds: 660, evaluationPeriods: 31 },
          certificateDaysToExpiry: { threshold: 21, periodSeconds: 43200, evaluationPeriods: 12 },
          cdnErrorRatePercent: { threshold: 4.5, periodSeconds: 720, evaluationPeriods: 14 },
        },
      },
      sessionManager: { logRetentionDays: 731, idleTimeoutMinutes: 18, maxSessionMinutes: 135, runAsUser: 'webops' },
      changeAudit: { enabled: true, retentionDays: 71 },
    },
    data: {
      database: {
        engine: 'aurora-mysql',
        engineVersion: '8.0.mysql_aurora.3.05.2',
        serverless: { minCapacity: 1.5, maxCapacity: 16 },
        readers: 2,
        databaseName: 'shopdb',
        masterUsername: 'shopadmin',
        backupRetentionDays: 29,
        backupWindow: '01:10-01:50',
        maintenanceWindow: 'tue:03:20-tue:03:50',
        kmsKeyArn: DATABASE_KEY,
        performanceInsights: false,
        logRetentionDays: 400,
        requireTls: false,
      },
      cache: {
        engine: 'valkey',
        engineVersion: '7.2',
        nodeType: 'cache.r7g.large',
        replicas: 4,
        automaticFailover: true,
        logRetentionDays: 150,
        snapshotRetentionDays: 13,
        snapshotWindow: '05:10-06:10',
        maintenanceWindow: 'wed:07:00-wed:08:00',
        kmsKeyArn: CACHE_KEY,
      },
    },
    sandbox: {
      cidr: '10.20.0.0/24',
      availabilityZone: 'eu-west-1b',
      publicSubnet: '10.20.0.0/26',
      privateSubnet: '10.20.0.64/26',
      natGateway: true,
      webInstanceType: 't3.small',
      databaseInstanceType: 't3.medium',
      adminSshCidr: '198.51.100.7/32',
      sshPublicKey: SSH_KEY,
      sessionManagerEndpoints: true,
      rootVolumeGiB: 19,
      ami: { parameter: '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2' },
    },
    staticWebsite: {
      hostName: 'www.test.example.com',
      bucketName: 'webplat-custom-site-bucket',
      indexDocument: 'home.html',
      errorDocument: 'missing.html',
      hostedZoneId: 'Z0WEBSITE0ZONE0EXAMP1',
      priceClass: 'PriceClass_All',
      noncurrentVersionRetentionDays: 53,
      logRetentionDays: 59,
    },
    privateBucket: { bucketName: 'webplat-custom-files-bucket', signedPrefix: 'shared/', signerRoleNames: ['report-signer'], noncurrentVersionRetentionDays: 61, logRetentionDays: 67 },
    internalSite: {
      hostName: 'docs.test.example.com',
      scheme: 'internet-facing',
      hostedZoneId: 'Z0INTRANET0ZONE0EXAM1',
      vpc: { cidr: '10.30.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], albSubnets: ['10.30.0.0/24', '10.30.1.0/24'], endpointSubnets: ['10.30.10.0/24', '10.30.11.0/24'] },
      allowedCidrs: ['192.168.10.0/24'],
      healthCheckCodes: [200, 307, 403, 405],
      oidc: {
        issuer: 'https://login.example.com',
        authorizationEndpoint: 'https://login.example.com/oauth2/authorize',
        tokenEndpoint: 'https://login.example.com/oauth2/token',
        userInfoEndpoint: 'https://login.example.com/oauth2/userinfo',
        clientId: 'docs-site',
        scope: 'openid email',
        sessionTimeoutSeconds: 7200,
      },
      logRetentionDays: 1096,
    },
    encryption: { customerManagedKeys: true, buckets: { uploads: 'sse-kms', website: 'sse-kms', files: 'sse-kms' } },
  };
}

/** The fixture on Fargate Spot, for a generic (not WordPress) site. */
function fargateInput(): Record<string, any> {
  const input = productionInput();
  input.app = {
    ...input.app,
    compute: 'fargate-spot',
    container: {
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/webplat/site:3.1.4',
      cpu: 1024,
      memoryMiB: 3072,
      environment: { SITE_MODE: 'catalogue' },
      secrets: { API_KEY: API_KEY_SECRET },
      fromDataTier: { DB_HOST: 'database-host', DB_PASSWORD: 'database-password' },
      readonlyRootFilesystem: false,
      logRetentionDays: 60,
      healthCheckGracePeriodSeconds: 95,
      capacity: { spotWeight: 6, onDemandWeight: 10, onDemandBase: 8 },
    },
  };
  const { loginRateLimitPer5Minutes, xmlrpc, ...edge } = input.edge;
  input.edge = { ...edge, application: 'generic' };
  return input;
}

/**
 * The fixture outside production: start/stop schedules, the state stack's own key, a pinned image for the
 * web servers, and a provisioned Aurora cluster that may be deleted without a final snapshot.
 */
function nonProductionInput(): Record<string, any> {
  const input = productionInput();
  input.production = false;
  input.state = { customerManagedKey: true };
  input.app.ami = { id: 'ami-0123456789abcdef0', owner: 'self', family: 'al2' };
  const { serverless, ...database } = input.data.database;
  input.data.database = { ...database, instanceClass: 'db.r7g.xlarge', deletionProtection: false, finalSnapshot: false };
  input.app.schedule = { timeZone: 'Asia/Tokyo', days: ['TUE', 'THU'], startAt: '07:45', stopAt: '21:15' };
  input.sandbox.schedule = { timeZone: 'America/New_York', days: ['SAT'], startAt: '09:05', stopAt: '17:35' };
  return input;
}

const FIXTURES = { production: productionInput, fargate: fargateInput, nonProduction: nonProductionInput } as const;
type FixtureName = keyof typeof FIXTURES;

/** Which stacks each fixture synthesizes: the whole environment, or the few a variant changes. */
function stacksOf(fixture: FixtureName): TerraformStack[] {
  const config = webPlatformConfig(environmentSchema.parse(FIXTURES[fixture]()))!;
  if (fixture === 'production') return buildEnvironmentStacks(new App(), config);
  if (fixture === 'fargate') return [new AppStack(new App(), config), new OpsStack(new App(), config)];
  return [new StateStack(new App(), config), new DataStack(new App(), config, config.data!), new AppStack(new App(), config), new SandboxStack(new App(), config, config.sandbox!)];
}

const built = new Map<FixtureName, TerraformStack[]>();
const synthesized = new Map<string, SynthesizedStack>();
/** The fixture's stack of `tier` (stack `test-<tier>`), built with the fixture's other stacks and synthesized once for the file. */
function stackJson(fixture: FixtureName, tier: string): SynthesizedStack {
  const key = `${fixture}/${tier}`;
  let json = synthesized.get(key);
  if (json === undefined) {
    if (!built.has(fixture)) built.set(fixture, stacksOf(fixture));
    const stack = built.get(fixture)!.find((candidate) => candidate.node.id === `test-${tier}`);
    if (stack === undefined) throw new Error(`fixture ${fixture} has no ${tier} stack`);
    json = synthStack(stack);
    synthesized.set(key, json);
  }
  return json;
}

// ---- reading paths ------------------------------------------------------------------------------

const SEGMENT = /\[\*\]|\[([^\]=]+)=([^\]]*)\]|([^.[\]]+)/g;

function walk(value: unknown, segments: readonly RegExpMatchArray[]): unknown {
  if (segments.length === 0 || value === undefined || value === null) return segments.length === 0 ? value : undefined;
  const [segment, ...rest] = segments;
  if (segment[0] === '[*]') return (value as unknown[]).map((element) => walk(element, rest));
  if (segment[1] !== undefined) {
    const found = (value as Record<string, unknown>[]).find((element) => String(element[segment[1]]) === segment[2]);
    return walk(found, rest);
  }
  return walk((value as Record<string, unknown>)[segment[3]], rest);
}

/** The value at `path` (see the file comment) in `root`. */
function valueAt(root: unknown, path: string): unknown {
  return path.split('::').reduce<unknown>((value, hop, index) => {
    const parsed = index === 0 ? value : JSON.parse(String(value));
    return hop === '' ? parsed : walk(parsed, [...hop.matchAll(SEGMENT)]);
  }, root);
}

/** The targets a row names in a synthesized stack. */
function targetsIn(json: SynthesizedStack, target: string): unknown[] {
  const asList = target.endsWith('[]');
  const spec = asList ? target.slice(0, -2) : target;
  if (spec === 'terraform' || spec === 'provider') return json[spec] === undefined ? [] : [json[spec]];
  const [typePath, glob] = spec.split(':');
  const block = typePath.startsWith('data.') ? json.data?.[typePath.slice(5)] : json.resource?.[typePath];
  const pattern = glob === undefined ? undefined : new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  const matched = Object.entries(block ?? {})
    .filter(([id]) => pattern === undefined || pattern.test(id.replace(/_[0-9A-F]{8}$/, '')))
    .map(([, resource]) => resource);
  return asList ? [matched] : matched;
}

/** `schema` without the wrappers that do not change what it accepts: effects, optional, default. */
function unwrapped(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodEffects) return unwrapped(schema.innerType());
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return unwrapped(schema._def.innerType);
  return schema;
}

/** The environment schema's part for `field` (dotted path), wrappers included. */
function schemaAt(field: string): z.ZodTypeAny {
  let schema: z.ZodTypeAny = environmentSchema;
  for (const key of field.split('.')) {
    const parent = unwrapped(schema);
    if (parent instanceof z.ZodObject) schema = parent.shape[key];
    else if (parent instanceof z.ZodRecord) schema = parent.valueSchema;
    else throw new Error(`schemaAt: ${field} does not lead through objects at ${key}`);
    if (schema === undefined) throw new Error(`schemaAt: the schema has no field ${field}`);
  }
  return schema;
}

/** The default the schema gives `field`, or undefined when it has none. */
function schemaDefault(field: string): unknown {
  const defaultOf = (schema: z.ZodTypeAny): unknown => {
    if (schema instanceof z.ZodDefault) return schema._def.defaultValue();
    if (schema instanceof z.ZodEffects) return defaultOf(schema.innerType());
    if (schema instanceof z.ZodOptional) return defaultOf(schema._def.innerType);
    return undefined;
  };
  return defaultOf(schemaAt(field));
}

// ---- the table ----------------------------------------------------------------------------------

type Row = [field: string, value: unknown, target: string, attribute: string, expected: unknown];

const LIFECYCLE = 'aws_s3_bucket_lifecycle_configuration';
const EXPIRATION = 'rule.0.expiration.0.days';
const NONCURRENT = 'rule.0.noncurrent_version_expiration.0.noncurrent_days';
const KMS_ALGORITHM = 'rule.0.apply_server_side_encryption_by_default.sse_algorithm';
const LARGE_BODY_PATH = 'rule[name=block-large-body-outside-allowed-paths].statement.and_statement.statement.1.not_statement.statement.0.byte_match_statement.search_string';
const ALARM = 'aws_cloudwatch_metric_alarm';

/** Three rows for one alarm: its threshold, period and evaluation periods. */
function alarmRows(setting: string, alarmGlob: string, [threshold, period, evaluations]: readonly [number, number, number], thresholdLands = threshold): Row[] {
  const field = `ops.alarms.thresholds.${setting}`;
  return [
    [`${field}.threshold`, threshold, `${ALARM}:${alarmGlob}`, 'threshold', thresholdLands],
    [`${field}.periodSeconds`, period, `${ALARM}:${alarmGlob}`, 'period', period],
    [`${field}.evaluationPeriods`, evaluations, `${ALARM}:${alarmGlob}`, 'evaluation_periods', evaluations],
  ];
}

interface TierTable {
  readonly fixture: FixtureName;
  readonly tier: string;
  readonly rows: readonly Row[];
}

const TABLES: Readonly<Record<string, TierTable>> = {
  state: {
    fixture: 'production',
    tier: 'state',
    rows: [
      ['state.noncurrentVersionRetentionDays', 47, `${LIFECYCLE}:store_bucket_lifecycle`, NONCURRENT, 47],
      ['state.kmsKeyArn', STATE_KEY, 'aws_s3_bucket_server_side_encryption_configuration:store_bucket_encryption', 'rule.0.apply_server_side_encryption_by_default.kms_master_key_id', STATE_KEY],
      ['state.kmsKeyArn', STATE_KEY, 'terraform', 'backend.s3.kms_key_id', STATE_KEY],
      ['state.locking', 's3-native', 'terraform', 'backend.s3.use_lockfile', true],
      ['state.stateStackBackend', 's3', 'terraform', 'backend.s3.key', 'test/state.tfstate'],
      [
        'state.allowedPrincipals',
        ['arn:aws:iam::123456789012:role/ci-apply'],
        'aws_s3_bucket_policy:store_bucket_policy',
        'policy::Statement[Sid=DenyStateObjectsToOtherPrincipals].Condition.ArnNotLike.aws:PrincipalArn',
        ['arn:aws:iam::123456789012:role/ci-apply'],
      ],
      ['tags.cost-center', 'cc-417', 'provider', 'aws.0.default_tags.0.tags.cost-center', 'cc-417'],
    ],
  },
  network: {
    fixture: 'production',
    tier: 'network',
    rows: [
      ['network.flowLogs.retentionDays', 545, 'aws_cloudwatch_log_group:network_flow-logs_log-group', 'retention_in_days', 545],
      ['network.flowLogs.retentionDays', 545, 'aws_cloudwatch_log_group:network_vpn_tunnel-logs', 'retention_in_days', 545],
      ['network.flowLogs.trafficType', 'REJECT', 'aws_flow_log', 'traffic_type', 'REJECT'],
      ['observability.kmsKeyArn', LOGS_KEY, 'aws_cloudwatch_log_group', 'kms_key_id', LOGS_KEY],
      ['network.natGateways', 'per-az', 'aws_nat_gateway[]', 'length', 2],
      ['network.interfaceEndpoints', ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'kms'], 'aws_vpc_endpoint[]', '[*].service_name', expect.arrayContaining(['com.amazonaws.eu-west-1.kms'])],
      ['network.appInternetEgress', true, 'aws_vpc_security_group_egress_rule:network_sg_app-out-internet', 'cidr_ipv4', '0.0.0.0/0'],
      ['network.ports.app', 8080, 'aws_vpc_security_group_ingress_rule:network_sg_app-in-alb', 'from_port', 8080],
      ['network.ports.app', 8080, 'aws_vpc_security_group_egress_rule:network_sg_alb-out-app', 'to_port', 8080],
      ['network.ports.database', 5433, 'aws_vpc_security_group_ingress_rule:network_sg_data-in-app', 'from_port', 5433],
      ['network.ports.cache', 6380, 'aws_vpc_security_group_ingress_rule:network_sg_cache-in-app', 'to_port', 6380],
      ['network.privateZoneName', 'inside.webplat.internal', 'aws_route53_zone', 'name', 'inside.webplat.internal'],
      ['network.vpnGateway.amazonSideAsn', 64600, 'aws_vpn_gateway', 'amazon_side_asn', '64600'],
      ['network.vpnGateway.customerGateway.ipAddress', '52.95.110.1', 'aws_customer_gateway', 'ip_address', '52.95.110.1'],
      ['network.vpnGateway.customerGateway.bgpAsn', 65010, 'aws_customer_gateway', 'bgp_asn', '65010'],
    ],
  },
  dns: {
    fixture: 'production',
    tier: 'dns',
    rows: [
      ['dns.hostedZoneId', 'Z0EXISTING0ZONE0EXAM1', 'data.aws_route53_zone', 'zone_id', 'Z0EXISTING0ZONE0EXAM1'],
      ['dns.delegationTtlSeconds', 86401, 'aws_route53_record:delegation_ns', 'ttl', 86401],
      ['dns.parentZone.zoneId', 'Z0PARENT0ZONE0EXAMPL', 'aws_route53_record:delegation_ns', 'zone_id', 'Z0PARENT0ZONE0EXAMPL'],
      ['dns.parentZone.roleArn', 'arn:aws:iam::333333333333:role/dns-delegation', 'provider', 'aws[alias=parent-zone].assume_role.0.role_arn', 'arn:aws:iam::333333333333:role/dns-delegation'],
      ['dns.subjectAlternativeNames', ['shop.test.example.com'], 'aws_acm_certificate', 'subject_alternative_names', ['shop.test.example.com']],
    ],
  },
  data: {
    fixture: 'production',
    tier: 'data',
    rows: [
      ['data.database.engine', 'aurora-mysql', 'aws_rds_cluster', 'engine', 'aurora-mysql'],
      ['data.database.engineVersion', '8.0.mysql_aurora.3.05.2', 'aws_rds_cluster', 'engine_version', '8.0.mysql_aurora.3.05.2'],
      ['data.database.serverless.minCapacity', 1.5, 'aws_rds_cluster', 'serverlessv2_scaling_configuration.min_capacity', 1.5],
      ['data.database.serverless.maxCapacity', 16, 'aws_rds_cluster', 'serverlessv2_scaling_configuration.max_capacity', 16],
      ['data.database.readers', 2, 'aws_rds_cluster_instance[]', 'length', 3],
      ['data.database.databaseName', 'shopdb', 'aws_rds_cluster', 'database_name', 'shopdb'],
      ['data.database.masterUsername', 'shopadmin', 'aws_rds_cluster', 'master_username', 'shopadmin'],
      ['data.database.backupRetentionDays', 29, 'aws_rds_cluster', 'backup_retention_period', 29],
      ['data.database.backupWindow', '01:10-01:50', 'aws_rds_cluster', 'preferred_backup_window', '01:10-01:50'],
      ['data.database.maintenanceWindow', 'tue:03:20-tue:03:50', 'aws_rds_cluster', 'preferred_maintenance_window', 'tue:03:20-tue:03:50'],
      ['data.database.maintenanceWindow', 'tue:03:20-tue:03:50', 'aws_rds_cluster_instance', 'preferred_maintenance_window', 'tue:03:20-tue:03:50'],
      ['data.database.kmsKeyArn', DATABASE_KEY, 'aws_rds_cluster', 'kms_key_id', DATABASE_KEY],
      ['data.database.kmsKeyArn', DATABASE_KEY, 'aws_rds_cluster', 'master_user_secret_kms_key_id', DATABASE_KEY],
      ['data.database.performanceInsights', false, 'aws_rds_cluster_instance', 'performance_insights_enabled', false],
      ['data.database.logRetentionDays', 400, 'aws_cloudwatch_log_group:aurora_log-*', 'retention_in_days', 400],
      ['data.database.requireTls', false, 'aws_rds_cluster_parameter_group', 'parameter[name=require_secure_transport].value', 'OFF'],
      ['network.ports.database', 5433, 'aws_rds_cluster', 'port', 5433],
      ['data.cache.engine', 'valkey', 'aws_elasticache_replication_group', 'engine', 'valkey'],
      ['data.cache.engineVersion', '7.2', 'aws_elasticache_replication_group', 'engine_version', '7.2'],
      ['data.cache.nodeType', 'cache.r7g.large', 'aws_elasticache_replication_group', 'node_type', 'cache.r7g.large'],
      ['data.cache.replicas', 4, 'aws_elasticache_replication_group', 'num_cache_clusters', 5],
      ['data.cache.automaticFailover', true, 'aws_elasticache_replication_group', 'automatic_failover_enabled', true],
      ['data.cache.automaticFailover', true, 'aws_elasticache_replication_group', 'multi_az_enabled', true],
      ['data.cache.logRetentionDays', 150, 'aws_cloudwatch_log_group:cache_slow-log', 'retention_in_days', 150],
      ['data.cache.snapshotRetentionDays', 13, 'aws_elasticache_replication_group', 'snapshot_retention_limit', 13],
      ['data.cache.snapshotWindow', '05:10-06:10', 'aws_elasticache_replication_group', 'snapshot_window', '05:10-06:10'],
      ['data.cache.maintenanceWindow', 'wed:07:00-wed:08:00', 'aws_elasticache_replication_group', 'maintenance_window', 'wed:07:00-wed:08:00'],
      ['data.cache.kmsKeyArn', CACHE_KEY, 'aws_elasticache_replication_group', 'kms_key_id', CACHE_KEY],
      ['data.cache.kmsKeyArn', CACHE_KEY, 'aws_secretsmanager_secret:cache-auth-token_secret', 'kms_key_id', CACHE_KEY],
      ['network.ports.cache', 6380, 'aws_elasticache_replication_group', 'port', 6380],
      ['dns.recordTtlSeconds', 45, 'aws_route53_record:names_*', 'ttl', 45],
      ['observability.kmsKeyArn', LOGS_KEY, 'aws_cloudwatch_log_group', 'kms_key_id', LOGS_KEY],
      ['production', true, 'aws_secretsmanager_secret:cache-auth-token_secret', 'recovery_window_in_days', 30],
    ],
  },
  app: {
    fixture: 'production',
    tier: 'app',
    rows: [
      ['app.instanceType', 'm7g.large', 'aws_launch_template', 'instance_type', 'm7g.large'],
      ['app.instanceType', 'm7g.large', 'data.aws_ami', 'filter[name=architecture].values', ['arm64']],
      ['app.ami.namePattern', 'al2023-ami-2023.*-kernel-6.1-arm64', 'data.aws_ami', 'filter[name=name].values', ['al2023-ami-2023.*-kernel-6.1-arm64']],
      ['app.ami.owner', 'amazon', 'data.aws_ami', 'owners', ['amazon']],
      ['app.rootVolumeGiB', 37, 'aws_launch_template', 'block_device_mappings.0.ebs.volume_size', 37],
      ['app.minSize', 3, 'aws_autoscaling_group', 'min_size', 3],
      ['app.maxSize', 9, 'aws_autoscaling_group', 'max_size', 9],
      ['app.desiredCapacity', 5, 'aws_autoscaling_group', 'desired_capacity', 5],
      ['app.healthCheckPath', '/status/ready', 'aws_lb_target_group', 'health_check.path', '/status/ready'],
      ['network.ports.app', 8080, 'aws_lb_target_group', 'port', 8080],
      // No health check port: the probe goes to the traffic port, the app port above.
      ['network.ports.app', 8080, 'aws_lb_target_group', 'health_check.port', undefined],
      ['app.scaling.cpuTargetPercent', 63, 'aws_autoscaling_policy:scaling_cpu', 'target_tracking_configuration.target_value', 63],
      ['app.scaling.requestsPerTarget', 777, 'aws_autoscaling_policy:scaling_requests', 'target_tracking_configuration.target_value', 777],
      ['app.accessLogRetentionDays', 17, `${LIFECYCLE}:alb_access-logs_lifecycle`, EXPIRATION, 17],
      ['app.accessLogRetentionDays', 17, `${LIFECYCLE}:s3-access-logs_lifecycle`, EXPIRATION, 17],
      ['edge.logs.retentionDays', 23, `${LIFECYCLE}:waf-logs_bucket_lifecycle`, EXPIRATION, 23],
      ['edge.logs.redactedHeaders', ['authorization', 'cookie', 'x-api-key'], 'aws_wafv2_web_acl_logging_configuration', 'redacted_fields[*].single_header.name', ['authorization', 'cookie', 'x-api-key']],
      ['edge.largeBodyPaths', ['/media/upload'], 'aws_wafv2_web_acl', LARGE_BODY_PATH, '/media/upload'],
      ['edge.xmlrpc', 'rate-limit', 'aws_wafv2_web_acl', 'rule[*].name', expect.not.arrayContaining(['block-xmlrpc'])],
      ['state.locking', 's3-native', 'terraform', 'backend.s3.use_lockfile', true],
      ['production', true, 'aws_secretsmanager_secret:origin-secret', 'recovery_window_in_days', 30],
      ['production', true, 'aws_lb', 'enable_deletion_protection', true],
    ],
  },
  containers: {
    fixture: 'fargate',
    tier: 'app',
    rows: [
      ['app.compute', 'fargate-spot', 'aws_lb_target_group', 'target_type', 'ip'],
      ['app.healthCheckPath', '/status/ready', 'aws_lb_target_group', 'health_check.path', '/status/ready'],
      ['network.ports.app', 8080, 'aws_lb_target_group', 'port', 8080],
      ['network.ports.app', 8080, 'aws_lb_target_group', 'health_check.port', undefined],
      ['network.ports.app', 8080, 'aws_ecs_task_definition', 'container_definitions::0.portMappings.0.containerPort', 8080],
      ['app.container.image', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/webplat/site:3.1.4', 'aws_ecs_task_definition', 'container_definitions::0.image', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/webplat/site:3.1.4'],
      ['app.container.cpu', 1024, 'aws_ecs_task_definition', 'cpu', '1024'],
      ['app.container.memoryMiB', 3072, 'aws_ecs_task_definition', 'memory', '3072'],
      ['app.container.environment.SITE_MODE', 'catalogue', 'aws_ecs_task_definition', 'container_definitions::0.environment[name=SITE_MODE].value', 'catalogue'],
      ['app.container.secrets.API_KEY', API_KEY_SECRET, 'aws_ecs_task_definition', 'container_definitions::0.secrets[name=API_KEY].valueFrom', API_KEY_SECRET],
      [
        'app.container.fromDataTier.DB_HOST',
        'database-host',
        'aws_ecs_task_definition',
        'container_definitions::0.environment[name=DB_HOST].value',
        '${data.terraform_remote_state.data-state.outputs.database_host}',
      ],
      ['app.container.readonlyRootFilesystem', false, 'aws_ecs_task_definition', 'container_definitions::0.readonlyRootFilesystem', false],
      ['app.container.logRetentionDays', 60, 'aws_cloudwatch_log_group', 'retention_in_days', 60],
      ['app.container.healthCheckGracePeriodSeconds', 95, 'aws_ecs_service', 'health_check_grace_period_seconds', 95],
      ['app.container.capacity.spotWeight', 6, 'aws_ecs_service', 'capacity_provider_strategy[capacity_provider=FARGATE_SPOT].weight', 6],
      ['app.container.capacity.onDemandWeight', 10, 'aws_ecs_service', 'capacity_provider_strategy[capacity_provider=FARGATE].weight', 10],
      ['app.container.capacity.onDemandBase', 8, 'aws_ecs_service', 'capacity_provider_strategy[capacity_provider=FARGATE].base', 8],
      ['app.minSize', 3, 'aws_appautoscaling_target', 'min_capacity', 3],
      ['app.maxSize', 9, 'aws_appautoscaling_target', 'max_capacity', 9],
      ['app.desiredCapacity', 5, 'aws_ecs_service', 'desired_count', 5],
      ['app.scaling.cpuTargetPercent', 63, 'aws_appautoscaling_policy:containers_scaling_cpu', 'target_tracking_scaling_policy_configuration.target_value', 63],
      ['app.scaling.requestsPerTarget', 777, 'aws_appautoscaling_policy:containers_scaling_requests', 'target_tracking_scaling_policy_configuration.target_value', 777],
      ['observability.kmsKeyArn', LOGS_KEY, 'aws_cloudwatch_log_group', 'kms_key_id', LOGS_KEY],
      ['edge.application', 'generic', 'aws_wafv2_web_acl', 'rule[*].name', expect.not.arrayContaining(['AWSManagedRulesWordPressRuleSet'])],
    ],
  },
  edge: {
    fixture: 'production',
    tier: 'edge',
    rows: [
      ['edge.priceClass', 'PriceClass_200', 'aws_cloudfront_distribution', 'price_class', 'PriceClass_200'],
      ['dns.subjectAlternativeNames', ['shop.test.example.com'], 'aws_cloudfront_distribution', 'aliases', ['test.example.com', 'shop.test.example.com']],
      ['edge.cachedPaths', ['/assets/*'], 'aws_cloudfront_distribution', 'ordered_cache_behavior[*].path_pattern', expect.arrayContaining(['/assets/*'])],
      ['edge.rateLimitPer5Minutes', 4321, 'aws_wafv2_web_acl', 'rule[name=rate-limit-per-ip].statement.rate_based_statement.limit', 4321],
      ['edge.loginRateLimitPer5Minutes', 321, 'aws_wafv2_web_acl', 'rule[name=rate-limit-login-per-ip].statement.rate_based_statement.limit', 321],
      [
        'edge.extraManagedRuleGroups',
        ['AWSManagedRulesAnonymousIpList'],
        'aws_wafv2_web_acl',
        'rule[name=AWSManagedRulesAnonymousIpList].statement.managed_rule_group_statement.name',
        'AWSManagedRulesAnonymousIpList',
      ],
      ['edge.largeBodyPaths', ['/media/upload'], 'aws_wafv2_web_acl', LARGE_BODY_PATH, '/media/upload'],
      ['edge.xmlrpc', 'rate-limit', 'aws_wafv2_web_acl', 'rule[*].name', expect.not.arrayContaining(['block-xmlrpc'])],
      ['edge.logs.retentionDays', 23, `${LIFECYCLE}:waf-logs_bucket_lifecycle`, EXPIRATION, 23],
      ['edge.logs.retentionDays', 23, `${LIFECYCLE}:cdn-logs_bucket_lifecycle`, EXPIRATION, 23],
      ['edge.logs.redactedHeaders', ['authorization', 'cookie', 'x-api-key'], 'aws_wafv2_web_acl_logging_configuration', 'redacted_fields[*].single_header.name', ['authorization', 'cookie', 'x-api-key']],
      ['edge.uploadsVersioning', false, 'aws_s3_bucket_versioning:uploads_versioning', 'versioning_configuration.status', 'Suspended'],
      ['encryption.buckets.uploads', 'sse-kms', 'aws_s3_bucket_server_side_encryption_configuration:uploads_encryption', KMS_ALGORITHM, 'aws:kms'],
      ['app.accessLogRetentionDays', 17, `${LIFECYCLE}:access-logs_lifecycle`, EXPIRATION, 17],
      ['app.accessLogRetentionDays', 17, `${LIFECYCLE}:access-logs-us-east-1_lifecycle`, EXPIRATION, 17],
    ],
  },
  ops: {
    fixture: 'production',
    tier: 'ops',
    rows: [
      ...alarmRows('targetErrors', 'watch_alb-target-5xx', [11, 120, 32]),
      ...alarmRows('responseTimeSeconds', 'watch_alb-response-time-p95', [1.25, 180, 33]),
      ...alarmRows('unhealthyHosts', 'watch_alb-unhealthy-hosts', [22, 240, 7]),
      ...alarmRows('databaseCpuPercent', 'watch_db-*-cpu', [81, 360, 24]),
      ...alarmRows('databaseFreeableMemoryMiB', 'watch_db-*-freeable-memory', [384, 420, 25], 384 * 1024 * 1024),
      ...alarmRows('cacheCpuPercent', 'watch_cache-*-engine-cpu', [82, 480, 26]),
      ...alarmRows('cacheMemoryPercent', 'watch_cache-*-memory', [83, 540, 27]),
      ...alarmRows('computeCpuPercent', 'watch_compute-cpu', [84, 600, 28]),
      ...alarmRows('certificateDaysToExpiry', 'watch_certificate-*-days-to-expiry', [21, 43200, 12]),
      ...alarmRows('cdnErrorRatePercent', 'watch_cdn-5xx-rate', [4.5, 720, 14]),
      ['ops.alarms.slack.workspaceId', 'T0EXAMPLE1', 'aws_chatbot_slack_channel_configuration', 'slack_team_id', 'T0EXAMPLE1'],
      ['ops.alarms.slack.channelId', 'C0EXAMPLE1', 'aws_chatbot_slack_channel_configuration', 'slack_channel_id', 'C0EXAMPLE1'],
      ['ops.alarms.emails', ['oncall@example.com'], 'aws_sns_topic_subscription', 'endpoint', 'oncall@example.com'],
      ['ops.sessionManager.logRetentionDays', 731, 'aws_cloudwatch_log_group:sessions_logs', 'retention_in_days', 731],
      ['ops.sessionManager.idleTimeoutMinutes', 18, 'aws_ssm_document', 'content::inputs.idleSessionTimeout', '18'],
      ['ops.sessionManager.maxSessionMinutes', 135, 'aws_ssm_document', 'content::inputs.maxSessionDuration', '135'],
      ['ops.sessionManager.runAsUser', 'webops', 'aws_ssm_document', 'content::inputs.runAsDefaultUser', 'webops'],
      ['ops.changeAudit.enabled', true, 'aws_cloudtrail[]', 'length', 1],
      ['ops.changeAudit.retentionDays', 71, `${LIFECYCLE}:change-audit_trail_bucket_lifecycle`, EXPIRATION, 71],
      ['ops.changeAudit.retentionDays', 71, `${LIFECYCLE}:access-logs_lifecycle`, EXPIRATION, 71],
    ],
  },
  'ops (Fargate)': {
    fixture: 'fargate',
    tier: 'ops',
    rows: [...alarmRows('computeMemoryPercent', 'watch_compute-memory', [86, 660, 31])],
  },
  sandbox: {
    fixture: 'production',
    tier: 'sandbox',
    rows: [
      ['sandbox.webInstanceType', 't3.small', 'aws_instance:web_instance', 'instance_type', 't3.small'],
      ['sandbox.databaseInstanceType', 't3.medium', 'aws_instance:db_instance', 'instance_type', 't3.medium'],
      ['sandbox.rootVolumeGiB', 19, 'aws_instance', 'root_block_device.volume_size', 19],
      ['sandbox.natGateway', true, 'aws_nat_gateway[]', 'length', 1],
      ['sandbox.adminSshCidr', '198.51.100.7/32', 'aws_vpc_security_group_ingress_rule:security-groups_web-in-ssh', 'cidr_ipv4', '198.51.100.7/32'],
      ['sandbox.sshPublicKey', SSH_KEY, 'aws_key_pair', 'public_key', SSH_KEY],
      [
        'sandbox.sessionManagerEndpoints',
        true,
        'aws_vpc_endpoint:endpoints_*[]',
        '[*].service_name',
        ['com.amazonaws.eu-west-1.ec2messages', 'com.amazonaws.eu-west-1.ssm', 'com.amazonaws.eu-west-1.ssmmessages'],
      ],
      ['sandbox.ami.parameter', '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2', 'data.aws_ssm_parameter', 'name', '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2'],
      ['dns.recordTtlSeconds', 45, 'aws_route53_record:names_*', 'ttl', 45],
      ['observability.kmsKeyArn', LOGS_KEY, 'aws_cloudwatch_log_group', 'kms_key_id', LOGS_KEY],
    ],
  },
  website: {
    fixture: 'production',
    tier: 'website',
    rows: [
      ['staticWebsite.priceClass', 'PriceClass_All', 'aws_cloudfront_distribution', 'price_class', 'PriceClass_All'],
      ['staticWebsite.bucketName', 'webplat-custom-site-bucket', 'aws_s3_bucket:content_bucket', 'bucket', 'webplat-custom-site-bucket'],
      ['staticWebsite.indexDocument', 'home.html', 'aws_cloudfront_distribution', 'default_root_object', 'home.html'],
      ['staticWebsite.errorDocument', 'missing.html', 'aws_cloudfront_distribution', 'custom_error_response[error_code=404].response_page_path', '/missing.html'],
      ['staticWebsite.hostedZoneId', 'Z0WEBSITE0ZONE0EXAMP1', 'aws_route53_record', 'zone_id', 'Z0WEBSITE0ZONE0EXAMP1'],
      ['staticWebsite.noncurrentVersionRetentionDays', 53, `${LIFECYCLE}:content_lifecycle`, NONCURRENT, 53],
      ['staticWebsite.logRetentionDays', 59, `${LIFECYCLE}:access-logs_lifecycle`, EXPIRATION, 59],
      ['staticWebsite.logRetentionDays', 59, `${LIFECYCLE}:access-logs-us-east-1_lifecycle`, EXPIRATION, 59],
      ['staticWebsite.logRetentionDays', 59, `${LIFECYCLE}:cdn-logs_bucket_lifecycle`, EXPIRATION, 59],
      ['encryption.buckets.website', 'sse-kms', 'aws_s3_bucket_server_side_encryption_configuration:content_encryption', KMS_ALGORITHM, 'aws:kms'],
    ],
  },
  files: {
    fixture: 'production',
    tier: 'files',
    rows: [
      ['privateBucket.bucketName', 'webplat-custom-files-bucket', 'aws_s3_bucket:content_bucket', 'bucket', 'webplat-custom-files-bucket'],
      ['privateBucket.signedPrefix', 'shared/', 'aws_iam_policy', 'policy::Statement[Sid=ReadSignedObjects].Resource', expect.stringMatching(/\.arn\}\/shared\/\*$/)],
      ['privateBucket.signerRoleNames', ['report-signer'], 'aws_iam_role_policy_attachment[]', '[*].role', ['report-signer']],
      ['privateBucket.noncurrentVersionRetentionDays', 61, `${LIFECYCLE}:content_lifecycle`, NONCURRENT, 61],
      ['privateBucket.logRetentionDays', 67, `${LIFECYCLE}:access-logs_lifecycle`, EXPIRATION, 67],
      ['encryption.buckets.files', 'sse-kms', 'aws_s3_bucket_server_side_encryption_configuration:content_encryption', KMS_ALGORITHM, 'aws:kms'],
      [
        'encryption.customerManagedKeys',
        true,
        'aws_s3_bucket_server_side_encryption_configuration:content_encryption',
        'rule.0.apply_server_side_encryption_by_default.kms_master_key_id',
        '${data.terraform_remote_state.keys-state.outputs.s3_key_arn}',
      ],
    ],
  },
  intranet: {
    fixture: 'production',
    tier: 'intranet',
    rows: [
      ['internalSite.scheme', 'internet-facing', 'aws_lb', 'internal', false],
      ['internalSite.scheme', 'internet-facing', 'aws_wafv2_web_acl_association[]', 'length', 1],
      ['internalSite.allowedCidrs', ['192.168.10.0/24'], 'aws_vpc_security_group_ingress_rule:security-groups_alb-in-192-168-10-0-24', 'cidr_ipv4', '192.168.10.0/24'],
      ['internalSite.healthCheckCodes', [200, 307, 403, 405], 'aws_lb_target_group', 'health_check.matcher', '200,307,403,405'],
      ['internalSite.hostedZoneId', 'Z0INTRANET0ZONE0EXAM1', 'aws_route53_record:alias', 'zone_id', 'Z0INTRANET0ZONE0EXAM1'],
      ['internalSite.oidc.issuer', 'https://login.example.com', 'aws_lb_listener_rule', 'action[type=authenticate-oidc].authenticate_oidc.issuer', 'https://login.example.com'],
      ['internalSite.oidc.authorizationEndpoint', 'https://login.example.com/oauth2/authorize', 'aws_lb_listener_rule', 'action[type=authenticate-oidc].authenticate_oidc.authorization_endpoint', 'https://login.example.com/oauth2/authorize'],
      ['internalSite.oidc.tokenEndpoint', 'https://login.example.com/oauth2/token', 'aws_lb_listener_rule', 'action[type=authenticate-oidc].authenticate_oidc.token_endpoint', 'https://login.example.com/oauth2/token'],
      ['internalSite.oidc.userInfoEndpoint', 'https://login.example.com/oauth2/userinfo', 'aws_lb_listener_rule', 'action[type=authenticate-oidc].authenticate_oidc.user_info_endpoint', 'https://login.example.com/oauth2/userinfo'],
      ['internalSite.oidc.clientId', 'docs-site', 'aws_lb_listener_rule', 'action[type=authenticate-oidc].authenticate_oidc.client_id', 'docs-site'],
      ['internalSite.oidc.scope', 'openid email', 'aws_lb_listener_rule', 'action[type=authenticate-oidc].authenticate_oidc.scope', 'openid email'],
      ['internalSite.oidc.sessionTimeoutSeconds', 7200, 'aws_lb_listener_rule', 'action[type=authenticate-oidc].authenticate_oidc.session_timeout', 7200],
      ['internalSite.logRetentionDays', 1096, 'aws_cloudwatch_log_group:network_flow-logs_log-group', 'retention_in_days', 1096],
      ['internalSite.logRetentionDays', 1096, `${LIFECYCLE}:alb_access-logs_bucket_lifecycle`, EXPIRATION, 1096],
      ['internalSite.logRetentionDays', 1096, `${LIFECYCLE}:s3-access-logs_lifecycle`, EXPIRATION, 1096],
      ['internalSite.logRetentionDays', 1096, `${LIFECYCLE}:waf_logs_bucket_lifecycle`, EXPIRATION, 1096],
      ['observability.kmsKeyArn', LOGS_KEY, 'aws_cloudwatch_log_group', 'kms_key_id', LOGS_KEY],
      ['production', true, 'aws_lb', 'enable_deletion_protection', true],
    ],
  },
  'state (own key, outside production)': {
    fixture: 'nonProduction',
    tier: 'state',
    rows: [
      ['state.customerManagedKey', true, 'aws_kms_key', 'enable_key_rotation', true],
    ],
  },
  'app (outside production)': {
    fixture: 'nonProduction',
    tier: 'app',
    rows: [
      ['state.customerManagedKey', true, 'terraform', 'backend.s3.kms_key_id', 'arn:aws:kms:eu-west-1:123456789012:alias/webplat-test-state-tfstate'],
      ['app.ami.id', 'ami-0123456789abcdef0', 'data.aws_ami', 'filter[name=image-id].values', ['ami-0123456789abcdef0']],
      ['app.ami.owner', 'self', 'data.aws_ami', 'owners', ['self']],
      ['app.schedule.timeZone', 'Asia/Tokyo', 'aws_scheduler_schedule', 'schedule_expression_timezone', 'Asia/Tokyo'],
      ['app.schedule.startAt', '07:45', 'aws_scheduler_schedule:schedule_start', 'schedule_expression', 'cron(45 7 ? * TUE,THU *)'],
      ['app.schedule.stopAt', '21:15', 'aws_scheduler_schedule:schedule_stop', 'schedule_expression', 'cron(15 21 ? * TUE,THU *)'],
      ['app.schedule.days', ['TUE', 'THU'], 'aws_scheduler_schedule', 'schedule_expression', expect.stringMatching(/ \? \* TUE,THU \*\)$/)],
    ],
  },
  'data (outside production)': {
    fixture: 'nonProduction',
    tier: 'data',
    rows: [
      ['data.database.instanceClass', 'db.r7g.xlarge', 'aws_rds_cluster_instance', 'instance_class', 'db.r7g.xlarge'],
      ['data.database.deletionProtection', false, 'aws_rds_cluster', 'deletion_protection', false],
      ['data.database.finalSnapshot', false, 'aws_rds_cluster', 'skip_final_snapshot', true],
    ],
  },
  'sandbox schedule (outside production)': {
    fixture: 'nonProduction',
    tier: 'sandbox',
    rows: [
      ['sandbox.schedule.timeZone', 'America/New_York', 'aws_scheduler_schedule', 'schedule_expression_timezone', 'America/New_York'],
      ['sandbox.schedule.startAt', '09:05', 'aws_scheduler_schedule:schedule_start', 'schedule_expression', 'cron(5 9 ? * SAT *)'],
      ['sandbox.schedule.stopAt', '17:35', 'aws_scheduler_schedule:schedule_stop', 'schedule_expression', 'cron(35 17 ? * SAT *)'],
      ['sandbox.schedule.days', ['SAT'], 'aws_scheduler_schedule', 'schedule_expression', expect.stringMatching(/ \? \* SAT \*\)$/)],
    ],
  },
};

describe.each(Object.entries(TABLES))('%s', (_name, { fixture, tier, rows }) => {
  it.each(rows)('%s: %p lands in %s %s', (field, value, target, attribute, expected) => {
    expect(valueAt(FIXTURES[fixture](), field)).toEqual(value);
    expect(value).not.toEqual(schemaDefault(field));
    const targets = targetsIn(stackJson(fixture, tier), target);
    expect(targets.length).toBeGreaterThan(0);
    for (const found of targets) expect(valueAt(found, attribute)).toEqual(expected);
  });
});

describe('the table itself', () => {
  const allRows = Object.values(TABLES).flatMap(({ rows }) => rows);

  it('gives no two settings the same number or text, so a value wired to the wrong setting shows', () => {
    const fieldsByValue = new Map<unknown, Set<string>>();
    for (const [field, value] of allRows) {
      // Choices of an enumeration (sse-kms for two bucket classes) are alike by design.
      if ((typeof value !== 'number' && typeof value !== 'string') || unwrapped(schemaAt(field)) instanceof z.ZodEnum) continue;
      fieldsByValue.set(value, (fieldsByValue.get(value) ?? new Set()).add(field));
    }
    const shared = [...fieldsByValue].filter(([, fields]) => fields.size > 1).map(([value, fields]) => `${value}: ${[...fields].join(', ')}`);
    expect(shared).toEqual([]);
  });
});

describe('values behind the table', () => {
  it('the web servers\' default boot script serves the health check path on the app port', () => {
    const template = Object.values(stackJson('production', 'app').resource!.aws_launch_template)[0];
    const script = Buffer.from(String(template.user_data), 'base64').toString();
    expect(script).toContain('Listen 8080');
    expect(script).toContain('echo ok > "/var/www/html/status/ready"');
  });

  it.each(['app', 'data'])('outside production the %s stack\'s secret has no recovery window, so a destroyed stack can be applied again at once', (tier) => {
    const secrets = Object.values(stackJson('nonProduction', tier).resource!.aws_secretsmanager_secret);
    expect(secrets.map((secret) => secret.recovery_window_in_days)).toEqual([0]);
  });

  it('the load balancer\'s web ACL has no per-address rate rule: it sees only CloudFront\'s addresses', () => {
    const acl = Object.values(stackJson('production', 'app').resource!.aws_wafv2_web_acl)[0];
    expect((acl.rule as Record<string, any>[]).filter((rule) => rule.statement.rate_based_statement !== undefined)).toEqual([]);
  });
});
