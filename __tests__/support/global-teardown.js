const { rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async () => {
  rmSync(join(__dirname, '..', '..', '.tmp', `jest-${process.pid}`), { recursive: true, force: true });
};
