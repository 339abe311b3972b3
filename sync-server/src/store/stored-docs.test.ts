// The stored-shape accessors (stored-docs.ts) on the real (embedded) store: create-if-missing, writes
// on a revision that lose to a newer one (put answers null, a claim undefined), read-modify-write,
// queries and reads by ids as stored, bulk writes, and a team file's original as bytes and as a stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../test/helpers';
import { teamData, teamStored } from './data';

let testStore: TestStore;
const team = 'storeddocs';

beforeAll(async () => {
  testStore = await startTestStore('storeddocs');
  await testStore.store.ensureTeam(team);
}, 60_000);

afterAll(async () => testStore.close());

type Note = { text: string; n?: number };

describe('teamStored', () => {
  it('creates once, writes on the revision seen, and a stale write or claim loses', async () => {
    const notes = teamStored<Note>(testStore.store, team, 'activity');
    expect(await notes.create('n1', { text: 'a' })).toBe(true);
    expect(await notes.create('n1', { text: 'b' })).toBe(false);
    const first = await notes.get('n1');
    expect(first).toMatchObject({ _id: 'n1', text: 'a' });
    const rev = await notes.put({ ...first!, text: 'c' });
    expect(rev).toMatch(/^2-/);
    expect(await notes.put({ ...first!, text: 'stale' })).toBeNull();
    expect(await notes.claim({ ...first!, text: 'stale claim' })).toBeUndefined();
    const won = await notes.claim({ ...first!, _rev: rev!, text: 'claimed' });
    expect(won).toMatch(/^3-/);
    expect((await notes.get('n1'))?.text).toBe('claimed');
    expect(await notes.get('missing')).toBeUndefined();
  });

  it('updates with the current doc, reading again when another write came between', async () => {
    const notes = teamStored<Note>(testStore.store, team, 'activity');
    await notes.create('u1', { text: 'x', n: 0 });
    const bumps = await Promise.all(
      [1, 2, 3].map(() => notes.update('u1', (d) => ({ ...d, n: (d.n ?? 0) + 1 }))),
    );
    expect(bumps.every((b) => b?._rev)).toBe(true);
    expect((await notes.get('u1'))?.n).toBe(3);
    expect(await notes.update('u1', () => undefined)).toBeUndefined();
    expect(await notes.update('none', (d) => d)).toBeUndefined();
    const created = await notes.createStored('u2', { text: 'y' });
    expect(created?._rev).toMatch(/^1-/);
    expect(await notes.createStored('u2', { text: 'y' })).toBeUndefined();
  });

  it('finds, reads by ids (live docs only) and writes in bulk', async () => {
    const notes = teamStored<Note>(testStore.store, team, 'activity');
    const res = await notes.bulk([
      { _id: 'b1', text: 'bulk' },
      { _id: 'b2', text: 'bulk' },
    ]);
    expect(res.map((r) => Boolean(r.rev))).toEqual([true, true]);
    const b2 = await notes.get('b2');
    await notes.bulk([{ ...b2!, _deleted: true } as never]);
    const again = await notes.bulk([{ _id: 'b1', text: 'no rev' }]);
    expect(again[0]?.error).toBe('conflict');
    const found = await notes.find({ selector: { text: 'bulk' }, limit: 10 });
    expect(found.map((d) => d._id)).toEqual(['b1']);
    const byIds = await notes.byIds(['b1', 'b2', 'nope', '_design/x']);
    expect(byIds.map((d) => d._id)).toEqual(['b1']);
    expect(await notes.bulk([])).toEqual([]);
  });
});

describe('teamData().files', () => {
  it("keeps a file's original, read whole, as a stream, or added on a revision", async () => {
    const files = teamData(testStore.store, team).files;
    const bytes = Buffer.from('héllo\r\nbytes', 'latin1');
    await files.store('f1', { kind: 'attachment', fileName: 'a.txt' }, bytes, 'text/plain');
    expect(Buffer.from((await files.originalOrNone('f1'))!)).toEqual(bytes);
    expect(await files.originalOrNone('missing')).toBeUndefined();
    const parts: Buffer[] = [];
    for await (const chunk of files.originalStream('f1')) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts)).toEqual(bytes);
    const record = teamStored<{ kind: string }>(testStore.store, team, 'files');
    const rev = await record.put({ _id: 'f2', kind: 'other' });
    await files.attachOriginal('f2', rev!, Buffer.from('raw mail'), 'message/rfc822');
    expect(Buffer.from((await files.originalOrNone('f2'))!).toString()).toBe('raw mail');
  });
});
