// Compiles main.ts (dist/main.js, the app) and policy.ts (dist/policy.js, `npm run policy`) and
// everything they import with esbuild (no type-checking: that is `npm run typecheck`, part of
// `npm test`). Dependencies stay in node_modules.
//
// The files are written in a folder of this build's own and renamed into dist/, so a build running
// beside another (two `npm test` in one checkout, or synth during a test run) never reads a half-written one.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';

const staging = `dist/.build-${process.pid}`;
try {
  await build({
    entryPoints: ['main.ts', 'policy.ts'],
    outdir: staging,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  mkdirSync('dist', { recursive: true });
  for (const file of readdirSync(staging)) renameSync(`${staging}/${file}`, `dist/${file}`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
