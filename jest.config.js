/** Jest runs TypeScript through SWC (no type checking here: `tsc --noEmit` is its own step of `npm test`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // cdktf's jest matchers (toHaveResourceWithProperties, toPlanSuccessfully, …) in every test file.
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup-jest.ts'],
  // One synth per config for the whole run, copied into each test file's own folder (support/synth.ts).
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  testTimeout: 120000,
  // Two worker processes (jest's default here, with 2 cores, would be one: every file in band, one after another).
  maxWorkers: 2,
};
