import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { DEFAULT_CONFIG_DIR, EXAMPLES_DIR, listEnvironments, listExamples, loadEnvironments } from '../config/load';
import { EnvironmentConfig } from '../config/schema';
import { Tier } from '../constructs/naming';
import { defaultTags } from '../constructs/tags';
import { runSynth } from '../stacks/synth';
import { TierStack } from '../stacks/tier-stack';
import { CombinedValidation, StackJson, validateCombined } from '../scripts/lib/combined-validate';
import { STACK_FILE, synthesizedStacks } from '../scripts/lib/stacks';
import { writeCliConfig } from '../scripts/lib/terraform';
import { ConfigDir } from './support/config-dir';
import { synthInto } from './support/run-synth';

/**
 * Verification ladder step 2: every stack of every environment in config/environments and of
 * every runnable example under examples/ passes `terraform init -backend=false` and
 * `terraform validate`, offline, with no warnings. A missing terraform or provider fails the
 * suite; it never skips.
 *
 * Each source is synthesized on its own (as `CONFIG_DIR=examples/<name> npm run synth` would),
 * then all their stacks are validated as modules of one generated root, in one terraform
 * process (see scripts/lib/combined-validate.ts). That root hides nothing a validate in each
 * stack folder would catch except provider values: `validate` never checks the backend block
 * (dropped from the modules), and provider blocks are validated once per shape, as written in the
 * first stack showing it, the other stacks sharing that block, so their settings are asserted below.
 */
const work = mkdtempSync(join(tmpdir(), 'validate-'));
/** All sources' stacks, copied side by side (`<prefix><stack>`) for the one combined validate. */
const merged = join(work, 'merged');

interface Source {
  /** Where its environment files are, as a user would name it. */
  readonly label: string;
  readonly configDir: string;
  /** Module name prefix in the combined root: stack names repeat across examples. */
  readonly prefix: string;
}
const sources: Source[] = [
  { label: 'config/environments', configDir: DEFAULT_CONFIG_DIR, prefix: '' },
  ...listExamples().map((name) => ({ label: `examples/${name}`, configDir: join(EXAMPLES_DIR, name), prefix: `examples--${name}--` })),
];

interface SynthesizedSource extends Source {
  readonly outdir: string;
  readonly code: number;
  readonly messages: string[];
  readonly written: string[];
  /** The stacks the app builds for every environment of the source: what synth must have written. */
  readonly expected: { stack: string; config: EnvironmentConfig; tier: Tier }[];
  /** The environments those stacks were built for, by name. */
  readonly builtFor: ReadonlyMap<string, EnvironmentConfig>;
}

const synthesized: SynthesizedSource[] = sources.map((source, index) => {
  const outdir = join(work, `out-${index}`);
  const messages: string[] = [];
  // The app synth builds is kept: its stacks are what it must write (building them a second time costs a second of CPU).
  const apps: App[] = [];
  const createApp = (folder: string) => {
    const app = new App({ outdir: folder, stackTraces: false });
    apps.push(app);
    return app;
  };
  const code = runSynth({ configDir: source.configDir, outdir, createApp, log: (m) => messages.push(m), report: () => undefined });
  const written = code === 0 ? synthesizedStacks(outdir) : [];
  for (const stack of written) {
    mkdirSync(join(merged, 'stacks', `${source.prefix}${stack}`), { recursive: true });
    copyFileSync(join(outdir, 'stacks', stack, STACK_FILE), join(merged, 'stacks', `${source.prefix}${stack}`, STACK_FILE));
  }
  const built = code === 0 ? apps.flatMap((app) => app.node.findAll().filter((construct): construct is TierStack => construct instanceof TierStack)) : [];
  const expected = built.map((stack) => ({ stack: stack.node.id, config: stack.config, tier: stack.tier }));
  const builtFor = new Map(built.map((stack) => [stack.config.environment, stack.config]));
  return { ...source, outdir, code, messages, written, expected, builtFor };
});
/** Every stack of every source, by its name in the combined root. */
const written = synthesized.flatMap((source) => source.written.map((stack) => `${source.prefix}${stack}`)).sort();
const expected = synthesized.flatMap((source) => source.expected.map((entry) => ({ ...entry, stack: `${source.prefix}${entry.stack}` })));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(synthesized.map((source) => [source.label, source] as const))('synthesized output of %s', (_label, source) => {
  it('synthesizes without errors (and so with no policy finding)', () => {
    expect(source.messages).toEqual([]);
    expect(source.code).toBe(0);
  });

  it('builds the stacks of every environment of the source, each from its configuration as loaded', () => {
    const environments = loadEnvironments([], source.configDir);
    expect(Object.fromEntries(source.builtFor)).toEqual(Object.fromEntries(environments.map((config) => [config.environment, config])));
  });

  it('writes every stack the app builds for every environment, and nothing else', () => {
    expect(source.written).toEqual(source.expected.map(({ stack }) => stack).sort());
  });
});

/**
 * The environment files in config/environments are the user's: they add, remove and rename
 * them. Nothing in the test suite may depend on which ones ship; this proves the synth and
 * policy path holds when a user adds one to whatever is there (the output above is the "before").
 */
