// Health when the store goes away: /healthz and /readyz answer 503 JSON, the API answers 503
// `store-unavailable` instead of hanging or crashing, and the server still shuts down cleanly.
import { describe, expect, it } from 'vitest';
import { CORE, call, register, startTestServer, tempDir } from './helpers';

describe('store outage', () => {
  it('turns health and readiness to 503 and answers requests with 503 JSON', async () => {
    const dir = tempDir();
    const server = await startTestServer(dir.path, CORE);
    try {
      const s = await register(server.url);
      expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
      // The embedded store lets no anonymous caller list or read databases.
      const store = new URL(server.store.couchUrl);
      const anonymous = `${store.protocol}//${store.host}`;
      const list = await fetch(`${anonymous}/_all_dbs`);
      expect(await list.text()).not.toContain(s.team.id);
      const read = await fetch(`${anonymous}/${server.store.dbName(s.team.id, 'leads')}/_all_docs`);
      expect(read.status).toBe(401);
      await server.store.close(); // stops the embedded CouchDB-compatible server
      const health = await call(server.url, 'GET', '/healthz');
      expect(health).toMatchObject({ status: 503, body: { status: 'unavailable', store: 'down' } });
      expect((await call(server.url, 'GET', '/readyz')).status).toBe(503);
      const sync = await call(server.url, 'GET', '/sync/leads/_changes', { token: s.accessToken });
      expect(sync.status).toBe(503);
      expect(sync.body.error.code).toBe('store-unavailable');
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/couchdb_errors_total\{operation="changes",status="network"\} [1-9]/);
    } finally {
      await server.close();
      dir.remove();
    }
  });
});
