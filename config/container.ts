import { z } from 'zod';
import { logRetentionDays } from './log-retention';

/**
 * The web platform's container workload (`app.container`, with `app.compute: fargate-spot`): one
 * image run as an ECS service on Fargate Spot (and Fargate) behind the load balancer, on the app
 * port. Cross-field checks (task size, secret ARNs, image pulls) are in config/rules/containers.ts.
 */

/**
 * Values the data tier publishes that a container can receive (`fromDataTier`). Host names and
 * ports arrive as plain environment variables; credentials as ECS secrets read from Secrets
 * Manager by reference, so no value is ever in config, the JSON or the task definition.
 */
export const DATA_TIER_VALUES = [
  'database-host',
  'database-reader-host',
  'database-port',
  'database-name',
  'database-username',
  'database-password',
  'cache-host',
  'cache-port',
  'cache-auth-token',
] as const;
export type DataTierValue = (typeof DATA_TIER_VALUES)[number];

/** The data tier values that are credentials, passed as ECS secrets. */
export const DATA_TIER_SECRETS: readonly DataTierValue[] = ['database-username', 'database-password', 'cache-auth-token'];

/**
 * A container image reference as Docker reads one: `[registry[:port]/]path[:tag][@sha256:<64 hex>]`,
 * path components of lower-case letters and digits joined by `.`, `_`, `__` or `-` runs.
 */
export const IMAGE_REFERENCE_PATTERN =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::\d{1,5})?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/**
 * A Secrets Manager secret ARN (`secret:<name>`, the service's `rds!...` names included), then
 * optionally `:<json-key>:<version-stage>:<version-id>` as ECS reads one key or version of it.
 */
const SECRETS_MANAGER_ARN = /^(arn:aws:secretsmanager:([a-z0-9-]+):(\d{12}):secret:[\w/+=.@!-]+)(?::[^:]*:[^:]*:[^:]*)?$/;
/** An SSM parameter ARN. */
const SSM_PARAMETER_ARN = /^arn:aws:ssm:([a-z0-9-]+):(\d{12}):parameter\/[\w/.-]+$/;
/** An image in an Amazon ECR private registry: `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:<tag>][@sha256:<digest>]`. */
const PRIVATE_ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._\/-]+?)(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** Where an ECS secret's `valueFrom` points. */
export interface SecretReference {
  readonly service: 'secretsmanager' | 'ssm';
  readonly region: string;
  readonly accountId: string;
  /** The secret's ARN without the key, stage and version ECS may add; the parameter's ARN. */
  readonly arn: string;
}

/** The secret or parameter a `valueFrom` names, or undefined when it is neither ARN. */
export function parseSecretReference(valueFrom: string): SecretReference | undefined {
  const secret = SECRETS_MANAGER_ARN.exec(valueFrom);
  if (secret !== null) return { service: 'secretsmanager', arn: secret[1], region: secret[2], accountId: secret[3] };
  const parameter = SSM_PARAMETER_ARN.exec(valueFrom);
  if (parameter !== null) return { service: 'ssm', arn: valueFrom, region: parameter[1], accountId: parameter[2] };
  return undefined;
}

/** The Amazon ECR private repository an image reference is in, or undefined for any other registry. */
export function parseEcrImage(image: string): { readonly accountId: string; readonly region: string; readonly repository: string } | undefined {
  const match = PRIVATE_ECR_IMAGE.exec(image);
  return match === null ? undefined : { accountId: match[1], region: match[2], repository: match[3] };
}

/** An environment variable name ECS and shells accept. */
const variableName = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const VARIABLE_NAME_EXPECTED = 'expected variable names of letters, digits and _, not starting with a digit';

const variables = <T extends z.ZodTypeAny>(value: T) =>
  z.record(z.string(), value).superRefine((record, ctx) => {
    for (const name of Object.keys(record)) {
      if (!variableName.test(name)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: VARIABLE_NAME_EXPECTED, params: { received: `key "${name}"` } });
    }
  });

export const containerSchema = z
  .object({
    /** The image, such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com/site:1.4.2` or `wordpress:6.8-apache`. */
    image: z.string().regex(IMAGE_REFERENCE_PATTERN, 'expected an image reference such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/site:1.4.2 or wordpress:6.8-apache'),
    /** Task CPU units (256 = 0.25 vCPU); with `memoryMiB`, a pair Fargate accepts (config/aws/fargate-task-sizes.json). */
    cpu: z.number().int().default(512),
    /** Task memory in MiB. */
    memoryMiB: z.number().int().default(1024),
    /** Plain environment variables: nothing secret here (it is in the JSON and the task definition). */
    environment: variables(z.string({ invalid_type_error: 'expected a string: quote numbers and true/false' })).default({}),
    /**
     * Secrets by reference: a Secrets Manager secret ARN (optionally `:<json-key>:<version-stage>:<version-id>`
     * to pick one key) or an SSM parameter ARN, in the environment's account and region.
     */
    secrets: variables(z.string()).default({}),
    /** Values of the data tier by name, such as `WORDPRESS_DB_HOST: database-host` (config/container.ts). */
    fromDataTier: variables(z.enum(DATA_TIER_VALUES)).default({}),
    /** Mount the container's root file system read-only; turn off only for images that write to it (WordPress does). */
    readonlyRootFilesystem: z.boolean().default(true),
    /** Days the container logs are kept in CloudWatch Logs. */
    logRetentionDays: logRetentionDays.default(30),
    /** Seconds the service ignores failing load balancer health checks after a task starts. */
    healthCheckGracePeriodSeconds: z.number().int().min(0).max(2147483647).default(60),
    /** How tasks are placed on Fargate Spot and on-demand Fargate. */
    capacity: z
      .object({
        /** Relative share of tasks (beyond the base) on FARGATE_SPOT. */
        spotWeight: z.number().int().min(0).max(1000).default(1),
        /** Relative share of tasks (beyond the base) on on-demand FARGATE. */
        onDemandWeight: z.number().int().min(0).max(1000).default(0),
        /**
         * Tasks always on on-demand FARGATE, so a Spot reclaim never takes the service to zero.
         * @default 1 in production, 0 elsewhere
         */
        onDemandBase: z.number().int().min(0).max(100000).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type ContainerConfig = z.infer<typeof containerSchema>;

/** The container with its defaults that depend on the environment: one on-demand task as base in production. */
export function resolveContainer(container: ContainerConfig, production: boolean) {
  return { ...container, capacity: { ...container.capacity, onDemandBase: container.capacity.onDemandBase ?? (production ? 1 : 0) } };
}
