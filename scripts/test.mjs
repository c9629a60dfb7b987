// `npm test`: the type check (tsc --noEmit) and the jest suites side by side, since jest's two
// workers leave a core idle while terraform waits, and the type check needs only one. Arguments
// go to jest (`npm test -- __tests__/config.test.ts`). Exits non-zero when either fails; the
// type check's findings are printed after jest's report, so they are the last thing on screen.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A package's command-line script, from the repository's own node_modules. */
const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

function run(script, args, stdio) {
  const child = spawn(process.execPath, [bin(script), ...args], { stdio });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

const [typecheck, jest] = await Promise.all([
  run('typescript/bin/tsc', ['--noEmit', '-p', '.'], ['ignore', 'pipe', 'pipe']),
  run('jest/bin/jest.js', process.argv.slice(2), 'inherit'),
]);
if (typecheck.code === 0) {
  process.stdout.write('Type check (tsc --noEmit): no errors.\n');
} else {
  process.stdout.write(`\nType check (tsc --noEmit) failed:\n${typecheck.output}`);
}
process.exitCode = typecheck.code !== 0 ? typecheck.code : jest.code;
