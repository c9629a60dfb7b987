import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const noPlaintextMasterPassword: PolicyRule = {
  id: 'DATA-NO-PLAINTEXT-PASSWORD',
  pack: 'data',
  title: 'Database master passwords are managed by Secrets Manager, never written in configuration.',
  explanation: 'A password in the Terraform JSON is in git, in every plan output and in state in clear text.',
  fix: 'Set manage_master_user_password = true and drop master_password; Redis auth tokens come from Secrets Manager by reference.',
  check: ({ resources }) => [
    ...[...ofType(resources, 'aws_rds_cluster'), ...ofType(resources, 'aws_db_instance')].map((db) =>
      verdict(
        db,
        (db.values.master_password !== undefined || db.values.manage_master_user_password !== true) &&
          'master password is not managed by Secrets Manager (manage_master_user_password)',
      ),
    ),
    ...ofType(resources, 'aws_elasticache_replication_group').map((group) =>
      verdict(group, typeof group.values.auth_token === 'string' && !group.values.auth_token.startsWith('${') && 'auth token is written in clear text'),
    ),
  ],
};
