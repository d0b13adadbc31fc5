/** Three kinds of test (see docs/testing.md): unit (*.spec.ts, no I/O), integration (*.int-spec.ts, real
 * Postgres + NATS started by libs/testing), end-to-end (test/**\/*.e2e-spec.ts, every service as a process). */
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@limye/(contracts|platform|testing|local-stack|simulators)$': '<rootDir>/libs/$1/src',
    '^@limye/(contracts|platform|testing|local-stack|simulators)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  rootDir: __dirname,
};
module.exports = {
  reporters: ['default', '<rootDir>/libs/testing/src/summary-reporter.js'],
  rootDir: __dirname,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts', '<rootDir>/test/deploy/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/*.int-spec.ts'], setupFilesAfterEnv: ['<rootDir>/libs/testing/src/timeouts/integration.ts'], globalSetup: '<rootDir>/libs/testing/src/global-setup.ts', globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts' },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/libs/testing/src/timeouts/e2e.ts'], globalSetup: '<rootDir>/libs/testing/src/global-setup.ts', globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts' },
  ],
};
