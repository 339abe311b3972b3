// Pushing through the gateway: every doc is validated on its own; refused docs come back as
// `{id, error: 'forbidden', reason}` and the valid docs of the same batch are kept. Files carry
// attachments within limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, call, leadDoc, register, startTestServer, tempDir, type Session } from './helpers';

let server: RunningServer;
let s: Session;
const dir = tempDir();

beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
  s = await register(server.url);
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

describe('_bulk_docs validation', () => {
  it('keeps the valid docs of a batch and refuses the invalid ones one by one', async () => {
    const docs = [
      leadDoc('lead-ok-1'),
      leadDoc('lead-bad-stage', { stage: 'maybe' }),
      leadDoc('lead-ok-2'),
      { _id: 'lead-missing' },
      leadDoc('lead-extra', { hacker: true }),
      leadDoc('_design/x'),
      'not an object',
      leadDoc('lead-ok-3'),
    ];
    const res = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: s.accessToken,
      body: { docs },
    });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(docs.length);
    expect(res.body.map((r: { ok?: boolean; error?: string }) => (r.ok ? 'ok' : r.error))).toEqual([
      'ok',
      'forbidden',
      'ok',
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
      'ok',
    ]);
    expect(res.body[1]).toMatchObject({ id: 'lead-bad-stage', error: 'forbidden' });
    expect(res.body[1].reason).toContain('stage');
    const all = await call(server.url, 'GET', '/sync/leads/_all_docs', { token: s.accessToken });
    const ids = all.body.rows
      .map((r: { id: string }) => r.id)
      .filter((id: string) => !id.startsWith('_design/'));
    expect(ids).toEqual(['lead-ok-1', 'lead-ok-2', 'lead-ok-3']);
  });

  it('with new_edits=false answers only the refusals', async () => {
    const docs = [
      { ...leadDoc('lead-r1'), _rev: '1-aaaa', _revisions: { start: 1, ids: ['aaaa'] } },
      { ...leadDoc('lead-r2', { score: 'high' }), _rev: '1-bbbb', _revisions: { start: 1, ids: ['bbbb'] } },
    ];
    const res = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: s.accessToken,
      body: { docs, new_edits: false },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual([expect.objectContaining({ id: 'lead-r2', error: 'forbidden' })]);
    const got = await call(server.url, 'GET', '/sync/leads/lead-r1', { token: s.accessToken });
    expect(got.body._rev).toBe('1-aaaa');
  });

  it('refuses attachments outside the files collection and accepts tombstones', async () => {
    const put = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: s.accessToken,
      body: {
        docs: [
          leadDoc('lead-att', { _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } } }),
        ],
      },
    });
    expect(put.body[0].error).toBe('forbidden');
    const created = await call(server.url, 'PUT', '/sync/leads/lead-del', {
      token: s.accessToken,
      body: leadDoc('lead-del'),
    });
    expect(created.status).toBe(201);
    const del = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: s.accessToken,
      body: { docs: [{ _id: 'lead-del', _rev: created.body.rev, _deleted: true }] },
    });
    expect(del.body[0].ok).toBe(true);
  });

  it('refuses docs with malformed CouchDB fields one by one (CouchDB would refuse the whole batch)', async () => {
    const res = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: s.accessToken,
      body: {
        new_edits: false,
        docs: [
          { ...leadDoc('lead-rev-bad'), _rev: 'garbage' },
          { ...leadDoc('lead-no-rev') },
          { ...leadDoc('lead-revs-bad'), _rev: '2-b', _revisions: { start: 2, ids: 'x' } },
          { ...leadDoc('lead-rev-ok'), _rev: '1-cc', _revisions: { start: 1, ids: ['cc'] } },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([
      'lead-rev-bad',
      'lead-no-rev',
      'lead-revs-bad',
    ]);
    expect((await call(server.url, 'GET', '/sync/leads/lead-rev-ok', { token: s.accessToken })).status).toBe(
      200,
    );
  });

  it('answers malformed bodies with 4xx JSON', async () => {
    const cases = [
      { raw: '{"docs": [', code: 'invalid-json' },
      { raw: '{"docs": 5}', code: 'bad-request' },
      { raw: '{"docs": [], "all_or_nothing": true}', code: 'bad-request' },
      { raw: '"docs"', code: 'invalid-json' },
      { raw: '{"docs": [], "new_edits": "no"}', code: 'bad-request' },
    ];
    for (const c of cases) {
      const res = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
        token: s.accessToken,
        raw: c.raw,
      });
      expect(res.status, c.raw).toBe(400);
      expect(res.body.error.code, c.raw).toBe(c.code);
    }
  });
});

describe('files', () => {
  const file = (id: string, bytes: number, extra: Record<string, unknown> = {}) => ({
    _id: id,
    fileName: 'prices.txt',
    mimeType: 'text/plain',
    size: bytes,
    kind: 'knowledge',
    _attachments: {
      original: { content_type: 'text/plain', data: Buffer.alloc(bytes, 'a').toString('base64') },
    },
    ...extra,
  });

  it('stores files with attachments and serves them back', async () => {
    const res = await call(server.url, 'POST', '/sync/files/_bulk_docs', {
      token: s.accessToken,
      body: {
        docs: [
          file('file-1', 1000),
          file('file-bad', 10, { fileName: 5 }),
          file('file-2', 10, { owner: 'x' }),
        ],
      },
    });
    expect(res.body.map((r: { ok?: boolean }) => Boolean(r.ok))).toEqual([true, false, false]);
    const att = await fetch(`${server.url}/sync/files/file-1/original`, {
      headers: { authorization: `Bearer ${s.accessToken}` },
    });
    expect(att.status).toBe(200);
    expect((await att.text()).length).toBe(1000);
    const doc = await call(server.url, 'GET', '/sync/files/file-1?attachments=true', {
      token: s.accessToken,
    });
    expect(doc.body._attachments.original.data).toBe(Buffer.alloc(1000, 'a').toString('base64'));
  });

  it('refuses oversized attachments and bodies', async () => {
    const big = await call(server.url, 'PUT', '/sync/files/file-big', {
      token: s.accessToken,
      body: file('file-big', 26 * 1024 * 1024),
    });
    expect(big.status).toBe(403);
    const huge = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: s.accessToken,
      raw: JSON.stringify({ docs: [leadDoc('x', { notes: 'a'.repeat(17 * 1024 * 1024) })] }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload-too-large');
  });
});
