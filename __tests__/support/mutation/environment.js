const { createHash } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

/**
 * The test environment of `npm run mutate` (jest.mutate.config.js); Stryker wraps it with its own,
 * which records which tests run each mutant ("perTest" coverage) during its first, mutant-free run.
 *
 * Stryker counts what runs outside a test as "static" coverage, and a mutant only reached
 * statically is not tested at all. Most suites here synthesize in a describe block's body or its
 * `beforeAll` and assert in the tests, and every module's top level (constants, tables) runs when
 * the test file loads it: this environment hands what a describe block's body or `beforeAll`
 * reaches to every test of that block, and what the test file's loading reaches to all its tests.
 * It also writes, per test file, which mutants its tests reach (COVERAGE_DIR), so that
 * sequencer.js runs a mutant against the test files that reach it, quickest first, instead of
 * loading all of them.
 */
const COVERAGE_DIR = join(__dirname, '..', '..', '..', '.tmp', 'mutation-coverage');

const describeName = (block) => (block.parent ? `${describeName(block.parent)} ${block.name}`.trimStart() : '');
/** A test's name as Stryker and jest report it: its describe blocks' names and its own. */
const testName = (test) => `${describeName(test.parent)} ${test.name}`.trimStart();
const testsIn = (block) => block.children.flatMap((child) => (child.type === 'test' ? [child] : testsIn(child)));

/** The file where a test file's covered mutants are written (and sequencer.js reads them). */
const coverageFile = (testFile) => join(COVERAGE_DIR, `${createHash('sha1').update(testFile).digest('hex')}.json`);

class MutationEnvironment extends TestEnvironment {
  #testFile;
  #testNames = new Set();
  #definedBlocks = [];
  #started = Date.now();

  constructor(config, context) {
    super(config, context);
    this.#testFile = relative(config.projectConfig.rootDir, context.testPath);
  }

  /** Stryker's context in the tests' global scope, while it records coverage (never during a mutant's run). */
  #recording() {
    const stryker = this.global.__stryker__;
    return process.env.__STRYKER_ACTIVE_MUTANT__ === undefined && stryker?.mutantCoverage ? stryker : undefined;
  }

  /** The coverage id of what a describe block's body or its `beforeAll` reaches (the file's loading for the top block), until handed to its tests. */
  #blockId(block) {
    return `describe ${this.#testFile} ${describeName(block)}`;
  }

  /** Adds what a block reached to each of its tests. */
  #handToTests(perTest, block) {
    const reached = perTest[this.#blockId(block)];
    if (!reached) return;
    delete perTest[this.#blockId(block)];
    for (const test of testsIn(block)) {
      const counts = (perTest[testName(test)] ??= {});
      for (const [mutant, hits] of Object.entries(reached)) counts[mutant] = (counts[mutant] ?? 0) + hits;
    }
  }

  handleTestEvent(event, state) {
    const stryker = this.#recording();
    if (!stryker) return;
    const perTest = stryker.mutantCoverage.perTest;
    if (event.name === 'setup') {
      // The test file is loaded next: its imports' top levels run.
      stryker.currentTestId = this.#blockId(state.rootDescribeBlock);
    } else if (event.name === 'start_describe_definition') {
      this.#definedBlocks.push(state.currentDescribeBlock);
      stryker.currentTestId = this.#blockId(state.currentDescribeBlock);
    } else if (event.name === 'finish_describe_definition') {
      // Back in the enclosing block's body, or at the file's top level.
      stryker.currentTestId = this.#blockId(state.currentDescribeBlock);
    } else if (event.name === 'run_start') {
      stryker.currentTestId = undefined;
      for (const block of [state.rootDescribeBlock, ...this.#definedBlocks]) this.#handToTests(perTest, block);
    } else if (event.name === 'hook_start' && event.hook.type === 'beforeAll') {
      stryker.currentTestId = this.#blockId(event.hook.parent);
    } else if ((event.name === 'hook_success' || event.name === 'hook_failure') && event.hook.type === 'beforeAll') {
      stryker.currentTestId = undefined;
    } else if (event.name === 'test_start') {
      this.#testNames.add(testName(event.test));
    } else if (event.name === 'run_describe_finish') {
      this.#handToTests(perTest, event.describeBlock);
    }
  }

  async teardown() {
    const stryker = this.#recording();
    if (stryker) {
      const mutants = new Set([...this.#testNames].flatMap((name) => Object.keys(stryker.mutantCoverage.perTest[name] ?? {})));
      mkdirSync(COVERAGE_DIR, { recursive: true });
      writeFileSync(coverageFile(this.#testFile), JSON.stringify({ testFile: this.#testFile, milliseconds: Date.now() - this.#started, mutants: [...mutants] }));
    }
    await super.teardown();
  }
}

module.exports = MutationEnvironment;
module.exports.COVERAGE_DIR = COVERAGE_DIR;
