import { App } from 'cdktf';
import { AppStack } from '../../stacks/app-stack';
import type { WebPlatformInput } from './fixtures';
import { testConfig } from './fixtures';
import { SynthesizedStack, synthStack } from './synth';

/** A container image in the test account's private ECR repository `webplat/site`. */
export const ECR_IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/webplat/site:1.4.2';
/** The official WordPress image on ECR Public. */
export const WORDPRESS_IMAGE = 'public.ecr.aws/docker/library/wordpress:6.8-apache';

/**
 * The base environment on Fargate Spot: the image from ECR in the region, pulled through the
 * interface endpoints a private pull needs (no internet egress), `change` applied after.
 */
export function fargate(change: (input: WebPlatformInput) => void = () => undefined): (input: WebPlatformInput) => void {
  return (input) => {
    input.network.interfaceEndpoints = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'ecr.api', 'ecr.dkr', 'secretsmanager'];
    input.app = { compute: 'fargate-spot', container: { image: ECR_IMAGE } };
    change(input);
  };
}

/**
 * The WordPress case: the official image through NAT, a data tier, and the database settings from it
 * (the host by value, the user and password by reference to the master user secret).
 */
export function wordpress(change: (input: WebPlatformInput) => void = () => undefined): (input: WebPlatformInput) => void {
  return (input) => {
    input.network.natGateways = 'single';
    input.network.appInternetEgress = true;
    input.network.ports = { app: 80, database: 3306 };
    input.data = { database: { engine: 'aurora-mysql', databaseName: 'wordpress' } };
    input.app = {
      compute: 'fargate-spot',
      healthCheckPath: '/readme.html',
      minSize: 1,
      maxSize: 4,
      desiredCapacity: 2,
      container: {
        image: WORDPRESS_IMAGE,
        readonlyRootFilesystem: false,
        environment: { WORDPRESS_TABLE_PREFIX: 'wp_' },
        fromDataTier: { WORDPRESS_DB_HOST: 'database-host', WORDPRESS_DB_USER: 'database-username', WORDPRESS_DB_PASSWORD: 'database-password' },
      },
    };
    change(input);
  };
}

/** The app stack of the environment `change` makes, synthesized. */
export function synthAppWith(change: (input: WebPlatformInput) => void): SynthesizedStack {
  return synthStack(new AppStack(new App(), testConfig(change)));
}

/** The one container definition of the only task definition, parsed. */
export function containerOf(json: SynthesizedStack): Record<string, any> {
  const tasks = Object.values(json.resource?.aws_ecs_task_definition ?? {});
  if (tasks.length !== 1) throw new Error(`expected exactly one aws_ecs_task_definition, found ${tasks.length}`);
  const containers = JSON.parse(tasks[0].container_definitions as string) as Record<string, any>[];
  if (containers.length !== 1) throw new Error(`expected exactly one container, found ${containers.length}`);
  return containers[0];
}

/** The inline policy statements of the role whose name ends in `suffix`, parsed, with its trust policy. */
export function rolePolicy(json: SynthesizedStack, suffix: string): { trust: any; statements: any[]; policies: number } {
  const roles = Object.entries(json.resource?.aws_iam_role ?? {}).filter(([, role]) => String(role.name).endsWith(suffix));
  if (roles.length !== 1) throw new Error(`expected exactly one role named *${suffix}, found ${roles.length}`);
  const [roleId, role] = roles[0];
  const policies = Object.values(json.resource?.aws_iam_role_policy ?? {}).filter((policy) => policy.role === `\${aws_iam_role.${roleId}.name}`);
  return {
    trust: JSON.parse(role.assume_role_policy as string),
    statements: policies.flatMap((policy) => JSON.parse(policy.policy as string).Statement),
    policies: policies.length,
  };
}
