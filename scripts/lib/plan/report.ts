/**
 * What `npm run plan` / `npm run apply` tell the user about each stack: the progress wording, the
 * summary table at the end, the destroys called out, and the markdown summary for CI.
 */
import { ChangeCounts, PlannedChange } from './terraform-run';

/**
 * How a stack's run ended. `changes`: planned with changes, not applied (plan mode).
 * `stopped-destroys`: apply mode, not applied because its plan destroys or replaces resources and
 * --allow-destroy was not given; the run stops there.
 */
export type StackStatus = 'changes' | 'no-changes' | 'applied' | 'stopped-destroys' | 'skipped' | 'failed' | 'not-run';

/** The terraform steps of one stack, in order. */
export type TerraformStep = 'init' | 'plan' | 'show' | 'apply';

/** One stack's outcome. */
export interface StackReport {
  readonly stack: string;
  /** Its place in the apply order, from 1. */
  readonly position: number;
  readonly status: StackStatus;
  /** The plan's counts, when the plan got that far. */
  readonly counts?: ChangeCounts;
  /** The resources the plan changes. */
  readonly changes?: readonly PlannedChange[];
  /** Why it was skipped. */
  readonly skipReason?: string;
  /** The step that failed. */
  readonly failedStep?: TerraformStep;
  /** Terraform's error diagnostics of the failed step. */
  readonly errors?: readonly string[];
  /** The plan as text in the --out folder (file name). */
  readonly planFile?: string;
}

/** The whole run, as the summaries show it. */
export interface RunReport {
  readonly environment: string;
  readonly apply: boolean;
  readonly stacks: readonly StackReport[];
}

const NO_COUNTS: ChangeCounts = { add: 0, change: 0, remove: 0, import: 0 };

/** `<NN>-<stack>.txt`: the plan as text, numbered by apply order. */
export function planFileName(position: number, stack: string): string {
  return `${String(position).padStart(2, '0')}-${stack}.txt`;
}

/** Terraform's wording of a plan's counts: `2 to add, 1 to change, 0 to destroy` (with imports first when there are any). */
export function describePlanned(counts: ChangeCounts): string {
  const imports = counts.import > 0 ? `${counts.import} to import, ` : '';
  return `${imports}${counts.add} to add, ${counts.change} to change, ${counts.remove} to destroy`;
}

/** An apply's counts: `2 added, 1 changed, 0 destroyed`. */
export function describeApplied(counts: ChangeCounts): string {
  const imports = counts.import > 0 ? `${counts.import} imported, ` : '';
  return `${imports}${counts.add} added, ${counts.change} changed, ${counts.remove} destroyed`;
}

/** Whether an action takes a resource away in AWS: a delete, or a replacement (destroyed and created again). */
export function destroys(change: PlannedChange): boolean {
  return change.action === 'delete' || change.action === 'replace';
}

/**
 * How many resources a stack's plan destroys or replaces: terraform's count (`remove`, which includes
 * replacements), or the listed destroys if there are more of them.
 */
export function destroyCount(report: Pick<StackReport, 'counts' | 'changes'>): number {
  return Math.max(report.counts?.remove ?? 0, (report.changes ?? []).filter(destroys).length);
}

/** One changed resource as a progress line shows it; destroys in capitals so they stand out. */
export function describeChange(change: PlannedChange): string {
  const labels: Record<string, string> = {
    delete: 'DESTROY',
    replace: 'REPLACE (destroy and create)',
    remove: 'forget (out of state, not destroyed)',
  };
  return `${labels[change.action] ?? change.action} ${change.address}`;
}

/** The destroys and replacements of the run, per stack. */
export function destroyedResources(stacks: readonly StackReport[]): { readonly stack: string; readonly change: PlannedChange }[] {
  return stacks.flatMap((report) => (report.changes ?? []).filter(destroys).map((change) => ({ stack: report.stack, change })));
}

function statusText(report: StackReport, apply: boolean): string {
  switch (report.status) {
    case 'changes':
      return apply ? 'not applied' : 'changes';
    case 'applied':
      return 'applied';
    case 'stopped-destroys':
      return 'stopped: destroys';
    case 'no-changes':
      return 'no changes';
    case 'skipped':
      return 'skipped (local state)';
    case 'failed':
      return `FAILED at terraform ${report.failedStep}`;
    case 'not-run':
      return 'not run';
  }
}

