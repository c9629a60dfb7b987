import { z } from 'zod';
import { AURORA_ENGINE_VERSIONS, CACHE_ENGINE_VERSIONS } from './aws';
import { logRetentionDays } from './log-retention';
import { kmsKeyArn } from './fields';

/**
 * The web platform's data tier (`data:`, stack `<env>-data`): an Aurora cluster and, optionally,
 * an ElastiCache Redis or Valkey replication group, in the private data subnets, reachable from the
 * app tier only. Cross-field checks (versions, instance classes, failover) are in config/rules/data.ts.
 */

/** Aurora engines: PostgreSQL (the default) or MySQL (what WordPress needs). */
export const DATABASE_ENGINES = ['aurora-postgresql', 'aurora-mysql'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

/** Log types each engine can export to CloudWatch Logs, all exported by default. */
export const DATABASE_LOG_EXPORTS: Readonly<Record<DatabaseEngine, readonly string[]>> = {
  'aurora-postgresql': ['postgresql'],
  'aurora-mysql': ['audit', 'error', 'general', 'slowquery'],
};

/** Aurora MySQL offers no Performance Insights on these classes (the burstable db.t2, db.t3 and smallest db.t4g). */
const MYSQL_CLASSES_WITHOUT_INSIGHTS = /^db\.(t2|t3)\.|^db\.t4g\.(micro|small)$/;

/** Whether Aurora offers Performance Insights for `engine` on `instanceClass`. */
export function offersPerformanceInsights(engine: DatabaseEngine, instanceClass: string): boolean {
  return !(engine === 'aurora-mysql' && MYSQL_CLASSES_WITHOUT_INSIGHTS.test(instanceClass));
}

/** ElastiCache engines of a replication group. */
export const CACHE_ENGINES = ['redis', 'valkey'] as const;
export type CacheEngine = (typeof CACHE_ENGINES)[number];

/** Aurora's limit: one writer and up to 15 readers. */
export const MAX_AURORA_READERS = 15;
/** Serverless v2 capacity range, in Aurora capacity units, in steps of 0.5. */
export const SERVERLESS_CAPACITY = { min: 0.5, max: 256 } as const;

/** `ddd:hh24:mi-ddd:hh24:mi` in UTC, as RDS and ElastiCache take maintenance windows. */
export const WEEKLY_WINDOW_PATTERN = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/;
/** `hh24:mi-hh24:mi` in UTC, as RDS takes backup windows and ElastiCache snapshot windows. */
export const DAILY_WINDOW_PATTERN = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

const maintenanceWindow = z.string().regex(WEEKLY_WINDOW_PATTERN, 'expected ddd:hh:mm-ddd:hh:mm in UTC, such as sun:04:30-sun:05:30');
const dailyWindow = z.string().regex(DAILY_WINDOW_PATTERN, 'expected hh:mm-hh:mm in UTC, such as 03:00-04:00');

const capacityUnits = z.number().superRefine((acu, ctx) => {
  if (acu < SERVERLESS_CAPACITY.min || acu > SERVERLESS_CAPACITY.max) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected ${SERVERLESS_CAPACITY.min} to ${SERVERLESS_CAPACITY.max} Aurora capacity units` });
  } else if (!Number.isInteger(acu * 2)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected a multiple of 0.5 Aurora capacity units' });
  }
});

/** A database or user name both engines accept: a letter, then letters, digits and underscores. */
const identifier = (example: string) =>
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, `expected 1-16 characters of letters, digits and _, starting with a letter, such as ${example}`);

const databaseSchema = z
  .object({
    /** `aurora-postgresql` (the default) or `aurora-mysql`. */
    engine: z.enum(DATABASE_ENGINES).default('aurora-postgresql'),
    /** An engine version from config/aws/aurora.json; the newest listed when left out. */
    engineVersion: z.string().optional(),
    /** Provisioned instance class of every instance, such as db.r7g.large; left out with `serverless`. */
    instanceClass: z.string().optional(),
    /** Aurora Serverless v2 capacity instead of an instance class (instances of class db.serverless). */
    serverless: z
      .object({
        /** Capacity the cluster never scales below, in Aurora capacity units (0.5 to 256). */
        minCapacity: capacityUnits,
        /** Capacity the cluster never scales above (0.5 to 256, at least minCapacity). */
        maxCapacity: capacityUnits,
      })
      .strict()
      .optional(),
    /** Reader instances beside the writer (0 to 15), spread over the availability zones after the writer's. */
    readers: z.number().int().min(0).max(MAX_AURORA_READERS, `expected at most ${MAX_AURORA_READERS} readers: an Aurora cluster has one writer and up to 15 readers`).default(0),
    /** Database created with the cluster. */
    databaseName: identifier('app').default('app'),
    /** Master user; its password is generated and kept by Secrets Manager (never in config, JSON or state). */
    masterUsername: identifier('dbadmin').default('dbadmin'),
    /** Days of automated backups (1 to 35). */
    backupRetentionDays: z.number().int().min(1).max(35).default(7),
    /** Daily backup window, UTC. */
    backupWindow: dailyWindow.default('02:00-03:00'),
    /** Weekly maintenance window, UTC (must not overlap the backup window). */
    maintenanceWindow: maintenanceWindow.default('sun:04:00-sun:05:00'),
    /** Refuse deletion of the cluster until this is turned off (and applied). */
    deletionProtection: z.boolean().default(true),
    /** Take a final snapshot when the cluster is destroyed. */
    finalSnapshot: z.boolean().default(true),
    /** Customer-managed KMS key for storage, Performance Insights and the master secret; AWS managed keys when left out. */
    kmsKeyArn: kmsKeyArn.optional(),
    /** Performance Insights on every instance (7 days are free). */
    performanceInsights: z.boolean().default(true),
    /** Days the exported database logs (DATABASE_LOG_EXPORTS) are kept in CloudWatch Logs. */
    logRetentionDays: logRetentionDays.default(30),
    /** Only TLS connections (rds.force_ssl for PostgreSQL, require_secure_transport for MySQL). */
    requireTls: z.boolean().default(true),
  })
  .strict();

const cacheSchema = z
  .object({
    /** `redis` (the default) or `valkey`. */
    engine: z.enum(CACHE_ENGINES).default('redis'),
    /** An engine version from config/aws/elasticache.json; the newest listed when left out. */
    engineVersion: z.string().optional(),
    /** Node type of every node, such as cache.t4g.micro (config/aws/elasticache.json). */
    nodeType: z.string().default('cache.t4g.micro'),
    /** Replicas beside the primary (0 to 5), in the other availability zones. */
    replicas: z.number().int().min(0).max(5).default(0),
    /** Promote a replica when the primary fails, with the nodes in several zones (Multi-AZ); needs a replica. */
    automaticFailover: z.boolean().default(false),
    /** Days the slow log is kept in CloudWatch Logs. */
    logRetentionDays: logRetentionDays.default(30),
    /** Days of daily snapshots kept (0 turns them off). */
    snapshotRetentionDays: z.number().int().min(0).max(35).default(1),
    /** Daily snapshot window, UTC. */
    snapshotWindow: dailyWindow.default('02:00-03:00'),
    /** Weekly maintenance window, UTC. */
    maintenanceWindow: maintenanceWindow.default('sun:05:00-sun:06:00'),
    /** Customer-managed KMS key for data at rest and the auth token secret; AWS managed keys when left out. */
    kmsKeyArn: kmsKeyArn.optional(),
  })
  .strict();

export const dataSchema = z
  .object({
    /** The Aurora cluster. */
    database: databaseSchema.default({}),
    /** A Redis or Valkey replication group; none when left out. */
    cache: cacheSchema.optional(),
  })
  .strict();

export type DataConfig = z.infer<typeof dataSchema>;

/** The data tier with each engine version resolved: the newest listed for the engine when left out. */
export function resolveData(data: DataConfig) {
  const { database, cache } = data;
  return {
    ...data,
    database: { ...database, engineVersion: database.engineVersion ?? newest(AURORA_ENGINE_VERSIONS[database.engine]) },
    cache: cache === undefined ? undefined : { ...cache, engineVersion: cache.engineVersion ?? newest(CACHE_ENGINE_VERSIONS[cache.engine]) },
  };
}

function newest(versions: readonly string[]): string {
  return versions[versions.length - 1];
}

/** The data tier as the stacks see it: engine versions resolved. */
export type ResolvedData = ReturnType<typeof resolveData>;
export type DatabaseConfig = ResolvedData['database'];
export type CacheConfig = NonNullable<ResolvedData['cache']>;
