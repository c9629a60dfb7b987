/** The command line of `npm run plan` and `npm run apply`, checked. */

export const PLAN_USAGE = [
  'usage: npm run plan -- <environment> [--skip-synth] [--out <dir>] [--config-dir <dir>]',
  '       npm run apply -- <environment> [--allow-destroy] [--skip-synth] [--out <dir>] [--config-dir <dir>]',
  '',
  'Synthesizes the environment, then runs terraform init and plan (and with apply: apply) on each of its',
  'stacks in apply order, stopping at the first failure, and in apply mode at the first plan that destroys',
  'or replaces a resource. See docs/plan-and-apply.md.',
  '',
  '  --apply             apply each stack\'s saved plan before the next stack is planned (what npm run apply passes)',
  '  --allow-destroy     with --apply: also apply plans that destroy or replace resources (review the plan first)',
  '  --skip-synth        use the stacks already in the output folder',
  '  --out <dir>         write plan-summary.md and each stack\'s plan as <NN>-<stack>.txt there',
  '  --config-dir <dir>  folder of environment files (default: CONFIG_DIR, else config/environments)',
  '  --help              this text',
  '',
  'The output folder is CDKTF_OUTDIR, else cdktf.out.',
].join('\n');

/** A command line the command cannot use: printed with the usage, exit code 2. */
export class PlanUsageError extends Error {
  readonly userFacing = true;
}

/** What the command line asks for. */
export interface PlanArguments {
  readonly help: boolean;
  /** The one environment whose stacks are planned. */
  readonly environment: string;
  /** Apply each stack's plan before planning the next. */
  readonly apply: boolean;
  /** In apply mode, also apply plans that destroy or replace resources; without it the run stops at the first such plan. */
  readonly allowDestroy: boolean;
  /** Use the synthesized output as it is instead of synthesizing first. */
  readonly skipSynth: boolean;
  /** Where plan-summary.md and the plans as text go. @default none written */
  readonly reportDir?: string;
  /** Folder of environment files. @default CONFIG_DIR, else synth's default (config/environments) */
  readonly configDir?: string;
  /** Synth's output folder, where the stack folders are. */
  readonly outdir: string;
}

const VALUE_OPTIONS = { '--out': 'reportDir', '--config-dir': 'configDir' } as const;
type ValueOption = keyof typeof VALUE_OPTIONS;

/** The options that take no value, and the field each sets. */
const FLAGS = { '--apply': 'apply', '--allow-destroy': 'allowDestroy', '--skip-synth': 'skipSynth', '--help': 'help' } as const;
type Flag = keyof typeof FLAGS;

/**
 * Reads the arguments after `npm run plan --` (`npm run apply` adds `--apply`). Options take their
 * value as the next argument or after `=`. Throws a PlanUsageError for an unknown option, an option
 * without its value, --allow-destroy without --apply, or anything but exactly one environment.
 */
export function parsePlanArguments(args: readonly string[], env: Readonly<Record<string, string | undefined>>): PlanArguments {
  const positional: string[] = [];
  const values: Partial<Record<'reportDir' | 'configDir', string>> = {};
  const flags = { apply: false, allowDestroy: false, skipSynth: false, help: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (Object.hasOwn(FLAGS, name)) {
      if (inline !== undefined) throw new PlanUsageError(`${name} takes no value: ${arg}`);
      flags[FLAGS[name as Flag]] = true;
    } else if (Object.hasOwn(VALUE_OPTIONS, name)) {
      const value = inline ?? args[++index];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('-'))) throw new PlanUsageError(`${name} needs a folder: ${name} <dir>`);
      values[VALUE_OPTIONS[name as ValueOption]] = value;
    } else if (arg.startsWith('-')) {
      throw new PlanUsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  const configDir = values.configDir ?? (env.CONFIG_DIR || undefined);
  const parsed = { ...flags, reportDir: values.reportDir, configDir, outdir };
  if (flags.help) return { ...parsed, environment: '' };
  if (flags.allowDestroy && !flags.apply) throw new PlanUsageError('--allow-destroy only with npm run apply (it lets an apply destroy or replace resources); npm run plan never applies anything');
  if (positional.length === 0) throw new PlanUsageError('name one environment, such as dev');
  if (positional.length > 1) throw new PlanUsageError(`one environment at a time; received ${positional.join(', ')}`);
  return { ...parsed, environment: positional[0] };
}
