// Compiles main.ts and everything it imports into dist/main.js with esbuild (no type-checking:
// that is `npm run typecheck`, part of `npm test`). Dependencies stay in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
