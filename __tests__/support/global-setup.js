const { mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

/** cdktf's Testing helpers leave cdktf.outdir.* folders in TMPDIR: keep them inside the repo's .tmp and remove them after. */
module.exports = async () => {
  const dir = join(__dirname, '..', '..', '.tmp', 'jest');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.env.TMPDIR = dir;
};
