const { mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { buildCdktfBundle } = require('./cdktf-bundle');

/**
 * cdktf's Testing helpers leave cdktf.outdir.* folders in TMPDIR: keep them in a folder of
 * this run's own inside the repo's .tmp (removed by global-teardown), so runs side by side
 * never delete each other's files. The machine's own temporary folder stays in SYSTEM_TMPDIR.
 */
module.exports = async () => {
  // Kept for the tests that need a folder outside the repository (the handoff bundle unpacked far from node_modules).
  process.env.SYSTEM_TMPDIR ??= require('node:os').tmpdir();
  const dir = join(__dirname, '..', '..', '.tmp', `jest-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env.TMPDIR = dir;
  buildCdktfBundle();
};
