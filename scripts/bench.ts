/**
 * `npm run bench`: how long synth and validation take on this machine.
 * Prints each step before it runs, then min / median over several runs of
 *  - `npm run synth` as a user runs it (esbuild compile + node dist/main.js, all environments), with peak memory;
 *  - `cdktf synth` (what `cdktf deploy` runs first), at most 3 runs as it is slow;
 *  - validate, combined: every stack as a module of one root, one init and one validate (`npm run validate`);
 *  - validate, per stack: init + validate in each stack's own folder, two at a time (`npm run validate -- --per-stack`),
 *    at most 2 runs as it takes a minute or more.
 * Every validate run starts from empty folders, so init links the provider each time.
 * Usage: npm run bench [-- --runs N] [-- --skip-cli] [-- --skip-per-stack]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { validateCombined } from './lib/combined-validate';
import { mapWithLimit, synthesizedStacks, validateStack } from './lib/stacks';
import { SCRATCH_DIR, TerraformSettings, writeCliConfig } from './lib/terraform';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const skipCli = args.includes('--skip-cli');
const skipPerStack = args.includes('--skip-per-stack');
const work = join(SCRATCH_DIR, 'bench', String(process.pid));
const outdir = join(work, 'cdktf.out');

interface Sample {
  readonly seconds: number;
  readonly peakMiB?: number;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function summarize(label: string, samples: readonly Sample[]): string {
  const seconds = samples.map((s) => s.seconds).sort((a, b) => a - b);
  const memory = samples.map((s) => s.peakMiB ?? 0).sort((a, b) => a - b);
  const median = (values: number[]) => values[Math.floor(values.length / 2)];
  const time = `min ${seconds[0].toFixed(2)} s, median ${median(seconds).toFixed(2)} s`;
  const mem = samples[0].peakMiB === undefined ? '' : `; peak RSS min ${memory[0].toFixed(0)} MiB, median ${median(memory).toFixed(0)} MiB`;
  return `${label.padEnd(44)} ${time}${mem}  (${samples.length} run${samples.length === 1 ? '' : 's'})`;
}

function timed(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function repeat(label: string, count: number, step: () => Sample | Promise<Sample>): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let run = 1; run <= count; run++) {
    process.stdout.write(`  ${label}, run ${run} of ${count} ... `);
    const sample = await step();
    say(`${sample.seconds.toFixed(2)} s`);
    samples.push(sample);
  }
  return samples;
}

function synthOnce(): Sample {
  const rssFile = join(work, 'rss.txt');
  rmSync(rssFile, { force: true });
  const env = { CDKTF_OUTDIR: outdir, BENCH_RSS_FILE: rssFile };
  const compile = timed(process.execPath, ['--require', './scripts/lib/peak-rss.cjs', 'scripts/build.mjs'], env);
  const synth = timed(process.execPath, ['--require', './scripts/lib/peak-rss.cjs', 'dist/main.js'], env);
  const peakKiB = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
  return { seconds: compile + synth, peakMiB: peakKiB / 1024 };
}

function cdktfSynthOnce(): Sample {
  return { seconds: timed('npx', ['cdktf', 'synth', '--output', join(work, 'cli.out')], { CI: '1', CHECKPOINT_DISABLE: '1' }) };
}

async function validateCombinedOnce(stacks: readonly string[], settings: TerraformSettings): Promise<Sample> {
  const start = process.hrtime.bigint();
  const validation = await validateCombined(outdir, stacks, join(work, 'combined'), settings);
  if (!validation.ok) throw new Error(`combined validate failed: ${JSON.stringify(validation, null, 2)}`);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

async function validatePerStackOnce(stacks: readonly string[], settings: TerraformSettings): Promise<Sample> {
  rmSync(join(work, 'stacks'), { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const results = await mapWithLimit(stacks, 2, (stack) => validateStack(outdir, stack, settings, join(work, 'stacks')));
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) throw new Error(`invalid stacks: ${failed.map((result) => `${result.stack}: ${result.messages.join('; ')}`).join(', ')}`);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

async function main(): Promise<void> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const settings = writeCliConfig(join(work, 'terraform'));
  say(`node ${process.version}, ${runs} runs, terraform: ${settings.summary}`);
  const lines: string[] = [];

  say(`npm run synth: esbuild compile + synth of every environment into ${outdir}`);
  const synth = await repeat('npm run synth', runs, synthOnce);
  const stacks = synthesizedStacks(outdir);
  lines.push(summarize(`npm run synth (${stacks.length} stacks)`, synth));

  if (!skipCli) {
    say('cdktf synth: the cdktf CLI running the same app');
    lines.push(summarize('cdktf synth (CLI)', await repeat('cdktf synth', Math.min(runs, 3), cdktfSynthOnce)));
  }

  say(`validate, combined: ${stacks.length} stacks as modules of one root, one terraform init + validate`);
  lines.push(summarize(`validate combined (${stacks.length} stacks, 1 process)`, await repeat('validate combined', Math.min(runs, 3), () => validateCombinedOnce(stacks, settings))));

  if (!skipPerStack) {
    say(`validate, per stack: terraform init + validate in each of the ${stacks.length} stack folders, two at a time`);
    lines.push(summarize(`validate per stack (${stacks.length} stacks, 2 at a time)`, await repeat('validate per stack', Math.min(runs, 2), () => validatePerStackOnce(stacks, settings))));
  }

  say('');
  for (const line of lines) say(line);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 1;
});
