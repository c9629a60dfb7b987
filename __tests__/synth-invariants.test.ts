import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadEnvironments } from '../config/load';
import { COMPUTE_CHOICES } from '../config/schema';
import { Tier } from '../constructs/naming';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { synthesizeCheckedStacks } from '../stacks/synth';
import { TierStack } from '../stacks/tier-stack';
import { ADDED_ENVIRONMENT, ALL_TIERS_ENVIRONMENTS, AllTiersEnvironment, allTiersConfigDir, writeEnvironment } from './support/all-tiers';
import { synthInto } from './support/run-synth';

/**
 * Invariants every synthesized stack keeps, whatever its tier, checked over every stack of fixture
 * environments that together make every kind of stack (support/all-tiers.ts):
 * - synth is deterministic and environments are independent: a second synth into another folder, of the
 *   same environments plus one more (ADDED_ENVIRONMENT), built in the other order, writes every stack of the
 *   first byte for byte the same;
 * - every AWS provider block, aliases included, is pinned (`allowed_account_ids`) to exactly its
 *   environment's account, or to the account of the role it assumes where it works in another one;
 * - every stack keeps its state where README and docs/state-access.md say: `<env>/<tier>.tfstate` in the
 *   environment's state bucket `<project>-<env>-state-tfstate-<accountId>`, encrypted, locked with the
 *   lock table `<project>-<env>-state-locks` or with lock files, with the state key where there is one;
 *   the state stack on local state (`terraform.tfstate` in its folder) until `state.stateStackBackend: s3`.
 */
const work = mkdtempSync(join(tmpdir(), 'synth-invariants-'));
const configDir = allTiersConfigDir();

// `npm run synth`'s own path; then, with one more environment file, the environments built in reverse order into another folder.
const firstDir = join(work, 'first');
const first = synthInto(configDir.path, firstDir);
writeEnvironment(configDir, ADDED_ENVIRONMENT);
const secondDir = join(work, 'second');
const secondApp = new App({ outdir: secondDir, stackTraces: false });
const built: TierStack[] = loadEnvironments([], configDir.path)
  .reverse()
  .flatMap((config) => buildEnvironmentStacks(secondApp, config));
synthesizeCheckedStacks(secondApp, built);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  configDir.remove();
});

const stackFolders = (outdir: string) => readdirSync(join(outdir, 'stacks')).sort();
const stackText = (outdir: string, stack: string) => readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');

type Block = Record<string, unknown>;
interface StackJson {
  readonly provider?: Record<string, Block[]>;
  readonly terraform?: { backend?: Record<string, Block> };
  readonly data?: { terraform_remote_state?: Record<string, { backend: string; config: Block }> };
}

interface WrittenStack {
  readonly stack: string;
  readonly environment: AllTiersEnvironment;
  readonly tier: string;
  readonly json: StackJson;
}

const EVERY_ENVIRONMENT = [...ALL_TIERS_ENVIRONMENTS, ADDED_ENVIRONMENT];

/** Every stack of the second synth (the first's and the added environment's), with its fixture environment (stacks are named `<env>-<tier>`). */
const written: WrittenStack[] = stackFolders(secondDir).map((stack) => {
  const environment = EVERY_ENVIRONMENT.find(({ name }) => stack.startsWith(`${name}-`));
  if (environment === undefined) throw new Error(`${stack}: a stack of no fixture environment`);
  return { stack, environment, tier: stack.slice(environment.name.length + 1), json: JSON.parse(stackText(secondDir, stack)) as StackJson };
});

// --- What the fixtures cover ---

/**
 * Every kind of stack the code builds: each tier (a compile error here when a tier is added to `Tier`),
 * the app tier once for each compute choice.
 */
const KINDS_OF_TIER: Record<Tier, readonly string[]> = {
  state: ['state'],
  keys: ['keys'],
  network: ['network'],
  dns: ['dns'],
  data: ['data'],
  app: COMPUTE_CHOICES.map((compute) => `app (${compute})`),
  edge: ['edge'],
  ops: ['ops'],
  sandbox: ['sandbox'],
  website: ['website'],
  files: ['files'],
  intranet: ['intranet'],
};

