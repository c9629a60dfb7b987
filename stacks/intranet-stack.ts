import { Construct } from 'constructs';
import { EnvironmentConfig, InternalSiteConfig } from '../config/schema';
import { TierStack } from './tier-stack';

/** STUB (being written): `<env>-intranet`. */
export class IntranetStack extends TierStack {
  constructor(scope: Construct, config: EnvironmentConfig, site: InternalSiteConfig) {
    super(scope, { config, tier: 'intranet' });
    void site;
  }
}
