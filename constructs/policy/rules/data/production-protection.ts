import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Days of automated backups a production database keeps at least. */
export const MIN_PRODUCTION_BACKUP_DAYS = 7;

export const productionProtection: PolicyRule = {
  id: 'DATA-PROD-PROTECTION',
  pack: 'data',
  title: 'Production databases have deletion protection and at least 7 days of backups.',
  explanation: 'A stray destroy or a bad migration in production is only recoverable with deletion protection and recent backups.',
  fix: `Set deletion_protection = true and backup_retention_period >= ${MIN_PRODUCTION_BACKUP_DAYS} (snapshot_retention_limit for Redis).`,
  check: ({ resources, config }) => {
    if (!config.production) return [];
    return [
      ...[...ofType(resources, 'aws_rds_cluster'), ...ofType(resources, 'aws_db_instance')].map((db) => {
        const problems = [
          db.values.deletion_protection !== true && 'no deletion protection',
          !(db.values.backup_retention_period >= MIN_PRODUCTION_BACKUP_DAYS) && `backups kept ${db.values.backup_retention_period ?? 1} day(s)`,
        ].filter(Boolean);
        return verdict(db, problems.length > 0 && problems.join(', '));
      }),
      ...ofType(resources, 'aws_elasticache_replication_group').map((group) =>
        verdict(group, !(group.values.snapshot_retention_limit >= 1) && 'keeps no snapshots'),
      ),
    ];
  },
};
