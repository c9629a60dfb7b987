import { Construct } from 'constructs';
import { EnvironmentConfig, PrivateBucketConfig } from '../config/schema';
import { TierStack } from './tier-stack';

/** STUB (being written): `<env>-files`. */
export class FilesStack extends TierStack {
  constructor(scope: Construct, config: EnvironmentConfig, files: PrivateBucketConfig) {
    super(scope, { config, tier: 'files' });
    void files;
  }
}
