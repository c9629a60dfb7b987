import { combinedRoot, RootProviders, StackJson, writeRootFiles } from '../../scripts/lib/combined-validate';
import { terraform, TerraformSettings } from './terraform';

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
  readonly initCode: number;
  /** `terraform plan -detailed-exitcode`: 0 no changes, 1 error, 2 changes. */
  readonly planCode: number;
  readonly changes: PlannedChange[];
  readonly diagnostics: Diagnostic[];
  /** What init printed when it failed. */
  readonly initOutput: string;
}

/** `terraform init` + `terraform plan -json` in a folder whose providers need no AWS account (see writeOfflinePlanRoot). */
export async function planOffline(stackDir: string, cliConfig: TerraformSettings): Promise<OfflinePlan> {
  const init = await terraform(stackDir, ['init', '-input=false', '-no-color'], cliConfig);
  if (init.code !== 0) return { initCode: init.code, planCode: -1, changes: [], diagnostics: [], initOutput: init.stderr || init.stdout };
  const plan = await terraform(stackDir, ['plan', '-json', '-input=false', '-lock=false', '-refresh=false', '-detailed-exitcode'], cliConfig);
  const messages = plan.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);
  return {
    initCode: 0,
    planCode: plan.code,
    changes: messages
      .filter((message) => message.type === 'planned_change')
      .map((message) => ({ address: message.change.resource.addr as string, action: message.change.action as string })),
    diagnostics: messages
      .filter((message) => message.type === 'diagnostic')
      .map(({ diagnostic }) => ({ severity: diagnostic.severity, summary: diagnostic.summary, detail: diagnostic.detail, filename: diagnostic.range?.filename })),
    initOutput: '',
  };
}

/**
 * Root provider blocks for an offline plan: one per region (aliases only tell regions and accounts
 * apart, and offline every account is the same dummy), with dummy keys
 * and no credential, account or metadata lookups, no account pin and no role to assume (an STS call).
 */
const OFFLINE_PROVIDERS: RootProviders = {
  groupBy: (_address, block) => String(block.region),
  rootBlock: (block) => ({
    region: block.region,
    access_key: 'offline-test',
    secret_key: 'offline-test',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: 'true',
  }),
};

/**
 * Writes into `dir` a root that plans `stacks` together, offline, in one terraform run: each stack
 * a module of the combined root, its provider blocks replaced by OFFLINE_PROVIDERS; the root has no
 * backend, so state would be local. Only for stacks without API-backed data sources.
 */
export function writeOfflinePlanRoot(dir: string, stacks: ReadonlyMap<string, StackJson>): void {
  writeRootFiles(dir, combinedRoot(stacks, OFFLINE_PROVIDERS));
}
