/**
 * `npm run ci-environments`: which environments a CI run plans or applies. The choice is a pure
 * function (selectEnvironments); the command around it (runCiEnvironments) takes git and its
 * output streams as arguments, so tests run it in-process; scripts/ci-environments.ts wires in
 * the real ones. The rule is fail-safe: a changed
 * environment file selects its environment, a changed file that cannot change any synthesized
 * stack (documentation, examples, tests) selects none, and any other change selects every
 * environment, since code, package files and config/aws data reach every stack. A run by hand
 * names its one environment (--only), which must be defined.
 */
import { posix, relative, resolve, sep } from 'node:path';
import { scanEnvironmentFiles } from '../../config/environment-files';
import { ConfigError } from '../../config/errors';
import { quoteText } from '../../config/format-value';
import { DEFAULT_CONFIG_DIR, loadEnvironments } from '../../config/load';
import { EnvironmentConfig, webPlatformConfig } from '../../config/schema';

export const CI_ENVIRONMENTS_USAGE = 'usage: npm run --silent ci-environments -- (--base <git ref> | --all | --only <environment>) [--github-output]';

export const CI_ENVIRONMENTS_HELP = `${CI_ENVIRONMENTS_USAGE}

Prints the environments a CI run plans or applies, as a JSON array for a job matrix
(["dev","stg","prod"]: production environments last), and on stderr why each was chosen.

  --base <git ref>   select from the files changed since <ref> (git diff <ref>...HEAD), such as
                     --base origin/main on a pull request:
                       config/environments/<env>.yaml (or CONFIG_DIR's) changed: that environment;
                       a file an environment reads (app.userDataFile) changed: that environment;
                       only documentation, *.md, examples/, __tests__/ changed: none;
                       anything else (code, package files, config/aws/ data): every environment;
                       a deleted environment file is not planned (said on stderr)
  --all              every environment (a push to main)
  --only <env>       that one environment, which must be defined (a run by hand, workflow_dispatch);
                     the name printed is the environment file's, never the text given
  --github-output    also append environments=<json> and regions=<json object, env -> region>
                     to the file $GITHUB_OUTPUT names (GitHub Actions sets it in every step)
  --help             this text

Environments come from CONFIG_DIR, else config/environments. Exit 0 on success, 1 when git or
the configuration fails, 2 on bad arguments (an --only environment that is not defined too).`;

/** Arguments `npm run ci-environments` cannot use: the message says what is wrong and what is accepted, on one line. */
export class CiEnvironmentsUsageError extends Error {
  constructor(message: string) {
    super(`${message} (${CI_ENVIRONMENTS_USAGE})`);
    this.name = 'CiEnvironmentsUsageError';
  }
}

/** `--only` named an environment the config folder does not define: the message lists those it does. */
export class CiEnvironmentsUnknownError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'CiEnvironmentsUnknownError';
  }
}

/** git failed (no repository, an unknown base): the message is git's own, written for the user. */
export class CiEnvironmentsGitError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'CiEnvironmentsGitError';
  }
}

/** What the command line asks for. */
export type CiEnvironmentsCommand =
  | { readonly help: true }
  | {
      readonly help: false;
      /** The git ref to diff against (`<base>...HEAD`); undefined with `--all` and `--only`. */
      readonly base?: string;
      /** Every environment, whatever changed. */
      readonly all: boolean;
      /** The one environment to select (a run by hand); undefined with `--base` and `--all`. */
      readonly only?: string;
      /** Append the outputs to $GITHUB_OUTPUT too. */
      readonly githubOutput: boolean;
    };

/** The options that take a value, what the value is, and an example of it. */
const VALUE_OPTIONS = {
  '--base': { what: 'a git ref', example: '--base origin/main' },
  '--only': { what: 'an environment', example: '--only dev' },
} as const;
type ValueOption = keyof typeof VALUE_OPTIONS;

/**
 * The arguments after `npm run ci-environments --`: exactly one of `--base <ref>`, `--all` and
 * `--only <environment>` (values also after `=`), optionally `--github-output`.
 */
