// Hostile bodies through the sync gateway (issue 60): a viewer's push of a huge wrong-typed array is
// refused quickly while /healthz keeps answering (it was validated first, ajv making an error per item:
// 24 s for 15 MB); the role is asked before the schema; each collection's docs have a size bound from
// their schema (CouchDB's 413 `document_too_large` for a PUT, a refused row in `_bulk_docs`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDocs } from '@app/shared/fixtures';
import { startApiTestServer, type ApiTestServer, type TestTeam } from './api-kit';
import { call } from './helpers';

let t: ApiTestServer;
let team: TestTeam;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Hostile bodies');
}, 60_000);
afterAll(() => t?.close());

const ones = (n: number) => `[${'1,'.repeat(n - 1)}1]`;
const sync = (token: string, method: string, path: string, raw: string) =>
  call(t.base, method, `/sync/${path}`, { token, raw });

/** Polls /healthz back to back until `until` settles: the slowest answer (ms). */
async function slowestHealthz(until: Promise<unknown>): Promise<number> {
  let done = false;
  void until.finally(() => (done = true));
  let slowest = 0;
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(`${t.base}/healthz`);
    await res.arrayBuffer();
    slowest = Math.max(slowest, performance.now() - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  return slowest;
}

describe('hostile bodies through the gateway', () => {
  it("refuses a viewer's push of a 1.5-million-item wrong-typed array at once, /healthz answering meanwhile", async () => {
    const body = `{"docs":[{"_id":"huge","name":"x","tags":${ones(1_500_000)}}]}`;
    const t0 = performance.now();
    const push = sync(team.viewer, 'POST', 'contacts/_bulk_docs', body);
    const slowest = await slowestHealthz(push);
    const res = await push;
    const ms = performance.now() - t0;
    expect(res.status).toBe(201);
    expect(res.body).toEqual([
      { id: 'huge', error: 'forbidden', reason: expect.stringContaining('viewer may not create contacts') },
    ]);
    // Before: every item an ajv error, seconds of the event loop (and /healthz waited as long).
    expect(ms).toBeLessThan(3_000);
    expect(slowest).toBeLessThan(1_000);
    const put = await sync(team.viewer, 'PUT', 'contacts/huge', `{"name":"x","tags":${ones(1_500_000)}}`);
    expect(put.status).toBe(403);
  });

  it('asks the role before the schema: a viewer pushing an invalid doc is told of the role', async () => {
    const invalid = JSON.stringify({ _id: 'bad', name: 5, tags: [1, 2] });
    const put = await sync(team.viewer, 'PUT', 'contacts/bad', invalid);
    expect(put.status).toBe(403);
    expect(put.body).toEqual({ error: 'forbidden', reason: expect.stringContaining('viewer') });
    const bulk = await sync(team.viewer, 'POST', 'contacts/_bulk_docs', `{"docs":[${invalid}]}`);
    expect(bulk.body[0].reason).toContain('viewer');
    expect(bulk.body[0].reason).not.toContain('must be');
  });

  it("holds each collection's docs to their size bound: a 250 KB message is too large, not a contact", async () => {
    const text = 'x'.repeat(250_000);
    const message = JSON.stringify({ ...sampleDocs.messages, id: undefined, text });
    const put = await sync(team.rep, 'PUT', 'messages/big-message', message);
    expect(put.status).toBe(413);
    expect(put.body).toEqual({
      error: 'document_too_large',
      reason: expect.stringMatching(/^\(document\): is too large \(more than \d+ KB of JSON\)$/),
    });
    const bulk = await sync(
      team.rep,
      'POST',
      'messages/_bulk_docs',
      `{"docs":[${JSON.stringify({ ...sampleDocs.messages, _id: 'big-message', id: undefined, text })}]}`,
    );
    expect(bulk.body).toEqual([
      { id: 'big-message', error: 'forbidden', reason: expect.stringContaining('too large') },
    ]);
    // The same bytes in a contact are within its bound (1 MB): its schema answers instead.
    const contact = await sync(
      team.rep,
      'PUT',
      'contacts/big-contact',
      JSON.stringify({ ...sampleDocs.contacts, id: undefined, notes: text }),
    );
    expect(contact.status).toBe(403);
    expect(contact.body.reason).toContain('notes: is too long');
  });

  it("refuses a doc's over-long array unparsed and keeps the batch's others", async () => {
    const ok = JSON.stringify({ ...sampleDocs.contacts, _id: 'fine', id: undefined });
    const body = `{"docs":[{"_id":"long","tags":${ones(5_000)}},${ok}]}`;
    const res = await sync(team.rep, 'POST', 'contacts/_bulk_docs', body);
    expect(res.status).toBe(201);
    expect(res.body[0]).toEqual({
      id: 'long',
      error: 'forbidden',
      reason: 'an array of the document has too many items (more than 4096)',
    });
    expect(res.body[1]).toMatchObject({ id: 'fine', ok: true });
  });
});

describe('bodies in another encoding through the gateway', () => {
  /** The body's bytes as they are, to a /sync path: the status and body of the answer. */
  async function push(path: string, bytes: Buffer, contentType = 'application/json') {
    const res = await fetch(`${t.base}/sync/${path}`, {
      method: path.endsWith('_bulk_docs') ? 'POST' : 'PUT',
      headers: { authorization: `Bearer ${team.rep}`, 'content-type': contentType },
      body: bytes,
    });
    return { status: res.status, body: (await res.json()) as { error?: unknown } };
  }
  const doc = { ...sampleDocs.knowledge_sources, _id: 'utf16', id: undefined };
  const text = JSON.stringify({ docs: [doc] });
  const le = (s: string) => Buffer.from(s, 'utf16le');

  it('answers 400 to UTF-16 with or without a BOM, and to a charset other than UTF-8; nothing is written', async () => {
    // Found by bench/fuzz.ts: 24 bytes of `{"name":…` in UTF-16LE without a BOM were a 500.
    for (const [path, bytes] of [
      ['knowledge_sources/_bulk_docs', le('{"name":"x"}')],
      ['knowledge_sources/_bulk_docs', le(text)],
      ['knowledge_sources/_bulk_docs', Buffer.concat([Buffer.from([0xff, 0xfe]), le(text)])],
      ['knowledge_sources/utf16', le(JSON.stringify(doc))],
      ['knowledge_sources/utf16', Buffer.concat([Buffer.from([0xff, 0xfe]), le(JSON.stringify(doc))])],
    ] as const) {
      const res = await push(path, bytes);
      expect(res.status, `${path} ${bytes.subarray(0, 6).toString('hex')}`).toBe(400);
    }
    const declared = await push(
      'knowledge_sources/_bulk_docs',
      le(text),
      'application/json; charset=utf-16le',
    );
    expect(declared.status).toBe(400);
    expect(JSON.stringify(declared.body)).toContain('UTF-8');
    const read = await call(t.base, 'GET', '/sync/knowledge_sources/utf16', { token: team.rep });
    expect(read.status).toBe(404);
  });

  it('reads UTF-8 with a BOM, or with its charset said, as plain UTF-8', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const res = await push('knowledge_sources/_bulk_docs', Buffer.concat([bom, Buffer.from(text)]));
    expect(res.status).toBe(201);
    expect(res.body).toEqual([expect.objectContaining({ id: 'utf16', ok: true })]);
    const again = { ...doc, _id: 'utf8-said' };
    const said = await push(
      'knowledge_sources/_bulk_docs',
      Buffer.from(JSON.stringify({ docs: [again] })),
      'application/json; charset=UTF-8',
    );
    expect(said.body).toEqual([expect.objectContaining({ id: 'utf8-said', ok: true })]);
  });
});

describe('hostile bodies through the REST API', () => {
  it("refuses a rep's megabyte of wrong-typed tags before parsing it, and names a small doc's first problems", async () => {
    const t0 = performance.now();
    const huge = await call(t.base, 'POST', '/api/v1/contacts', {
      token: team.rep,
      raw: `{"name":"x","tags":${ones(460_000)}}`,
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toEqual({
      code: 'payload-too-large',
      message: 'An array of the body has more than 10000 items',
    });
    // Before: 1.3 s of ajv errors (one per item), here a scan that stops at item 10,001.
    expect(performance.now() - t0).toBeLessThan(1_000);
    const small = await t.as(team.rep)('POST', '/contacts', { name: 'x', tags: [1, 'ok', 2] });
    expect(small.status).toBe(400);
    expect(small.body.error.message).toBe('tags.0: must be string; tags.2: must be string');
  });
});
