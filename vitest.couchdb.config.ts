// The store-touching suites again, on Apache CouchDB 3: `npm run test:couchdb` from the repo root
// starts the CouchDB kit itself (or uses TEST_COUCHDB_URL). See README "Running against CouchDB".
// Files run two at a time (each under a database prefix of its own), the cluster and crash tests first
// (the longest); the timing-sensitive files run one at a time afterwards (vitest.groups.ts). It sits beside the
// root config because it shares vitest.groups.ts with it (sync-server's tsconfig holds its own files).
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { LongFirstSequencer, splitProject } from './vitest.groups.ts';

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
          // What differs between the backends, and only that. The main pass (`npm test`) runs every
          // file below on the embedded store too; a suite that only drives HTTP routes above the store
          // (CRUD, CSV, analytics, settings, auth, models, integrations, pages, fuzzing) runs there once,
          // because the store under it answers those routes through the same nano calls either way.
          include: [
            // The store contract: what the store answers, its query plans (CouchDB wants an index for
            // each sort), update sequences (opaque strings on CouchDB) and conflicts.
            'src/store/couch-store.test.ts',
            'src/store/query-plans.test.ts',
            'src/api/list-cache.test.ts',
            // The gateway: forwarding, bulk writes refused doc by doc, long-polls, isolation, policy.
            'test/gateway-*.test.ts',
            'test/access-policy.test.ts',
            'test/session-revocation.test.ts',
            // Replication by PouchDB and RxDB clients, and what the gateway refuses of it.
            'test/replication-*.test.ts',
            // The runtime: changes followers, leases and checkpoints (store/feeds/), the agents' host and
            // knowledge on them, several processes on one store, registration racing the runtime on
            // CouchDB's design docs, crashes, restarts, the cluster.
            'src/store/feeds/**/*.test.ts',
            'src/agents/**/*.test.ts',
            'src/knowledge/**/*.test.ts',
            'test/register-runtime.test.ts',
            'test/restart.test.ts',
            'test/crash.test.ts',
            'test/cluster.test.ts',
            // The channels' intake (ids from the channel, contact and conversation docs by CAS) and their
            // outbox (claims by revision, order, delivery steps), on each channel and across them.
            'src/channels/**/*.test.ts',
            'test/channels-e2e.test.ts',
            'test/cross-channel-e2e.test.ts',
            'test/merged-contact-intake-e2e.test.ts',
            'test/telegram-*.test.ts',
            'test/email-e2e.test.ts',
            'test/vk-e2e.test.ts',
            'test/webchat-draft-e2e.test.ts',
            'test/stage-notify-e2e.test.ts',
            'test/external-push-e2e.test.ts',
            // Attachments (the embedded store has its own short way for them), backup and restore,
            // erasure (purge and compaction on CouchDB).
            'test/knowledge-e2e.test.ts',
            'src/data-care/backup-restore.test.ts',
            'src/data-care/restore-atomic.test.ts',
            'src/data-care/privacy.test.ts',
          ],
          exclude: [
            // Tests in those folders that use no store (pure functions, a change follower on a fake
            // server) or judge only HTTP above it (a widget's pages and flood limits).
            'src/agents/thread-cache.test.ts',
            'src/agents/twin-facts-merge.test.ts',
            'src/store/feeds/change-follower-stop.test.ts',
            'src/store/feeds/continuous-changes.test.ts',
            'src/channels/profile-facts.test.ts',
            'src/channels/email/mime.test.ts',
            'src/channels/email/settings.test.ts',
            'src/channels/webchat/webchat-pages.test.ts',
            'src/channels/webchat/webchat-guard.test.ts',
            // A Telegram channel's posts turned into social mentions: social/'s logic above the store
            // (its docs are read and written as the VK monitor's, which runs on the embedded store).
            'test/telegram-social-e2e.test.ts',
            // Serial files of the main pass (vitest.groups.ts) that are not above: the serial group
            // takes its files from that list, so they are named here to keep them out.
            'test/knowledge-hostile.test.ts',
            'test/llm-real-server.test.ts',
            'test/auth-timing.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      1,
    ),
    sequence: { sequencer: LongFirstSequencer },
  },
});
