import { AURORA_ENGINE_VERSIONS, AURORA_INSTANCE_CLASSES, CACHE_ENGINE_VERSIONS, CACHE_NODE_TYPES, isSizeIn } from '../aws';
import { DAILY_WINDOW_PATTERN, offersPerformanceInsights, WEEKLY_WINDOW_PATTERN } from '../data';
import type { ParsedEnvironment } from '../schema';
import { MIN_PRODUCTION_BACKUP_DAYS } from '../../constructs/policy/rules/data/production-backups';
import { oneOf, report, RuleContext } from './issue';

/** The default port of the other engine: a cluster on it is almost certainly a copy-paste slip. */
const OTHER_ENGINE_DEFAULT_PORT = {
  'aurora-postgresql': { port: 3306, engine: 'MySQL' },
  'aurora-mysql': { port: 5432, engine: 'PostgreSQL' },
} as const;

const MINUTES_PER_DAY = 24 * 60;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A time window as minutes of the week, [start, end) with end possibly past the week's end. */
interface WeekWindow {
  readonly start: number;
  readonly end: number;
}

/** `hh:mm` (and an optional `ddd:` before it) as minutes since Monday 00:00. */
function minuteOfWeek(time: string, day = 'mon'): number {
  const [hours, minutes] = time.split(':').map(Number);
  return DAYS.indexOf(day) * MINUTES_PER_DAY + hours * 60 + minutes;
}

/** The weekly window `ddd:hh:mm-ddd:hh:mm` (already matched by the schema). */
function weeklyWindow(window: string): WeekWindow {
  const [from, to] = window.split('-');
  const start = minuteOfWeek(from.slice(4), from.slice(0, 3));
  const end = minuteOfWeek(to.slice(4), to.slice(0, 3));
  return { start, end: end <= start ? end + 7 * MINUTES_PER_DAY : end };
}

/** The daily window `hh:mm-hh:mm` on each day of the week. */
function dailyWindows(window: string): WeekWindow[] {
  const [from, to] = window.split('-');
  const start = minuteOfWeek(from);
  const end = minuteOfWeek(to);
  const length = end <= start ? end + MINUTES_PER_DAY - start : end - start;
  return DAYS.map((_, day) => ({ start: start + day * MINUTES_PER_DAY, end: start + day * MINUTES_PER_DAY + length }));
}

function overlaps(a: WeekWindow, b: WeekWindow): boolean {
  const week = 7 * MINUTES_PER_DAY;
  return [-week, 0, week].some((shift) => a.start < b.end + shift && b.start + shift < a.end);
}

const lengthOf = (window: WeekWindow) => window.end - window.start;

/**
 * The data tier (`data:`): only with the web platform; engine versions, instance classes and node
 * types AWS offers (config/aws/aurora.json, elasticache.json); Serverless v2 or an instance class,
 * not both; windows as long as RDS and ElastiCache require and apart; failover only with a replica
 * to promote; production keeps backups and deletion protection (what the data policy pack requires).
 */