export function parseCiEnvironmentsArguments(args: readonly string[]): CiEnvironmentsCommand {
  if (args.some((arg) => arg === '--help' || arg === '-h')) return { help: true };
  const values: Partial<Record<ValueOption, string>> = {};
  let all = false;
  let githubOutput = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (arg === '--all') {
      all = true;
    } else if (arg === '--github-output') {
      githubOutput = true;
    } else if (Object.hasOwn(VALUE_OPTIONS, name)) {
      const option = name as ValueOption;
      const value = arg === option ? args[++index] : arg.slice(option.length + 1);
      const { what, example } = VALUE_OPTIONS[option];
      if (value === undefined || value === '' || value.startsWith('-')) throw new CiEnvironmentsUsageError(`${option} without ${what}; expected one after it, such as ${example}`);
      const earlier = values[option];
      if (earlier !== undefined) throw new CiEnvironmentsUsageError(`${option} given twice (${quoteText(earlier)} and ${quoteText(value)}); expected it once`);
      values[option] = value;
    } else if (arg.startsWith('-')) {
      throw new CiEnvironmentsUsageError(`unknown option ${quoteText(arg)}; expected --base <git ref>, --all, --only <environment>, --github-output or --help`);
    } else {
      throw new CiEnvironmentsUsageError(
        `unexpected argument ${quoteText(arg)}; environments are selected from the changed files (--base), all of them (--all) or one by name (--only <environment>)`,
      );
    }
  }
  const { '--base': base, '--only': only } = values;
  const given = [base !== undefined && '--base', all && '--all', only !== undefined && '--only'].filter((option): option is string => option !== false);
  if (given.length > 1) throw new CiEnvironmentsUsageError(`${given.join(' and ')} given together; expected one of --base, --all and --only`);
  if (given.length === 0) throw new CiEnvironmentsUsageError('none of --base, --all and --only given; expected one of them');
  return { help: false, all, githubOutput, ...(base === undefined ? {} : { base }), ...(only === undefined ? {} : { only }) };
}

/** One environment defined in the config folder, as the selection needs it. */
export interface CiEnvironment {
  /** Its name, the file name without `.yaml`. */
  readonly name: string;
  /** Its environment file, relative to the repository root, with `/` separators. */
  readonly file: string;
  /** Whether it is a production environment (`production: true`): production environments come last. */
  readonly production: boolean;
  /** Its home region (`region`). */
  readonly region: string;
  /** Other files its stacks are made from (`app.userDataFile`), relative to the repository root, with `/` separators. */
  readonly reads: readonly string[];
}

/** What to select from. */
export interface SelectionInput {
  /** Every environment defined now (after the change). */
  readonly environments: readonly CiEnvironment[];
  /** The folder of environment files, relative to the repository root, with `/` separators (`config/environments`). */
  readonly configDir: string;
  /** Paths changed since the base, relative to the repository root (as `git diff --name-only` prints them); ignored with `all`. */
  readonly changedFiles: readonly string[];
  /** Select every environment. */
  readonly all: boolean;
  /** Select this one environment, which must be among `environments` (CiEnvironmentsUnknownError otherwise). @default none: `all` or the changed files decide */
  readonly only?: string;
}

/** The environments selected, in the order to run them, and why. */
export interface Selection {
  /** Names: non-production environments first, then production ones, each group by name. */
  readonly environments: readonly string[];
  /** One line per reason, for stderr: what selected which environments, and what was left out. */
  readonly notes: readonly string[];
}

/**
 * Paths that cannot change any synthesized stack: documentation, the examples (unless they are
 * the config folder, checked first), the tests, the cheat sheet. Anything not matched here is
 * assumed to reach every stack.
 */
const WITHOUT_EFFECT: readonly ((path: string) => boolean)[] = [
  (path) => /\.md$/i.test(path),
  (path) => path.startsWith('docs/'),
  (path) => path.startsWith('examples/'),
  (path) => path.startsWith('__tests__/'),
  (path) => ['help', 'LICENSE', 'NOTICE', '.gitignore'].includes(path),
  // Issue templates, CODEOWNERS, dependabot; a workflow change plans everything, which tries the new workflow.
  (path) => path.startsWith('.github/') && !path.startsWith('.github/workflows/'),
];

// Hidden files are never environments (scanEnvironmentFiles skips them).
const ENVIRONMENT_FILE = /^([^/.][^/]*)\.ya?ml$/;

