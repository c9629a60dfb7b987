import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { TierStack } from './tier-stack';

/** STUB (being written): `<env>-keys`. */
export class KeysStack extends TierStack {
  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, { config, tier: 'keys' });
  }
}
