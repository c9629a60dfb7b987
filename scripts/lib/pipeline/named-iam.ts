import { allow, PolicyContext, PolicyParts } from './context';
import { PermissionStatement, PipelinePolicyError, sortedUnique } from './policy-document';
import { resourceTypeAccess } from './resource-types';
import { Block, literal, referenceTo } from '../stack-json';

/** IAM resource types and the kind of IAM resource each names. */
const NAMED_IAM: Readonly<Record<string, 'role' | 'policy' | 'instance-profile'>> = {
  aws_iam_role: 'role',
  aws_iam_policy: 'policy',
  aws_iam_instance_profile: 'instance-profile',
};

/**
 * What apply does to the environment's roles, customer managed policies and instance profiles, as
 * patterns: they are granted only on those ARNs, where `iam:Create*` cannot reach a service-linked role
 * (`role/aws-service-role/...`) nor any user. Attaching and passing roles are granted apart.
 */
const IAM_WRITES = [
  'iam:AddRoleToInstanceProfile',
  'iam:Create*',
  'iam:Delete*',
  'iam:Put*',
  'iam:RemoveRoleFromInstanceProfile',
  'iam:SetDefaultPolicyVersion',
  'iam:Tag*',
  'iam:Untag*',
  'iam:Update*',
];

/**
 * IAM, scoped to the environment's names: the roles, customer managed policies and instance profiles
 * whose names start with the environment's prefix (every name the stacks give them must); policy
 * attachments limited (iam:PolicyARN) to the policies the stacks attach, also on the roles the stacks
 * attach to without creating them; iam:PassRole only to the environment's roles; and the service-linked
 * roles of the services the stacks use, by service name.
 */
export function iamStatements(context: PolicyContext): PolicyParts {
  const { partition, namePrefix } = context;
  const account = context.config.accountId;
  const iamArn = (kind: string, name: string) => `arn:${partition}:iam::${account}:${kind}/${name}`;
  const iamResources = context.resources.filter((resource) => resource.type.startsWith('aws_iam_'));
  const plan: PermissionStatement[] = [];
  const apply: PermissionStatement[] = [];

  if (iamResources.length > 0) {
    iamResources.filter((resource) => Object.hasOwn(NAMED_IAM, resource.type)).forEach((resource) => checkName(resource, namePrefix));
    iamResources.filter((resource) => resource.type === 'aws_iam_role_policy').forEach((resource) => checkInlinePolicyRole(resource, namePrefix));
    const kinds = ['role', ...iamResources.map((resource) => NAMED_IAM[resource.type]).filter((kind) => kind !== undefined)];
    const owned = sortedUnique(kinds).map((kind) => iamArn(kind, `${namePrefix}*`));
    plan.push(allow('Roles', ['iam:Get*', 'iam:List*'], owned));
    apply.push(allow('Roles', IAM_WRITES, owned));
    apply.push(allow('PassRoles', ['iam:PassRole'], [iamArn('role', `${namePrefix}*`)]));
  }

  const attachments = iamResources.filter((resource) => resource.type === 'aws_iam_role_policy_attachment');
  if (attachments.length > 0) {
    const otherRoles = sortedUnique(attachments.map((attachment) => attachedRole(attachment, namePrefix)).filter((role): role is string => role !== undefined));
    const policies = sortedUnique(attachments.map((attachment) => attachedPolicy(attachment, context)));
    if (otherRoles.length > 0) plan.push(allow('AttachedRoles', ['iam:ListAttachedRolePolicies'], otherRoles.map((role) => iamArn('role', role))));
    apply.push(
      allow('PolicyAttachments', ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'], [iamArn('role', `${namePrefix}*`), ...otherRoles.map((role) => iamArn('role', role))], {
        ArnLike: { 'iam:PolicyARN': policies },
      }),
    );
  }

  const linkedServices = sortedUnique(
    context.resources.map((resource) => resourceTypeAccess(resource.stack, resource.type).serviceLinkedRole).filter((name): name is string => name !== undefined),
  );
  if (linkedServices.length > 0) {
    apply.push(
      allow('ServiceLinkedRoles', ['iam:CreateServiceLinkedRole'], [iamArn('role', 'aws-service-role/*')], { StringEquals: { 'iam:AWSServiceName': linkedServices } }),
    );
  }
  return { plan, apply };
}

function checkName(resource: Block, namePrefix: string): void {
  const name = literal(resource.values.name);
  const path = resource.values.path;
  if (name === undefined || !name.startsWith(namePrefix) || (path !== undefined && path !== '/')) {
    throw new PipelinePolicyError(
      `stack ${resource.stack}: ${resource.type}.${resource.id} is named ${JSON.stringify(resource.values.name ?? resource.values.name_prefix ?? null)}` +
        `${path === undefined ? '' : ` under path ${JSON.stringify(path)}`}; the pipeline's apply role may only manage IAM names starting with ${namePrefix} ` +
        'at the root path: name it with Naming (constructs/naming.ts)',
    );
  }
}

function checkInlinePolicyRole(resource: Block, namePrefix: string): void {
  if (referenceTo(resource.values.role)?.type === 'aws_iam_role' || literal(resource.values.role)?.startsWith(namePrefix)) return;
  throw new PipelinePolicyError(
    `stack ${resource.stack}: ${resource.type}.${resource.id} puts an inline policy on ${JSON.stringify(resource.values.role ?? null)}, ` +
      `neither a role of the stack nor a name starting with ${namePrefix}; the pipeline's apply role may only change the environment's roles`,
  );
}

/** The name of the role an attachment targets when the stack does not create it (a literal name outside the prefix); undefined otherwise. */
function attachedRole(attachment: Block, namePrefix: string): string | undefined {
  if (referenceTo(attachment.values.role)?.type === 'aws_iam_role') return undefined;
  const role = literal(attachment.values.role);
  if (role === undefined) {
    throw new PipelinePolicyError(`stack ${attachment.stack}: ${attachment.type}.${attachment.id} names its role neither literally nor by a role of the stack`);
  }
  return role.startsWith(namePrefix) ? undefined : role;
}

/** The policy an attachment attaches: a literal ARN (an AWS managed policy), or the environment's policies for one the stacks create. */
function attachedPolicy(attachment: Block, context: PolicyContext): string {
  const arn = literal(attachment.values.policy_arn);
  if (arn !== undefined) return arn;
  if (referenceTo(attachment.values.policy_arn)?.type === 'aws_iam_policy') {
    return `arn:${context.partition}:iam::${context.config.accountId}:policy/${context.namePrefix}*`;
  }
  throw new PipelinePolicyError(`stack ${attachment.stack}: ${attachment.type}.${attachment.id} names its policy neither by ARN nor by a policy of the stack`);
}
