// Checkpoint writes: `_` members other than `_id`, `_rev` and `_deleted` are refused with a 400
// (`_attachments: " "` made the embedded store answer 500; found by bench/fuzz.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { CORE, call, register, startTestServer, tempDir, type Session } from '../../test/helpers';

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

const put = (body: unknown) =>
  call(server.url, 'PUT', '/sync/agent_settings/_local/cp-1', { token: s.accessToken, body });

describe('PUT _local checkpoints', () => {
  it('refuses CouchDB special members a checkpoint cannot have', async () => {
    for (const extra of [
      { _attachments: ' ' },
      { _attachments: { a: { data: 'eA==' } } },
      { _revisions: 1 },
      { _x: 1 },
    ]) {
      const res = await put({ _id: '_local/cp-1', last_seq: '1', ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error.code).toBe('bad-request');
    }
    // The fuzz case as found: 502 from the store before.
    const found = await call(server.url, 'PUT', '/sync/agent_settings/_local/_local', {
      token: s.accessToken,
      body: { _id: 'b-file-1', last_seq: '638', session_id: 'fz', _attachments: ' ' },
    });
    expect(found.status).toBe(400);
  });

  it('stores and reads back a replication checkpoint', async () => {
    const saved = await put({ _id: '_local/cp-1', last_seq: '7', session_id: 's', history: [] });
    expect(saved.status).toBe(201);
    const again = await put({ _id: '_local/cp-1', _rev: saved.body.rev, last_seq: '8' });
    expect(again.status).toBe(201);
    const read = await call(server.url, 'GET', '/sync/agent_settings/_local/cp-1', { token: s.accessToken });
    expect(read.body.last_seq).toBe('8');
  });

  it('refuses a body nested too deeply with a 400, on the gateway and the API', async () => {
    // The fuzz case: 10,000 levels made JSON.stringify overflow the stack (a 500).
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const raw = (method: string, path: string, body: string) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${s.accessToken}`, 'content-type': 'application/json' },
        body,
      });
    for (const [method, path, body] of [
      ['PUT', '/sync/agent_settings/_local/cp-1', `{"_id":"_local/cp-1","last_seq":"1","deep":${deep}}`],
      ['POST', '/sync/leads/_bulk_docs', `{"docs":[{"_id":"x","deep":${deep}}]}`],
      ['POST', '/api/v1/contacts', `{"deep":${deep}}`],
    ] as const) {
      const res = await raw(method, path, body);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad-request');
    }
    // Brackets inside strings are text, not nesting.
    const ok = await call(server.url, 'PUT', '/sync/agent_settings/_local/cp-deep', {
      token: s.accessToken,
      body: { _id: '_local/cp-deep', last_seq: '['.repeat(200) + '{"'.repeat(100), history: [] },
    });
    expect(ok.status).toBe(201);
  });
});
