// Jest 30 loads the ESM-only NestJS 12 packages through require(esm), which needs Node 24.9+
// and --experimental-vm-modules (see package.json scripts), as the NestJS 12 CommonJS template does.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  // js before ts: ali-oss ships its TypeScript sources beside the compiled files (lib/common/utils/*.ts),
  // and a bare require('./x') there must load x.js.
  moduleFileExtensions: ['js', 'ts', 'json'],
  moduleNameMapper: {
    '^@app/([^/]+)$': '<rootDir>/libs/$1/src',
    // The client package imports its own files as './x.js' (what its ES modules need); here they are './x.ts'.
    '^(\\.{1,2}/.+)\\.js$': '$1',
  },
  // Build and benchmark output hold copies of package.json (and of the code): not modules to test.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/libs/client/dist/', '<rootDir>/.bench/'],
  setupFiles: ['<rootDir>/test/support/quiet-nest-logger.ts'],
  rootDir: __dirname,
};

module.exports = {
  // A handle some test leaves open (seen once on 2026-12-07: the run finished, 1,973 passed, and Jest waited
  // with no socket or child left, likely a reconnect timer) must not hold CI until its deadline. Jest says
  // so when it forces the exit; finding the handle (--detectOpenHandles) is open work.
  forceExit: true,
  // Two workers on two cores: Jest's default (cores - 1) ran one, and most e2e time is waiting on sockets,
  // child processes and Redis, not CPU. Measured on 2026-12-07: 546 s with one worker, 265 s with two.
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/unit-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
