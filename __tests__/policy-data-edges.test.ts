import { evaluateStack } from '../constructs/policy/engine';
import { asProduction, testConfig } from './support/fixtures';
import { RawResource, stackOf } from './support/policy';

// The edges the data rules draw (DATA-DB-ENCRYPTED, DATA-CACHE-ENCRYPTED, DATA-NO-PLAINTEXT-PASSWORD,
// DATA-PROD-DELETION-PROTECTION, DATA-PROD-BACKUPS), one resource on each side, with the problem users read;
// the happy paths are in policy-data.test.ts.

const production = testConfig(asProduction);

/** Each data finding as `[rule, resource address, problem]`. */
function problems(resources: readonly RawResource[], config = testConfig()): string[][] {
  return evaluateStack(stackOf(resources), config)
    .outcomes.filter((outcome) => outcome.rule.pack === 'data')
    .flatMap((outcome) => outcome.failed.map((finding) => [finding.ruleId, finding.address, finding.problem]));
}

/** An RDS instance with everything the data rules ask for, changed by `values`. */
const instance = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_db_instance',
  id: 'db',
  values: { engine: 'postgres', storage_encrypted: true, manage_master_user_password: true, deletion_protection: true, backup_retention_period: 14, ...values },
});
/** An Aurora cluster with everything the data rules ask for, changed by `values`. */
const aurora = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_rds_cluster',
  id: 'aurora',
  values: { engine: 'aurora-postgresql', storage_encrypted: true, manage_master_user_password: true, deletion_protection: true, backup_retention_period: 14, ...values },
});
/** A Redis replication group with everything the data rules ask for, changed by `values`. */
const group = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_elasticache_replication_group',
  id: 'cache',
  values: { engine: 'redis', at_rest_encryption_enabled: true, transit_encryption_enabled: true, snapshot_retention_limit: 7, ...values },
});
const cluster = (engine: string): RawResource => ({ type: 'aws_elasticache_cluster', id: 'single', values: { engine, node_type: 'cache.t4g.micro', num_cache_nodes: 1 } });

describe('DATA-DB-ENCRYPTED', () => {
  it.each([
    ['an RDS instance', instance({ storage_encrypted: false }), 'aws_db_instance.db'],
    ['an Aurora cluster', aurora({ storage_encrypted: undefined }), 'aws_rds_cluster.aurora'],
  ])('says %s stores data unencrypted', (_what, db, address) => {
    expect(problems([db])).toEqual([['DATA-DB-ENCRYPTED', address, 'stores data unencrypted']]);
  });
});

describe('DATA-CACHE-ENCRYPTED', () => {
  it.each([
    ['at rest', { at_rest_encryption_enabled: false }],
    ['in transit', { transit_encryption_enabled: undefined }],
    ['at rest or in transit', { at_rest_encryption_enabled: undefined, transit_encryption_enabled: false }],
  ])('says which encryption a replication group lacks: %s', (what, values) => {
    expect(problems([group(values)])).toEqual([['DATA-CACHE-ENCRYPTED', 'aws_elasticache_replication_group.cache', `is not encrypted ${what}`]]);
  });

  it('passes a replication group with both encryptions, also written as the string "true"', () => {
    expect(problems([group({ at_rest_encryption_enabled: 'true', transit_encryption_enabled: 'true' })])).toEqual([]);
  });

  it.each(['redis', 'valkey'])('refuses a single %s cache cluster, which cannot be encrypted at rest', (engine) => {
    expect(problems([cluster(engine)])).toEqual([['DATA-CACHE-ENCRYPTED', 'aws_elasticache_cluster.single', 'is a single cache cluster, which cannot be encrypted at rest']]);
  });

  it('leaves a Memcached cluster and a replication group member (no engine of its own) alone', () => {
    const member: RawResource = { type: 'aws_elasticache_cluster', id: 'member', values: { replication_group_id: '${aws_elasticache_replication_group.cache.id}' } };
    expect(problems([cluster('memcached'), member, group()])).toEqual([]);
  });
});

