// Three layers, one command (`npm test`): pure unit tests, workflow tests on the Java
// time-skipping server, integration tests on the real dev server (started by globalSetup).
// Time skipping is global to a test server, so the suite runs serially (--runInBand).
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
const setupFiles = ['<rootDir>/tests/helpers/quiet-runtime.ts'];
// @noble/hashes, jose, kysely, file-type (with the tokenizers it reads through) and p-limit ship ESM only, which jest's CommonJS loader cannot require: let swc compile them.
const transformIgnorePatterns = [
  '/node_modules/(?!(@noble/hashes|jose|kysely|file-type|strtok3|token-types|uint8array-extras|@tokenizer/inflate|@borewit/text-codec|p-limit|yocto-queue)/)',
];
const common = { transform, transformIgnorePatterns, testEnvironment: 'node', rootDir: __dirname };
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/tests/workflow/**/*.test.ts'], setupFiles },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      setupFiles,
      globalSetup: '<rootDir>/tests/integration/global-setup.ts',
      globalTeardown: '<rootDir>/tests/integration/global-teardown.ts',
    },
    {
      // The web app in Debian's Chromium (playwright-core) against the real service, worker and dev server.
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      setupFiles,
      globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/tests/e2e/global-teardown.ts',
    },
    {
      // The production topology (Temporal's own server on PostgreSQL, two workers, two service replicas) walked over HTTP.
      ...common,
      displayName: 'cluster',
      testMatch: ['<rootDir>/tests/cluster/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/cluster/global-setup.ts',
      globalTeardown: '<rootDir>/tests/cluster/global-teardown.ts',
    },
  ],
  // One PostgreSQL cluster for the whole run (each test file takes a database of its own).
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  testTimeout: 120000,
};
