// Lint rules, including the import boundaries of ARCHITECTURE.md:
//   shared      imports nothing of the repo
//   bot         imports shared only
//   sync-server imports shared and bot
//   desktop     imports shared; its renderer never imports electron or node: modules
// Cross-package imports go through each package's `exports` map, never deep paths.
// Inside sync-server/src, layers (syncServerLayers below): a file imports its own layer and those it
// builds on, never one above. Production code (src/ but tests, testing/ and test-support/) imports no
// test code: the fakes live behind each package's /testing entry (testCode below).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const deepImports = {
  group: [
    '@app/*/src/*',
    '@app/*/src',
    '**/shared/src/**',
    '**/bot/src/**',
    '**/sync-server/src/**',
    '**/desktop/src/**',
  ],
  message: 'Import another package through its exports map (e.g. @app/shared/schemas), not a deep path.',
};
const nodeBuiltins = {
  group: [
    'node:*',
    'fs',
    'path',
    'os',
    'crypto',
    'child_process',
    'http',
    'https',
    'net',
    'stream',
    'worker_threads',
  ],
  message: 'This code also runs in the browser: no Node built-ins here.',
};
const restrict = (...patterns) => ['error', { patterns }];
/** Test code: a package's /testing entry, a testing/, test-support/ or test/ folder, a test file. */
const testCode = {
  regex: '(^|/)(testing|test-support|test)(/|$)|\\.test(\\.tsx?)?$',
  message: "Production code imports no test code: fakes live behind the packages' /testing entries.",
};
/** A package's own tests and fakes (which may import test code). */
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/test-support/**'];
const sharedAlone = { group: ['@app/*'], message: 'shared is the domain: it imports nothing of the repo.' };
/** The agents engine names no pack: a pack comes in as a plug-in (shared/src/agents/plugins.ts, issue 63). */
const agentsNoPacks = {
  regex: '(^|/)packs(/|$)',
  message:
    "shared/src/agents imports nothing of shared/src/packs: a pack's steps, answerers and planned messages come in as its plug-in (agents/plugins.ts).",
};
const sharedNoUi = {
  group: ['electron', 'react', 'react-dom'],
  message: 'shared imports no Electron and no React.',
};
const botAlone = {
  group: ['@app/sync-server', '@app/sync-server/*', '@app/desktop', '@app/desktop/*', 'electron'],
  message: 'bot imports only shared.',
};
const desktopAlone = {
  group: ['@app/sync-server', '@app/sync-server/*', '@app/bot', '@app/bot/*'],
  message: 'desktop imports only shared.',
};
const rendererAlone = {
  group: ['electron', '@app/sync-server', '@app/sync-server/*', '@app/bot', '@app/bot/*'],
  message: 'The renderer talks to the shell only through the preload API (window.desktop).',
};

const syncServerPackages = {
  group: ['@app/desktop', '@app/desktop/*', 'electron', 'react', 'react-dom'],
  message: 'sync-server imports shared and bot only.',
};

