// Team isolation and the gateway's refusals: team B reads and writes nothing of team A by any
// collection, guessed database names, `_all_dbs`-style paths, `..` or encoded paths; viewers read
// but never write; only replication endpoints are forwarded.
import { collectionNames } from '@app/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import {
  CORE,
  acceptInvite,
  call,
  leadDoc,
  rawCall,
  register,
  startTestServer,
  tempDir,
  type Session,
} from './helpers';

/** Parsed JSON of an answer (shape checked by the assertions). */
type Json = ReturnType<typeof JSON.parse>;

let server: RunningServer;
let a: Session;
let b: Session;
const dir = tempDir();

beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
  a = await register(server.url, 'Team A');
  b = await register(server.url, 'Team B');
  const push = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
    token: a.accessToken,
    body: { docs: [leadDoc('lead-secret', { title: 'Secret deal of A' })] },
  });
  expect(push.status).toBe(201);
  expect(push.body[0].ok).toBe(true);
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

const expectJsonError = (res: { status: number; body: Json }, ...statuses: number[]) => {
  expect(statuses).toContain(res.status);
  expect(typeof res.body).toBe('object');
  expect(JSON.stringify(res.body)).not.toContain('Secret deal');
};

describe('team isolation through the gateway', () => {
  it('team B sees nothing of team A in any collection or endpoint', async () => {
    for (const c of [...collectionNames, 'files']) {
      const changes = await call(server.url, 'GET', `/sync/${c}/_changes?include_docs=true`, {
        token: b.accessToken,
      });
      expect(changes.status).toBe(200);
      expect(changes.body.results).toEqual([]);
      const all = await call(server.url, 'GET', `/sync/${c}/_all_docs?include_docs=true`, {
        token: b.accessToken,
      });
      expect(all.status).toBe(200);
      expect(all.body.rows.filter((r: { id: string }) => !r.id.startsWith('_design/'))).toEqual([]);
    }
    const doc = await call(server.url, 'GET', '/sync/leads/lead-secret', { token: b.accessToken });
    expectJsonError(doc, 404);
    const bulkGet = await call(server.url, 'POST', '/sync/leads/_bulk_get', {
      token: b.accessToken,
      body: { docs: [{ id: 'lead-secret' }] },
    });
    expect(bulkGet.status).toBe(200);
    expect(JSON.stringify(bulkGet.body)).not.toContain('Secret deal');
    const keys = await call(server.url, 'POST', '/sync/leads/_all_docs', {
      token: b.accessToken,
      body: { keys: ['lead-secret'], include_docs: true },
    });
    expect(JSON.stringify(keys.body)).not.toContain('Secret deal');
    const diff = await call(server.url, 'POST', '/sync/leads/_revs_diff', {
      token: b.accessToken,
      body: { 'lead-secret': ['1-abc'] },
    });
    expect(diff.status).toBe(200);
  });

  it("team B's writes land in team B's database only", async () => {
    const res = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: b.accessToken,
      body: { docs: [leadDoc('lead-secret', { title: 'Overwrite attempt' })] },
    });
    expect(res.status).toBe(201);
    const mine = await call(server.url, 'GET', '/sync/leads/lead-secret', { token: a.accessToken });
    expect(mine.body.title).toBe('Secret deal of A');
  });

  it('refuses guessed database names, system paths, traversal and encoded paths', async () => {
    const teamA = a.team.id;
    const paths = [
      '/sync/_all_dbs',
      '/sync/_users',
      '/sync/app_users/_all_docs',
      `/sync/t_${teamA}_leads/_all_docs`,
      `/sync/t_${teamA}_leads`,
      '/sync/leads/../../_all_dbs',
      '/sync/leads/..%2F..%2F_all_dbs',
      `/sync/leads/..%2Ft_${teamA}_leads%2F_all_docs`,
      '/sync/%2e%2e/_all_dbs',
      '/sync/leads%2F..%2F_all_dbs',
      '/sync/leads/_design/by-updatedAt',
      '/sync/leads/_design%2Fby-updatedAt',
      '/sync/leads/_security',
      '/sync/leads/_find',
      '/sync/leads/_index',
      '/sync/leads/_purge',
      '/sync/leads/_compact',
      '/sync/leads/_explain',
      '/sync/leads/_session',
      '/sync/leads/lead-secret/..%2F..%2Fx',
      '/sync/leads/%ZZ',
      '/sync/../api/v1/me',
      '/sync/leads/../../../api/v1/me',
      '/sync/',
      '/sync',
      '/_all_dbs',
      '/_utils/',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const res = await rawCall(server.url, method, path, {
          token: b.accessToken,
          ...(method === 'POST' || method === 'PUT' ? { body: '{"docs": []}' } : {}),
        });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expectJsonError(res, res.status);
      }
    }
  });

  it('refuses filters, continuous feeds and design docs', async () => {
    for (const q of [
      'filter=_view&view=x/y',
      'filter=app/by',
      'filter=_selector',
      'feed=continuous',
      'feed=eventsource',
      'style=weird',
    ]) {
      const res = await call(server.url, 'GET', `/sync/leads/_changes?${q}`, { token: a.accessToken });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('bad-request');
    }
    const ddoc = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: a.accessToken,
      body: { docs: [{ _id: '_design/evil', views: { all: { map: 'function(d){emit(d._id)}' } } }] },
    });
    expect(ddoc.status).toBe(201);
    expect(ddoc.body[0]).toMatchObject({ error: 'forbidden' });
    const put = await call(server.url, 'PUT', '/sync/leads/_design%2Fevil', {
      token: a.accessToken,
      body: {},
    });
    expect(put.status).toBeGreaterThanOrEqual(400);
    expect(put.status).toBeLessThan(500);
  });

  it('does not list design docs in _changes', async () => {
    const res = await call(server.url, 'GET', '/sync/leads/_changes?include_docs=true', {
      token: a.accessToken,
    });
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(['lead-secret']);
  });
});

