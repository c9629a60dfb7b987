import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadEnvironments } from '../config/load';
import { siteNames } from '../config/schema';
import { runSynth } from '../stacks/synth';
import { OFFLINE_OVERRIDE_FILE, OfflinePlan, planOffline, writeOfflineOverride } from './support/offline-plan';
import { writeCliConfig } from './support/terraform';

/**
 * Verification ladder step 4: `terraform plan` of the synthesized JSON, offline, for the
 * stacks that read nothing from AWS while planning. The network, app and edge stacks
 * cannot: they read a managed prefix list, remote state, secrets or the ELB account.
 * A plan catches what validate cannot, such as for_each keys unknown until apply.
 */
const PLANNED_STACKS = ['dev-state', 'dev-dns', 'stg-dns'];

const work = join(__dirname, '..', '.tmp', 'plan');
const outdir = join(work, 'cdktf.out');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const synthCode = runSynth({ outdir, createApp: (folder) => new App({ outdir: folder, stackTraces: false }), log: () => undefined });
const environments = new Map(loadEnvironments().map((config) => [config.environment, config]));

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface StackJson {
  readonly resource: Record<string, Record<string, { for_each?: unknown }>>;
  readonly data?: Record<string, unknown>;
}

describe('terraform plan (offline)', () => {
  let cliConfig: string | undefined;
  const offlineCliConfig = () => (cliConfig ??= writeCliConfig(work));
  // Each stack is planned once, however many tests read the plan: two terraform runs must not share a folder.
  const plans = new Map<string, Promise<OfflinePlan>>();
  const planOf = (stack: string): Promise<OfflinePlan> => {
    if (!plans.has(stack)) {
      const dir = join(outdir, 'stacks', stack);
      writeOfflineOverride(dir);
      plans.set(stack, planOffline(dir, offlineCliConfig()));
    }
    return plans.get(stack)!;
  };

  it('has the shipped environments synthesized', () => {
    expect(synthCode).toBe(0);
  });

  it.concurrent.each(PLANNED_STACKS)('%s plans every resource for creation, with no error or warning', async (stack) => {
    const dir = join(outdir, 'stacks', stack);
    const json = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as StackJson;
    expect(json.data).toBeUndefined();

    const plan = await planOf(stack);
    expect({ init: plan.initCode, output: plan.initOutput }).toEqual({ init: 0, output: '' });
    // The override empties a role ARN on purpose; Terraform warns about that in the override file only.
    expect(plan.diagnostics.filter((diagnostic) => diagnostic.filename !== OFFLINE_OVERRIDE_FILE)).toEqual([]);
    expect(plan.planCode).toBe(2);
    expect(plan.changes.every((change) => change.action === 'create')).toBe(true);

    const planned = new Set(plan.changes.map((change) => change.address.replace(/\[.*\]$/, '')));
    const declared = Object.entries(json.resource).flatMap(([type, resources]) => Object.keys(resources).map((id) => `${type}.${id}`));
    expect([...planned].sort()).toEqual(declared.sort());
  });

  it.concurrent.each(PLANNED_STACKS.filter((stack) => stack.endsWith('-dns')))('%s plans one certificate validation record per site name', async (stack) => {
    const plan = await planOf(stack);
    const records = plan.changes.map((change) => /^aws_route53_record\.certificates_validation_\w+\["(.+)"\]$/.exec(change.address)?.[1]).filter(Boolean);
    expect(records.sort()).toEqual(siteNames(environments.get(stack.replace(/-dns$/, ''))!).sort());
  });
});
