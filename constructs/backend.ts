import { DataTerraformRemoteStateS3, S3Backend, TerraformRemoteState, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { Naming, Tier } from './naming';

/** Where one tier's state lives in the environment's state bucket. */
export interface StateLocation {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
}

/** Name of the environment's state bucket (created by the `<env>-state` stack). */
export function stateBucketName(config: EnvironmentConfig): string {
  return new Naming(config).bucketName('state', 'tfstate');
}

/** Name of the environment's DynamoDB lock table (created by the `<env>-state` stack). */
export function lockTableName(config: EnvironmentConfig): string {
  return new Naming(config).name('state', 'locks', 255);
}

/** Alias name (without `alias/`) of the state key the `<env>-state` stack creates with `state.customerManagedKey`. */
export function stateKeyAliasName(config: EnvironmentConfig): string {
  return new Naming(config).name('state', 'tfstate');
}

/**
 * The KMS key every backend of the environment encrypts state with: the key named by `state.kmsKeyArn`, or, with
 * `state.customerManagedKey`, the state stack's own key by its alias ARN, which is known at synth (the key's id is not),
 * so the backend block stays a literal; undefined for SSE-S3.
 */
export function stateKmsKeyId(config: EnvironmentConfig): string | undefined {
  if (config.state.customerManagedKey) return `arn:aws:kms:${config.region}:${config.accountId}:alias/${stateKeyAliasName(config)}`;
  return config.state.kmsKeyArn;
}

/** The S3 object one tier keeps its state in: `<env>/<tier>.tfstate`. */
export function stateLocation(config: EnvironmentConfig, tier: Tier): StateLocation {
  return { bucket: stateBucketName(config), key: `${config.environment}/${tier}.tfstate`, region: config.region };
}

/**
 * The S3 backend every tier uses: encrypted state in the environment's bucket, locked
 * by the DynamoDB table (default) or by S3-native lock files (`state.locking: s3-native`).
 */
export class LockedS3Backend extends S3Backend {
  private readonly location: StateLocation;

  constructor(scope: TerraformStack, config: EnvironmentConfig, tier: Tier) {
    const location = stateLocation(config, tier);
    super(scope, {
      ...location,
      encrypt: true,
      kmsKeyId: stateKmsKeyId(config),
      dynamodbTable: config.state.locking === 'dynamodb' ? lockTableName(config) : undefined,
    });
    this.location = location;
    if (config.state.locking === 's3-native') {
      // cdktf 0.21 has no typed field for use_lockfile (Terraform >= 1.10).
      scope.addOverride('terraform.backend.s3.use_lockfile', true);
    }
  }

  /**
   * Cross-stack references read state only: the data source gets the location alone,
   * not the lock settings, which Terraform ignores there and warns about.
   */
  getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new DataTerraformRemoteStateS3(scope, name, this.location);
  }
}

/** Reads the outputs of an earlier tier of the same environment. */
export function remoteTierState(scope: Construct, config: EnvironmentConfig, tier: Tier): DataTerraformRemoteStateS3 {
  return new DataTerraformRemoteStateS3(scope, `${tier}-state`, stateLocation(config, tier));
}