export function checkData(env: ParsedEnvironment, ctx: RuleContext): void {
  const { data } = env;
  if (data === undefined) return;
  if (!env.systems.includes('web-platform')) {
    report(ctx, ['data'], `expected no data here: only the web-platform system has a data tier, and systems (${env.systems.join(', ')}) does not include web-platform`, 'a data setting');
    return;
  }
  const { database, cache } = data;
  const db = ['data', 'database'];
  const versions = AURORA_ENGINE_VERSIONS[database.engine];
  if (database.engineVersion !== undefined && !versions.includes(database.engineVersion)) {
    report(ctx, [...db, 'engineVersion'], `expected a ${database.engine} version of config/aws/aurora.json: ${oneOf(versions)}`);
  }
  if (database.instanceClass !== undefined && database.serverless !== undefined) {
    report(ctx, [...db, 'instanceClass'], 'expected either instanceClass or serverless, not both: Serverless v2 instances have the class db.serverless');
  } else if (database.instanceClass !== undefined && !isSizeIn(AURORA_INSTANCE_CLASSES, database.instanceClass)) {
    report(ctx, [...db, 'instanceClass'], `expected an Aurora instance class db.<family>.<size> with family one of ${Object.keys(AURORA_INSTANCE_CLASSES).join(', ')} in a size it comes in (config/aws/aurora.json)`);
  }
  if (database.performanceInsights && database.instanceClass !== undefined && !offersPerformanceInsights(database.engine, database.instanceClass)) {
    report(ctx, [...db, 'performanceInsights'], `expected false with aurora-mysql on ${database.instanceClass}: Aurora MySQL offers no Performance Insights on db.t3 classes (db.t4g.medium and larger have it)`);
  }
  const otherEnginePort = OTHER_ENGINE_DEFAULT_PORT[database.engine];
  if (env.network !== undefined && env.network.ports.database === otherEnginePort.port) {
    report(
      ctx,
      ['network', 'ports', 'database'],
      `expected ${database.engine === 'aurora-mysql' ? 3306 : 5432} (or another port) with ${database.engine}: ${otherEnginePort.port} is ${otherEnginePort.engine}'s port, and network.ports.database is the port the cluster listens on`,
    );
  }
  if (database.serverless !== undefined && database.serverless.minCapacity > database.serverless.maxCapacity) {
    report(ctx, [...db, 'serverless', 'maxCapacity'], `expected at least minCapacity (${database.serverless.minCapacity})`);
  }
  checkWindows(ctx, db, 'RDS', 30, ['backupWindow', database.backupWindow], ['maintenanceWindow', database.maintenanceWindow], true);
  if (env.production) {
    if (database.backupRetentionDays < MIN_PRODUCTION_BACKUP_DAYS) {
      report(ctx, [...db, 'backupRetentionDays'], `expected at least ${MIN_PRODUCTION_BACKUP_DAYS} in production (production: true)`);
    }
    if (!database.deletionProtection) report(ctx, [...db, 'deletionProtection'], 'expected true in production (production: true)');
    if (!database.finalSnapshot) report(ctx, [...db, 'finalSnapshot'], 'expected true in production (production: true)');
  }

  if (cache === undefined) return;
  const at = ['data', 'cache'];
  const cacheVersions = CACHE_ENGINE_VERSIONS[cache.engine];
  if (cache.engineVersion !== undefined && !cacheVersions.includes(cache.engineVersion)) {
    report(ctx, [...at, 'engineVersion'], `expected a ${cache.engine} version of config/aws/elasticache.json: ${oneOf(cacheVersions)}`);
  }
  if (!isSizeIn(CACHE_NODE_TYPES, cache.nodeType)) {
    report(ctx, [...at, 'nodeType'], `expected a node type cache.<family>.<size> with family one of ${Object.keys(CACHE_NODE_TYPES).join(', ')} in a size it comes in (config/aws/elasticache.json)`);
  }
  if (cache.automaticFailover && cache.replicas === 0) {
    report(ctx, [...at, 'automaticFailover'], 'expected false with replicas: 0: failover promotes a replica, and a single node has none (set replicas to 1 or more)');
  }
  checkWindows(ctx, at, 'ElastiCache', 60, ['snapshotWindow', cache.snapshotWindow], ['maintenanceWindow', cache.maintenanceWindow], cache.snapshotRetentionDays > 0);
  if (env.production && cache.snapshotRetentionDays < 1) {
    report(ctx, [...at, 'snapshotRetentionDays'], 'expected at least 1 in production (production: true)');
  }
}

/**
 * A daily window (backups, snapshots) and the weekly maintenance window: each at least `minMinutes`
 * long, and apart when `mustBeApart`. Windows the schema refused are left to its message.
 */
function checkWindows(
  ctx: RuleContext,
  at: readonly string[],
  service: string,
  minMinutes: number,
  [dailyField, daily]: readonly [string, string],
  [weeklyField, weekly]: readonly [string, string],
  mustBeApart: boolean,
): void {
  const dailyValid = DAILY_WINDOW_PATTERN.test(daily);
  const weeklyValid = WEEKLY_WINDOW_PATTERN.test(weekly);
  const days = dailyValid ? dailyWindows(daily) : [];
  const week = weeklyValid ? weeklyWindow(weekly) : undefined;
  const tooShort = `expected a window of at least ${minMinutes} minutes, as ${service} requires`;
  if (dailyValid && lengthOf(days[0]) < minMinutes) report(ctx, [...at, dailyField], tooShort);
  if (week !== undefined && lengthOf(week) < minMinutes) report(ctx, [...at, weeklyField], tooShort);
  if (mustBeApart && week !== undefined && days.some((window) => overlaps(window, week))) {
    report(ctx, [...at, weeklyField], `expected a window apart from the daily ${dailyField} (${daily}): ${service} refuses overlapping windows`);
  }
}
