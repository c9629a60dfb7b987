import { failedRules, RawResource } from './support/policy';
import { asProduction, testConfig } from './support/fixtures';

const aurora = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_rds_cluster',
  id: 'db',
  values: { engine: 'aurora-postgresql', storage_encrypted: true, manage_master_user_password: true, deletion_protection: true, backup_retention_period: 14, ...values },
});
const redis = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_elasticache_replication_group',
  id: 'cache',
  values: { at_rest_encryption_enabled: true, transit_encryption_enabled: true, snapshot_retention_limit: 7, ...values },
});
const production = testConfig(asProduction);

describe('data pack', () => {
  it('passes an encrypted, protected Aurora cluster and Redis group in production', () => {
    expect(failedRules([aurora(), redis()], production)).toEqual([]);
  });

  it('fails DATA-DB-ENCRYPTED for unencrypted storage', () => {
    expect(failedRules([aurora({ storage_encrypted: false })])).toEqual(['DATA-DB-ENCRYPTED']);
    expect(failedRules([{ type: 'aws_db_instance', id: 'db', values: { manage_master_user_password: true } }])).toEqual(['DATA-DB-ENCRYPTED']);
  });

  it('fails DATA-CACHE-ENCRYPTED without encryption at rest or in transit', () => {
    expect(failedRules([redis({ transit_encryption_enabled: false })])).toEqual(['DATA-CACHE-ENCRYPTED']);
    expect(failedRules([redis({ at_rest_encryption_enabled: undefined })])).toEqual(['DATA-CACHE-ENCRYPTED']);
  });

  it('fails DATA-CACHE-ENCRYPTED for a single Redis cluster, which cannot be encrypted at rest', () => {
    expect(failedRules([{ type: 'aws_elasticache_cluster', id: 'c', values: { engine: 'redis', transit_encryption_enabled: true } }])).toEqual(['DATA-CACHE-ENCRYPTED']);
  });

  it('fails DATA-PROD-DELETION-PROTECTION in production only', () => {
    const unprotected = aurora({ deletion_protection: false });
    expect(failedRules([unprotected], production)).toEqual(['DATA-PROD-DELETION-PROTECTION']);
    expect(failedRules([unprotected])).toEqual([]);
  });

  it('fails DATA-PROD-BACKUPS in production only, for short backups, a skipped final snapshot or a cache without snapshots', () => {
    expect(failedRules([aurora({ backup_retention_period: 1 })], production)).toEqual(['DATA-PROD-BACKUPS']);
    expect(failedRules([aurora({ backup_retention_period: undefined })], production)).toEqual(['DATA-PROD-BACKUPS']);
    expect(failedRules([aurora({ skip_final_snapshot: true })], production)).toEqual(['DATA-PROD-BACKUPS']);
    expect(failedRules([redis({ snapshot_retention_limit: 0 })], production)).toEqual(['DATA-PROD-BACKUPS']);
    expect(failedRules([aurora({ backup_retention_period: 1, skip_final_snapshot: true }), redis({ snapshot_retention_limit: 0 })])).toEqual([]);
  });

  it('fails DATA-NO-PLAINTEXT-PASSWORD for a master password or auth token in the configuration', () => {
    expect(failedRules([aurora({ manage_master_user_password: undefined, master_password: 'hunter2hunter2' })])).toEqual(['DATA-NO-PLAINTEXT-PASSWORD']);
    expect(failedRules([redis({ auth_token: 'plaintext-token-value' })])).toEqual(['DATA-NO-PLAINTEXT-PASSWORD']);
  });

  it('fails DATA-NO-PLAINTEXT-PASSWORD for a master password passed through state, even by reference', () => {
    const password = '${data.aws_secretsmanager_secret_version.db.secret_string}';
    expect(failedRules([aurora({ manage_master_user_password: undefined, master_password: password })])).toEqual(['DATA-NO-PLAINTEXT-PASSWORD']);
  });

  it('passes a Redis auth token read from Secrets Manager by reference', () => {
    expect(failedRules([redis({ auth_token: '${data.aws_secretsmanager_secret_version.token.secret_string}' })])).toEqual([]);
  });
});
