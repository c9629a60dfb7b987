import { Construct } from 'constructs';
import { SandboxConfig } from '../config/sandbox';
import { EnvironmentConfig, sandboxConfig, WebPlatformConfig, webPlatformConfig } from '../config/schema';
import { AppStack } from './app-stack';
import { DataStack } from './data-stack';
import { DnsStack } from './dns-stack';
import { EdgeStack } from './edge-stack';
import { FilesStack } from './files-stack';
import { IntranetStack } from './intranet-stack';
import { KeysStack } from './keys-stack';
import { NetworkStack } from './network-stack';
import { OpsStack } from './ops-stack';
import { SandboxStack } from './sandbox-stack';
import { StateStack } from './state-stack';
import { TierStack } from './tier-stack';
import { WebsiteStack } from './website-stack';

/**
 * Builds the stacks of one environment: the state stack always, then the stacks of each system
 * it holds (`systems:`), in dependency order. Later tiers read earlier ones through named outputs
 * and terraform_remote_state, so each `addDependency` here tells `cdktf deploy` the order an ops
 * team follows by hand (see README).
 */
export function buildEnvironmentStacks(scope: Construct, config: EnvironmentConfig): TierStack[] {
  const state = new StateStack(scope, config);
  const stacks: TierStack[] = [state];
  // The environment's keys come right after state: any later stack may encrypt with them.
  const keys = config.encryption.customerManagedKeys ? new KeysStack(scope, config) : undefined;
  if (keys !== undefined) {
    keys.addDependency(state);
    stacks.push(keys);
  }
  const foundation = keys ?? state;
  const web = webPlatformConfig(config);
  const webStacks = web === undefined ? [] : buildWebPlatformStacks(scope, web, foundation);
  stacks.push(...webStacks);
  const sandbox = sandboxConfig(config);
  if (sandbox !== undefined) stacks.push(buildSandboxStack(scope, config, sandbox, foundation));
  // The S3 systems put their names into the web platform's zone unless they name a zone of their own.
  const dns = webStacks.find((stack) => stack instanceof DnsStack);
  if (config.systems.includes('static-website') && config.staticWebsite !== undefined) {
    const website = new WebsiteStack(scope, config, config.staticWebsite);
    stacks.push(dependingOn(website, foundation, config.staticWebsite.hostedZoneId === undefined ? dns : undefined));
  }
  if (config.systems.includes('private-bucket') && config.privateBucket !== undefined) {
    stacks.push(dependingOn(new FilesStack(scope, config, config.privateBucket), foundation));
  }
  if (config.systems.includes('internal-site') && config.internalSite !== undefined) {
    const intranet = new IntranetStack(scope, config, config.internalSite);
    stacks.push(dependingOn(intranet, foundation, config.internalSite.hostedZoneId === undefined ? dns : undefined));
  }
  return stacks;
}

/** `stack`, after it has been made to depend on each of `earlier` that exists. */
function dependingOn(stack: TierStack, ...earlier: (TierStack | undefined)[]): TierStack {
  for (const dependency of earlier) if (dependency !== undefined) stack.addDependency(dependency);
  return stack;
}

/**
 * The web platform: network and dns, the data tier in the network when `data` is configured, then
 * the app tier on all of them, the edge in front of it, and last the ops tier watching them all.
 */
function buildWebPlatformStacks(scope: Construct, config: WebPlatformConfig, foundation: TierStack): TierStack[] {
  const network = new NetworkStack(scope, config);
  network.addDependency(foundation);
  const dns = new DnsStack(scope, config);
  dns.addDependency(foundation);
  const data = config.data === undefined ? undefined : new DataStack(scope, config, config.data);
  data?.addDependency(foundation);
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
function buildSandboxStack(scope: Construct, config: EnvironmentConfig, sandbox: SandboxConfig, foundation: TierStack): TierStack {
  const stack = new SandboxStack(scope, config, sandbox);
  stack.addDependency(foundation);
  return stack;
}
