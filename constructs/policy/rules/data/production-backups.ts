import { isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Days of automated backups a production database keeps at least. */
export const MIN_PRODUCTION_BACKUP_DAYS = 7;

/** Production databases and caches keep backups. */
export const productionBackups: PolicyRule = {
  id: 'DATA-PROD-BACKUPS',
  pack: 'data',
  title: `Production databases keep ${MIN_PRODUCTION_BACKUP_DAYS}+ days of backups and a final snapshot; Redis keeps snapshots (production only).`,
  explanation: 'A bad migration or a deleted table in production is recoverable only from a recent backup.',
  fix: `Set backup_retention_period >= ${MIN_PRODUCTION_BACKUP_DAYS} and skip_final_snapshot = false on the database, snapshot_retention_limit >= 1 on Redis.`,
  check: ({ resources, config }) => {
    if (!config.production) return [];
    return [
      ...ofType(resources, 'aws_rds_cluster', 'aws_db_instance').map((db) => {
        const days = Number(db.values.backup_retention_period ?? 1);
        const problems = [
          days < MIN_PRODUCTION_BACKUP_DAYS && `keeps backups ${days} day(s)`,
          isTrue(db.values.skip_final_snapshot) && 'skips the final snapshot',
        ].filter((problem): problem is string => typeof problem === 'string');
        return verdict(db, problems.length > 0 && problems.join(' and '));
      }),
      ...ofType(resources, 'aws_elasticache_replication_group').map((group) =>
        verdict(group, !(Number(group.values.snapshot_retention_limit ?? 0) >= 1) && 'keeps no snapshots'),
      ),
    ];
  },
};
