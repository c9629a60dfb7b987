const { CDKTF_BUNDLE } = require('./__tests__/support/cdktf-bundle');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `tsc --noEmit` in `npm test`; esbuild only strips types (isolatedModules in tsconfig).
  transform: { '^.+\\.ts$': '<rootDir>/__tests__/support/esbuild-transform.js' },
  // cdktf as one file, built by globalSetup: loading it is a third of the time (see cdktf-bundle.js).
  moduleNameMapper: { '^cdktf$': CDKTF_BUNDLE },
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/plain-creation-stacks.js'],
  testSequencer: '<rootDir>/__tests__/support/sequencer.js',
  globalSetup: '<rootDir>/__tests__/support/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.js',
  // terraform runs as child processes; two cores (measured: a third worker makes the run slower).
  maxWorkers: 2,
  maxConcurrency: 2,
  testTimeout: 60000,
};