/** The TierStack subclasses stacks/*.ts export: every class of stack the code can build. */
function tierStackClasses(): Function[] {
  const folder = join(__dirname, '..', 'stacks');
  const exported = readdirSync(folder)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => Object.values(require(join(folder, file)) as Record<string, unknown>));
  return exported.filter((value): value is Function => typeof value === 'function' && value.prototype instanceof TierStack);
}

describe('the fixture environments', () => {
  it('synthesize with no policy finding, the second run the same stacks and the added environment\'s', () => {
    expect(first.messages).toEqual([]);
    expect(first.code).toBe(0);
    const added = [`${ADDED_ENVIRONMENT.name}-files`, `${ADDED_ENVIRONMENT.name}-state`];
    expect(stackFolders(secondDir)).toEqual([...stackFolders(firstDir), ...added].sort());
    expect(built.map((stack) => stack.node.id).sort()).toEqual(stackFolders(secondDir));
  });

  it('make every kind of stack the code builds', () => {
    const kindOf = (stack: TierStack) => (stack.tier === 'app' ? `app (${stack.config.app.compute})` : stack.tier);
    expect([...new Set(built.map(kindOf))].sort()).toEqual(Object.values(KINDS_OF_TIER).flat().sort());
    const classes = tierStackClasses();
    expect(classes.length).toBeGreaterThanOrEqual(Object.keys(KINDS_OF_TIER).length);
    expect(classes.filter((stackClass) => !built.some((stack) => stack.constructor === stackClass)).map((stackClass) => stackClass.name)).toEqual([]);
  });

  it('span two accounts and three regions, both locking modes, both state stack backends, and every state encryption', () => {
    const values = (pick: (environment: AllTiersEnvironment) => unknown) => new Set(EVERY_ENVIRONMENT.map(pick)).size;
    expect(values((environment) => environment.accountId)).toBeGreaterThanOrEqual(2);
    expect(values((environment) => environment.region)).toBeGreaterThanOrEqual(2);
    expect(values((environment) => environment.locking)).toBe(2);
    expect(values((environment) => environment.stateStackBackend)).toBe(2);
    expect(values((environment) => (environment.stateCustomerManagedKey ? 'own key' : environment.stateKmsKeyArn === undefined ? 'SSE-S3' : 'key made elsewhere'))).toBe(3);
    // The loaded configurations are those the fixtures describe.
    for (const stack of built) {
      const environment = EVERY_ENVIRONMENT.find(({ name }) => name === stack.config.environment)!;
      expect(stack.config).toMatchObject({
        project: environment.project,
        accountId: environment.accountId,
        region: environment.region,
        state: { locking: environment.locking, stateStackBackend: environment.stateStackBackend, customerManagedKey: environment.stateCustomerManagedKey },
      });
      expect(stack.config.state.kmsKeyArn).toBe(environment.stateKmsKeyArn);
    }
  });
});

// --- The invariants, over every stack ---

