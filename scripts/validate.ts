/**
 * `npm run validate`: terraform init -backend=false + terraform validate on every stack in
 * cdktf.out (run `npm run synth` first), offline against the provider mirror, two at a time.
 * Exits 1 when any stack is invalid or warns.
 */
import { join } from 'node:path';
import { mapWithLimit, synthesizedStacks, validateStack } from './lib/stacks';
import { writeCliConfig } from './lib/terraform';

async function main(): Promise<number> {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const cliConfig = writeCliConfig(join('.tmp', 'terraform'));
  const results = await mapWithLimit(synthesizedStacks(outdir), 2, (stack) => validateStack(outdir, stack, cliConfig));
  for (const result of results) {
    process.stdout.write(`${result.ok ? 'valid  ' : 'INVALID'} ${result.stack}\n`);
    for (const message of result.messages) process.stdout.write(`        ${message}\n`);
  }
  return results.every((result) => result.ok) ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`validate: ${error.message}\n`);
    process.exitCode = 1;
  },
);
