// The store's setup on the test's CouchDB (embedded, or Apache CouchDB with TEST_COUCHDB_URL): several
// server processes set up one team at the same moment (registration in one, the runtime of the others)
// and each must succeed. Apache CouchDB answers concurrent creations of one Mango index with
// `500 error_saving_ddoc`; the embedded store does not.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, testCouchUrl, type TestCouch } from '../../test/helpers';
import { createCouchStore } from './couch-store';
import { missingIndexes, teamIndexes } from './indexes';

const log = pino({ level: 'silent' });
let couch: TestCouch;

beforeAll(async () => {
  couch = await startTestCouch('couch-store-', log);
});
afterAll(async () => {
  await couch.close();
});

/** A store as one server process has it (its own caches), on the test's CouchDB. */
const processStore = () =>
  createCouchStore({ url: couch.url, log, ...(couch.prefix ? { prefix: couch.prefix } : {}) });

describe('team setup by several processes at once', () => {
  it('succeeds in every process and leaves every index in place', async () => {
    const stores = Array.from({ length: 4 }, processStore);
    await Promise.all(stores.map((s) => s.setup()));
    for (const team of ['race1', 'race2', 'race3']) {
      const results = await Promise.allSettled(stores.map((s) => s.ensureTeam(team)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const indexes = (await stores[0]!.teamDb(team, 'messages').get('_index')) as unknown as {
        indexes: Array<{ name: string }>;
      };
      expect(indexes.indexes.map((i) => i.name)).toEqual(
        expect.arrayContaining(teamIndexes('messages').map((i) => i.name)),
      );
    }
  });
});

describe('a later start', () => {
  it('creates only the indexes a database lacks (same name and fields), none when all are there', async () => {
    const first = processStore();
    await first.setup();
    await first.ensureTeam('later');
    const messages = first.teamDb('later', 'messages') as never;
    expect(await missingIndexes(messages, teamIndexes('messages'))).toEqual([]);
    const added = { name: 'by-direction', fields: ['direction'] };
    const changed = { name: 'by-createdAt', fields: ['createdAt', 'direction'] };
    expect(await missingIndexes(messages, [...teamIndexes('messages'), added, changed])).toEqual([
      added,
      changed,
    ]);
    // Another process starting on the same databases sets them up without creating an index.
    const next = processStore();
    await next.setup();
    await next.ensureTeam('later');
    expect(await missingIndexes(messages, teamIndexes('messages'))).toEqual([]);
  });
});

describe('shards', () => {
  it.runIf(testCouchUrl)('on CouchDB, creates the databases with the shards asked for', async () => {
    const shardsOf = async (store: ReturnType<typeof processStore>, team: string) => {
      const name = store.dbName(team, 'messages');
      const { shards } = (await store.server.request({ db: name, path: '_shards' })) as {
        shards: Record<string, string[]>;
      };
      return Object.keys(shards).length;
    };
    const one = createCouchStore({ url: couch.url, log, prefix: couch.prefix, shards: 1 });
    await one.ensureTeam('oneshard');
    expect(await shardsOf(one, 'oneshard')).toBe(1);
    // Unset: CouchDB's own default (the kit's, two).
    const plain = processStore();
    await plain.ensureTeam('defaultshards');
    expect(await shardsOf(plain, 'defaultshards')).toBeGreaterThan(1);
  });
});