describe('every synthesized stack', () => {
  it('is byte-identical when synthesized again into another folder, beside one more environment, the environments built in the other order', () => {
    const again = stackFolders(firstDir);
    expect(again.length).toBeGreaterThan(ALL_TIERS_ENVIRONMENTS.length);
    const differing = again.filter((stack) => stackText(secondDir, stack) !== stackText(firstDir, stack));
    expect(differing).toEqual([]);
  });

  it('depends on the same stacks in the manifest when synthesized again in the other order (the order the handoff and the plan runner apply)', () => {
    const dependencies = (outdir: string) => {
      const { stacks } = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
      return Object.fromEntries(Object.entries(stacks).map(([name, entry]) => [name, [...entry.dependencies].sort()]));
    };
    const before = dependencies(firstDir);
    const after = dependencies(secondDir);
    expect(Object.values(before).some((stacks) => stacks.length > 0)).toBe(true);
    expect(Object.fromEntries(Object.keys(before).map((name) => [name, after[name]]))).toEqual(before);
  });

  it('pins every AWS provider block, aliases included, to exactly its environment\'s account (or the other account it is for)', () => {
    const pins = written.flatMap(({ stack, environment, tier, json }) => {
      expect({ stack, providers: Object.keys(json.provider ?? {}) }).toEqual({ stack, providers: ['aws'] });
      return (json.provider?.aws ?? []).map((block) => {
        const alias = (block.alias as string | undefined) ?? '(default)';
        const foreign = environment.foreignProviders.find((provider) => provider.tier === tier && provider.alias === alias);
        return { stack, alias, allowed_account_ids: block.allowed_account_ids, expected: [foreign?.accountId ?? environment.accountId] };
      });
    });
    const aliases = new Set(pins.map(({ alias }) => alias));
    // The default provider, the us-east-1 one, the chatbot region's and the parent zone's account's all checked.
    expect([...aliases].sort()).toEqual(['(default)', 'chatbot', 'global', 'parent-zone']);
    expect(pins.length).toBeGreaterThan(written.length);
    expect(pins.filter((pin) => JSON.stringify(pin.allowed_account_ids) !== JSON.stringify(pin.expected))).toEqual([]);
    // Each provider the fixtures say works in another account is there.
    for (const { name, foreignProviders } of EVERY_ENVIRONMENT) {
      for (const { tier, alias } of foreignProviders) expect(pins.filter((pin) => pin.stack === `${name}-${tier}` && pin.alias === alias)).toHaveLength(1);
    }
  });

  it('keeps its state at <env>/<tier>.tfstate in its environment\'s state bucket, encrypted and locked (the state stack on local state until migrated)', () => {
    const wrong = written
      .map(({ stack, environment, tier, json }) => ({ stack, backend: json.terraform?.backend, expected: expectedBackend(environment, tier) }))
      .filter(({ backend, expected }) => JSON.stringify(sortedKeys(backend)) !== JSON.stringify(sortedKeys(expected)));
    expect(wrong).toEqual([]);
    // Both kinds of state stack backend were checked.
    expect(written.filter(({ tier, json }) => tier === 'state' && json.terraform?.backend?.local !== undefined).length).toBeGreaterThan(0);
    expect(written.filter(({ tier, json }) => tier === 'state' && json.terraform?.backend?.s3 !== undefined).length).toBeGreaterThan(0);
  });

  it('reads other tiers\' outputs only from where those tiers of its own environment keep their state', () => {
    const reads = written.flatMap(({ stack, environment, json }) =>
      Object.values(json.data?.terraform_remote_state ?? {}).map((remote) => ({ stack, environment, backend: remote.backend, config: remote.config })),
    );
    expect(reads.length).toBeGreaterThan(0);
    const stateOf = new Map(written.map(({ stack, json }) => [stack, json.terraform?.backend?.s3]));
    const wrong = reads.filter(({ environment, backend, config }) => {
      const tier = /^[^/]+\/([a-z]+)\.tfstate$/.exec(String(config.key))?.[1];
      const target = stateOf.get(`${environment.name}-${tier}`);
      const where = { bucket: target?.bucket, key: target?.key, region: target?.region };
      return backend !== 's3' || target === undefined || JSON.stringify(sortedKeys(config)) !== JSON.stringify(sortedKeys(where));
    });
    expect(wrong.map(({ stack, config }) => ({ stack, config }))).toEqual([]);
  });
});

/**
 * The backend block a stack of `tier` in `environment` must have, from README ("Bootstrapping state",
 * "Locking", the `state.*` settings) and docs/state-access.md, built here from the configured values.
 */
function expectedBackend(environment: AllTiersEnvironment, tier: string): Record<string, Block> {
  if (tier === 'state' && environment.stateStackBackend === 'local') return { local: { path: 'terraform.tfstate' } };
  const { project, name, accountId, region } = environment;
  const s3: Block = { bucket: `${project}-${name}-state-tfstate-${accountId}`, key: `${name}/${tier}.tfstate`, region, encrypt: true };
  if (environment.locking === 'dynamodb') s3.dynamodb_table = `${project}-${name}-state-locks`;
  else s3.use_lockfile = true;
  if (environment.stateCustomerManagedKey) s3.kms_key_id = `arn:aws:kms:${region}:${accountId}:alias/${project}-${name}-state-tfstate`;
  if (environment.stateKmsKeyArn !== undefined) s3.kms_key_id = environment.stateKmsKeyArn;
  return { s3 };
}

/** `value` with every object's keys sorted, so two blocks compare by content alone. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, child]) => [key, sortedKeys(child)]),
    );
  }
  return value;
}
