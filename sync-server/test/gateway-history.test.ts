// The plan's history on the sync gateway (gateway/history.ts): a device of a team on the Free plan
// (90 days) replicates the conversations and messages of those 90 days and nothing older, by every read
// a CouchDB client makes (`_changes` normal and long-poll, `_all_docs`, `_bulk_get`, a doc by id) and by
// a real PouchDB replication; the answers say how much history they carry; a larger plan shows it all
// again, nothing having been deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, call, register, startTestServer, tempDir, type Session } from './helpers';
import { conversation, daysAgo, message } from './history-docs';
import { localPouch, remotePouch } from './pouch-client';

type Json = Record<string, unknown>;
type Change = { id: string; seq: unknown; deleted?: boolean; doc?: Json };
const OPERATOR = 'operator-token-0123456789abcdef';

let server: RunningServer;
let admin: Session;
let teamId: string;
const dir = tempDir('gateway-history-');
const clientDir = tempDir('gateway-history-client-');

// Written first, so that a client's first batches of changes hold only what the plan leaves out.
const oldMessages = Array.from({ length: 40 }, (_, i) => message(`m-old-${i}`, 'conv-old', daysAgo(200 - i)));
const recentIds = ['m-back-1', 'm-back-2'];

const setPlan = (plan: string) =>
  call(server.url, 'PUT', `/api/v1/billing/operator/teams/${teamId}/plan`, {
    body: { plan },
    headers: { authorization: `Bearer ${OPERATOR}` },
  });
