import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticsOfJsonLines, formatDiagnostic, TerraformDiagnostic } from './diagnostics';
import { parseValidateReport, STACK_FILE, ValidateResult } from './stacks';
import { terraform, TerraformSettings } from './terraform';

/**
 * Validating every stack in one terraform process. Each `terraform validate` spends seconds
 * loading the AWS provider, so the stacks become modules of one generated root:
 *
 *   <root>/main.tf.json         module "<stack>" { source = "./<stack>" } per stack
 *   <root>/<stack>/cdk.tf.json  the stack's JSON without its backend and provider blocks
 *
 * Every provider configuration costs terraform a provider process, so the provider blocks are
 * lifted out of the modules into the root: one root block per block shape (aliases and attributes),
 * a copy of the first stack's block of that shape with its values, passed to every module with a
 * block of that shape. Four blocks stand for every stack's today (main, global, chatbot, parent
 * zone). A diagnostic names its stack through its file (`<stack>/cdk.tf.json`) or its block
 * (`module.<stack>...`); one about a root provider block names, in the block's alias, the stack it
 * was copied from (`aws.global--prod-dns`).
 */

/** A synthesized stack's JSON, as far as the combined root reads it. */
export interface StackJson {
  readonly terraform?: {
    readonly backend?: unknown;
    readonly required_providers?: Record<string, { readonly source?: string; readonly version?: string; readonly configuration_aliases?: string[] }>;
  };
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly [key: string]: unknown;
}

/** A provider block's address in its stack: `aws`, `aws.global`. */
function providerAddress(type: string, block: Record<string, unknown>): string {
  return block.alias === undefined ? type : `${type}.${String(block.alias)}`;
}

/** A provider block's shape, values aside: `aws.global{allowed_account_ids,default_tags,region}`. */
export function providerBlockShape(type: string, block: Record<string, unknown>): string {
  const attributes = Object.keys(block).filter((key) => key !== 'alias').sort();
  return `${providerAddress(type, block)}{${attributes.join(',')}}`;
}

/**
 * A stack as a child module: no backend block (a child module's backend is ignored, with a warning)
 * and no provider blocks: each aliased one is declared in `configuration_aliases` instead, for the
 * root to pass in.
 */
export function asModule(json: StackJson): StackJson {
  const { backend: _backend, ...terraformBlock } = json.terraform ?? {};
  const module: Record<string, unknown> = { ...json, terraform: terraformBlock };
  if (json.provider === undefined) return module as StackJson;
  delete module.provider;
  const requiredProviders = { ...terraformBlock.required_providers };
  for (const [type, blocks] of Object.entries(json.provider)) {
    const aliases = blocks.filter((block) => block.alias !== undefined).map((block) => providerAddress(type, block));
    if (aliases.length > 0) requiredProviders[type] = { ...requiredProviders[type], configuration_aliases: aliases };
  }
  return { ...module, terraform: { ...terraformBlock, required_providers: requiredProviders } } as StackJson;
}

/**
 * Which provider blocks of the stacks share one block of the root, and what that block holds.
 * Every provider block costs terraform a provider process (about 2 s of CPU each in the combined
 * validate), so the root declares one per group, not one per stack.
 */