function hasCounts(report: StackReport): boolean {
  return report.counts !== undefined && report.status !== 'skipped' && report.status !== 'not-run';
}

/** The summary table: stack, add, change, destroy (import when any), and the result (`applied` in apply mode). */
export function summaryTable(run: RunReport): string[] {
  const withImports = run.stacks.some((report) => (report.counts?.import ?? 0) > 0);
  const header = ['stack', ...(withImports ? ['import'] : []), 'add', 'change', 'destroy', run.apply ? 'applied' : 'result'];
  const rows = run.stacks.map((report) => {
    const counts = hasCounts(report) ? report.counts! : undefined;
    const cell = (value: number | undefined) => (value === undefined ? '-' : String(value));
    return [report.stack, ...(withImports ? [cell(counts?.import)] : []), cell(counts?.add), cell(counts?.change), cell(counts?.remove), statusText(report, run.apply)];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((value, column) => (column === 0 || column === row.length - 1 ? value.padEnd(widths[column]) : value.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function total(stacks: readonly StackReport[]): ChangeCounts {
  return stacks.filter(hasCounts).reduce(
    (sum, report) => ({
      add: sum.add + report.counts!.add,
      change: sum.change + report.counts!.change,
      remove: sum.remove + report.counts!.remove,
      import: sum.import + report.counts!.import,
    }),
    NO_COUNTS,
  );
}

function stackCount(count: number): string {
  return `${count} stack${count === 1 ? '' : 's'}`;
}

function resourceCount(count: number): string {
  return `${count} resource${count === 1 ? '' : 's'}`;
}

/** How a destroyed resource is listed: `aws_kms_alias.data (replaced: destroyed and created again)`. */
function describeDestroyed(change: PlannedChange): string {
  return `${change.address} (${change.action === 'replace' ? 'replaced: destroyed and created again' : 'destroyed'})`;
}

/**
 * What the run did, in a sentence or two: what was planned or applied, what was skipped; on a
 * failure or a plan that destroys (apply mode), where it stopped, which stacks were not run, and
 * for a destroy how to go on.
 */
export function outcomeLines(run: RunReport): string[] {
  const failed = run.stacks.find((report) => report.status === 'failed');
  const stopped = run.stacks.find((report) => report.status === 'stopped-destroys');
  const notRun = run.stacks.filter((report) => report.status === 'not-run').map((report) => report.stack);
  const skipped = run.stacks.filter((report) => report.status === 'skipped').map((report) => report.stack);
  const applied = run.stacks.filter((report) => report.status === 'applied');
  const notRunText = notRun.length > 0 ? notRun.join(', ') : 'none (it was the last stack)';
  const appliedBefore = applied.length > 0 ? [`Applied before it: ${applied.map((report) => report.stack).join(', ')}.`] : [];
  if (failed) return [`Stopped at ${failed.stack}: terraform ${failed.failedStep} failed. Not run: ${notRunText}.`, ...appliedBefore];
  if (stopped) {
    return [
      `Stopped at ${stopped.stack}: its plan destroys or replaces ${resourceCount(destroyCount(stopped))}, so it was not applied (--allow-destroy not given). Not run: ${notRunText}.`,
      ...appliedBefore,
      `To apply it with the destroys, review the plan first, then: npm run apply -- ${run.environment} --allow-destroy`,
      `(in CI: run the terraform workflow by hand on main with environment ${run.environment} and allow-destroy; see docs/ci.md).`,
    ];
  }
  if (notRun.length > 0) return [`Stopped before ${notRun[0]}. Not run: ${notRun.join(', ')}.`];
  const ran = run.stacks.filter((report) => report.status !== 'skipped');
  const skippedNote = skipped.length > 0 ? ` Skipped ${skipped.join(', ')} (local state; see README "Bootstrapping state").` : '';
  const counts = total(ran);
  if (!run.apply) {
    const changed = ran.filter((report) => report.status === 'changes').length;
    const what = changed === 0 ? 'no changes' : `${describePlanned(counts)} in ${stackCount(changed)}`;
    return [`Planned ${stackCount(ran.length)} of ${run.environment}: ${what}. Nothing was applied.${skippedNote}`];
  }
  if (applied.length === 0) return [`Planned ${stackCount(ran.length)} of ${run.environment}: no changes, nothing applied.${skippedNote}`];
  const unchanged = ran.length - applied.length;
  const others = unchanged > 0 ? `; ${unchanged === 1 ? 'the other had' : `the other ${unchanged} had`} no changes` : '';
  return [`Applied ${applied.length} of ${stackCount(ran.length)} of ${run.environment} (${describeApplied(counts)})${others}.${skippedNote}`];
}

/**
 * The destroys called out, or nothing when there are none: those of the plans applied (or in plan
 * mode, planned), then those of the plan held back for want of --allow-destroy.
 */
export function destroyLines(run: RunReport): string[] {
  const destroyed = destroyedResources(run.stacks.filter((report) => report.status !== 'stopped-destroys'));
  const lines: string[] = [];
  if (destroyed.length > 0) {
    lines.push(`DESTROYS: ${resourceCount(destroyed.length)} destroyed or replaced by ${run.apply ? 'the plans applied' : 'these plans'}:`);
    lines.push(...destroyed.map(({ stack, change }) => `  ${stack}: ${describeDestroyed(change)}`));
  }
  for (const report of run.stacks.filter((each) => each.status === 'stopped-destroys')) {
    if (lines.length > 0) lines.push('');
    lines.push(`NOT APPLIED: the plan of ${report.stack} destroys or replaces ${resourceCount(destroyCount(report))}:`);
    lines.push(...destroyedResources([report]).map(({ stack, change }) => `  ${stack}: ${describeDestroyed(change)}`));
  }
  return lines;
}

/** The most changed resources a stack lists in the markdown summary (a pull-request comment has a size limit). */
const MARKDOWN_CHANGES_PER_STACK = 100;

/** plan-summary.md: the table, the destroys, a failure with its diagnostics, each stack's changed resources, the plan files. */
export function markdownSummary(run: RunReport): string {
  const title = `${run.apply ? 'terraform apply' : 'terraform plan'} of ${run.environment}`;
  const lines = [`## ${title}`, '', `| stack | add | change | destroy | ${run.apply ? 'applied' : 'result'} |`, '|---|---:|---:|---:|---|'];
  for (const report of run.stacks) {
    const counts = hasCounts(report) ? report.counts! : undefined;
    const result = report.status === 'skipped' ? `skipped: ${report.skipReason}` : statusText(report, run.apply);
    lines.push(`| ${report.stack} | ${counts?.add ?? ''} | ${counts?.change ?? ''} | ${counts?.remove ?? ''} | ${result} |`);
  }
  lines.push('', ...outcomeLines(run));
  const destroyed = destroyedResources(run.stacks.filter((report) => report.status !== 'stopped-destroys'));
  if (destroyed.length > 0) {
    lines.push('', `**Destroys: ${destroyed.length}**`, '');
    for (const { stack, change } of destroyed) lines.push(`- ${stack}: \`${change.address}\` (${change.action === 'replace' ? 'replaced' : 'destroyed'})`);
  }
  for (const report of run.stacks.filter((each) => each.status === 'stopped-destroys')) {
    lines.push('', `**Not applied: the plan of ${report.stack} destroys or replaces ${resourceCount(destroyCount(report))}**`, '');
    for (const { change } of destroyedResources([report])) lines.push(`- \`${change.address}\` (${change.action === 'replace' ? 'replaced' : 'destroyed'})`);
  }
  const failed = run.stacks.find((report) => report.status === 'failed');
  if (failed && failed.errors && failed.errors.length > 0) lines.push('', `**${failed.stack}: terraform ${failed.failedStep} failed**`, '', '````', ...failed.errors, '````');
  for (const report of run.stacks) {
    const changes = report.changes ?? [];
    if (changes.length === 0) continue;
    lines.push('', `<details><summary>${report.stack}: ${changes.length} resource${changes.length === 1 ? '' : 's'} changed</summary>`, '');
    for (const change of changes.slice(0, MARKDOWN_CHANGES_PER_STACK)) lines.push(`- ${change.action} \`${change.address}\``);
    if (changes.length > MARKDOWN_CHANGES_PER_STACK) lines.push(`- ... and ${changes.length - MARKDOWN_CHANGES_PER_STACK} more (see ${report.planFile ?? 'the plan'})`);
    lines.push('', '</details>');
  }
  const files = run.stacks.flatMap((report) => (report.planFile ? [`\`${report.planFile}\``] : []));
  if (files.length > 0) lines.push('', `Plans as text: ${files.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
