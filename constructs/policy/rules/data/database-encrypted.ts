import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const databaseEncrypted: PolicyRule = {
  id: 'DATA-DB-ENCRYPTED',
  pack: 'data',
  title: 'Aurora and RDS storage is encrypted at rest.',
  explanation: 'Unencrypted database storage, snapshots and backups can be read by anyone who gets a copy.',
  fix: 'Set storage_encrypted = true (it can only be set when the cluster is created).',
  check: ({ resources }) =>
    [...ofType(resources, 'aws_rds_cluster'), ...ofType(resources, 'aws_db_instance')].map((db) =>
      verdict(db, db.values.storage_encrypted !== true && 'storage is not encrypted'),
    ),
};