/**
 * The environments to plan for a set of changed files (or all of them), with the reason for each
 * choice. A changed environment file selects its environment; a changed file an environment reads
 * selects that environment; a file in WITHOUT_EFFECT selects none; anything else selects every
 * environment. An environment file that changed but no longer exists was deleted or renamed: it
 * is not planned, and a note says its stacks are still deployed.
 */
export function selectEnvironments(input: SelectionInput): Selection {
  const every = input.environments.map((environment) => environment.name);
  if (input.only !== undefined) {
    // The name as the configuration spells it: what reaches the job matrix is never the input itself.
    const named = every.find((name) => name === input.only);
    if (named === undefined) {
      throw new CiEnvironmentsUnknownError(`--only ${quoteText(input.only)}: no such environment in ${input.configDir || '.'}; expected one of ${list(runOrder(input.environments, every))}`);
    }
    return { environments: [named], notes: [`${named} only (--only): a run by hand`] };
  }
  if (input.all) {
    const ordered = runOrder(input.environments, every);
    return { environments: ordered, notes: [`every environment (--all): ${list(ordered)}`] };
  }

  const byFile = new Map(input.environments.map((environment) => [environment.file, environment.name]));
  const readers = (path: string) => input.environments.filter((environment) => environment.reads.includes(path)).map((environment) => environment.name);
  const configPrefix = input.configDir === '' || input.configDir === '.' ? '' : `${input.configDir.replace(/\/+$/, '')}/`;
  const selected = new Set<string>();
  const notes: string[] = [];
  const ignored: string[] = [];
  let everyBecause: string | undefined;

  for (const path of [...new Set(input.changedFiles)].sort()) {
    const ownEnvironment = byFile.get(path);
    if (ownEnvironment !== undefined) {
      selected.add(ownEnvironment);
      notes.push(`${ownEnvironment}: ${path} changed`);
      continue;
    }
    const inConfigDir = path.startsWith(configPrefix) ? path.slice(configPrefix.length) : undefined;
    const deleted = inConfigDir === undefined ? null : ENVIRONMENT_FILE.exec(inConfigDir);
    if (deleted !== null) {
      notes.push(
        `${path}: no longer in the configuration (deleted or renamed), so environment ${quoteText(deleted[1])} is not planned; ` +
          'its stacks stay deployed until destroyed from their folders (npx cdktf destroy <stack> on an earlier synth)',
      );
      continue;
    }
    const readBy = readers(path);
    if (readBy.length > 0) {
      readBy.forEach((name) => selected.add(name));
      notes.push(`${list(readBy)}: ${path} changed (read by ${readBy.length === 1 ? 'its' : 'their'} environment file)`);
      continue;
    }
    if (WITHOUT_EFFECT.some((withoutEffect) => withoutEffect(path))) {
      ignored.push(path);
      continue;
    }
    everyBecause ??= path;
  }

  if (everyBecause !== undefined) {
    const ordered = runOrder(input.environments, every);
    return {
      environments: ordered,
      notes: [`every environment (${list(ordered)}): ${everyBecause} changed, which may change any synthesized stack`, ...notes.filter((note) => note.includes('not planned'))],
    };
  }
  if (ignored.length > 0) notes.push(`no environment for ${ignored.length === 1 ? ignored[0] : `${ignored.length} files (${ignored.slice(0, 3).join(', ')}${ignored.length > 3 ? ', ...' : ''})`}: documentation, examples or tests only`);
  if (selected.size === 0 && input.changedFiles.length === 0) notes.push('no file changed: no environment');
  return { environments: runOrder(input.environments, [...selected]), notes };
}

/** The names in the order CI runs them: non-production first, then production, each group by name. */
function runOrder(environments: readonly CiEnvironment[], names: readonly string[]): string[] {
  const wanted = new Set(names);
  const rank = (environment: CiEnvironment) => (environment.production ? 1 : 0);
  return environments
    .filter((environment) => wanted.has(environment.name))
    .sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((environment) => environment.name);
}

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

/**
 * The environments as CiEnvironment entries, from their loaded configuration.
 * @param files each environment's file, by name (config/environment-files scanEnvironmentFiles), relative to the repository root.
 */
