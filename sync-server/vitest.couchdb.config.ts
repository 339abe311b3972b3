// The store-touching suites again, on Apache CouchDB 3: `npm run test:couchdb` from the repo root
// starts the CouchDB kit itself (or uses TEST_COUCHDB_URL). See README "Running against CouchDB".
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'sync-server-couchdb',
    root: import.meta.dirname,
    include: [
      'test/**/*.test.ts',
      'src/api/**/*.test.ts',
      'src/data-care/**/*.test.ts',
      'src/channels/**/*.test.ts',
      'src/runtime/**/*.test.ts',
      'src/seed/**/*.test.ts',
      'src/store/couch-store.test.ts',
    ],
    exclude: [
      // The embedded store's own process, and tests of pure functions (no store).
      'test/store-process.test.ts',
      'src/runtime/thread-cache.test.ts',
      // The model guards against the real llama-server: nothing store-specific, once is enough.
      'test/llm-real-server.test.ts',
    ],
    globalSetup: ['test/couchdb-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
