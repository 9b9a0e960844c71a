/** `npm run record:histories`: the tools under test/tools, never part of `npm test`. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/tools'],
  testMatch: ['**/test/tools/*.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
};