export function ciEnvironments(configs: readonly EnvironmentConfig[], files: ReadonlyMap<string, string>): CiEnvironment[] {
  return configs.map((config) => {
    const file = files.get(config.environment);
    if (file === undefined) throw new Error(`no environment file recorded for ${config.environment}`);
    const userDataFile = webPlatformConfig(config)?.app.userDataFile;
    return {
      name: config.environment,
      file,
      production: config.production,
      region: config.region,
      reads: userDataFile === undefined ? [] : [posix.normalize(posix.join(posix.dirname(file), userDataFile.replace(/\\/g, '/')))],
    };
  });
}

/** The lines appended to $GITHUB_OUTPUT: the selection as a JSON array, and each selected environment's region as a JSON object. */
export function githubOutputLines(selection: Selection, environments: readonly CiEnvironment[]): string {
  const regions = Object.fromEntries(selection.environments.map((name) => [name, environments.find((environment) => environment.name === name)?.region]));
  return `environments=${JSON.stringify(selection.environments)}\nregions=${JSON.stringify(regions)}\n`;
}

/** Exit code of arguments the command cannot use. */
export const BAD_INPUT = 2;

/** What runCiEnvironments reads and writes. */
export interface CiEnvironmentsIo {
  /** The working folder. */
  readonly cwd: string;
  /** Environment variables: CONFIG_DIR, GITHUB_OUTPUT. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Runs git with `args` in `cwd` and returns its stdout; throws a CiEnvironmentsGitError with git's reason when it fails. */
  readonly git: (args: readonly string[], cwd: string) => string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Appends text to a file (the $GITHUB_OUTPUT file). */
  readonly appendFile: (file: string, text: string) => void;
}

/**
 * The command: parses `args`, loads the environments of CONFIG_DIR (else config/environments),
 * asks git for the files changed since the base, prints the selection as JSON on stdout and
 * the reasons on stderr, and with --github-output appends the job outputs. Returns the exit
 * code: 0, 2 on bad arguments, 1 when git or the configuration fails (the message on stderr).
 */
export function runCiEnvironments(args: readonly string[], io: CiEnvironmentsIo): number {
  try {
    const command = parseCiEnvironmentsArguments(args);
    if (command.help) {
      io.stdout(`${CI_ENVIRONMENTS_HELP}\n`);
      return 0;
    }
    const outputFile = io.env.GITHUB_OUTPUT;
    if (command.githubOutput && !outputFile) {
      throw new CiEnvironmentsUsageError('--github-output, but GITHUB_OUTPUT is not set; GitHub Actions sets it in every step: leave the option out elsewhere');
    }
    const root = command.base === undefined ? io.cwd : io.git(['rev-parse', '--show-toplevel'], io.cwd).trim();
    // -z: paths as they are (no quoting of unusual characters); --no-renames: a renamed environment file shows as deleted and added.
    const changedFiles =
      command.base === undefined ? [] : io.git(['diff', '--name-only', '--no-renames', '-z', `${command.base}...HEAD`], root).split('\0').filter((path) => path !== '');
    const configDir = resolve(io.cwd, io.env.CONFIG_DIR || DEFAULT_CONFIG_DIR);
    const fromRoot = (path: string) => relative(root, path).split(sep).join('/');
    const files = new Map(scanEnvironmentFiles(configDir).map((file) => [file.name, fromRoot(file.path)]));
    const environments = ciEnvironments(loadEnvironments([], configDir), files);
    const selection = selectEnvironments({ environments, configDir: fromRoot(configDir), changedFiles, all: command.all, only: command.only });

    for (const note of selection.notes) io.stderr(`ci-environments: ${note}\n`);
    io.stdout(`${JSON.stringify(selection.environments)}\n`);
    if (command.githubOutput && outputFile) io.appendFile(outputFile, githubOutputLines(selection, environments));
    return 0;
  } catch (error) {
    if (error instanceof CiEnvironmentsUsageError || error instanceof CiEnvironmentsUnknownError) {
      io.stderr(`ci-environments: ${error.message}\n`);
      return BAD_INPUT;
    }
    if (error instanceof ConfigError || error instanceof CiEnvironmentsGitError) {
      // The configuration's problems (as synth reports them) or git's reason: written for the user, no stack trace.
      io.stderr(`ci-environments: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
