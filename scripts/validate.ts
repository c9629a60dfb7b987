/**
 * `npm run validate`: terraform validate of every stack in cdktf.out (run `npm run synth`
 * first), with no warnings allowed. Nothing is written into cdktf.out: terraform runs in
 * .tmp/validate/<pid>, removed afterwards unless something failed.
 *
 * By default every stack is validated as a module of one generated root, in one terraform
 * process (see scripts/lib/combined-validate.ts). `-- --per-stack` validates each stack in
 * its own folder and process, two at a time, as `terraform init -backend=false && terraform
 * validate` in the stack folder would: slower, but exactly what a user sees.
 *
 * Exits 1 when any stack is invalid or warns.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { validateCombined } from './lib/combined-validate';
import { mapWithLimit, synthesizedStacks, validateStack, ValidateResult } from './lib/stacks';
import { SCRATCH_DIR, TerraformSettings, writeCliConfig } from './lib/terraform';

const USAGE = 'usage: npm run validate [-- --per-stack]';

interface Run {
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly work: string;
  readonly settings: TerraformSettings;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function printResult(result: ValidateResult): void {
  print(`${result.ok ? 'valid  ' : 'INVALID'} ${result.stack}`);
  for (const message of result.messages) print(`        ${message}`);
}

async function validateEach({ outdir, stacks, work, settings }: Run): Promise<ValidateResult[]> {
  print(`validating the ${stacks.length} stacks of ${outdir}/stacks each in its own folder and terraform process, two at a time`);
  return mapWithLimit(stacks, 2, async (stack) => {
    const result = await validateStack(outdir, stack, settings, join(work, 'stacks'));
    printResult(result);
    return result;
  });
}

async function validateTogether({ outdir, stacks, work, settings }: Run): Promise<ValidateResult[]> {
  print(`validating the ${stacks.length} stacks of ${outdir}/stacks as modules of one root, in one terraform process`);
  const validation = await validateCombined(outdir, stacks, join(work, 'combined'), settings, (step) => print(`- ${step}`));
  print(`- provider blocks validated once per shape, as written in ${validation.providersFrom.join(', ')}, and shared by the stacks with the same shape`);
  for (const result of validation.results) printResult(result);
  for (const message of validation.unattributed) print(`ERROR   (the generated root, no stack) ${message}`);
  return validation.unattributed.length > 0 ? [...validation.results, { stack: '(root)', ok: false, messages: validation.unattributed }] : validation.results;
}

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--per-stack');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(' ')}; ${USAGE}`);
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const work = join(SCRATCH_DIR, 'validate', String(process.pid));
  const settings = writeCliConfig(join(work, 'terraform'));
  const stacks = synthesizedStacks(outdir);
  if (stacks.length === 0) throw new Error(`no stacks in ${outdir}/stacks; run npm run synth first`);
  print(`terraform: ${settings.summary}`);
  const started = Date.now();
  const run = { outdir, stacks, work, settings };
  const results = args.includes('--per-stack') ? await validateEach(run) : await validateTogether(run);
  const valid = results.filter((result) => result.ok && stacks.includes(result.stack)).length;
  print(`${valid} of ${stacks.length} stacks valid with no warnings, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (results.every((result) => result.ok)) {
    rmSync(work, { recursive: true, force: true });
    return 0;
  }
  print(`the folders terraform ran in are kept for a look (file and line numbers above are relative to them): ${work}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`validate: ${error.message}\n`);
    process.exitCode = 1;
  },
);
