/**
 * Unit specs run without infrastructure; medium specs build services against a throw-away PostgreSQL
 * database with fakes for the other services and no broker; integration and e2e specs use a real
 * Kafka broker, one per jest worker.
 */
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  moduleNameMapper: {
    '^#(contracts|core|observability|messaging|persistence|outbox|service|config|devstack|testing)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  rootDir: '.',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'medium',
      testMatch: ['<rootDir>/{apps,libs}/*/test/**/*.medium-spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{apps,libs}/*/test/**/*.int-spec.ts',
        '<rootDir>/test/**/*.e2e-spec.ts',
      ],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      setupFiles: ['<rootDir>/test/setup/worker-broker.ts'],
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      // Runs on its own afterwards (the faults project): it times recoveries.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults.e2e-spec.ts'],
      slowTestThreshold: 30,
    },
    {
      // The fault suite's short profile starts its own broker and eight apps and checks how fast
      // they recover: `npm test` runs it after the other projects, alone on the machine.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults.e2e-spec.ts'],
    },
  ],
  // Two files at a time (the machine has 2 cores; integration files mostly wait on apps and the
  // broker). Integration files use the services' fixed topics and consumer groups, so each worker
  // gets a broker of its own (test/setup/global-setup.ts, worker-broker.ts).
  maxWorkers: 2,
  testTimeout: 120_000,
  verbose: true,
};
