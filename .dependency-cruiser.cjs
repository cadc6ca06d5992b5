// The dependency rules of the code base, checked by `npm run lint:deps` (part of `npm test`).
// Libraries form layers; each may import only the layers listed for it, so the library graph
// cannot have a cycle, and no two files may import each other in a circle either.

/** Which of our libraries each one may import (besides itself). */
const LAYERS = {
  registry: [],
  common: [],
  client: [],
  config: ['registry', 'common'],
  store: ['config', 'common'],
  auth: ['registry', 'config', 'common'],
  upstream: ['store', 'registry', 'config', 'common'],
  protection: ['auth', 'store', 'registry', 'config', 'common'],
  webhooks: ['store', 'registry', 'config', 'common'],
  uploads: ['protection', 'auth', 'store', 'upstream', 'webhooks', 'registry', 'config', 'common'],
  // The clouds: each may use the whole platform, and nothing of another cloud (the rule below).
  providers: ['uploads', 'protection', 'auth', 'store', 'upstream', 'webhooks', 'registry', 'config', 'common'],
  // The independent oracle: its own copy of each cloud's facts, nothing of the service's.
  emulator: ['common'],
};
const LIBRARIES = Object.keys(LAYERS);
const TEST_FILE = '\\.(spec|e2e-spec)\\.ts$|/testing/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two or more files import each other in a circle (a type-only import counts too).',
      from: {},
      to: { circular: true },
    },
    ...LIBRARIES.map((library) => ({
      name: `layer-${library}`,
      severity: 'error',
      comment: `libs/${library} may import only ${LAYERS[library].join(', ') || 'no library of ours'}.`,
      from: { path: `^libs/${library}/`, pathNot: TEST_FILE },
      to: { path: '^libs/([^/]+)/', pathNot: [`^libs/(${[library, ...LAYERS[library]].join('|')})/`] },
    })),
    {
      name: 'platform-never-imports-a-provider',
      severity: 'error',
      comment:
        'The platform iterates over the registered providers and names none: only the composition root ' +
        '(apps/upload-api/src/providers.ts) imports the provider list, and nothing imports a cloud folder directly.',
      from: { path: '^(apps|libs)/', pathNot: ['^libs/providers/', '^apps/upload-api/src/providers\\.ts$', TEST_FILE] },
      to: { path: '^libs/providers/' },
    },
    {
      name: 'no-cloud-imports-another',
      severity: 'error',
      comment: 'A cloud folder (libs/providers/src/<cloud>/) imports only itself and the platform, never another cloud or the list.',
      from: { path: '^libs/providers/src/([^/]+)/' },
      to: { path: '^libs/providers/src/', pathNot: '^libs/providers/src/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'testing-only-in-tests',
      severity: 'error',
      comment: 'libs/testing and test/ helpers are for tests; code that ships never imports them.',
      from: { path: '^(apps|libs)/', pathNot: [TEST_FILE, '^libs/testing/'] },
      to: { path: ['^libs/testing/', '^test/'] },
    },
    {
      name: 'emulator-only-in-sandbox-and-tests',
      severity: 'error',
      comment: 'The service reaches the emulator only to start the sandbox.',
      from: { path: '^apps/upload-api/', pathNot: [TEST_FILE, '^apps/upload-api/src/sandbox/'] },
      to: { path: '^libs/emulator/' },
    },
    {
      name: 'libraries-through-their-index',
      severity: 'error',
      comment: 'Another library is imported through its index (@app/<name>), never by a path into it.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/$1/'] },
    },
    {
      name: 'apps-use-library-indexes',
      severity: 'error',
      comment: 'Apps, tests and tools import a library through its index (@app/<name>).',
      // Jest runs globalSetup outside its module name mapping, so it imports by path.
      from: { path: '^(apps|test|bench|scripts)/', pathNot: '^test/support/global-setup\\.ts$' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage|libs/client/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
