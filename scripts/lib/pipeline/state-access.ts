import { posix } from 'node:path';
import { allow, PolicyContext, PolicyParts } from './context';
import { PermissionStatement, PipelinePolicyError, sortedUnique } from './policy-document';
import { remoteStates } from '../stack-json';

const KMS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_+=.@-]+$/;

/**
 * Access to the stacks' state, exactly where their backend blocks put it: list the state bucket under
 * the stacks' key prefixes, read the state objects (the stacks' own and the other tiers' they read
 * through terraform_remote_state), hold the lock (the DynamoDB table, or `<key>.tflock` objects with
 * S3-native locking), use the state's KMS key when the backend names one; apply writes the stacks' own
 * state objects. Nothing deletes a state object.
 */
export function stateStatements(context: PolicyContext): PolicyParts {
  const { partition } = context;
  const object = (bucket: string, key: string) => `arn:${partition}:s3:::${bucket}/${key}`;
  const backends = context.stacks.map((stack) => stack.backend);
  const remote = context.stacks.flatMap((stack) => remoteStates(stack.name, stack.json));

  const ownState = sortedUnique(backends.map((backend) => object(backend.bucket, backend.key)));
  // Other tiers' state the stacks read: the pipeline's own stacks' state already, unless one is left out.
  const otherState = sortedUnique(remote.map((location) => object(location.bucket, location.key))).filter((arn) => !ownState.includes(arn));
  const buckets = sortedUnique(backends.map((backend) => backend.bucket));
  const prefixes = backends.flatMap((backend) => {
    const keyPrefix = keyFolderPattern(backend.key);
    return backend.workspaceKeyPrefix === undefined ? [keyPrefix] : [keyPrefix, `${backend.workspaceKeyPrefix}/*`];
  });
  const plan: PermissionStatement[] = [
    // IfExists: a HeadObject of a state object not written yet (a new stack's first plan) is answered 404
    // only to a caller with s3:ListBucket, and that check has no prefix.
    allow('StateList', ['s3:ListBucket'], buckets.map((bucket) => `arn:${partition}:s3:::${bucket}`), { StringLikeIfExists: { 's3:prefix': prefixes } }),
    allow('State', ['s3:GetObject'], ownState),
  ];
  if (otherState.length > 0) plan.push(allow('OtherState', ['s3:GetObject'], otherState));
  const apply: PermissionStatement[] = [allow('State', ['s3:PutObject'], ownState)];

  const tables = backends.filter((backend) => backend.dynamodbTable !== undefined);
  if (tables.length > 0) {
    const tableArns = tables.map((backend) => `arn:${partition}:dynamodb:${backend.region}:${context.config.accountId}:table/${backend.dynamodbTable}`);
    plan.push(allow('StateLockTable', ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'], tableArns));
  }
  const lockFiles = backends.filter((backend) => backend.useLockfile);
  if (lockFiles.length > 0) {
    // `<key>.tflock` beside each state object, as one pattern per folder: a pattern that ends in .tflock never reaches a .tfstate.
    const lockArns = lockFiles.map((backend) => object(backend.bucket, `${keyFolderPattern(backend.key)}.tflock`));
    plan.push(allow('StateLockFiles', ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], lockArns));
  }
  plan.push(...stateKeyStatements(context));
  return { plan, apply };
}

function stateKeyStatements(context: PolicyContext): PermissionStatement[] {
  const actions = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];
  const keys: string[] = [];
  const aliases: { readonly arn: string; readonly name: string }[] = [];
  for (const stack of context.stacks) {
    const keyId = stack.backend.kmsKeyId;
    if (keyId === undefined) continue;
    const match = KMS_ARN.exec(keyId);
    if (match === null) {
      throw new PipelinePolicyError(`stack ${stack.name}: the S3 backend's kms_key_id ${keyId} is not a KMS key ARN or alias ARN (arn:aws:kms:<region>:<account>:key/<id> or :alias/<name>)`);
    }
    if (match[1] === 'key') keys.push(keyId);
    else aliases.push({ arn: keyId, name: keyId.slice(keyId.indexOf(':alias/') + 1) });
  }
  const statements: PermissionStatement[] = [];
  if (keys.length > 0) statements.push(allow('StateKey', actions, keys));
  if (aliases.length > 0) {
    // An alias ARN in Resource only covers the alias itself; the key behind it is matched by its aliases.
    const keysOf = aliases.map((alias) => alias.arn.replace(/:alias\/.*$/, ':key/*'));
    statements.push(allow('StateKeyByAlias', actions, keysOf, { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': aliases.map((alias) => alias.name) } }));
  }
  return statements;
}

/** `<folder>/*` for a key in a folder; the key itself for one at the bucket's root. */
function keyFolderPattern(key: string): string {
  const folder = posix.dirname(key);
  return folder === '.' ? key : `${folder}/*`;
}
