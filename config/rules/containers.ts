import { FARGATE_TASK_SIZES } from '../aws';
import { DATA_TIER_SECRETS, DataTierValue, parseEcrImage, parseSecretReference } from '../container';
import type { ParsedEnvironment } from '../schema';
import { oneOf, report, RuleContext } from './issue';

/** Interface endpoints a task needs to start without internet egress: image pulls (with the S3 gateway) and awslogs. */
export const PRIVATE_PULL_ENDPOINTS = ['ecr.api', 'ecr.dkr', 'logs'] as const;


/**
 * The app tier's compute choice (`app.compute`): `fargate-spot` needs `app.container` and `ec2` refuses
 * it; `userDataFile` is read by ec2 only. For the container: a task size Fargate accepts, each variable
 * named once, secrets by ARN in the environment's account and region, data tier values only when the
 * data tier has them, some capacity weight, a base on on-demand Fargate in production, and a way to
 * pull the image and ship logs (NAT with app internet egress, or ECR in the region through endpoints).
 */
export function checkContainers(env: ParsedEnvironment, ctx: RuleContext): void {
  if (!env.systems.includes('web-platform')) return;
  const { app } = env;
  if (app.compute === 'ec2' && app.container !== undefined) {
    report(ctx, ['app', 'container'], 'expected no container with app.compute: ec2 (the web servers run the boot script); set app.compute: fargate-spot to run it', 'a container setting');
  }
  if (app.compute === 'fargate-spot' && app.userDataFile !== undefined) {
    report(ctx, ['app', 'userDataFile'], 'expected no userDataFile with app.compute: fargate-spot: only EC2 web servers run a boot script');
  }
  if (app.compute !== 'fargate-spot') return;
  const container = app.container;
  if (container === undefined) {
    report(ctx, ['app', 'container'], 'expected a container (image, cpu, memoryMiB, ...) with app.compute: fargate-spot');
    return;
  }
  const at = ['app', 'container'];

  const memories = Object.hasOwn(FARGATE_TASK_SIZES, String(container.cpu)) ? FARGATE_TASK_SIZES[String(container.cpu)] : undefined;
  if (memories === undefined) {
    report(ctx, [...at, 'cpu'], `expected a Fargate task CPU value: ${oneOf(Object.keys(FARGATE_TASK_SIZES))} (256 = 0.25 vCPU)`);
  } else if (!memories.includes(container.memoryMiB)) {
    report(ctx, [...at, 'memoryMiB'], `expected a memory size Fargate pairs with cpu ${container.cpu}: ${oneOf(memories.map(String))} MiB`);
  }

  const seen = new Set<string>();
  for (const [section, record] of [['environment', container.environment], ['secrets', container.secrets], ['fromDataTier', container.fromDataTier]] as const) {
    for (const name of Object.keys(record)) {
      if (seen.has(name)) report(ctx, [...at, section, name], 'expected each variable once across environment, secrets and fromDataTier', `key "${name}"`);
      seen.add(name);
    }
  }

  for (const [name, arn] of Object.entries(container.secrets)) {
    const reference = parseSecretReference(arn);
    if (reference === undefined) {
      report(ctx, [...at, 'secrets', name], `expected a Secrets Manager secret ARN (arn:aws:secretsmanager:${env.region}:${env.accountId}:secret:<name>, optionally :<json-key>::) or an SSM parameter ARN (arn:aws:ssm:${env.region}:${env.accountId}:parameter/<name>)`);
    } else if (reference.region !== env.region || reference.accountId !== env.accountId) {
      report(ctx, [...at, 'secrets', name], `expected an ARN in the environment's account ${env.accountId} and region ${env.region}: the task's execution role is allowed only those`);
    }
  }

  for (const [name, value] of Object.entries(container.fromDataTier) as [string, DataTierValue][]) {
    if (env.data === undefined) {
      report(ctx, [...at, 'fromDataTier', name], 'expected a data section: this environment has no data tier to take the value from');
    } else if (value.startsWith('cache-') && env.data.cache === undefined) {
      report(ctx, [...at, 'fromDataTier', name], 'expected a data.cache section: this environment has no cache to take the value from');
    }
  }

  const { capacity } = container;
  if (capacity.spotWeight + capacity.onDemandWeight === 0) {
    report(ctx, [...at, 'capacity', 'spotWeight'], 'expected a weight of 1 or more on spotWeight or onDemandWeight: with both at 0 ECS places no task beyond the base');
  }
  if (env.production && capacity.onDemandBase === 0) {
    report(ctx, [...at, 'capacity', 'onDemandBase'], 'expected at least 1 in production (production: true): with no on-demand base, a Spot reclaim can take the whole service down');
  }

  checkImagePull(env, container.image, Object.values(container.secrets), Object.values(container.fromDataTier), ctx);
}

/** The tasks can pull their image, ship their logs and read their secrets, through NAT or through endpoints. */
function checkImagePull(env: ParsedEnvironment, image: string, secretArns: readonly string[], dataValues: readonly DataTierValue[], ctx: RuleContext): void {
  const network = env.network;
  if (network === undefined) return;
  if (network.appInternetEgress && network.natGateways !== 'none') return;
  const registry = `${env.region}.amazonaws.com`;
  if (parseEcrImage(image)?.region !== env.region) {
    report(
      ctx,
      ['app', 'container', 'image'],
      `expected an image in Amazon ECR in ${env.region} (<account>.dkr.ecr.${registry}/<repository>:<tag>) while network.appInternetEgress is false: the tasks have no route to other registries. Or set network.appInternetEgress: true with NAT gateways`,
    );
  }
  const needed = new Set<string>(PRIVATE_PULL_ENDPOINTS);
  const services = secretArns.map((arn) => parseSecretReference(arn)?.service);
  if (services.includes('secretsmanager') || dataValues.some((value) => DATA_TIER_SECRETS.includes(value))) needed.add('secretsmanager');
  if (services.includes('ssm')) needed.add('ssm');
  const missing = [...needed].filter((service) => !(network.interfaceEndpoints as readonly string[]).includes(service));
  if (missing.length > 0) {
    report(
      ctx,
      ['network', 'interfaceEndpoints'],
      `expected ${missing.join(', ')} among them too (app.compute: fargate-spot without internet egress): tasks pull images, send logs and read secrets through these endpoints`,
    );
  }
}
