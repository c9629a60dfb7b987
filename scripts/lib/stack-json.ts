/**
 * Reading a synthesized stack (`cdktf.out/stacks/<stack>/cdk.tf.json`) as the tools beside synth need it:
 * its backend, its remote states, its resources and data sources with their providers' regions. The
 * handoff bundle, the pipeline roles and the plan runner read stacks through these, so they agree.
 */

/** A synthesized stack that is not as these readers expect (a backend other than S3 or local, a region that is no literal): written for the user. */
export class StackJsonError extends Error {
  readonly userFacing = true;
}

/** Blocks of one type, by logical id: `resource.aws_s3_bucket.<id>`. */
export type BlocksByType = Record<string, Record<string, Record<string, unknown>>>;

/** A synthesized stack as parsed Terraform JSON (`cdktf.out/stacks/<stack>/cdk.tf.json`): the parts these readers and their callers use. */
export interface StackJson {
  readonly resource?: BlocksByType;
  readonly data?: BlocksByType;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly variable?: Record<string, { readonly description?: string; readonly sensitive?: boolean; readonly type?: string; readonly default?: unknown }>;
  readonly output?: Record<string, { readonly value?: unknown; readonly description?: string; readonly sensitive?: boolean }>;
  readonly terraform?: Record<string, unknown>;
}

/** One resource or data source of a stack. */
export interface Block {
  readonly stack: string;
  readonly type: string;
  readonly id: string;
  readonly values: Record<string, unknown>;
  /** The region of the provider it is made with. */
  readonly region: string;
}

/** The S3 backend of a stack, as its `terraform.backend.s3` block says. */
export interface S3BackendSettings {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly dynamodbTable?: string;
  readonly useLockfile: boolean;
  /** The KMS key (ARN, or alias ARN) the state objects are encrypted with. */
  readonly kmsKeyId?: string;
  /** Set only when the block names one; Terraform's default (`env:`) needs no listing permission. */
  readonly workspaceKeyPrefix?: string;
}

/** A `data.terraform_remote_state` of another tier: where its state object is. */
export interface RemoteStateLocation {
  readonly name: string;
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
}

/**
 * The S3 backend of `stack`, or undefined when its state is local (a `local` backend or none).
 * Any other backend kind is refused: the roles are made for S3 state only.
 */
export function s3Backend(stack: string, json: StackJson): S3BackendSettings | undefined {
  const backends = (json.terraform?.backend ?? {}) as Record<string, Record<string, unknown>>;
  const kinds = Object.keys(backends);
  if (kinds.length === 0 || (kinds.length === 1 && kinds[0] === 'local')) return undefined;
  if (kinds.length !== 1 || kinds[0] !== 's3') {
    throw new StackJsonError(`stack ${stack}: backend ${kinds.join(', ')} is not one this project writes; expected s3 or local`);
  }
  const block = backends.s3;
  return {
    bucket: requiredText(stack, block, 'bucket'),
    key: requiredText(stack, block, 'key'),
    region: requiredText(stack, block, 'region'),
    dynamodbTable: optionalText(block.dynamodb_table),
    useLockfile: block.use_lockfile === true,
    kmsKeyId: optionalText(block.kms_key_id),
    workspaceKeyPrefix: optionalText(block.workspace_key_prefix),
  };
}

/** Region of each provider of the stack, by its `aws.<alias>` reference (`aws` for the default provider). */
export function providerRegions(stack: string, json: StackJson): Map<string, string> {
  const regions = new Map<string, string>();
  for (const provider of json.provider?.aws ?? []) {
    const alias = typeof provider.alias === 'string' ? `aws.${provider.alias}` : 'aws';
    const region = provider.region;
    if (typeof region !== 'string' || region.includes('${')) throw new StackJsonError(`stack ${stack}: provider ${alias} names no literal region`);
    regions.set(alias, region);
  }
  return regions;
}

/** The roles the stack's providers assume (`assume_role.role_arn`), such as the parent zone's delegation role. */
export function assumedRoles(json: StackJson): string[] {
  return (json.provider?.aws ?? []).flatMap((provider) => {
    const assume = provider.assume_role;
    const blocks = Array.isArray(assume) ? assume : assume === undefined ? [] : [assume];
    return blocks.map((block) => (block as Record<string, unknown>).role_arn).filter((arn): arn is string => typeof arn === 'string');
  });
}

/** Every resource of the stack. */
export function resourcesOf(stack: string, json: StackJson): Block[] {
  return blocksOf(stack, json, json.resource);
}

/** Every data source of the stack (`terraform_remote_state` among them). */
export function dataSourcesOf(stack: string, json: StackJson): Block[] {
  return blocksOf(stack, json, json.data);
}

/** The state objects the stack reads through `data.terraform_remote_state` (only S3 ones are accepted). */
export function remoteStates(stack: string, json: StackJson): RemoteStateLocation[] {
  return Object.entries(json.data?.terraform_remote_state ?? {}).map(([name, block]) => {
    if (block.backend !== 's3') {
      throw new StackJsonError(`stack ${stack}: data.terraform_remote_state.${name} reads a ${String(block.backend)} backend; expected s3`);
    }
    const config = (block.config ?? {}) as Record<string, unknown>;
    return { name, bucket: requiredText(stack, config, 'bucket'), key: requiredText(stack, config, 'key'), region: requiredText(stack, config, 'region') };
  });
}

/** A literal string value (no `${...}` in it), or undefined. */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/** `${type.id.attribute...}`: a reference to another block of the same stack. */
export function referenceTo(value: unknown): { readonly type: string; readonly id: string } | undefined {
  const match = typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.([^.}\s]+)\.[^}]+\}$/.exec(value) : null;
  return match === null || match[1] === 'data' ? undefined : { type: match[1], id: match[2] };
}

/** `${data.terraform_remote_state.<name>.outputs.<output>}`: an output of another tier. */
export function remoteOutputReference(value: unknown): { readonly remoteState: string; readonly output: string } | undefined {
  const match = typeof value === 'string' ? /^\$\{data\.terraform_remote_state\.([^.}\s]+)\.outputs\.([A-Za-z0-9_-]+)\}$/.exec(value) : null;
  return match === null ? undefined : { remoteState: match[1], output: match[2] };
}

function blocksOf(stack: string, json: StackJson, byType: BlocksByType | undefined): Block[] {
  const regions = providerRegions(stack, json);
  const blocks: Block[] = [];
  for (const [type, byId] of Object.entries(byType ?? {})) {
    for (const [id, values] of Object.entries(byId)) {
      blocks.push({ stack, type, id, values, region: regionOf(stack, regions, values.provider, `${type}.${id}`) });
    }
  }
  return blocks;
}

function regionOf(stack: string, regions: ReadonlyMap<string, string>, provider: unknown, address: string): string {
  const reference = typeof provider === 'string' ? provider : 'aws';
  const region = regions.get(reference);
  // terraform_remote_state and other non-AWS blocks have no AWS provider; their region is not used.
  if (region === undefined && reference !== 'aws') throw new StackJsonError(`stack ${stack}: ${address} uses provider ${reference}, which the stack does not configure`);
  return region ?? '';
}

function requiredText(stack: string, block: Record<string, unknown>, field: string): string {
  const value = literal(block[field]);
  if (value === undefined || value === '') throw new StackJsonError(`stack ${stack}: the S3 backend or remote state names no literal ${field}`);
  return value;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
