/**
 * `npm run handoff -- <env> [--out <folder>] [--skip-synth] [--repository <owner>/<repo>]`: the environment's stacks as a bundle
 * for an operations team with plain terraform (see scripts/lib/handoff/bundle.ts and README
 * "Handing off to operations"): `handoff/<env>/` and `handoff/<env>.tar.gz`.
 */
import { HANDOFF_USAGE, parseHandoffArguments, runHandoff } from './lib/handoff/run';

const options = parseHandoffArguments(process.argv.slice(2));
if (typeof options === 'string') {
  process.stderr.write(`${options}\n${HANDOFF_USAGE}\n`);
  process.exitCode = 2;
} else {
  // In GitHub Actions the repository running the workflow is the one its roles trust.
  const repository = options.repository ?? process.env.GITHUB_REPOSITORY;
  process.exitCode = runHandoff({ ...options, ...(repository ? { repository } : {}) }, {
    configDir: process.env.CONFIG_DIR,
    outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out',
    print: (line) => process.stdout.write(`${line}\n`),
    log: (line) => process.stderr.write(`${line}\n`),
  });
}
