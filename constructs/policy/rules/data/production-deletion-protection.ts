import { isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Production databases have deletion protection. */
export const productionDeletionProtection: PolicyRule = {
  id: 'DATA-PROD-DELETION-PROTECTION',
  pack: 'data',
  title: 'Production databases have deletion protection (production environments only).',
  explanation: 'In production, a stray destroy or a replacement in a plan that nobody read deletes the database with its automated backups.',
  fix: 'Set deletion_protection = true when the environment is production (config: production: true).',
  check: ({ resources, config }) =>
    config.production
      ? ofType(resources, 'aws_rds_cluster', 'aws_db_instance').map((db) => verdict(db, !isTrue(db.values.deletion_protection) && 'has no deletion protection'))
      : [],
};
