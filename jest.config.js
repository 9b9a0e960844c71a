/** The workspace's views are TSX rendered by Preact (tsconfig.json: jsx react-jsx, jsxImportSource preact). */
const SWC = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic', importSource: 'preact' } },
  },
};

/** @type {import('jest').Config} */
const project = (name, folder, files, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${folder}`],
  testMatch: files.map((f) => `**/test/${folder}/${f}.test.ts`),
  transform: { '^.+\\.ts$': ['@swc/jest'], '^.+\\.tsx$': ['@swc/jest', SWC] },
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  ...extra,
});

/**
 * The integration files that start, time and kill real processes, each its own stack: two at a time,
 * after the other projects, so that the compiles and the other files do not starve them (the fault
 * runs wait out outages, so two files share the cores well). The quick bench is not among them: it
 * records what it measures and asserts no timing.
 */
const SYSTEM = ['faults', 'load', 'shutdown', 'fuzz', 'production-worker', 'workspace-browser'];

/**
 * unit: pure code and in-process servers, seconds (`npm run test:unit`); workflow: each file on a
 * time-skipping server of its own; api: the other integration files, the API-level ones on one
 * shared dev server, each in a namespace of its own. These three run side by side. system: the
 * files of SYSTEM, after them. cluster: the production topology, run by .ci/run after npm test.
 */
module.exports = {
  // A global option: projects cannot set their own.
  testTimeout: 120_000,
  testSequencer: '<rootDir>/test/support/longest-first.js',
  projects: [
    project('unit', 'unit', ['*']),
    project('workflow', 'workflow', ['*']),
    project('api', 'integration', ['!(' + SYSTEM.join('|') + ')'], {
      globalSetup: '<rootDir>/test/support/shared-dev-server.ts',
      globalTeardown: '<rootDir>/test/support/shared-dev-server-teardown.ts',
    }),
    project('system', 'integration', ['{' + SYSTEM.join(',') + '}']),
    // The production topology (npm run test:cluster): not part of npm test.
    project('cluster', 'cluster', ['*']),
  ],
};
