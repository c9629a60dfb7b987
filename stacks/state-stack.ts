import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { lockTableName, stateBucketName, stateKeyAliasName, stateKmsKeyId } from '../constructs/backend';
import { StateStore } from '../constructs/state-store';
import { TierStack } from './tier-stack';

/** Days the state bucket's access logs are kept (one year: an audit trail). */
const STATE_ACCESS_LOG_RETENTION_DAYS = 365;

/**
 * `<env>-state`: the bucket and lock table the other stacks keep their state in, and with
 * `state.customerManagedKey` the KMS key they are encrypted with (which every backend names by alias).
 * Applied first, with local state; see README "Bootstrapping state" for moving its
 * own state into the bucket afterwards (`state.stateStackBackend: s3`), and docs/state-access.md
 * for who may reach the state.
 */
export class StateStack extends TierStack {
  public readonly store: StateStore;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, { config, tier: 'state', backend: config.state.stateStackBackend === 's3' ? 's3' : 'local' });
    this.store = new StateStore(this, 'store', {
      bucketName: stateBucketName(config),
      accessLogBucketName: this.naming.bucketName('state', 'access-logs'),
      accessLogRetentionDays: STATE_ACCESS_LOG_RETENTION_DAYS,
      accountId: config.accountId,
      lockTableName: lockTableName(config),
      noncurrentVersionRetentionDays: config.state.noncurrentVersionRetentionDays,
      kmsKeyArn: config.state.kmsKeyArn,
      createKey: config.state.customerManagedKey ? { aliasName: stateKeyAliasName(config), region: config.region } : undefined,
      allowedPrincipals: config.state.allowedPrincipals,
    });
    new TerraformOutput(this, 'state_bucket', {
      value: this.store.bucketName,
      description: 'S3 bucket holding the Terraform state of every tier of this environment.',
    });
    new TerraformOutput(this, 'lock_table', {
      value: this.store.lockTableName,
      description: 'DynamoDB table holding Terraform state locks (LockID).',
    });
    if (this.store.keyArn !== undefined) {
      new TerraformOutput(this, 'state_key', {
        value: this.store.keyArn,
        description: `ARN of the KMS key encrypting the state bucket and the lock table; the backends name it by its alias ${stateKmsKeyId(config)}.`,
      });
    }
  }
}
