// Compiles main.ts (dist/main.js, the app) and policy.ts (dist/policy.js, `npm run policy`) and
// everything they import with esbuild (no type-checking: that is `npm run typecheck`, part of
// `npm test`). Dependencies stay in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['main.ts', 'policy.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
