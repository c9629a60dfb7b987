/**
 * `npm run plan -- <env>` and `npm run apply -- <env>` (scripts/plan.ts): synthesize one environment,
 * then terraform init and plan (and with --apply: apply) each of its stacks in apply order, stopping
 * at the first failure. In apply mode a plan that destroys or replaces a resource is not applied
 * unless --allow-destroy is given: the run stops there. Everything the command needs from outside (terraform settings, environment
 * variables, where lines go) comes in through PlanDependencies, so tests run it in-process against a
 * fake terraform.
 */
import { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { App } from 'cdktf';
import { displayPath } from '../../config/environment-files';
import { runSynth } from '../../stacks/synth';
import { parsePlanArguments, PLAN_USAGE, PlanArguments, PlanUsageError } from './plan/arguments';
import {
  describeApplied,
  describeChange,
  destroyCount,
  describePlanned,
  destroyLines,
  markdownSummary,
  outcomeLines,
  planFileName,
  RunReport,
  StackReport,
  summaryTable,
  TerraformStep,
} from './plan/report';
import { localStateSkipReason } from './plan/state-stack';
import { applyProgressLine, plainErrorLines, readJsonOutput, runTerraform } from './plan/terraform-run';
import { applyOrder, readSynthesizedStacks, SynthesizedStack } from './stack-order';
import { SCRATCH_DIR, TerraformSettings, writeCliConfig } from './terraform';

/** Exit code of a command line the command cannot use. */
export const USAGE_EXIT_CODE = 2;

/** The name of the markdown summary in the --out folder. */
export const SUMMARY_FILE = 'plan-summary.md';

/** What the command takes from its surroundings; each defaults to the real thing. */
export interface PlanDependencies {
  /** Environment variables (CONFIG_DIR, CDKTF_OUTDIR). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How terraform runs. @default writeCliConfig into .tmp/terraform: the provider mirror where one is found, a registry download elsewhere */
  readonly terraformSettings?: () => TerraformSettings;
  /** Where progress and the summary go. @default process.stdout */
  readonly print?: (line: string) => void;
  /** Where errors go: usage, configuration, terraform's diagnostics. @default process.stderr */
  readonly printError?: (line: string) => void;
  /**
   * Whether to handle SIGINT and SIGTERM: the running terraform is left to stop cleanly (state
   * saved, lock released; SIGTERM is passed on to it) and no further step starts.
   * @default false
   */
  readonly handleSignals?: boolean;
}

/** Indent of the lines under a progress line (changed resources, apply progress, diagnostics). */
const DETAIL = '      ';

/** Runs the command for `args` (what follows `npm run plan --`); resolves to the exit code: 0 done, 1 failed, 2 bad command line. */
export async function runPlanCommand(args: readonly string[], dependencies: PlanDependencies = {}): Promise<number> {
  const print = dependencies.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const printError = dependencies.printError ?? ((line: string) => process.stderr.write(`${line}\n`));
  let command: PlanArguments;
  try {
    command = parsePlanArguments(args, dependencies.env ?? process.env);
  } catch (error) {
    if (!(error instanceof PlanUsageError)) throw error;
    printError(`plan: ${error.message}`);
    printError(PLAN_USAGE);
    return USAGE_EXIT_CODE;
  }
  if (command.help) {
    print(PLAN_USAGE);
    return 0;
  }

  let settings: TerraformSettings;
  let stacks: SynthesizedStack[];
  try {
    settings = (dependencies.terraformSettings ?? (() => writeCliConfig(join(SCRATCH_DIR, 'terraform'))))();
    if (!command.skipSynth) {
      // Synth stages next to the output folder and makes only the last level of it.
      mkdirSync(dirname(resolve(command.outdir)), { recursive: true });
      const code = runSynth({
        environments: command.environment,
        configDir: command.configDir,
        outdir: command.outdir,
        createApp: (outdir) => new App({ outdir, stackTraces: false }),
        log: printError,
        report: print,
      });
      if (code !== 0) return 1;
    }
    stacks = applyOrder(readSynthesizedStacks(command.outdir), command.environment);
  } catch (error) {
    // User-facing errors (no synthesized output, unknown environment) and a missing terraform: the message alone, no stack trace.
    printError(`plan: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  const run = new StackRun(command, settings, stacks, print, printError);
  const stopSignals = dependencies.handleSignals ? run.handleSignals() : () => undefined;
  try {
    return await run.execute();
  } finally {
    stopSignals();
  }
}

/** One run over the stacks of an environment. */
class StackRun {
  private readonly reports: StackReport[] = [];
  private child: ChildProcess | undefined;
  private interrupted = false;

  constructor(
    private readonly command: PlanArguments,
    private readonly settings: TerraformSettings,
    private readonly stacks: readonly SynthesizedStack[],
    private readonly print: (line: string) => void,
    private readonly printError: (line: string) => void,
  ) {}

  /** Installs the signal handlers; returns their removal. */
  handleSignals(): () => void {
    const onInterrupt = () => {
      this.interrupted = true;
      this.printError('plan: interrupted; terraform stops where it is safe (state saved, lock released), and no further step starts');
    };
    // Ctrl-C reaches terraform too (same process group); a SIGTERM (CI cancelling the job) reaches only this process.
    const onTerminate = () => {
      onInterrupt();
      this.child?.kill('SIGTERM');
    };
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onTerminate);
    return () => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
    };
  }

  async execute(): Promise<number> {
    const { environment, apply, allowDestroy, outdir, reportDir } = this.command;
    this.print(`${apply ? 'apply' : 'plan'} of ${environment}: ${this.stacks.length} stacks in apply order: ${this.stacks.map((stack) => stack.name).join(', ')}`);
    if (allowDestroy) this.print('--allow-destroy: plans that destroy or replace resources are applied too');
    this.print(`terraform: ${this.settings.summary}`);
    if (reportDir) clearReportDir(reportDir);

    for (const [index, stack] of this.stacks.entries()) {
      if (this.interrupted) break;
      const report = await this.runStack(stack, index + 1, resolve(outdir, stack.folder));
      this.reports.push(report);
      if (report.status === 'failed' || report.status === 'stopped-destroys') break;
    }
    const reached = this.reports.length;
    for (const [index, stack] of this.stacks.entries()) {
      if (index >= reached) this.reports.push({ stack: stack.name, position: index + 1, status: 'not-run' });
    }

    const run: RunReport = { environment, apply, stacks: this.reports };
    const failed = this.reports.some((report) => report.status === 'failed' || report.status === 'stopped-destroys' || report.status === 'not-run');
    this.print('');
    for (const line of summaryTable(run)) this.print(line);
    const destroyed = destroyLines(run);
    if (destroyed.length > 0) this.print('');
    for (const line of destroyed) this.print(line);
    this.print('');
    for (const line of outcomeLines(run)) (failed ? this.printError : this.print)(line);
    if (reportDir) {
      writeFileSync(join(reportDir, SUMMARY_FILE), markdownSummary(run));
      const files = this.reports.filter((report) => report.planFile).length;
      this.print(`Wrote ${displayPath(join(reportDir, SUMMARY_FILE))}${files > 0 ? ` and ${files} plan${files === 1 ? '' : 's'} as text` : ''}.`);
    }
    return failed ? 1 : 0;
  }

  private async runStack(stack: SynthesizedStack, position: number, dir: string): Promise<StackReport> {
    const tag = `[${position}/${this.stacks.length}] ${stack.name}`;
    const base = { stack: stack.name, position };
    const skipReason = localStateSkipReason(stack, dir, this.command.apply);
    if (skipReason) {
      this.print(`${tag}: skipped: ${skipReason}`);
      return { ...base, status: 'skipped', skipReason };
    }

    const init = await this.step(tag, 'init', dir, ['init', '-input=false', '-no-color']);
    if (init.code !== 0) return this.fail(tag, base, 'init', plainErrorLines(init));
    this.print(`${tag}: initialized`);
    if (this.interrupted) return this.fail(tag, base, 'init', ['interrupted']);

    // -detailed-exitcode: 0 no changes, 1 error, 2 changes (outputs included, which later stacks read).
    const plan = await this.step(tag, 'plan', dir, ['plan', '-input=false', '-out=tfplan', '-detailed-exitcode', '-json']);
    const planned = readJsonOutput(plan.stdout);
    if (plan.code !== 0 && plan.code !== 2) return this.fail(tag, base, 'plan', planned.errors.length > 0 ? planned.errors : plainErrorLines(plan));
    const counts = planned.counts ?? { add: 0, change: 0, remove: 0, import: 0 };
    const hasChanges = plan.code === 2;
    const outputsOnly = hasChanges && planned.changes.length === 0;
    this.print(`${tag}: ${hasChanges ? `${describePlanned(counts)}${outputsOnly ? ' (outputs change)' : ''}` : 'no changes'}`);
    for (const change of planned.changes) this.print(`${DETAIL}${describeChange(change)}`);
    const result = { ...base, counts, changes: planned.changes };

    let planFile: string | undefined;
    if (this.command.reportDir) {
      const show = await this.step(tag, 'show', dir, ['show', '-no-color', 'tfplan'], false);
      if (show.code !== 0) return this.fail(tag, result, 'show', plainErrorLines(show));
      planFile = planFileName(position, stack.name);
      writeFileSync(join(this.command.reportDir, planFile), show.stdout);
    }
    if (!hasChanges) return { ...result, planFile, status: 'no-changes' };
    if (!this.command.apply) return { ...result, planFile, status: 'changes' };
    const destroying = destroyCount(result);
    if (destroying > 0 && !this.command.allowDestroy) {
      this.printError(`${tag}: NOT APPLIED: the plan destroys or replaces ${destroying} resource${destroying === 1 ? '' : 's'} and --allow-destroy was not given`);
      return { ...result, planFile, status: 'stopped-destroys' };
    }
    if (this.interrupted) return this.fail(tag, { ...result, planFile }, 'apply', ['interrupted before the apply; nothing applied']);

    const applied = await this.step(tag, 'apply', dir, ['apply', '-input=false', '-json', 'tfplan'], true, (line) => {
      const progress = applyProgressLine(line);
      if (progress !== undefined) this.print(`${DETAIL}${progress}`);
    });
    const output = readJsonOutput(applied.stdout);
    if (applied.code !== 0) return this.fail(tag, { ...result, planFile }, 'apply', output.errors.length > 0 ? output.errors : plainErrorLines(applied));
    this.print(`${tag}: applied: ${describeApplied(output.counts ?? counts)}`);
    return { ...result, planFile, status: 'applied' };
  }

  /** Runs one terraform step, announcing it first when `announce`. */
  private step(tag: string, step: TerraformStep, dir: string, args: string[], announce = true, onLine?: (line: string) => void) {
    if (announce) this.print(`${tag}: terraform ${step} ...`);
    return runTerraform(dir, args, this.settings, { onLine, track: (child) => (this.child = child) });
  }

  /** Reports a failed step with terraform's diagnostics (also written as the stack's plan file with --out). */
  private fail(tag: string, base: Omit<StackReport, 'status'>, step: TerraformStep, errors: readonly string[]): StackReport {
    this.printError(`${tag}: terraform ${step} failed in ${displayPath(resolve(this.command.outdir, 'stacks', base.stack))}:`);
    for (const line of errors) this.printError(line === '' ? '' : `${DETAIL}${line}`);
    let planFile = base.planFile;
    if (this.command.reportDir && planFile === undefined) {
      planFile = planFileName(base.position, base.stack);
      writeFileSync(join(this.command.reportDir, planFile), `terraform ${step} failed:\n${errors.join('\n')}\n`);
    }
    return { ...base, status: 'failed', failedStep: step, errors, planFile };
  }
}

/** Makes the --out folder, removing the summary and plan files a previous run left there (nothing else). */
function clearReportDir(reportDir: string): void {
  mkdirSync(reportDir, { recursive: true });
  for (const name of readdirSync(reportDir)) {
    if (name === SUMMARY_FILE || /^\d{2,}-.+\.txt$/.test(name)) rmSync(join(reportDir, name), { force: true });
  }
}
