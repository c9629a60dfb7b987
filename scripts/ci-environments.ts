/**
 * `npm run --silent ci-environments -- (--base <git ref> | --all) [--github-output]`: prints the
 * environments a CI run plans (or applies) as a JSON array for a job matrix, such as
 * `["dev","stg","prod"]`, and on stderr why (scripts/lib/ci-environments.ts has the rule). With
 * `--github-output` it also appends `environments=<json>` and `regions=<json>` to $GITHUB_OUTPUT.
 *
 * Exits 2 on bad arguments, 1 when git or the configuration fails (the message, never a stack trace).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { scanEnvironmentFiles } from '../config/environment-files';
import { DEFAULT_CONFIG_DIR, loadEnvironments } from '../config/load';
import { ConfigError } from '../config/errors';
import { CI_ENVIRONMENTS_HELP, ciEnvironments, CiEnvironmentsUsageError, githubOutputLines, parseCiEnvironmentsArguments, selectEnvironments } from './lib/ci-environments';

/** Exit code of arguments the command cannot use. */
const BAD_INPUT = 2;

/** A failure written for the user (git could not answer): printed as it is. */
class CiEnvironmentsError extends Error {
  readonly userFacing = true;
}

function main(args: readonly string[]): number {
  const command = parseCiEnvironmentsArguments(args);
  if (command.help) {
    process.stdout.write(`${CI_ENVIRONMENTS_HELP}\n`);
    return 0;
  }
  const outputFile = process.env.GITHUB_OUTPUT;
  if (command.githubOutput && !outputFile) {
    throw new CiEnvironmentsUsageError('--github-output, but GITHUB_OUTPUT is not set; GitHub Actions sets it in every step: leave the option out elsewhere');
  }
  const configDir = resolve(process.env.CONFIG_DIR ?? DEFAULT_CONFIG_DIR);
  const root = command.base === undefined ? process.cwd() : git(['rev-parse', '--show-toplevel'], process.cwd()).trim();
  const fromRoot = (path: string) => relative(root, path).split(sep).join('/');

  const files = new Map(scanEnvironmentFiles(configDir).map((file) => [file.name, fromRoot(file.path)]));
  const environments = ciEnvironments(loadEnvironments([], configDir), files);
  // -z: paths as they are (no quoting of unusual characters); --no-renames: a renamed environment file shows as deleted and added.
  const changedFiles =
    command.base === undefined ? [] : git(['diff', '--name-only', '--no-renames', '-z', `${command.base}...HEAD`], root).split('\0').filter((path) => path !== '');
  const selection = selectEnvironments({ environments, configDir: fromRoot(configDir), changedFiles, all: command.all });

  for (const note of selection.notes) process.stderr.write(`ci-environments: ${note}\n`);
  process.stdout.write(`${JSON.stringify(selection.environments)}\n`);
  if (command.githubOutput && outputFile) appendFileSync(outputFile, githubOutputLines(selection, environments));
  return 0;
}

/** Runs git, returning its stdout; a CiEnvironmentsError with git's own message when it fails. */
function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const detail = stderr || (error instanceof Error ? error.message : String(error));
    const hint = args[0] === 'diff' ? '; in CI, check out with the full history (actions/checkout with fetch-depth: 0) so the base branch is there' : '';
    throw new CiEnvironmentsError(`git ${args.join(' ')} failed: ${detail.split('\n')[0]}${hint}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CiEnvironmentsUsageError) {
    process.stderr.write(`ci-environments: ${error.message}\n`);
    process.exitCode = BAD_INPUT;
  } else if (error instanceof ConfigError || error instanceof CiEnvironmentsError) {
    // A configuration problem (the same message synth prints) or git's answer: written for the user, no stack trace.
    process.stderr.write(`ci-environments: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ci-environments failed: ${detail}\n`);
    process.exitCode = 1;
  }
}
