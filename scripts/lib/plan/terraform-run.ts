/**
 * Terraform as `npm run plan` runs it: a process per step whose output is read as it comes (so a
 * long apply shows its progress), and the machine-readable `-json` messages of plan and apply read
 * into counts, changed resources and error diagnostics.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { formatDiagnostic, TerraformDiagnostic } from '../diagnostics';
import { TerraformResult, TerraformSettings, terraformProcess, withLock } from '../terraform';

/** Terraform's `change_summary`: resources added, changed, destroyed (`remove`, replacements included) and imported. */
export interface ChangeCounts {
  readonly add: number;
  readonly change: number;
  readonly remove: number;
  readonly import: number;
}

/** One resource a plan changes (a `planned_change` message): its address and terraform's action name. */
export interface PlannedChange {
  readonly address: string;
  /** create, update, replace, delete, import, move, remove (forget: out of state, not destroyed). */
  readonly action: string;
}

/** What a plan or apply run printed with `-json`. */
export interface JsonRunOutput {
  /** The last `change_summary`, when terraform got that far. */
  readonly counts?: ChangeCounts;
  /** Resources with an action other than noop and read, in terraform's order. */
  readonly changes: readonly PlannedChange[];
  /** Error diagnostics, one line each. */
  readonly errors: readonly string[];
}

interface JsonMessage {
  readonly type?: string;
  readonly '@message'?: string;
  readonly changes?: Partial<ChangeCounts>;
  readonly change?: { readonly resource?: { readonly addr?: string }; readonly action?: string };
  readonly diagnostic?: TerraformDiagnostic;
}

/** The messages a running apply prints as progress (what terraform's human output shows while applying). */
const APPLY_PROGRESS = new Set(['apply_start', 'apply_progress', 'apply_complete', 'apply_errored', 'provision_errored']);

/** One `-json` line as a message, or undefined for anything else (terraform may print plain lines too). */
export function parseJsonLine(line: string): JsonMessage | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as JsonMessage;
  } catch {
    return undefined;
  }
}

/** The human line of an apply progress message (`aws_vpc.main: Creation complete after 2s [id=vpc-...]`), else undefined. */
export function applyProgressLine(line: string): string | undefined {
  const message = parseJsonLine(line);
  return message?.type !== undefined && APPLY_PROGRESS.has(message.type) ? message['@message'] : undefined;
}

/** Reads the counts, the changed resources and the errors out of plan's or apply's `-json` output. */
export function readJsonOutput(stdout: string): JsonRunOutput {
  let counts: ChangeCounts | undefined;
  const changes: PlannedChange[] = [];
  const errors: string[] = [];
  for (const line of stdout.split('\n')) {
    const message = parseJsonLine(line);
    if (message === undefined) continue;
    if (message.type === 'change_summary' && message.changes) {
      const { add = 0, change = 0, remove = 0, import: imported = 0 } = message.changes;
      counts = { add, change, remove, import: imported };
    } else if (message.type === 'planned_change' && message.change?.resource?.addr && message.change.action) {
      if (message.change.action !== 'noop' && message.change.action !== 'read') changes.push({ address: message.change.resource.addr, action: message.change.action });
    } else if (message.type === 'diagnostic' && message.diagnostic?.severity === 'error') {
      errors.push(formatDiagnostic(message.diagnostic));
    }
  }
  return { counts, changes, errors };
}

/** Terraform's own error text (stderr, else the end of stdout), trimmed of blank lines, for a step whose output is not `-json`. */
export function plainErrorLines(result: TerraformResult): string[] {
  const text = result.stderr.trim() !== '' ? result.stderr : result.stdout.split('\n').slice(-30).join('\n');
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .filter((line, index, lines) => !(line === '' && index === lines.length - 1));
}

/** Hooks a caller may pass to see the process (to forward a signal) and each line of stdout as it comes. */
export interface RunHooks {
  /** Called with each complete line of stdout, as terraform prints it. */
  readonly onLine?: (line: string) => void;
  /** Called with the process when it starts and with undefined when it has ended. */
  readonly track?: (child: ChildProcess | undefined) => void;
}

/**
 * Runs terraform in `cwd` with the settings `writeCliConfig` made (TF_IN_AUTOMATION, no prompts: see
 * terraformProcess). Inits take turns when they fill a shared plugin cache. Never throws on a
 * non-zero exit or a missing binary: the result holds the code and output.
 */
export async function runTerraform(cwd: string, args: readonly string[], settings: TerraformSettings, hooks: RunHooks = {}): Promise<TerraformResult> {
  const { command, env } = terraformProcess(settings);
  const execute = () =>
    new Promise<TerraformResult>((done) => {
      const child = spawn(command, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      hooks.track?.(child);
      let stdout = '';
      let stderr = '';
      let pending = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) hooks.onLine?.(line);
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      let settled = false;
      const finish = (result: TerraformResult) => {
        if (settled) return;
        settled = true;
        hooks.track?.(undefined);
        done(result);
      };
      child.on('error', (error) => finish({ code: 1, stdout, stderr: `${stderr}could not run ${command}: ${error.message}\n` }));
      child.on('close', (code, signal) => {
        if (pending !== '') hooks.onLine?.(pending);
        finish({ code: code ?? 1, stdout, stderr: signal ? `${stderr}terraform stopped by ${signal}\n` : stderr });
      });
    });
  return args[0] === 'init' && settings.initLock ? withLock(settings.initLock, execute) : execute();
}
