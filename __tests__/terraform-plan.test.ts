import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironments } from '../config/load';
import { siteNames, webPlatformConfig } from '../config/schema';
import { synthInto } from './support/run-synth';
import { ConfigDir } from './support/config-dir';
import { OFFLINE_OVERRIDE_FILE, OfflinePlan, planOffline, writeOfflineOverride } from './support/offline-plan';
import { writeCliConfig } from './support/terraform';

/**
 * Verification ladder step 4: `terraform plan` of the synthesized JSON, offline, for the
 * stacks that read nothing from AWS while planning. The network, app and edge stacks
 * cannot: they read a managed prefix list, remote state, secrets or the ELB account.
 * A plan catches what validate cannot, such as for_each keys unknown until apply.
 *
 * The environment is a fixture of this test, not a shipped one: `delegated` has three site
 * names and writes its NS records into a parent zone through a provider that assumes a role
 * (which the offline override switches off). One dns stack covers what a plain one has, and
 * each plan costs a terraform process per provider configuration.
 */
const PARENT_ROLE = 'arn:aws:iam::999999999999:role/dns-delegation';
// The state stack is applied for real (and planned) in state-bootstrap.test.ts.
const PLANNED_STACKS = ['delegated-dns'];

const work = mkdtempSync(join(tmpdir(), 'plan-'));
const outdir = join(work, 'cdktf.out');
const configDir = new ConfigDir();
configDir.writeEnvironment('delegated', (input) => {
  input.domain = 'delegated.example.com';
  input.dns = {
    subjectAlternativeNames: ['www.delegated.example.com', 'shop.delegated.example.com'],
    parentZone: { zoneId: 'Z0PARENT0ZONE', roleArn: PARENT_ROLE },
  };
});
const { code: synthCode, messages } = synthInto(configDir.path, outdir);
const environments = new Map(loadEnvironments([], configDir.path).map((config) => [config.environment, config]));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  configDir.remove();
});

interface StackJson {
  readonly resource: Record<string, Record<string, { for_each?: unknown }>>;
  readonly data?: Record<string, unknown>;
  readonly provider: { readonly aws: Record<string, unknown>[] };
}

const stackJson = (stack: string): StackJson => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackJson;

describe('terraform plan (offline)', () => {
  let cliConfig: ReturnType<typeof writeCliConfig> | undefined;
  const offlineCliConfig = () => (cliConfig ??= writeCliConfig(join(work, 'terraform')));
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

  it('has the fixture environment synthesized', () => {
    expect(messages).toEqual([]);
    expect(synthCode).toBe(0);
  });

  it('plans a dns stack whose delegation provider assumes a role in the parent account', () => {
    const parent = stackJson('delegated-dns').provider.aws.find((provider) => provider.alias === 'parent-zone');
    expect(parent).toMatchObject({ allowed_account_ids: ['999999999999'], assume_role: [{ role_arn: PARENT_ROLE }] });
  });

  it.concurrent.each(PLANNED_STACKS)('%s plans every resource for creation, with no error or warning', async (stack) => {
    const json = stackJson(stack);
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
    expect(records.sort()).toEqual(siteNames(webPlatformConfig(environments.get(stack.replace(/-dns$/, ''))!)!).sort());
  });
});
