/** @type {import('jest').Config} */
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  ...extra,
});

/**
 * unit: pure code and in-process servers, seconds (`npm run test:unit`); workflow: each file on a
 * time-skipping server of its own, so files run side by side; integration: real processes and
 * timings, one file at a time (`npm test` runs it with --runInBand), the API-level files on one
 * shared dev server, each in a namespace of its own.
 */
module.exports = {
  // A global option: projects cannot set their own.
  testTimeout: 120_000,
  projects: [
    project('unit'),
    project('workflow'),
    project('integration', {
      globalSetup: '<rootDir>/test/support/shared-dev-server.ts',
      globalTeardown: '<rootDir>/test/support/shared-dev-server-teardown.ts',
    }),
  ],
};
