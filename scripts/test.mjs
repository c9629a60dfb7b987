// `npm test`: the type check (tsc --noEmit) and the jest suites side by side, since jest's two
// workers leave a core idle while terraform waits, and the type check needs only one. The type
// check runs at the lowest priority, so on a clean clone (a full check, about 21 s of CPU) it takes
// the CPU jest leaves idle instead of slowing the terraform suites that start first. Arguments
// go to jest (`npm test -- __tests__/config.test.ts`). Exits non-zero when either fails; the
// type check's findings are printed after jest's report, so they are the last thing on screen.
//
// The type check is incremental: tsc keeps what it learnt in .tmp/typecheck.tsbuildinfo and
// re-checks only what changed since (and what depends on it), reporting the same errors as a full
// check; about 16 s of CPU cold (a fresh clone), 6 s warm. Runs side by side in one checkout each
// work on a copy of that file and put theirs back with a rename, so none reads a half-written one.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

/** A package's command-line script, from the repository's own node_modules. */
const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

/** Lowest scheduling priority (nice 19): the type check then takes only the CPU jest leaves idle. */
const BACKGROUND_PRIORITY = 19;

function run(script, args, stdio, { background = false } = {}) {
  const child = spawn(process.execPath, [bin(script), ...args], { stdio });
  if (background) {
    try {
      setPriority(child.pid, BACKGROUND_PRIORITY);
    } catch {
      // Not permitted here: it runs at normal priority, which is only slower.
    }
  }
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

const scratch = fileURLToPath(new URL('../.tmp/', import.meta.url));
const buildInfo = `${scratch}typecheck.tsbuildinfo`;
const ownBuildInfo = `${scratch}typecheck-${process.pid}.tsbuildinfo`;
mkdirSync(scratch, { recursive: true });
try {
  copyFileSync(buildInfo, ownBuildInfo);
} catch {
  // None yet: this check is a full one.
}

const [typecheck, jest] = await Promise.all([
  run('typescript/bin/tsc', ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', ownBuildInfo], ['ignore', 'pipe', 'pipe'], { background: true }).then((result) => {
    try {
      renameSync(ownBuildInfo, buildInfo);
    } catch {
      rmSync(ownBuildInfo, { force: true });
    }
    return result;
  }),
  run('jest/bin/jest.js', process.argv.slice(2), 'inherit'),
]);
if (typecheck.code === 0) {
  process.stdout.write('Type check (tsc --noEmit): no errors.\n');
} else {
  process.stdout.write(`\nType check (tsc --noEmit) failed:\n${typecheck.output}`);
}
process.exitCode = typecheck.code !== 0 ? typecheck.code : jest.code;
