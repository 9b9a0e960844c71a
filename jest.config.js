/** @type {import('jest').Config} */
const project = (name, testTimeout) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testTimeout,
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
});

/**
 * unit: pure code and in-process servers, seconds (`npm run test:unit`); workflow: each file on a
 * time-skipping server of its own, so files run side by side; integration: real processes and
 * timings, one file at a time (`npm test` runs it with --runInBand).
 */
module.exports = {
  projects: [project('unit', 30_000), project('workflow', 120_000), project('integration', 120_000)],
};