describe('DATA-NO-PLAINTEXT-PASSWORD', () => {
  const reference = '${data.aws_secretsmanager_secret_version.db.secret_string}';

  it.each([
    ['an RDS instance', instance, 'aws_db_instance.db'],
    ['an Aurora cluster', aurora, 'aws_rds_cluster.aurora'],
  ])('tells a written master password of %s from one passed by reference through state', (_what, db, address) => {
    const unmanaged = { manage_master_user_password: undefined };
    expect(problems([db({ ...unmanaged, master_password: 'hunter2hunter2' })])).toEqual([['DATA-NO-PLAINTEXT-PASSWORD', address, 'writes the master password in clear text']]);
    expect(problems([db({ ...unmanaged, master_password: reference })])).toEqual([
      ['DATA-NO-PLAINTEXT-PASSWORD', address, 'passes the master password through state (master_password)'],
    ]);
  });

  it('refuses a write-only master password written in clear text, and passes one read by reference', () => {
    const writeOnly = (password: string) => instance({ manage_master_user_password: undefined, master_password_wo: password, master_password_wo_version: 1 });
    expect(problems([writeOnly('hunter2hunter2')])).toEqual([['DATA-NO-PLAINTEXT-PASSWORD', 'aws_db_instance.db', 'writes the master password in clear text']]);
    expect(problems([writeOnly('${ephemeral.aws_secretsmanager_secret_version.db.secret_string}')])).toEqual([]);
  });

  it('refuses a Redis auth token written in clear text', () => {
    expect(problems([group({ auth_token: 'plaintext-token-value' })])).toEqual([['DATA-NO-PLAINTEXT-PASSWORD', 'aws_elasticache_replication_group.cache', 'writes the auth token in clear text']]);
  });
});

describe('DATA-PROD-DELETION-PROTECTION', () => {
  it.each([
    ['an RDS instance', instance({ deletion_protection: false }), 'aws_db_instance.db'],
    ['an Aurora cluster', aurora({ deletion_protection: undefined }), 'aws_rds_cluster.aurora'],
  ])('refuses %s without deletion protection in production', (_what, db, address) => {
    expect(problems([db], production)).toEqual([['DATA-PROD-DELETION-PROTECTION', address, 'has no deletion protection']]);
    expect(problems([db])).toEqual([]);
  });
});

describe('DATA-PROD-BACKUPS', () => {
  it.each([
    ['an RDS instance', instance, 'aws_db_instance.db'],
    ['an Aurora cluster', aurora, 'aws_rds_cluster.aurora'],
  ])('draws the line for %s at 7 days of backups and a final snapshot', (_what, db, address) => {
    const finding = (problem: string) => [['DATA-PROD-BACKUPS', address, problem]];
    expect(problems([db({ backup_retention_period: 7, skip_final_snapshot: false })], production)).toEqual([]);
    expect(problems([db({ backup_retention_period: 6 })], production)).toEqual(finding('keeps backups 6 day(s)'));
    expect(problems([db({ backup_retention_period: undefined })], production)).toEqual(finding('keeps backups 1 day(s)'));
    expect(problems([db({ skip_final_snapshot: true })], production)).toEqual(finding('skips the final snapshot'));
    expect(problems([db({ backup_retention_period: 0, skip_final_snapshot: true })], production)).toEqual(finding('keeps backups 0 day(s) and skips the final snapshot'));
  });

  it('asks a production replication group for at least one snapshot', () => {
    expect(problems([group({ snapshot_retention_limit: 1 })], production)).toEqual([]);
    expect(problems([group({ snapshot_retention_limit: 0 })], production)).toEqual([['DATA-PROD-BACKUPS', 'aws_elasticache_replication_group.cache', 'keeps no snapshots']]);
    expect(problems([group({ snapshot_retention_limit: undefined })], production)).toEqual([['DATA-PROD-BACKUPS', 'aws_elasticache_replication_group.cache', 'keeps no snapshots']]);
  });
});
