import { combinedRoot, RootProviders, StackJson, writeRootFiles } from '../../scripts/lib/combined-validate';
import { terraform, TerraformResult, TerraformSettings } from './terraform';

/** One resource instance Terraform plans to change: its address and the actions. */
export interface PlannedChange {
  readonly address: string;
  readonly action: string;
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** The file the diagnostic points at, when it points at one. */
  readonly filename?: string;
}

export interface OfflinePlan {
  /** `terraform plan -detailed-exitcode`: 0 no changes, 1 error, 2 changes. */
  readonly planCode: number;
  readonly changes: PlannedChange[];
  readonly diagnostics: Diagnostic[];
}

export interface OfflinePlanOptions {
  /**
   * A local STS (support/sts-emulator.ts): every provider validates its credentials, assumes its
   * role and learns its account there, and refuses to plan when that account is not in its
   * `allowed_account_ids`.
   */
  readonly stsEndpoint: string;
  /** Plan only these addresses (`-target`), e.g. `module.dev-state`. @default every resource */
  readonly targets?: readonly string[];
}

/** `terraform init` of a folder written by writeOfflinePlanRoot, before any planOffline there (plans in it may then run side by side). */
export function initOffline(dir: string, cliConfig: TerraformSettings): Promise<TerraformResult> {
  return terraform(dir, ['init', '-input=false', '-no-color'], cliConfig);
}

/** Where a request to anything but 127.0.0.1 goes during the plan: a closed local port, so nothing reaches AWS. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * `terraform plan -json` in a folder written by writeOfflinePlanRoot and initialized (initOffline). The
 * plan reaches nothing but the local STS: the AWS SDK's `AWS_ENDPOINT_URL_STS` points the providers at
 * it (cheaper than an `endpoints` block, which the provider validates for seconds of CPU per process),
 * and every other request goes through a proxy on a closed port. (Init runs without that proxy, for a
 * toolchain that downloads the provider.)
 */
export async function planOffline(dir: string, cliConfig: TerraformSettings, options: OfflinePlanOptions): Promise<OfflinePlan> {
  const env = {
    AWS_ENDPOINT_URL_STS: options.stsEndpoint,
    // Nothing of this machine's AWS setup: the root's provider blocks hold the (dummy) keys.
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    HTTPS_PROXY: NOWHERE,
    HTTP_PROXY: NOWHERE,
    NO_PROXY: '',
  };
  const targets = (options.targets ?? []).map((target) => `-target=${target}`);
  const plan = await terraform(dir, ['plan', '-json', '-input=false', '-lock=false', '-refresh=false', '-detailed-exitcode', ...targets], cliConfig, env);
  const messages = plan.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);
  return {
    planCode: plan.code,
    changes: messages
      .filter((message) => message.type === 'planned_change')
      .map((message) => ({ address: message.change.resource.addr as string, action: message.change.action as string })),
    diagnostics: messages
      .filter((message) => message.type === 'diagnostic')
      .map(({ diagnostic }) => ({ severity: diagnostic.severity, summary: diagnostic.summary, detail: diagnostic.detail, filename: diagnostic.range?.filename })),
  };
}

/** A provider block's settings but its alias and default tags. */
function pinnedSettings(block: Record<string, unknown>): Record<string, unknown> {
  const { alias: _alias, default_tags: _tags, ...settings } = block;
  return settings;
}

/**
 * Root provider blocks for an offline plan: one per region, account pin and role to assume (every
 * provider process costs seconds of CPU, so stacks share them; default tags are left out, the plan is
 * not about them), each with the synthesized `allowed_account_ids` and `assume_role`, and dummy keys
 * that the local STS accepts. No credential or account lookup is skipped: the pin is checked.
 */
const OFFLINE_PROVIDERS: RootProviders = {
  groupBy: (_address, block) => JSON.stringify(Object.entries(pinnedSettings(block)).sort(([a], [b]) => a.localeCompare(b))),
  rootBlock: (block) => ({
    ...pinnedSettings(block),
    access_key: 'offline-test',
    secret_key: 'offline-test',
    // No instance metadata service here (AWS_EC2_METADATA_DISABLED says the same).
    skip_metadata_api_check: 'true',
  }),
};

/**
 * Writes into `dir` a root that plans `stacks` together, offline, in one terraform run: each stack
 * a module of the combined root, its provider blocks replaced by OFFLINE_PROVIDERS; the root has no
 * backend, so state would be local. Only for stacks offlinePlannable plans.
 */
export function writeOfflinePlanRoot(dir: string, stacks: ReadonlyMap<string, StackJson>): void {
  writeRootFiles(dir, combinedRoot(stacks, OFFLINE_PROVIDERS));
}

/** Which stacks an offline plan covers, and why each other one is left out. */
export interface OfflinePlannable {
  /** Sorted. */
  readonly planned: string[];
  /** Stack name to the reason it is not planned. */
  readonly skipped: Record<string, string>;
}

type DataBlocks = Record<string, Record<string, { readonly config?: { readonly key?: string } }>>;

/**
 * Decides from the synthesized JSON which stacks an offline plan can cover: those that read nothing
 * (no `data` block) or only the Terraform state of other stacks it covers. A data source of any
 * other type asks AWS (the local STS answers nothing else), so its stack is left out, and so is a
 * stack reading the state of one left out.
 *
 * A stack reading only the state of covered stacks would need its `terraform_remote_state` (which
 * reads S3) wired to those modules' outputs in the root; no stack does today (the ops stack reads the
 * app and edge stacks, which read AWS), so that wiring is not written: such a stack throws, naming it.
 */
export function offlinePlannable(stacks: ReadonlyMap<string, StackJson>): OfflinePlannable {
  const byStateKey = new Map<string, string>();
  for (const [name, json] of stacks) {
    const key = (json.terraform?.backend as { s3?: { key?: string } } | undefined)?.s3?.key;
    if (key !== undefined) byStateKey.set(key, name);
  }
  const skipped: Record<string, string> = {};
  /** Stacks to their state sources, for those reading nothing but state. */
  const readers = new Map<string, string[]>();
  for (const [name, json] of stacks) {
    const data = (json.data ?? {}) as DataBlocks;
    const fromAws = Object.keys(data).filter((type) => type !== 'terraform_remote_state').sort();
    if (fromAws.length > 0) {
      skipped[name] = `reads ${fromAws.join(', ')} from AWS`;
      continue;
    }
    const keys = Object.values(data.terraform_remote_state ?? {}).map((block) => block.config?.key ?? '');
    const unknown = keys.filter((key) => !byStateKey.has(key));
    if (unknown.length > 0) skipped[name] = `reads the state ${unknown.join(', ')}, of no stack given`;
    else readers.set(name, [...new Set(keys.map((key) => byStateKey.get(key)!))].sort());
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, sources] of readers) {
      const left = sources.filter((source) => source in skipped);
      if (left.length === 0) continue;
      skipped[name] = `reads the state of ${left.join(', ')}, not planned`;
      readers.delete(name);
      changed = true;
    }
  }
  const wiringNeeded = [...readers].filter(([, sources]) => sources.length > 0).map(([name]) => name);
  if (wiringNeeded.length > 0) {
    throw new Error(`${wiringNeeded.join(', ')}: read only the state of planned stacks; wire their terraform_remote_state to module outputs in offline-plan.ts to plan them offline`);
  }
  return { planned: [...readers.keys()].sort(), skipped: Object.fromEntries(Object.entries(skipped).sort(([a], [b]) => a.localeCompare(b))) };
}