// The layers of sync-server/src, lowest first ('x/' a folder, 'x.ts' a file), and what each builds on.
// Channels and the gateway are peers: neither imports the other. The admin API (with CSV and data
// care) mounts each channel's settings routes and checks restored files as the gateway does.
// What was runtime/ (issue 63): the features on the store's feeds, each a layer of its own.
const runtime = ['auth', 'agents', 'knowledge'];
const syncServerLayers = {
  base: { paths: ['config.ts', 'secrets.ts', 'app-errors.ts', 'ops/', 'types/'], uses: [] },
  store: { paths: ['store/', 'context.ts'], uses: ['base'] },
  http: { paths: ['http/'], uses: ['base', 'store'] },
  // A team's settings docs in `app_channels` and the sealing of their secrets, one way for channels,
  // model providers and integrations alike.
  settings: { paths: ['settings/'], uses: ['base', 'store', 'http'] },
  // The features the runtime runs on the store's feeds and leases (store/feeds/): sign-in and the demo's
  // seed, the agents' host (the runner, its StorePort, thread cache, drafts), a team's knowledge
  // (uploads, parsing, the search index, websites). The three are peers: none imports another.
  auth: { paths: ['auth/', 'seed/'], uses: ['base', 'store', 'http'] },
  agents: { paths: ['agents/'], uses: ['base', 'store', 'http'] },
  knowledge: { paths: ['knowledge/'], uses: ['base', 'store', 'http'] },
  channels: { paths: ['channels/'], uses: ['base', 'store', 'http', 'settings', ...runtime] },
  gateway: { paths: ['gateway/'], uses: ['base', 'store', 'http', ...runtime] },
  // Task trackers, calendars, webhook tools, MCP servers: settings (sealed like channels'), routes and
  // the per-team tools the runtime gives its engines.
  integrations: { paths: ['integrations/'], uses: ['base', 'store', 'http', 'settings', ...runtime] },
  // A team's model providers (keys sealed as channels seal theirs), its LLM, usage, admin routes.
  models: { paths: ['models/'], uses: ['base', 'store', 'http', 'settings', ...runtime] },
  // A deal's commercial proposals: the PDF (worker threads), its record on the lead, its sending
  // through the deal's channel; its routes are mounted by the app files, its tool by headless.ts.
  proposals: { paths: ['proposals/'], uses: ['base', 'store', 'http', 'settings', ...runtime, 'channels'] },
  // Plans, limits and payments (issue 40): the policy every creating path calls through the store
  // layer's PlanPolicy, its routes and the providers' webhooks; used by the app files only.
  billing: { paths: ['billing/'], uses: ['base', 'store', 'http'] },
  // Social media monitoring (issue 39): mentions of a client's event read from a VK community, their
  // sentiment and the deal's report; its monitors run under the runtime's leases (headless.ts starts
  // them), its routes are mounted by the app files.
  social: { paths: ['social/'], uses: ['base', 'store', 'http', ...runtime, 'channels'] },
  // The admin API, with each feature's routes that it mounts (knowledge/routes/: the routes sit with
  // their feature but build on the API's helpers, so they are of this layer, not of knowledge's).
  api: {
    paths: ['api/', 'csv/', 'data-care/', 'knowledge/routes/'],
    uses: ['base', 'store', 'http', 'settings', ...runtime, 'channels', 'gateway', 'social'],
  },
  app: {
    paths: [
      'app.ts',
      'server.ts',
      'server-parts.ts',
      'server-app.ts',
      'headless.ts',
      'headless-team.ts',
      'headless-options.ts',
      'main.ts',
      'index.ts',
    ],
    uses: [
      'base',
      'store',
      'http',
      'settings',
      ...runtime,
      'channels',
      'gateway',
      'integrations',
      'models',
      'proposals',
      'billing',
      'social',
      'api',
    ],
  },
};
const stem = (path) => path.replace(/(\/|\.ts)$/, '');
// src/index.ts (the package's entry) is never imported from inside: `./index` means a folder's own.
const importable = (paths) => paths.filter((p) => p !== 'index.ts');
/** A relative import of one of `paths` from anywhere in src/ (`../../api/deps`, `./server`). */
const importOf = (paths) => `^(?:\\.\\.?/)+(?:${paths.map(stem).join('|')})(?:/|$)`;
// Folders that reach the store only through its data module (store/data.ts, issue 63): they ask the
// Store for no raw database (teamDb, systemDb). No file outside store/ imports nano (noNano below).
const onDataModule = [
  'billing/',
  'api/',
  'csv/',
  'settings/',
  'social/',
  'models/',
  'seed/',
  'proposals/',
  'integrations/',
  'auth/',
  'channels/',
  'data-care/',
];
// Nothing outside sync-server/src/store/ imports nano, types included, tests and test kits too: the
// Store contract's types and a test's own client come from store/couch.ts (issue 63).
const noNano = {
  group: ['nano', 'nano/*'],
  message:
    'Only sync-server/src/store/ talks to CouchDB: read and write through store/data.ts; types and a client of your own from store/couch.ts (issue 63).',
};
const layerFiles = (paths) => paths.map((p) => `sync-server/src/${p.endsWith('/') ? `${p}**/*.ts` : p}`);
const syncServerLayerConfigs = Object.entries(syncServerLayers).flatMap(([name, layer]) => {
  const above = Object.entries(syncServerLayers)
    .filter(([other]) => other !== name && !layer.uses.includes(other))
    .flatMap(([, l]) => importable(l.paths));
  const rules = [deepImports, syncServerPackages, testCode];
  if (above.length)
    rules.push({
      regex: importOf(above),
      message: `sync-server layers: ${name} (${layer.paths.join(' ')}) builds on ${layer.uses.join(', ') || 'nothing of the server'} only (ARCHITECTURE.md).`,
    });
  const config = (paths, extra) => ({
    files: layerFiles(paths),
    ignores: ['sync-server/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(...rules, ...extra) },
  });
  // Only store/ itself imports nano; the rest of the store layer (context.ts) takes its types from
  // store/couch.ts like everyone else.
  const own = layer.paths.filter((p) => p === 'store/');
  const rest = layer.paths.filter((p) => p !== 'store/');
  return [...(own.length ? [config(own, [])] : []), ...(rest.length ? [config(rest, [noNano])] : [])];
});
const rawDbMessage =
  'Read and write through store/data.ts (teamData, systemDocs), not the raw database (issue 63).';
const dataModuleConfig = {
  files: layerFiles(onDataModule),
  ignores: testFiles,
  rules: {
    'no-restricted-properties': [
      'error',
      { property: 'teamDb', message: rawDbMessage },
      { property: 'systemDb', message: rawDbMessage },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.tsbuild/**',
      '**/out/**',
      '**/dist/**',
      'data/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(sharedAlone, sharedNoUi) },
  },
  {
    // shared code runs in the renderer and its workers too; Node-only helpers live in shared/src/node/.
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/node/**', 'shared/src/cli/**', ...testFiles],
    rules: { 'no-restricted-imports': restrict(sharedAlone, sharedNoUi, nodeBuiltins, testCode) },
  },
  {
    files: ['shared/src/agents/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(sharedAlone, sharedNoUi, agentsNoPacks) },
  },
  {
    files: ['shared/src/agents/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrict(sharedAlone, sharedNoUi, nodeBuiltins, testCode, agentsNoPacks),
    },
  },
  {
    // The Node-only helpers the server imports (`@app/shared/node`); the evaluation CLIs may use fakes.
    files: ['shared/src/node/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict(sharedAlone, sharedNoUi, testCode) },
  },
  {
    files: ['bot/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(deepImports, botAlone) },
  },
  {
    files: ['bot/src/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict(deepImports, botAlone, testCode) },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(deepImports, syncServerPackages) },
  },
  {
    // Tests and test kits build their CouchDB clients through store/couch.ts too (the layers below
    // say the same for production files). The benchmarks may still use nano.
    files: ['sync-server/src/**/*.ts', 'sync-server/test/**/*.ts'],
    ignores: ['sync-server/src/store/**'],
    rules: { 'no-restricted-imports': restrict(deepImports, syncServerPackages, noNano) },
  },
  ...syncServerLayerConfigs,
  dataModuleConfig,
  {
    files: ['desktop/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrict(deepImports, desktopAlone) },
  },
  {
    files: ['desktop/src/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict(deepImports, desktopAlone, testCode) },
  },
  {
    files: ['desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrict(deepImports, nodeBuiltins, rendererAlone) },
  },
  {
    files: ['desktop/src/renderer/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrict(deepImports, nodeBuiltins, rendererAlone, testCode) },
  },
  {
    // Production code does not cast through `unknown` (issue 36): a stored doc's type comes from the
    // store's typed accessors (sync-server/src/store/collections.ts), the only place that may say what
    // a database holds; anything else is checked (a schema's parse, a type guard) or typed at its source.
    files: ['{shared,bot,sync-server,desktop}/src/**/*.{ts,tsx}'],
    ignores: ['sync-server/src/store/**', ...testFiles],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'TSAsExpression[expression.type="TSAsExpression"][expression.typeAnnotation.type="TSUnknownKeyword"]',
          message:
            'No `as unknown as` outside sync-server/src/store/: read through a typed accessor (store/collections.ts), parse, or type the source.',
        },
      ],
    },
  },
);
