// The store-touching suites again, on Apache CouchDB 3: `npm run test:couchdb` from the repo root
// starts the CouchDB kit itself (or uses TEST_COUCHDB_URL). See README "Running against CouchDB".
// Files run two at a time (each under a database prefix of its own); the timing-sensitive files and
// the crash and cluster tests run one at a time afterwards (vitest.groups.ts). It sits beside the
// root config because it shares vitest.groups.ts with it (sync-server's tsconfig holds its own files).
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { splitProject } from './vitest.groups.ts';

export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, 'sync-server'),
    // Once for the whole run (both groups share one kit).
    globalSetup: [resolve(import.meta.dirname, 'sync-server/test/couchdb-setup.ts')],
    projects: splitProject(
      'sync-server',
      {
        test: {
          name: 'sync-server-couchdb',
          include: [
            'test/**/*.test.ts',
            'src/api/**/*.test.ts',
            'src/data-care/**/*.test.ts',
            'src/channels/**/*.test.ts',
            'src/runtime/**/*.test.ts',
            'src/seed/**/*.test.ts',
            'src/store/couch-store.test.ts',
            'src/store/query-plans.test.ts',
          ],
          exclude: [
            // The embedded store's own process, and tests that use no store (pure functions, the
            // parser worker, the mail connection check, a change follower on a fake server).
            'test/store-process.test.ts',
            'src/runtime/thread-cache.test.ts',
            'src/runtime/twin-facts-merge.test.ts',
            'src/runtime/change-follower-stop.test.ts',
            'src/channels/profile-facts.test.ts',
            'src/channels/email/mime.test.ts',
            'src/channels/email/settings.test.ts',
            'src/seed/demo-seed.test.ts',
            'test/access-table.test.ts',
            'test/knowledge-parser.test.ts',
            // The model guards against the real llama-server: nothing store-specific, once is enough.
            'test/llm-real-server.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      1,
    ),
  },
});
