import { allow, PolicyContext, PolicyParts } from './context';
import { PermissionStatement, sortedUnique } from './policy-document';
import { Block, literal, referenceTo, remoteOutputReference, remoteStates, resourcesOf, s3Backend, StackJson } from '../stack-json';

/** A secret a stack reads or holds: its ARN pattern, and whether it is encrypted with a customer managed key. */
interface SecretTarget {
  readonly arn: string;
  readonly region: string;
  /** A customer managed key (or one that cannot be told): reading the value takes kms:Decrypt through Secrets Manager. */
  readonly customerKey: boolean;
}

/**
 * Secrets Manager, scoped to the secrets the stacks create (by name) and the master user secrets RDS
 * creates for them (`rds!*`). Plan reads secret values only where terraform refresh does: the
 * `aws_secretsmanager_secret_version` resources (the provider reads the value back into state) and the
 * `aws_secretsmanager_secret_version` data sources, each resolved to the one secret it names, followed
 * through the other tiers' outputs; with kms:Decrypt through Secrets Manager for those under a customer managed key.
 */
export function secretStatements(context: PolicyContext): PolicyParts {
  const { partition } = context;
  const account = context.config.accountId;
  const plan: PermissionStatement[] = [];
  const apply: PermissionStatement[] = [];

  const secrets = context.resources.filter((resource) => resource.type === 'aws_secretsmanager_secret');
  if (secrets.length > 0) {
    const arns = secrets.map((secret) => secretTarget(context, secret).arn);
    plan.push(allow('Secrets', ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:ListSecretVersionIds'], arns));
    apply.push(allow('Secrets', ['secretsmanager:*'], arns));
  }

  const read = [
    ...context.resources.filter((resource) => resource.type === 'aws_secretsmanager_secret_version'),
    ...context.dataSources.filter((source) => source.type === 'aws_secretsmanager_secret_version'),
  ].map((block) => readSecret(context, block));
  if (read.length > 0) {
    plan.push(allow('SecretValues', ['secretsmanager:GetSecretValue'], read.map((target) => target.arn)));
    const regions = sortedUnique(read.filter((target) => target.customerKey).map((target) => target.region));
    if (regions.length > 0) {
      plan.push(
        allow('SecretKeys', ['kms:Decrypt'], regions.map((region) => `arn:${partition}:kms:${region}:${account}:key/*`), {
          StringEquals: { 'kms:ViaService': regions.map((region) => `secretsmanager.${region}.amazonaws.com`) },
        }),
      );
    }
  }

  // RDS creates, rotates and deletes a managed master user secret with the caller's permissions.
  const managed = context.resources.filter((resource) => ['aws_rds_cluster', 'aws_db_instance'].includes(resource.type) && resource.values.manage_master_user_password === true);
  if (managed.length > 0) {
    apply.push(
      allow(
        'DatabaseSecrets',
        ['secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:RotateSecret', 'secretsmanager:TagResource', 'secretsmanager:UpdateSecret'],
        sortedUnique(managed.map((cluster) => `arn:${partition}:secretsmanager:${cluster.region}:${account}:secret:rds!*`)),
      ),
    );
  }
  return { plan, apply };
}

/** The secret a secret version resource or data source reads (`secret_id`). */
function readSecret(context: PolicyContext, block: Block): SecretTarget {
  return resolveSecret(context, block.stack, context.allStacks.get(block.stack)!, block.values.secret_id, block.region, 0) ?? environmentSecrets(context, block.region);
}

function resolveSecret(context: PolicyContext, stack: string, json: StackJson, secretId: unknown, region: string, depth: number): SecretTarget | undefined {
  const reference = referenceTo(secretId);
  if (reference?.type === 'aws_secretsmanager_secret') {
    const secret = resourcesOf(stack, json).find((resource) => resource.type === reference.type && resource.id === reference.id);
    return secret && secretTarget(context, secret);
  }
  const output = remoteOutputReference(secretId);
  if (output !== undefined && depth < 5) {
    const location = remoteStates(stack, json).find((remote) => remote.name === output.remoteState);
    const source = [...context.allStacks].find(([name, other]) => {
      const backend = s3Backend(name, other);
      return location !== undefined && backend?.bucket === location.bucket && backend.key === location.key;
    });
    return source && resolveSecret(context, source[0], source[1], source[1].output?.[output.output]?.value, region, depth + 1);
  }
  const arn = literal(secretId);
  if (arn?.startsWith('arn:')) return { arn, region: arn.split(':')[3], customerKey: true };
  return undefined;
}

function secretTarget(context: PolicyContext, secret: Block): SecretTarget {
  const name = literal(secret.values.name);
  if (name === undefined) return environmentSecrets(context, secret.region);
  return {
    // Secrets Manager appends a hyphen and six random characters to the name.
    arn: `arn:${context.partition}:secretsmanager:${secret.region}:${context.config.accountId}:secret:${name}-??????`,
    region: secret.region,
    customerKey: secret.values.kms_key_id !== undefined,
  };
}

/** Every secret of the environment in a region: for a secret the stacks name in a way that cannot be followed. */
function environmentSecrets(context: PolicyContext, region: string): SecretTarget {
  return { arn: `arn:${context.partition}:secretsmanager:${region}:${context.config.accountId}:secret:${context.namePrefix}*`, region, customerKey: true };
}
