const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { COVERAGE_DIR } = require('./environment');

/** Mutant id → the test files whose tests reach it, quickest first, from what environment.js wrote during Stryker's first run. */
let coveringFiles;

function readCoveringFiles() {
  const files = readdirSync(COVERAGE_DIR)
    .map((name) => JSON.parse(readFileSync(join(COVERAGE_DIR, name), 'utf8')))
    .sort((a, b) => a.milliseconds - b.milliseconds || a.testFile.localeCompare(b.testFile));
  const byMutant = new Map();
  for (const { testFile, mutants } of files) {
    for (const mutant of mutants) byMutant.set(mutant, [...(byMutant.get(mutant) ?? []), testFile]);
  }
  return byMutant;
}

/** The words of a path (`constructs/policy/rules/edge` → policy, rules, edge), plural or not. */
const words = (path) => path.split(/[/.-]/).flatMap((word) => [word, word.replace(/s$/, '')]);

/**
 * How much a test file's name shares with the folder being mutated (MUTATE_FOLDER, set by
 * scripts/mutate.mjs): `web-acl.test.ts` and `config-waf.test.ts` for constructs/waf, `policy-edge`
 * for constructs/policy/rules/edge. Those files are the likeliest to kill its mutants.
 */
function kinship(testFile, folderWords) {
  return new Set(words(testFile.replace(/^.*\//, '').replace(/\.test\.ts$/, '')).filter((word) => folderWords.has(word))).size;
}

/**
 * The test order of `npm run mutate`. Stryker runs each mutant against the tests that reach it by
 * name, but jest would still load every test file to find them (half a second each): this keeps
 * only the files holding such tests, those named after the mutated folder first, then the quickest
 * (runner.js stops at the first failure). Outside a mutant's run, and for a mutant no file was
 * recorded for, every file runs.
 */
class MutationSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    if (mutant === undefined) return ordered;
    coveringFiles ??= readCoveringFiles();
    const files = coveringFiles.get(mutant);
    if (!files) return ordered;
    const folderWords = new Set(words(process.env.MUTATE_FOLDER ?? '').filter((word) => word !== 'construct' && word !== 'constructs' && word !== ''));
    const rank = (test) => files.indexOf(relative(test.context.config.rootDir, test.path));
    return ordered
      .filter((test) => rank(test) !== -1)
      .map((test) => ({ test, kin: kinship(test.path, folderWords), rank: rank(test) }))
      .sort((a, b) => b.kin - a.kin || a.rank - b.rank)
      .map(({ test }) => test);
  }
}

module.exports = MutationSequencer;
