import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { AppStack } from './app-stack';
import { DnsStack } from './dns-stack';
import { EdgeStack } from './edge-stack';
import { NetworkStack } from './network-stack';
import { StateStack } from './state-stack';
import { TierStack } from './tier-stack';

/**
 * Builds every stack of one environment, in dependency order. Later tiers read earlier
 * ones through named outputs and terraform_remote_state, so each `addDependency` here
 * tells `cdktf deploy` the order an ops team follows by hand (see README).
 */
export function buildEnvironmentStacks(scope: Construct, config: EnvironmentConfig): TierStack[] {
  const state = new StateStack(scope, config);
  const network = new NetworkStack(scope, config);
  network.addDependency(state);
  const dns = new DnsStack(scope, config);
  dns.addDependency(state);
  const app = new AppStack(scope, config);
  app.addDependency(network);
  app.addDependency(dns);
  const edge = new EdgeStack(scope, config);
  edge.addDependency(dns);
  edge.addDependency(app);
  return [state, network, dns, app, edge];
}
