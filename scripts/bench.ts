/**
 * `npm run bench`: how long synth and validation take on this machine.
 * Prints min / median over several runs of
 *  - `npm run synth` as a user runs it (esbuild compile + node dist/main.js, all environments), with peak memory;
 *  - `cdktf synth` (what `cdktf deploy` runs first), fewer runs as it is slow;
 *  - the offline validate step (terraform init -backend=false + validate on every stack, two at a time).
 * Usage: npm run bench [-- --runs N] [-- --skip-cli]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mapWithLimit, synthesizedStacks, validateStack } from './lib/stacks';
import { writeCliConfig } from './lib/terraform';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const skipCli = args.includes('--skip-cli');
const work = resolve('.tmp', 'bench');
const outdir = join(work, 'cdktf.out');

interface Sample {
  readonly seconds: number;
  readonly peakMiB?: number;
}

function summarize(label: string, samples: readonly Sample[]): string {
  const seconds = samples.map((s) => s.seconds).sort((a, b) => a - b);
  const memory = samples.map((s) => s.peakMiB ?? 0).sort((a, b) => a - b);
  const median = (values: number[]) => values[Math.floor(values.length / 2)];
  const time = `min ${seconds[0].toFixed(2)} s, median ${median(seconds).toFixed(2)} s`;
  const mem = samples[0].peakMiB === undefined ? '' : `; peak RSS min ${memory[0].toFixed(0)} MiB, median ${median(memory).toFixed(0)} MiB`;
  return `${label.padEnd(34)} ${time}${mem}  (${samples.length} runs)`;
}

function timed(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function benchSynth(): Sample[] {
  const rssFile = join(work, 'rss.txt');
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    rmSync(rssFile, { force: true });
    const env = { CDKTF_OUTDIR: outdir, BENCH_RSS_FILE: rssFile };
    const compile = timed(process.execPath, ['--require', './scripts/lib/peak-rss.cjs', 'scripts/build.mjs'], env);
    const synth = timed(process.execPath, ['--require', './scripts/lib/peak-rss.cjs', 'dist/main.js'], env);
    const peakKiB = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
    samples.push({ seconds: compile + synth, peakMiB: peakKiB / 1024 });
  }
  return samples;
}

function benchCdktfCli(): Sample[] {
  const samples: Sample[] = [];
  for (let run = 0; run < Math.min(runs, 3); run++) {
    samples.push({ seconds: timed('npx', ['cdktf', 'synth', '--output', join(work, 'cli.out')], { CI: '1', CHECKPOINT_DISABLE: '1' }) });
  }
  return samples;
}

async function benchValidate(): Promise<Sample[]> {
  const cliConfig = writeCliConfig(join(work, 'terraform'));
  const stacks = synthesizedStacks(outdir);
  const samples: Sample[] = [];
  for (let run = 0; run < Math.min(runs, 3); run++) {
    for (const stack of stacks) rmSync(join(outdir, 'stacks', stack, '.terraform'), { recursive: true, force: true });
    const start = process.hrtime.bigint();
    const results = await mapWithLimit(stacks, 2, (stack) => validateStack(outdir, stack, cliConfig));
    const failed = results.filter((result) => !result.ok);
    if (failed.length > 0) throw new Error(`invalid stacks: ${failed.map((result) => result.stack).join(', ')}`);
    samples.push({ seconds: Number(process.hrtime.bigint() - start) / 1e9 });
  }
  return samples;
}

async function main(): Promise<void> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  process.stdout.write(`node ${process.version}, ${runs} runs\n`);
  const synth = benchSynth();
  const stackCount = synthesizedStacks(outdir).length;
  process.stdout.write(`${summarize(`npm run synth (${stackCount} stacks)`, synth)}\n`);
  if (!skipCli) process.stdout.write(`${summarize('cdktf synth (CLI)', benchCdktfCli())}\n`);
  process.stdout.write(`${summarize(`validate (${stackCount} stacks, 2 at a time)`, await benchValidate())}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 1;
});
