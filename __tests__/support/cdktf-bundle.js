const { existsSync, mkdirSync, renameSync, rmSync } = require('node:fs');
const { join } = require('node:path');

/**
 * cdktf as one file, for the tests only. Jest loads every module again for each test file, and
 * cdktf is about 150 of them: loading it took about 300 ms per test file, one file 100 ms (about
 * 15 s of CPU over `npm test`). Jest maps `cdktf` to this bundle (jest.config.js), for our code and
 * the provider's alike, so there is still one cdktf per test file. The app itself (`npm run synth`,
 * `cdktf synth`, which synth-cli and synth-output run) loads cdktf as installed.
 */
const version = require('cdktf/package.json').version;

/** Where the bundle of the installed cdktf version lives (the repository's scratch folder). */
const CDKTF_BUNDLE = join(__dirname, '..', '..', '.tmp', 'jest-modules', `cdktf-${version}.js`);

/** Builds the bundle unless it is there; a run side by side may build it too, so each writes its own file and renames it into place. */
function buildCdktfBundle() {
  if (existsSync(CDKTF_BUNDLE)) return;
  mkdirSync(join(CDKTF_BUNDLE, '..'), { recursive: true });
  const partial = `${CDKTF_BUNDLE}.${process.pid}`;
  try {
    require('esbuild').buildSync({
      entryPoints: [require.resolve('cdktf')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // One `constructs` for cdktf, the provider and our code: construct trees cross them.
      external: ['constructs'],
      logLevel: 'warning',
      outfile: partial,
    });
    renameSync(partial, CDKTF_BUNDLE);
  } finally {
    rmSync(partial, { force: true });
  }
}

module.exports = { CDKTF_BUNDLE, buildCdktfBundle };
