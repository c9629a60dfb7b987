// Mutation testing of the code that decides what is synthesized: `npm run mutate` (scripts/mutate.mjs)
// runs Stryker once per folder of constructs/, config/ and stacks/ (MUTATE_FOLDER), so each folder's
// results are kept as soon as it is done. See README "Mutation testing".
const folder = process.env.MUTATE_FOLDER;
const slug = folder ? folder.replaceAll('/', '-') : 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // The suites that run in-process (jest.mutate.config.js). Each mutant runs against the test files
  // whose tests reach it (found by coverage, which jest's --findRelatedTests does not follow through stacks/).
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.js', enableFindRelatedTests: false },
  mutate: folder ? [`${folder}/*.ts`] : ['constructs/**/*.ts', 'config/**/*.ts', 'stacks/**/*.ts'],
  // What the sandbox copy of the repository leaves out: the repository's own ignored files (.gitignore).
  ignorePatterns: ['/.tmp', '/dist', '/cdktf.out', '/cdktf.out.*', '/handoff', '/coverage', '.terraform', '*.tfstate', '*.tfstate.backup'],
  plugins: ['@stryker-mutator/jest-runner', './__tests__/support/mutation/free-text-ignorer.mjs'],
  ignorers: ['free-text'],
  coverageAnalysis: 'perTest',
  // A mutant reached outside every test file (jest's global setup) is tied to no test; none is tested.
  ignoreStatic: true,
  // A re-run tests only the mutants whose code or covering tests changed since.
  incremental: true,
  incrementalFile: `.tmp/mutation/incremental/${slug}.json`,
  tempDirName: '.tmp/stryker',
  cleanTempDir: 'always',
  concurrency: 2,
  reporters: ['json', 'progress'],
  jsonReporter: { fileName: `.tmp/mutation/folders/${slug}.json` },
  thresholds: { high: 90, low: 80, break: 80 },
  timeoutMS: 30000,
};