describe('viewers', () => {
  it('may read but not push, not even checkpoints', async () => {
    const auth = { userId: a.user.id, teamId: a.team.id, role: 'admin' as const, email: a.user.email };
    const invite = await server.members.invite(auth, {
      email: `viewer-${Date.now()}@example.com`,
      role: 'viewer',
    });
    const viewer = await acceptInvite(server.url, invite, 'viewer password 1');
    const read = await call(server.url, 'GET', '/sync/leads/_changes?include_docs=true', {
      token: viewer.accessToken,
    });
    expect(read.status).toBe(200);
    expect(read.body.results).toHaveLength(1);
    // Docs are refused one by one, as CouchDB refuses them (the access table: viewers read only).
    const bulk = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: viewer.accessToken,
      body: { docs: [leadDoc('lead-v')] },
    });
    expect(bulk.status).toBe(201);
    expect(bulk.body).toEqual([
      { id: 'lead-v', error: 'forbidden', reason: 'A viewer may not create leads (it needs the rep role)' },
    ]);
    const docWrites = await Promise.all([
      call(server.url, 'PUT', '/sync/leads/lead-v', { token: viewer.accessToken, body: leadDoc('lead-v') }),
      call(server.url, 'DELETE', '/sync/leads/lead-secret?rev=1-x', { token: viewer.accessToken }),
    ]);
    for (const res of docWrites) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('A viewer') });
    }
    const checkpoint = await call(server.url, 'PUT', '/sync/leads/_local/checkpoint', {
      token: viewer.accessToken,
      body: { seq: 1 },
    });
    expect(checkpoint.status).toBe(403);
    expect(checkpoint.body.error.code).toBe('role-forbidden');
    const all = await call(server.url, 'GET', '/sync/leads/_all_docs', { token: a.accessToken });
    expect(all.body.rows.map((r: { id: string }) => r.id)).not.toContain('lead-v');
  });
});
