import type { DataTierValue } from '../../config/container';
import { containerValueOf, DataOutputs } from '../data-outputs';
import { secretReferenceOf } from './secret-references';

/** A plain environment variable of a container definition. */
export interface EnvironmentVariable {
  readonly name: string;
  readonly value: string;
}

/** An ECS secret of a container definition: the variable is filled from Secrets Manager or SSM at start. */
export interface SecretVariable {
  readonly name: string;
  readonly valueFrom: string;
}

/** Customer-managed KMS keys of the data tier's secrets, as config names them. */
export interface DataSecretKeys {
  /**
   * Key of the database's master user secret (`data.database.kmsKeyArn`).
   * @default - the AWS managed key of Secrets Manager, which needs no grant
   */
  readonly database?: string;
  /**
   * Key of the cache's auth token secret (`data.cache.kmsKeyArn`).
   * @default - the AWS managed key of Secrets Manager, which needs no grant
   */
  readonly cache?: string;
}

export interface ContainerVariablesInput {
  /** Plain variables from config (`app.container.environment`): literal text. */
  readonly environment: Readonly<Record<string, string>>;
  /** Secrets by ARN from config (`app.container.secrets`). */
  readonly secrets: Readonly<Record<string, string>>;
  /** Values of the data tier by variable (`app.container.fromDataTier`). */
  readonly fromDataTier: Readonly<Record<string, DataTierValue>>;
  /**
   * The data tier's outputs; needed when `fromDataTier` names anything.
   * @default - none: `fromDataTier` must be empty
   */
  readonly dataOutputs?: DataOutputs;
  /**
   * KMS keys of the data tier's secrets.
   * @default - AWS managed keys
   */
  readonly dataSecretKeys?: DataSecretKeys;
}

/** What the container receives, and what its execution role must be allowed to read for it. */
export interface ContainerVariables {
  /** Plain variables, sorted by name. */
  readonly environment: readonly EnvironmentVariable[];
  /** Secrets, sorted by name. */
  readonly secrets: readonly SecretVariable[];
  /** Secrets Manager secrets the secrets read, each once (IAM resource ARNs). */
  readonly secretArns: readonly string[];
  /** SSM parameters the secrets read, each once. */
  readonly parameterArns: readonly string[];
  /** Customer-managed KMS keys that encrypt secrets read, each once. */
  readonly kmsKeyArns: readonly string[];
}

/**
 * Literal text as a Terraform JSON string holds it: `${` and `%{` would start an interpolation or a
 * directive, so they are written `$${` and `%%{`, which Terraform turns back into the text.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`);
}

/** A secret with what reading it takes. */
interface ResolvedSecret extends SecretVariable {
  readonly service: 'secretsmanager' | 'ssm';
  readonly resourceArn: string;
  readonly kmsKeyArn?: string;
}

const byName = <T extends { readonly name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const unique = (values: readonly string[]) => [...new Set(values)];

/**
 * The container's environment and secrets: config's plain variables and secrets by ARN, and the data
 * tier's values (host names and ports as plain variables read from its remote state, credentials as
 * secrets by ARN, `<arn>:<json-key>::` for one key of the JSON master user secret). No secret value is
 * ever read: only where it is.
 */
export function containerVariables(input: ContainerVariablesInput): ContainerVariables {
  const names = [...Object.keys(input.environment), ...Object.keys(input.secrets), ...Object.keys(input.fromDataTier)];
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw new Error(`container variables ${unique(repeated).join(', ')} are set more than once across environment, secrets and fromDataTier: name each once`);
  }
  const fromDataTier = Object.entries(input.fromDataTier);
  const outputs = input.dataOutputs;
  if (fromDataTier.length > 0 && outputs === undefined) {
    throw new Error(`fromDataTier names ${fromDataTier.map(([name]) => name).join(', ')}, but no data tier outputs were given: read them with readDataOutputs`);
  }

  const environment: EnvironmentVariable[] = Object.entries(input.environment).map(([name, value]) => ({ name, value: terraformLiteral(value) }));
  const secrets: ResolvedSecret[] = Object.entries(input.secrets).map(([name, valueFrom]) => {
    const reference = secretReferenceOf(valueFrom);
    return { name, valueFrom, service: reference.service, resourceArn: reference.resourceArn };
  });
  for (const [name, value] of fromDataTier) {
    const resolved = containerValueOf(outputs!, value);
    if (resolved.kind === 'environment') {
      environment.push({ name, value: resolved.value });
    } else {
      const kmsKeyArn = value.startsWith('cache-') ? input.dataSecretKeys?.cache : input.dataSecretKeys?.database;
      secrets.push({ name, valueFrom: resolved.valueFrom, service: 'secretsmanager', resourceArn: resolved.secretArn, kmsKeyArn });
    }
  }
  secrets.sort(byName);
  return {
    environment: environment.sort(byName),
    secrets: secrets.map(({ name, valueFrom }) => ({ name, valueFrom })),
    secretArns: unique(secrets.filter((secret) => secret.service === 'secretsmanager').map((secret) => secret.resourceArn)),
    parameterArns: unique(secrets.filter((secret) => secret.service === 'ssm').map((secret) => secret.resourceArn)),
    kmsKeyArns: unique(secrets.flatMap((secret) => (secret.kmsKeyArn === undefined ? [] : [secret.kmsKeyArn]))),
  };
}
