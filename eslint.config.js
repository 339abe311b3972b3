// Lint rules, including the import boundaries of ARCHITECTURE.md:
//   shared      imports nothing of the repo
//   bot         imports shared only
//   sync-server imports shared and bot
//   desktop     imports shared; its renderer never imports electron or node: modules
// Cross-package imports go through each package's `exports` map, never deep paths.
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
    rules: {
      'no-restricted-imports': restrict(
        { group: ['@app/*'], message: 'shared is the domain: it imports nothing of the repo.' },
        { group: ['electron', 'react', 'react-dom'], message: 'shared imports no Electron and no React.' },
      ),
    },
  },
  {
    // shared code runs in the renderer and its workers too; Node-only helpers live in shared/src/node/.
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/node/**', 'shared/src/**/*.test.ts', 'shared/src/cli/**'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['@app/*'], message: 'shared is the domain: it imports nothing of the repo.' },
        { group: ['electron', 'react', 'react-dom'], message: 'shared imports no Electron and no React.' },
        nodeBuiltins,
      ),
    },
  },
  {
    files: ['bot/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(deepImports, {
        group: ['@app/sync-server', '@app/sync-server/*', '@app/desktop', '@app/desktop/*', 'electron'],
        message: 'bot imports only shared.',
      }),
    },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(deepImports, {
        group: ['@app/desktop', '@app/desktop/*', 'electron', 'react', 'react-dom'],
        message: 'sync-server imports shared and bot only.',
      }),
    },
  },
  {
    files: ['desktop/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(deepImports, {
        group: ['@app/sync-server', '@app/sync-server/*', '@app/bot', '@app/bot/*'],
        message: 'desktop imports only shared.',
      }),
    },
  },
  {
    files: ['desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(deepImports, nodeBuiltins, {
        group: ['electron', '@app/sync-server', '@app/sync-server/*', '@app/bot', '@app/bot/*'],
        message: 'The renderer talks to the shell only through the preload API (window.desktop).',
      }),
    },
  },
);
