const Sequencer = require('@jest/test-sequencer').default;

/**
 * Suites that run terraform start first, longest first, so their waiting (the provider's
 * waiters, schema loading) overlaps the fast suites on the other worker instead of ending
 * the run. Jest's own order (previous durations, else file size) decides the rest; on a clean
 * clone it has no durations yet.
 */
const SLOW_FIRST = ['state-bootstrap', 'terraform-validate', 'handoff', 'backend-locking', 'synth-output-cli'];

const rank = (test) => {
  const index = SLOW_FIRST.findIndex((name) => test.path.endsWith(`${name}.test.ts`));
  return index === -1 ? SLOW_FIRST.length : index;
};

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
