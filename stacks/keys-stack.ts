import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { EnvironmentKey } from '../constructs/keys/environment-key';
import { keyPolicyStatements } from '../constructs/keys/key-policies';
import { KeyPurpose, keyPurposes, KEYS_OUTPUT_NAMES, KeysOutputs } from '../constructs/keys-outputs';
import { OutputNames, publishTierOutputs } from '../constructs/tier-outputs';
import { TierStack } from './tier-stack';

/** What each key encrypts: its description, and its output's. */
const KEY_USES: { readonly [P in KeyPurpose]: string } = {
  s3: 'S3 default encryption (with bucket keys) of the bucket classes set to sse-kms, read by CloudFront through Origin Access Control',
  logs: 'CloudWatch Logs log groups of this environment in the home region',
  data: "the data tier's Aurora storage, ElastiCache at rest, and their Secrets Manager secrets",
};

/** The output field of each purpose's key. */
const OUTPUT_FIELDS: { readonly [P in KeyPurpose]: keyof KeysOutputs } = { s3: 's3KeyArn', logs: 'logsKeyArn', data: 'dataKeyArn' };

/**
 * `<env>-keys` (only with `encryption.customerManagedKeys`): the environment's customer-managed
 * KMS keys in the home region, one per purpose, rotated yearly, each aliased
 * `alias/<project>-<env>-keys-<purpose>` and kept from `terraform destroy` in production.
 * Applied right after `<env>-state`, so every later stack may encrypt with them; each key
 * policy lets the account administer the key and lets exactly the services of its purpose use it:
 *
 * - `s3`: S3 on behalf of the account's principals, and CloudFront distributions of the account
 *   reading through Origin Access Control; used by the bucket classes of `encryption.buckets`
 *   set to `sse-kms` (the uploads bucket of `<env>-edge`, the bucket of `<env>-website`, the
 *   bucket of `<env>-files`).
 * - `logs`: CloudWatch Logs, for the account's log groups in the home region.
 * - `data` (only with `data:`): RDS, ElastiCache and Secrets Manager on behalf of the account's
 *   principals, for `<env>-data`'s Aurora cluster, cache and their secrets.
 *
 * SNS has no key here: the alarm topics are encrypted with the ops tier's own key
 * (constructs/ops/ops-key.ts), whose policy admits CloudWatch and EventBridge, which publish to them.
 */
export class KeysStack extends TierStack {
  /** ARNs of the keys this environment gets (`dataKeyArn` only with `data:`). */
  public readonly keys: KeysOutputs;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, { config, tier: 'keys' });
    const names: Partial<Record<keyof KeysOutputs, string>> = {};
    const arns: Partial<Record<keyof KeysOutputs, string>> = {};
    const descriptions: Partial<Record<keyof KeysOutputs, string>> = {};
    for (const purpose of keyPurposes(config)) {
      const key = new EnvironmentKey(this, purpose, {
        aliasName: this.naming.name('keys', purpose),
        encrypts: KEY_USES[purpose],
        statements: keyPolicyStatements(purpose, { accountId: config.accountId, region: config.region }),
        preventDestroy: config.production,
      });
      const field = OUTPUT_FIELDS[purpose];
      names[field] = KEYS_OUTPUT_NAMES[field];
      arns[field] = key.keyArn;
      descriptions[field] = `ARN of the customer-managed KMS key for ${KEY_USES[purpose]}.`;
    }
    this.keys = arns as KeysOutputs;
    publishTierOutputs<KeysOutputs>(this, names as OutputNames<KeysOutputs>, this.keys, descriptions as { readonly [K in keyof KeysOutputs]: string });
  }
}
