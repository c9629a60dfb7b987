import { isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Aurora and RDS storage is encrypted at rest. */
export const databaseEncrypted: PolicyRule = {
  id: 'DATA-DB-ENCRYPTED',
  pack: 'data',
  title: 'Aurora and RDS storage is encrypted at rest.',
  explanation: 'Unencrypted database storage, snapshots and backups can be read by anyone who gets a copy; encryption cannot be added later without a restore.',
  fix: 'Set storage_encrypted = true when the cluster or instance is created (with kms_key_id for a customer-managed key).',
  check: ({ resources }) =>
    ofType(resources, 'aws_rds_cluster', 'aws_db_instance').map((db) => verdict(db, !isTrue(db.values.storage_encrypted) && 'stores data unencrypted')),
};
