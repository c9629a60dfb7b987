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
 *   <root>/<stack>/cdk.tf.json  the stack's JSON without its backend block
 *
 * Every provider configuration costs terraform a provider process (about 0.7 s of CPU each),
 * so provider blocks are lifted out of the modules into a handful of bare root blocks (`aws`,
 * `aws.global`, ...) passed to every module, except in one stack per provider layout (the
 * aliases and attributes its provider blocks set), whose blocks stay and are validated with
 * their values. A diagnostic names its stack through its file (`<stack>/cdk.tf.json`) or its
 * block (`module.<stack>...`).
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

/** The provider configurations a stack declares, as module addresses: `aws`, `aws.global`. */
export function providerAddresses(json: StackJson): string[] {
  return Object.entries(json.provider ?? {}).flatMap(([type, blocks]) => blocks.map((block) => (block.alias === undefined ? type : `${type}.${String(block.alias)}`)));
}

/** The shape of each provider block of a stack, values aside: `aws{allowed_account_ids,default_tags,region}`, `aws.global{...}`. */
export function providerBlockShapes(json: StackJson): string[] {
  return Object.entries(json.provider ?? {})
    .flatMap(([type, blocks]) =>
      blocks.map((block) => {
        const attributes = Object.keys(block).filter((key) => key !== 'alias').sort();
        return `${block.alias === undefined ? type : `${type}.${String(block.alias)}`}{${attributes.join(',')}}`;
      }),
    )
    .sort();
}

/** What sets a stack's provider blocks apart, values aside: its block shapes, joined. */
export function providerLayout(json: StackJson): string {
  return providerBlockShapes(json).join(' ');
}

/**
 * The stacks whose modules keep their provider blocks: few stacks that between them show every
 * provider block shape once (each kept block costs terraform a provider process), taken greedily,
 * the stack showing the most shapes not yet covered first, then by name.
 */
export function stacksKeepingProviders(stacks: ReadonlyMap<string, StackJson>): string[] {
  const shapes = new Map([...stacks.keys()].sort().map((name) => [name, new Set(providerBlockShapes(stacks.get(name)!))]));
  const uncovered = new Set([...shapes.values()].flatMap((set) => [...set]));
  const kept: string[] = [];
  while (uncovered.size > 0) {
    const gain = (name: string) => [...shapes.get(name)!].filter((shape) => uncovered.has(shape)).length;
    const best = [...shapes.keys()].reduce((chosen, name) => (gain(name) > gain(chosen) ? name : chosen));
    kept.push(best);
    for (const shape of shapes.get(best)!) uncovered.delete(shape);
  }
  return kept.sort();
}

/**
 * A stack as a child module: no backend block (a child module's backend is ignored, with a
 * warning). Unless `keepProviders`, its provider blocks are removed and each aliased one is
 * declared in `configuration_aliases` instead, for the root to pass in.
 */
export function asModule(json: StackJson, keepProviders: boolean): StackJson {
  const { backend: _backend, ...terraformBlock } = json.terraform ?? {};
  const module: Record<string, unknown> = { ...json, terraform: terraformBlock };
  if (keepProviders || json.provider === undefined) return module as StackJson;
  delete module.provider;
  const requiredProviders = { ...terraformBlock.required_providers };
  for (const [type, blocks] of Object.entries(json.provider)) {
    const aliases = blocks.filter((block) => block.alias !== undefined).map((block) => `${type}.${String(block.alias)}`);
    if (aliases.length > 0) requiredProviders[type] = { ...requiredProviders[type], configuration_aliases: aliases };
  }
  return { ...module, terraform: { ...terraformBlock, required_providers: requiredProviders } } as StackJson;
}

/** The generated root: its own file and one module file per stack. */
export interface CombinedRoot {
  readonly main: Record<string, unknown>;
  readonly modules: ReadonlyMap<string, StackJson>;
  /** Stacks whose provider blocks terraform validates (see stacksKeepingProviders); the others' are lifted. */
  readonly providersKeptIn: string[];
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
 * Builds the combined root of the named stacks (pure; see writeCombinedRoot). `keepProvidersIn`
 * picks the stacks whose provider blocks stay; an offline plan lifts every one (none kept) to give
 * the root's blocks dummy credentials.
 */
export function combinedRoot(stacks: ReadonlyMap<string, StackJson>, keepProvidersIn: (stacks: ReadonlyMap<string, StackJson>) => string[] = stacksKeepingProviders): CombinedRoot {
  const kept = new Set(keepProvidersIn(stacks));
  const modules = new Map<string, StackJson>();
  const calls: Record<string, { source: string; providers?: Record<string, string> } & Record<string, unknown>> = {};
  const lifted = new Set<string>();
  const sources: Record<string, { source: string }> = {};
  for (const [name, json] of [...stacks.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const keep = kept.has(name);
    modules.set(name, asModule(json, keep));
    const addresses = keep ? [] : providerAddresses(json);
    calls[name] = {
      source: `./${name}`,
      ...(addresses.length > 0 ? { providers: Object.fromEntries(addresses.map((address) => [address, address])) } : {}),
      ...requiredVariableArguments(name, json),
    };
    for (const address of addresses) {
      lifted.add(address);
      const type = address.split('.')[0];
      sources[type] ??= { source: json.terraform?.required_providers?.[type]?.source ?? `hashicorp/${type}` };
    }
  }
  const provider: Record<string, Record<string, string>[]> = {};
  for (const address of [...lifted].sort()) {
    const [type, alias] = address.split('.');
    (provider[type] ??= []).push(alias === undefined ? {} : { alias });
  }
  const main = {
    '//': 'Generated by scripts/lib/combined-validate.ts to validate every stack in one terraform process; not for plan or apply.',
    ...(lifted.size > 0 ? { terraform: { required_providers: sources }, provider } : {}),
    module: calls,
  };
  return { main, modules, providersKeptIn: [...kept] };
}

/** Reads the named stacks from `<outdir>/stacks` and writes their combined root into `dir` (emptied first). */
export function writeCombinedRoot(outdir: string, stacks: readonly string[], dir: string): CombinedRoot {
  const jsons = new Map(stacks.map((stack) => [stack, JSON.parse(readFileSync(join(outdir, 'stacks', stack, STACK_FILE), 'utf8')) as StackJson]));
  const root = combinedRoot(jsons);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf.json'), `${JSON.stringify(root.main, null, 2)}\n`);
  for (const [stack, module] of root.modules) {
    mkdirSync(join(dir, stack));
    writeFileSync(join(dir, stack, STACK_FILE), `${JSON.stringify(module, null, 2)}\n`);
  }
  return root;
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
  /** Stacks whose provider blocks were validated as written (see stacksKeepingProviders). */
  readonly providersKeptIn: string[];
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
  return { results, unattributed, providersKeptIn: root.providersKeptIn, ok: unattributed.length === 0 && results.every((result) => result.ok) };
}
