import { failedRules, RawResource } from './support/policy';
import { testConfig } from './support/fixtures';

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
const production = testConfig((input) => (input.production = true));

describe('data pack', () => {
  it('passes an encrypted, protected Aurora cluster and Redis group in production', () => {
    expect(failedRules([aurora(), redis()], production)).toEqual([]);
  });

  it('fails DATA-DB-ENCRYPTED for unencrypted storage', () => {
    expect(failedRules([aurora({ storage_encrypted: false })])).toEqual(['DATA-DB-ENCRYPTED']);
  });

  it('fails DATA-CACHE-ENCRYPTED without encryption in transit', () => {
    expect(failedRules([redis({ transit_encryption_enabled: false })])).toEqual(['DATA-CACHE-ENCRYPTED']);
  });

  it('fails DATA-PROD-PROTECTION in production only', () => {
    const unprotected = aurora({ deletion_protection: false, backup_retention_period: 1 });
    expect(failedRules([unprotected], production)).toEqual(['DATA-PROD-PROTECTION']);
    expect(failedRules([unprotected])).toEqual([]);
    expect(failedRules([redis({ snapshot_retention_limit: 0 })], production)).toEqual(['DATA-PROD-PROTECTION']);
  });

  it('fails DATA-NO-PLAINTEXT-PASSWORD for a master password or auth token in the configuration', () => {
    expect(failedRules([aurora({ manage_master_user_password: undefined, master_password: 'hunter2hunter2' })])).toEqual(['DATA-NO-PLAINTEXT-PASSWORD']);
    expect(failedRules([redis({ auth_token: 'plaintext-token-value' })])).toEqual(['DATA-NO-PLAINTEXT-PASSWORD']);
    expect(failedRules([redis({ auth_token: '${data.aws_secretsmanager_secret_version.token.secret_string}' })])).toEqual([]);
  });
});
