// The leads list cache never answers older than the database: a write through the gateway (not the
// API) shows at once, and so does a team restored into databases whose update sequence and doc count
// happen to match the old ones (a recreated database counts its sequence from 0 again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, CORE, leadDoc, register, startTestServer, tempDir, type Session } from '../../test/helpers';
import type { RunningServer } from '../server';

let server: RunningServer;
let session: Session;
const dir = tempDir('list-cache-');

beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
  session = await register(server.url, 'Cached');
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

const push = (docs: object[]) =>
  call(server.url, 'POST', '/sync/leads/_bulk_docs', { token: session.accessToken, body: { docs } });
const titles = async (query = '') => {
  const res = await call(server.url, 'GET', `/api/v1/leads${query}`, { token: session.accessToken });
  expect(res.status).toBe(200);
  return (res.body.items as { title: string }[]).map((l) => l.title);
};

describe('leads list cache', () => {
  it('answers from the cache only while the database is unchanged', async () => {
    expect((await push([leadDoc('lead-a', { title: 'A' }), leadDoc('lead-b', { title: 'B' })])).status).toBe(
      201,
    );
    expect(await titles()).toEqual(['A', 'B']);
    expect(await titles()).toEqual(['A', 'B']);
    // Paging and filters are cached apart.
    expect(await titles('?limit=1')).toEqual(['A']);
    await push([leadDoc('lead-c', { title: 'C', stage: 'won' })]);
    expect(await titles()).toEqual(['A', 'B', 'C']);
    expect(await titles('?stage=won')).toEqual(['C']);
    const patched = await call(server.url, 'PATCH', '/api/v1/leads/lead-a', {
      token: session.accessToken,
      body: { title: 'A2' },
    });
    expect(patched.status).toBe(200);
    expect(await titles()).toEqual(['A2', 'B', 'C']);
  });

  it('does not mistake a recreated database for the old one', async () => {
    const teamId = session.team.id;
    const db = server.store.teamDb(teamId, 'leads');
    const before = await db.info();
    const count = (await titles()).length;
    // As a restore does: drop the team's databases, create them again, fill them.
    await server.store.dropTeam(teamId);
    await server.store.ensureTeam(teamId);
    const after = await db.info();
    // New docs up to the old count, then edits up to the old sequence.
    const fill = Array.from({ length: before.doc_count - after.doc_count }, (_, i) =>
      leadDoc(`lead-new-${i}`, { title: `New ${i}` }),
    );
    expect(fill).toHaveLength(count);
    const rows = (await push(fill)).body as { rev: string }[];
    let rev = rows[0]!.rev;
    const seqNumber = (seq: unknown) => parseInt(String(seq), 10);
    const edits = seqNumber(before.update_seq) - seqNumber(after.update_seq) - fill.length;
    for (let i = 0; i < edits; i++) {
      const edited = await push([{ ...fill[0], _rev: rev, title: `New 0 v${i + 1}` }]);
      rev = (edited.body as { rev: string }[])[0]!.rev;
    }
    const now = await db.info();
    // The new database is where the old one was: same sequence number, same number of docs (on
    // CouchDB the rest of the sequence names the new shards, on the embedded store nothing does).
    expect(seqNumber(now.update_seq)).toBe(seqNumber(before.update_seq));
    expect(now.doc_count).toBe(before.doc_count);
    const expected = fill.map((d) => d.title);
    if (edits > 0) expected[0] = `New 0 v${edits}`;
    expect(await titles()).toEqual(expected);
  });
});
