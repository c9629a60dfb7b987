const { mkdirSync } = require('node:fs');
const { join } = require('node:path');

/**
 * cdktf's Testing helpers leave cdktf.outdir.* folders in TMPDIR: keep them in a folder of
 * this run's own inside the repo's .tmp (removed by global-teardown), so runs side by side
 * never delete each other's files.
 */
module.exports = async () => {
  const dir = join(__dirname, '..', '..', '.tmp', `jest-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env.TMPDIR = dir;
};
