import { isLiteral, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Database master passwords are managed by Secrets Manager; no cache auth token is written out. */
export const noPlaintextMasterPassword: PolicyRule = {
  id: 'DATA-NO-PLAINTEXT-PASSWORD',
  pack: 'data',
  title: 'Database master passwords are managed by Secrets Manager, and no password or auth token is written in configuration.',
  explanation: 'A password in the Terraform JSON is in git and in every plan output; one passed through master_password also sits in state in clear text.',
  fix: 'Set manage_master_user_password = true and drop master_password (RDS keeps the secret in Secrets Manager); read Redis auth tokens from Secrets Manager by reference.',
  check: ({ resources }) => [
    ...ofType(resources, 'aws_rds_cluster', 'aws_db_instance').map((db) => {
      const password = db.values.master_password;
      if (password === undefined) return verdict(db, isLiteral(db.values.master_password_wo) && 'writes the master password in clear text');
      return verdict(db, isLiteral(password) ? 'writes the master password in clear text' : 'passes the master password through state (master_password)');
    }),
    ...ofType(resources, 'aws_elasticache_replication_group').map((group) =>
      verdict(group, isLiteral(group.values.auth_token) && 'writes the auth token in clear text'),
    ),
  ],
};
