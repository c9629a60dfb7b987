import { Construct } from 'constructs';
import { SandboxConfig } from '../config/sandbox';
import { EnvironmentConfig, sandboxConfig, WebPlatformConfig, webPlatformConfig } from '../config/schema';
import { AppStack } from './app-stack';
import { DataStack } from './data-stack';
import { DnsStack } from './dns-stack';
import { EdgeStack } from './edge-stack';
import { NetworkStack } from './network-stack';
import { OpsStack } from './ops-stack';
import { SandboxStack } from './sandbox-stack';
import { StateStack } from './state-stack';
import { TierStack } from './tier-stack';

/**
 * Builds the stacks of one environment: the state stack always, then the stacks of each system
 * it holds (`systems:`), in dependency order. Later tiers read earlier ones through named outputs
 * and terraform_remote_state, so each `addDependency` here tells `cdktf deploy` the order an ops
 * team follows by hand (see README).
 */
export function buildEnvironmentStacks(scope: Construct, config: EnvironmentConfig): TierStack[] {
  const state = new StateStack(scope, config);
  const stacks: TierStack[] = [state];
  const web = webPlatformConfig(config);
  if (web !== undefined) stacks.push(...buildWebPlatformStacks(scope, web, state));
  const sandbox = sandboxConfig(config);
  if (sandbox !== undefined) stacks.push(buildSandboxStack(scope, config, sandbox, state));
  return stacks;
}

/**
 * The web platform: network and dns, the data tier in the network when `data` is configured, then
 * the app tier on all of them, the edge in front of it, and last the ops tier watching them all.
 */
function buildWebPlatformStacks(scope: Construct, config: WebPlatformConfig, state: StateStack): TierStack[] {
  const network = new NetworkStack(scope, config);
  network.addDependency(state);
  const dns = new DnsStack(scope, config);
  dns.addDependency(state);
  const data = config.data === undefined ? undefined : new DataStack(scope, config, config.data);
  data?.addDependency(state);
  data?.addDependency(network);
  const app = new AppStack(scope, config);
  app.addDependency(network);
  app.addDependency(dns);
  if (data !== undefined) app.addDependency(data);
  const edge = new EdgeStack(scope, config);
  edge.addDependency(dns);
  edge.addDependency(app);
  const ops = new OpsStack(scope, config);
  ops.addDependency(dns);
  ops.addDependency(app);
  ops.addDependency(edge);
  if (data !== undefined) ops.addDependency(data);
  return data === undefined ? [network, dns, app, edge, ops] : [network, dns, data, app, edge, ops];
}

/** The classic sandbox: one stack of its own, beside (and independent of) the web platform's. */
function buildSandboxStack(scope: Construct, config: EnvironmentConfig, sandbox: SandboxConfig, state: StateStack): TierStack {
  const stack = new SandboxStack(scope, config, sandbox);
  stack.addDependency(state);
  return stack;
}
