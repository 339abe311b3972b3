// The recent docs of a team collection against the test's store (embedded, or Apache CouchDB in the
// CouchDB pass): nothing cached before the feed has read to the end; a loaded doc follows the changes
// others make, a deletion drops it, this process's writes go in (a later revision the feed brought
// first wins), an older revision never replaces a newer one, and the least recently used go first.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, until, type TestStore } from '../../../test/helpers';
import { getDoc, type Stored } from '../couch-docs';
import { startRecentDocs, type RecentDocs } from './recent-docs';

const log = pino({ level: 'silent' });
const team = 'recent1';
let t: TestStore;
let recent: RecentDocs;
const db = () => t.store.teamDb<Record<string, unknown>>(team, 'contacts');
const read = (id: string) => () => getDoc(db(), id) as Promise<Stored<Record<string, unknown>> | undefined>;

beforeAll(async () => {
  t = await startTestStore('recent-docs-', log);
  await t.store.ensureTeam(team);
  recent = startRecentDocs({ store: t.store, teamId: team, collection: 'contacts', log, max: 3 });
  await until(() => recent.ready);
});

afterAll(async () => {
  await recent?.close();
  await t?.close();
});

describe('recent docs', () => {
  it('caches a loaded doc and follows what others write to it, then its deletion', async () => {
    await db().insert({ _id: 'c1', name: 'Anna' });
    const loaded = await recent.load('c1', read('c1'));
    expect(loaded).toMatchObject({ _id: 'c1', name: 'Anna' });
    expect(recent.get('c1')).toMatchObject({ name: 'Anna' });
    // Cached: answered from memory, the store not read.
    expect(await recent.load('c1', () => Promise.reject(new Error('read')))).toMatchObject({ name: 'Anna' });
    // Another writer (a rep's device, another process) renames her: the feed brings it.
    await db().insert({ ...loaded!, name: 'Anna K.' });
    await until(() => recent.get('c1')?.name === 'Anna K.');
    const current = recent.get('c1')!;
    await db().destroy('c1', current._rev);
    await until(() => recent.get('c1') === undefined);
  });

  it("takes this process's writes of a cached doc, and never an older revision over a newer one", async () => {
    await db().insert({ _id: 'c2', name: 'Boris' });
    const first = (await recent.load('c2', read('c2')))!;
    const res = await db().insert({ ...first, name: 'Boris V.' });
    recent.remember({ ...first, name: 'Boris V.', _rev: res.rev });
    expect(recent.get('c2')).toMatchObject({ name: 'Boris V.', _rev: res.rev });
    recent.remember(first);
    expect(recent.get('c2')?._rev).toBe(res.rev);
    // A doc written here and not read before is kept too, unless the feed brought a later revision
    // of it already (another writer's, a moment after ours): then that one.
    const created = await db().insert({ _id: 'c-new', name: 'New' });
    const renamed = await db().insert({ _id: 'c-new', _rev: created.rev, name: 'Renamed' });
    await until(() => false, 500).catch(() => undefined);
    recent.remember({ _id: 'c-new', _rev: created.rev, name: 'New' });
    expect(recent.get('c-new')).toMatchObject({ _rev: renamed.rev, name: 'Renamed' });
    const other = await db().insert({ _id: 'c-other', name: 'Other' });
    recent.remember({ _id: 'c-other', _rev: other.rev, name: 'Other' });
    expect(recent.get('c-other')).toMatchObject({ _rev: other.rev });
  });

  it('keeps the newest of a read and the changes that came while it was read', async () => {
    await db().insert({ _id: 'c3', name: 'Vera' });
    let newer = '';
    // The read answers the revision it found; another writer stores a newer one while its answer is
    // on the way, and the feed brings that one meanwhile.
    const loaded = await recent.load('c3', async () => {
      const found = (await getDoc(db(), 'c3'))!;
      newer = (await db().insert({ ...found, name: 'Vera P.' })).rev;
      await until(() => false, 500).catch(() => undefined);
      return found as Stored<Record<string, unknown>>;
    });
    expect(loaded?._rev).toBe(newer);
    expect(recent.get('c3')).toMatchObject({ name: 'Vera P.' });
  });

  it('keeps at most `max` docs, the least recently used going first', async () => {
    for (const id of ['d1', 'd2', 'd3', 'd4']) {
      await db().insert({ _id: id, name: id });
      await recent.load(id, read(id));
    }
    expect(recent.size).toBe(3);
    expect(recent.get('d1')).toBeUndefined();
    expect(recent.get('d4')).toMatchObject({ name: 'd4' });
  });
});