const sync = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/sync/${path}`, { token: admin.accessToken, ...(body ? { body } : {}) });

/** Every change of `collection` from the start, as a client pulls them in batches of `limit`. */
async function pullAll(collection: string, limit: number, docs = true) {
  const seen: Change[] = [];
  let since: unknown = 0;
  for (let round = 0; round < 100; round++) {
    const res = await sync(
      'GET',
      `${collection}/_changes?style=all_docs&include_docs=${docs}&since=${encodeURIComponent(String(since))}&limit=${limit}&seq_interval=${limit}`,
    );
    expect(res.status).toBe(200);
    const body = res.body as { results: Change[]; last_seq: unknown };
    // A client stops at an empty batch (RxDB keeps its checkpoint then): there must be none before the end.
    if (body.results.length === 0) return seen;
    seen.push(...body.results);
    since = body.last_seq;
  }
  throw new Error('the feed never ended');
}
// CouchDB's changes of a sharded database come in no set order.
const ids = (changes: Change[]) =>
  changes
    .map((c) => c.id)
    .filter((id) => !id.startsWith('_design/'))
    .sort();

beforeAll(async () => {
  server = await startTestServer(dir.path, { ...CORE, BILLING_OPERATOR_TOKEN: OPERATOR });
  admin = await register(server.url, 'History sync team');
  teamId = String((admin as unknown as { team: { id: string } }).team.id);
  await server.store.teamDb(teamId, 'messages').bulk({ docs: oldMessages as never[] });
  await server.store.teamDb(teamId, 'conversations').bulk({
    docs: [conversation('conv-old', daysAgo(160)), conversation('conv-back', daysAgo(1))] as never[],
  });
  await server.store.teamDb(teamId, 'messages').bulk({
    docs: [
      message('m-back-1', 'conv-back', daysAgo(2)),
      message('m-back-2', 'conv-back', daysAgo(1)),
    ] as never[],
  });
  expect((await setPlan('free')).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.close();
  dir.remove();
  clientDir.remove();
});

describe("the plan's history through the sync gateway", () => {
  it('pulls only the last 90 days in full batches, with or without docs, and says how much history it is', async () => {
    const head = await sync('GET', 'messages/_changes?limit=1');
    expect(head.headers.get('x-history-days')).toBe('90');
    // On every collection's answers, so that a device learns it from whichever pull comes next.
    expect((await sync('GET', 'leads/_changes?limit=1')).headers.get('x-history-days')).toBe('90');

    // 40 changes the plan leaves out come first: the first batch of 2 still holds the two kept ones.
    const pulled = await pullAll('messages', 2);
    expect(ids(pulled)).toEqual(recentIds);
    expect(pulled.every((c) => (c.doc as Json)._id === c.id)).toBe(true);
    const withoutDocs = await pullAll('messages', 5, false);
    expect(ids(withoutDocs)).toEqual(recentIds);
    expect(withoutDocs.some((c) => 'doc' in c)).toBe(false);
    expect(ids(await pullAll('conversations', 10))).toEqual(['conv-back']);
  });

  it('answers reads by id as a store without those docs would, and a doc by id with 402', async () => {
    const keys = await sync('POST', 'messages/_all_docs', {
      keys: ['m-old-3', 'm-back-1'],
      include_docs: true,
    });
    expect(keys.status).toBe(200);
    const rows = (keys.body as { rows: Json[] }).rows;
    expect(rows[0]).toEqual({ key: 'm-old-3', error: 'not_found' });
    expect(rows[1]).toMatchObject({ id: 'm-back-1', doc: { text: 'said m-back-1' } });
    const listed = (await sync('GET', 'messages/_all_docs')).body as { rows: Json[] };
    const listedIds = listed.rows.map((r) => String(r.id)).filter((id) => !id.startsWith('_design/'));
    expect(listedIds.sort()).toEqual(recentIds);
    expect(listed.rows.some((r) => 'doc' in r)).toBe(false);

    const bulk = await sync('POST', 'messages/_bulk_get', { docs: [{ id: 'm-old-3' }, { id: 'm-back-2' }] });
    const results = (bulk.body as { results: Array<{ docs: Json[] }> }).results;
    expect(results[0]!.docs[0]).toMatchObject({ error: { id: 'm-old-3', error: 'not_found' } });
    expect(results[1]!.docs[0]).toMatchObject({ ok: { _id: 'm-back-2' } });

    const old = await sync('GET', 'conversations/conv-old');
    expect(old.status).toBe(402);
    expect((old.body as { error: Json }).error).toMatchObject({
      code: 'plan-limit-reached',
      details: { limit: 'historyDays', plan: 'free', max: 90 },
    });
    expect((await sync('GET', 'conversations/conv-back')).status).toBe(200);
    const { _rev: rev } = await server.store.teamDb(teamId, 'messages').get('m-old-3');
    const revs = encodeURIComponent(JSON.stringify([rev]));
    expect((await sync('GET', `messages/m-old-3?open_revs=${revs}`)).body).toEqual([{ missing: rev }]);
  });

  it('carries on a long-poll only what is inside the window', async () => {
    const now = (await sync('GET', 'messages/_changes?feed=longpoll&since=now&timeout=100')).body as Json;
    const waiting = sync(
      'GET',
      `messages/_changes?feed=longpoll&include_docs=true&since=${encodeURIComponent(String(now.last_seq))}&timeout=10000`,
    );
    await server.store.teamDb(teamId, 'messages').bulk({
      docs: [
        message('m-late-old', 'conv-old', daysAgo(150)),
        message('m-new', 'conv-back', daysAgo(0)),
      ] as never[],
    });
    const answered = (await waiting).body as { results: Change[]; last_seq: unknown };
    // The long-poll ends at the first change; the old one, alone, ends it empty with a newer seq.
    const seen = ids(answered.results);
    expect(seen.every((id) => id === 'm-new')).toBe(true);
    const rest = await sync(
      'GET',
      `messages/_changes?include_docs=true&since=${encodeURIComponent(String(answered.last_seq))}`,
    );
    expect([...seen, ...ids((rest.body as { results: Change[] }).results)]).toEqual(['m-new']);
  });

  it('replicates into PouchDB only the window, and all of it once the plan keeps all history', async () => {
    const remote = remotePouch(`${server.url}/sync/messages`, admin.accessToken);
    const local = localPouch(clientDir.path)('free-device');
    await local.replicate.from(remote, { batch_size: 5 });
    const onDevice = async () =>
      (await local.allDocs()).rows
        .map((r) => r.id)
        .filter((id) => !id.startsWith('_design/'))
        .sort();
    expect(await onDevice()).toEqual(['m-back-1', 'm-back-2', 'm-new']);

    expect((await setPlan('business')).status).toBe(200);
    const again = await sync('GET', 'messages/_changes?limit=1');
    expect(again.headers.get('x-history-days')).toBe('all');
    const fresh = localPouch(clientDir.path)('business-device');
    await fresh.replicate.from(remote, { batch_size: 50 });
    expect((await fresh.allDocs()).rows.filter((r) => !r.id.startsWith('_design/'))).toHaveLength(
      oldMessages.length + 4,
    );
    expect((await sync('GET', 'conversations/conv-old')).status).toBe(200);
    await setPlan('free');
  });
});
