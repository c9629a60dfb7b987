const TestRunner = require('jest-runner').default;

/**
 * The test-file runner of `npm run mutate`. One failing test kills a mutant, so once a file has a
 * failure the files after it are not run (jest's own `bail` cannot be used from Stryker: it ends
 * the process). sequencer.js puts the quickest files first. Outside a mutant's run, and when jest
 * runs files in parallel, this is jest's own runner.
 */
class BailingRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined || !options.serial) return super.runTests(tests, watcher, options);
    let killed = false;
    const unsubscribe = this.on('test-file-success', ([, result]) => {
      if (result.numFailingTests > 0 || result.testExecError) killed = true;
    });
    try {
      for (const test of tests) {
        if (killed) break;
        await super.runTests([test], watcher, options);
      }
    } finally {
      unsubscribe();
    }
  }
}

module.exports = BailingRunner;
