// `latest=true` with a revision the doc never had: PouchDB under the embedded store threw from a
// callback and its process died (found by bench/fuzz.ts; any viewer could take the store down). The
// gateway forwards `latest` only for revisions the store knows; unknown ones answer as missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { CORE, call, leadDoc, register, startTestServer, tempDir, type Session } from '../../test/helpers';

let server: RunningServer;
let s: Session;
const dir = tempDir();
let rev1 = '';
let rev2 = '';

beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
  s = await register(server.url);
  const put1 = await call(server.url, 'PUT', '/sync/leads/lead-1', {
    token: s.accessToken,
    body: leadDoc('lead-1'),
  });
  rev1 = put1.body.rev;
  const put2 = await call(server.url, 'PUT', '/sync/leads/lead-1', {
    token: s.accessToken,
    body: { ...leadDoc('lead-1', { title: 'Second' }), _rev: rev1 },
  });
  rev2 = put2.body.rev;
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

const get = (path: string) => call(server.url, 'GET', path, { token: s.accessToken });

describe('latest=true', () => {
  it('answers an unknown revision as missing instead of taking the store down', async () => {
    const one = await get('/sync/leads/lead-1?rev=1-abc&latest=true');
    expect(one.status).toBe(404);
    const open = await get(`/sync/leads/lead-1?open_revs=${encodeURIComponent('["1-abc"]')}&latest=true`);
    expect(open.status).toBe(200);
    expect(open.body).toEqual([{ missing: '1-abc' }]);
    const bulk = await call(server.url, 'POST', '/sync/leads/_bulk_get?latest=true&revs=true', {
      token: s.accessToken,
      body: { docs: [{ id: 'lead-1', rev: '1-abc' }] },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results).toEqual([{ id: 'lead-1', docs: [{ missing: '1-abc' }] }]);
    expect((await get('/sync/leads/lead-1')).status).toBe(200);
    expect((await call(server.url, 'GET', '/healthz')).body).toEqual({ status: 'ok', store: 'ok' });
  });

  it('still resolves a known old revision to the latest leaf', async () => {
    const one = await get(`/sync/leads/lead-1?rev=${rev1}&latest=true`);
    expect(one.status).toBe(200);
    expect(one.body._rev).toBe(rev2);
    const bulk = await call(server.url, 'POST', '/sync/leads/_bulk_get?latest=true', {
      token: s.accessToken,
      body: { docs: [{ id: 'lead-1', rev: rev1 }] },
    });
    expect(bulk.body.results[0].docs[0].ok._rev).toBe(rev2);
  });
});
