/**
 * `npm run --silent ci-environments -- (--base <git ref> | --all | --only <environment>) [--github-output]`:
 * prints the environments a CI run plans (or applies) as a JSON array for a job matrix, such as
 * `["dev","stg","prod"]`, and on stderr why (scripts/lib/ci-environments.ts has the rule). With
 * `--github-output` it also appends `environments=<json>` and `regions=<json>` to $GITHUB_OUTPUT.
 *
 * Exits 2 on bad arguments (an --only environment that is not defined too), 1 when git or the
 * configuration fails (the message, never a stack trace).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { CiEnvironmentsGitError, runCiEnvironments } from './lib/ci-environments';

/** Runs git, returning its stdout; a CiEnvironmentsGitError with git's first line of complaint when it fails. */
function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const detail = stderr || (error instanceof Error ? error.message : String(error));
    const hint = args[0] === 'diff' ? '; in CI, check out with the full history (actions/checkout with fetch-depth: 0) so the base is there' : '';
    throw new CiEnvironmentsGitError(`git ${args.join(' ')} failed: ${detail.split('\n')[0]}${hint}`);
  }
}

try {
  process.exitCode = runCiEnvironments(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    git,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    appendFile: appendFileSync,
  });
} catch (error) {
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ci-environments failed: ${detail}\n(an internal error; set DEBUG=1 for the stack trace)\n`);
  if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}
