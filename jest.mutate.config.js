const base = require('./jest.config');

/**
 * The suites `npm run mutate` runs against each mutant: every suite but those that start
 * processes (terraform, the cdktf CLI, emulators, the action validator); the sandbox boot
 * scripts' suite stays in (its `bash -n` and retry runs take a second). Those check the
 * scripts and the synthesized JSON as terraform reads it; the code Stryker mutates
 * (constructs/, config/, stacks/) is covered by the suites that synthesize in-process.
 */
const PROCESS_SUITES = [
  'backend-locking',
  'ci-workflow',
  'combined-validate',
  'handoff',
  'plan-runner',
  'presign',
  'state-bootstrap',
  'synth-cli',
  'synth-output-cli',
  'terraform-validate',
  'toolchain',
];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...PROCESS_SUITES.map((name) => `/${name}\\.test\\.ts$`)],
  testEnvironment: require.resolve('./__tests__/support/mutation/environment.js'),
  testSequencer: require.resolve('./__tests__/support/mutation/sequencer.js'),
  runner: require.resolve('./__tests__/support/mutation/runner.js'),
};