export interface RootProviders {
  /** Blocks with the same key (within a provider type) share one root block: the first one's, by stack name. */
  readonly groupBy: (address: string, block: Record<string, unknown>, type: string) => string;
  /** The root block standing for a group, made from its first block (the root sets the alias). */
  readonly rootBlock: (block: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * For validate: one root block per provider block shape (aliases and attributes, values aside),
 * as written in the first stack showing it, so every shape is validated with real values.
 */
export const ONE_BLOCK_PER_SHAPE: RootProviders = {
  groupBy: (_address, block, type) => providerBlockShape(type, block),
  rootBlock: (block) => block,
};

/** The generated root: its own file and one module file per stack. */
export interface CombinedRoot {
  readonly main: Record<string, unknown>;
  readonly modules: ReadonlyMap<string, StackJson>;
  /** Stacks whose provider blocks the root's blocks were made from (see RootProviders), sorted. */
  readonly providersFrom: string[];
}

/** Stand-ins for a stack's variables without a default (sensitive inputs such as a client secret), by type: validate needs a value, not a real one. */
const PLACEHOLDERS: Readonly<Record<string, unknown>> = { string: 'validate-placeholder', number: 0, bool: false };

/** The module arguments a stack's required variables need in the combined root. */
export function requiredVariableArguments(stack: string, json: StackJson): Record<string, unknown> {
  const variables = (json.variable ?? {}) as Record<string, { readonly type?: string; readonly default?: unknown }>;
  const required = Object.entries(variables).filter(([, variable]) => !('default' in variable));
  return Object.fromEntries(
    required.map(([name, variable]) => {
      const type = variable.type ?? 'string';
      if (!(type in PLACEHOLDERS)) throw new Error(`${stack}: variable ${name} of type ${type} has no default and no placeholder here; add one to PLACEHOLDERS`);
      return [name, PLACEHOLDERS[type]];
    }),
  );
}

/**
 * Builds the combined root of the named stacks (pure; see writeCombinedRoot): every stack a module
 * without its provider blocks, and one root block per group of them (`providers`), named after the
 * block and the stack it was made from (`aws.global--prod-dns`), passed to each module in its place.
 */
export function combinedRoot(stacks: ReadonlyMap<string, StackJson>, providers: RootProviders = ONE_BLOCK_PER_SHAPE): CombinedRoot {
  const modules = new Map<string, StackJson>();
  const calls: Record<string, { source: string; providers?: Record<string, string> } & Record<string, unknown>> = {};
  const rootBlocks = new Map<string, { type: string; block: Record<string, unknown> }>();
  const providersFrom = new Set<string>();
  const sources: Record<string, { source: string }> = {};
  for (const [name, json] of [...stacks.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    modules.set(name, asModule(json));
    const passed: Record<string, string> = {};
    for (const [type, blocks] of Object.entries(json.provider ?? {})) {
      for (const block of blocks) {
        const address = providerAddress(type, block);
        const key = `${type}:${providers.groupBy(address, block, type)}`;
        if (!rootBlocks.has(key)) {
          rootBlocks.set(key, { type, block: { ...providers.rootBlock(block), alias: `${String(block.alias ?? 'default')}--${name}` } });
          providersFrom.add(name);
          sources[type] ??= { source: json.terraform?.required_providers?.[type]?.source ?? `hashicorp/${type}` };
        }
        passed[address] = `${type}.${String(rootBlocks.get(key)!.block.alias)}`;
      }
    }
    calls[name] = { source: `./${name}`, ...(Object.keys(passed).length > 0 ? { providers: passed } : {}), ...requiredVariableArguments(name, json) };
  }
  const provider: Record<string, Record<string, unknown>[]> = {};
  for (const { type, block } of [...rootBlocks.values()].sort((a, b) => String(a.block.alias).localeCompare(String(b.block.alias)))) (provider[type] ??= []).push(block);
  const main = {
    '//': 'Generated by scripts/lib/combined-validate.ts to check every stack in one terraform process; not for apply.',
    ...(rootBlocks.size > 0 ? { terraform: { required_providers: sources }, provider } : {}),
    module: calls,
  };
  return { main, modules, providersFrom: [...providersFrom].sort() };
}

/** Reads the named stacks from `<outdir>/stacks` and writes their combined root into `dir` (emptied first). */
export function writeCombinedRoot(outdir: string, stacks: readonly string[], dir: string): CombinedRoot {
  const jsons = new Map(stacks.map((stack) => [stack, JSON.parse(readFileSync(join(outdir, 'stacks', stack, STACK_FILE), 'utf8')) as StackJson]));
  const root = combinedRoot(jsons);
  writeRootFiles(dir, root);
  return root;
}

/** Writes a combined root's files into `dir` (emptied first): `main.tf.json` and `<stack>/cdk.tf.json` per module. */
export function writeRootFiles(dir: string, root: CombinedRoot): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf.json'), `${JSON.stringify(root.main, null, 2)}\n`);
  for (const [stack, module] of root.modules) {
    mkdirSync(join(dir, stack));
    writeFileSync(join(dir, stack, STACK_FILE), `${JSON.stringify(module, null, 2)}\n`);
  }
}

/** The stack a diagnostic of the combined root is about: by its file, else by its `module.<stack>` block. */
export function stackOfDiagnostic(diagnostic: TerraformDiagnostic, stacks: ReadonlySet<string>): string | undefined {
  const folder = diagnostic.range?.filename.split(/[\\/]/);
  if (folder && folder.length > 1 && stacks.has(folder[0])) return folder[0];
  const module = /^module\.([^.[]+)/.exec(diagnostic.snippet?.context ?? '')?.[1];
  return module !== undefined && stacks.has(module) ? module : undefined;
}

export interface CombinedValidation {
  /** One result per stack, in the order given. */
  readonly results: ValidateResult[];
  /** What terraform said that names no stack (a problem of the generated root, or of init). */
  readonly unattributed: string[];
  /** Stacks whose provider blocks the root's were made from: validated as written (see ONE_BLOCK_PER_SHAPE). */
  readonly providersFrom: string[];
  /** Every stack valid with no warnings, and nothing unattributed. */
  readonly ok: boolean;
}

/**
 * Validates the named stacks of `<outdir>/stacks` as modules of one root written to `dir`:
 * `terraform init -backend=false` once, then `terraform validate`. `step` hears what runs next.
 */
export async function validateCombined(
  outdir: string,
  stacks: readonly string[],
  dir: string,
  settings: TerraformSettings,
  step: (message: string) => void = () => undefined,
): Promise<CombinedValidation> {
  step(`writing the combined root of ${stacks.length} stacks to ${dir}`);
  const root = writeCombinedRoot(outdir, stacks, dir);
  step('terraform init -backend=false (once, for every stack)');
  const init = await terraform(dir, ['init', '-backend=false', '-input=false', '-no-color', '-json'], settings);
  // What init says about the configuration, validate says again; init's own warnings (such as the lock
  // file of this scratch folder holding checksums for one platform only) are not about the stacks.
  const diagnostics: TerraformDiagnostic[] = init.code === 0 ? [] : diagnosticsOfJsonLines(init.stdout).filter((diagnostic) => diagnostic.severity === 'error');
  const validated = init.code === 0;
  if (validated) {
    step('terraform validate (every stack in one process)');
    const validate = await terraform(dir, ['validate', '-json', '-no-color'], settings);
    diagnostics.push(...parseValidateReport(validate.stdout, validate.stderr).diagnostics);
  } else if (diagnostics.length === 0) {
    diagnostics.push({ severity: 'error', summary: 'terraform init failed', detail: (init.stderr || init.stdout).trim() });
  }

  const names = new Set(stacks);
  const byStack = new Map<string, string[]>(stacks.map((stack) => [stack, []]));
  const unattributed: string[] = [];
  for (const diagnostic of diagnostics) {
    const stack = stackOfDiagnostic(diagnostic, names);
    if (stack === undefined) unattributed.push(formatDiagnostic(diagnostic));
    else byStack.get(stack)!.push(formatDiagnostic(diagnostic));
  }
  const results = stacks.map((stack) => {
    const messages = byStack.get(stack)!;
    if (!validated && messages.length === 0) messages.push('not validated: terraform init of the combined root failed');
    return { stack, ok: validated && messages.length === 0, messages };
  });
  return { results, unattributed, providersFrom: root.providersFrom, ok: unattributed.length === 0 && results.every((result) => result.ok) };
}
