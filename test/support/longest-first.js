// The system files in the order of their length, longest first, so that the two workers running
// them end together: on a fresh clone jest has no timings yet and orders by file size, which put
// the fault runs last and left one worker idle for a minute. Other files keep jest's order.
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST_FIRST = ['fuzz', 'faults', 'workspace-browser', 'shutdown', 'load', 'production-worker'];
const rank = (test) => {
  const i = LONGEST_FIRST.findIndex((name) => test.path.endsWith(`/${name}.test.ts`));
  return i < 0 ? LONGEST_FIRST.length : i;
};

class LongestSystemFilesFirst extends Sequencer {
  async sort(tests) {
    return [...(await super.sort(tests))].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestSystemFilesFirst;