describe('a user adding an environment file to config/environments', () => {
  it('synthesizes its stacks beside the others, clean under the policy, and changes no other stack', () => {
    const shipped = synthesized[0];
    expect(shipped.code).toBe(0);
    const configDir = join(work, 'with-added');
    cpSync(DEFAULT_CONFIG_DIR, configDir, { recursive: true });
    // A name no shipped file uses, in an account of its own so it claims no shipped domain.
    const known = listEnvironments();
    const added = ['qa', 'qa2', 'qa3', 'qa4'].find((name) => !known.includes(name))!;
    const extra = new ConfigDir();
    extra.writeEnvironment(added, (input) => {
      input.accountId = '999999999999';
    });
    cpSync(join(extra.path, `${added}.yaml`), join(configDir, `${added}.yaml`));
    extra.remove();

    const after = synthInto(configDir, join(work, 'with-added-out'));
    expect(after.messages).toEqual([]);
    expect(after.code).toBe(0);
    expect(after.summary).toMatch(new RegExp(`^ {2}${added} +state \\d+, network \\d+, dns \\d+, app \\d+, edge \\d+`, 'm'));
    const stackFiles = (outdir: string, stacks: readonly string[]) => Object.fromEntries(stacks.map((stack) => [stack, readFileSync(join(outdir, 'stacks', stack, STACK_FILE), 'utf8')]));
    const withAdded = synthesizedStacks(join(work, 'with-added-out'));
    expect(withAdded.filter((stack) => stack.startsWith(`${added}-`))).toEqual(['app', 'dns', 'edge', 'network', 'ops', 'state'].map((tier) => `${added}-${tier}`));
    const others = withAdded.filter((stack) => !stack.startsWith(`${added}-`));
    expect(others).toEqual(shipped.written);
    expect(stackFiles(join(work, 'with-added-out'), others)).toEqual(stackFiles(shipped.outdir, shipped.written));
  });
});

describe('terraform validate of every stack, in one terraform process (offline)', () => {
  let validation: CombinedValidation | undefined;
  beforeAll(async () => {
    // Throws, naming what is missing, when terraform or the provider is absent.
    const settings = writeCliConfig(join(work, 'terraform'));
    validation = await validateCombined(merged, written, join(work, 'combined'), settings);
  }, 10 * 60 * 1000);

  it('validated every stack synth wrote, and reports each of them', () => {
    expect(written.length).toBeGreaterThan(0);
    expect(validation!.results.map((result) => result.stack)).toEqual(written);
  });

  it('validated the provider blocks as written in at least one stack', () => {
    expect(validation!.providersFrom.length).toBeGreaterThan(0);
    expect(written).toEqual(expect.arrayContaining(validation!.providersFrom));
  });

  it('finds no error or warning outside the stacks', () => {
    expect(validation!.unattributed).toEqual([]);
  });

  it.each(written)('%s is valid, with no warnings', (stack) => {
    expect(validation!.results.find((result) => result.stack === stack)).toEqual({ stack, ok: true, messages: [] });
  });
});

/** The provider block an alias must have in a stack of this environment and tier. */
function expectedProvider(alias: unknown, config: EnvironmentConfig, tier: Tier): Record<string, unknown> {
  const pinned = { allowed_account_ids: [config.accountId], default_tags: [{ tags: defaultTags(config, tier) }] };
  switch (alias) {
    case undefined:
      return { region: config.region, ...pinned };
    case 'global':
      // CloudFront's certificates, WAF and logs live in us-east-1 (AWS's docs), whatever the environment's region.
      return { alias, region: 'us-east-1', ...pinned };
    case 'chatbot':
      // AWS Chatbot's API answers in us-east-2 only.
      return { alias, region: 'us-east-2', ...pinned };
    case 'parent-zone': {
      const roleArn = config.dns?.parentZone?.roleArn ?? '';
      return { alias, region: config.region, allowed_account_ids: [roleArn.split(':')[4]], assume_role: [{ role_arn: roleArn, session_name: 'dns-delegation' }] };
    }
    default:
      throw new Error(`unexpected provider alias ${String(alias)}: add what it must hold to this test`);
  }
}

describe('provider settings of every stack (lifted to the root by the combined validate, so asserted here)', () => {
  it.each(expected.map(({ stack, config, tier }) => [stack, config, tier] as const))('%s pins every provider to its account, region and tags', (stack, config, tier) => {
    const json = JSON.parse(readFileSync(join(merged, 'stacks', stack, STACK_FILE), 'utf8')) as StackJson;
    const blocks = json.provider?.aws ?? [];
    expect(Object.keys(json.provider ?? {})).toEqual(['aws']);
    expect(blocks.map((block) => block.alias)).toContain(undefined);
    expect(blocks.some((block) => block.alias === 'parent-zone')).toBe(tier === 'dns' && config.dns?.parentZone !== undefined);
    expect(blocks).toEqual(blocks.map((block) => expectedProvider(block.alias, config, tier)));
  });
});
