import { Construct } from 'constructs';
import { EnvironmentConfig, StaticWebsiteConfig } from '../config/schema';
import { TierStack } from './tier-stack';

/** STUB (being written): `<env>-website`. */
export class WebsiteStack extends TierStack {
  constructor(scope: Construct, config: EnvironmentConfig, site: StaticWebsiteConfig) {
    super(scope, { config, tier: 'website' });
    void site;
  }
}
