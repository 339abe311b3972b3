// Health when the store goes away: /healthz and /readyz answer 503 JSON, the API answers 503
// `store-unavailable` instead of hanging or crashing, and the server still shuts down cleanly.
// Who may read /metrics: METRICS_TOKEN holders, or without one only callers on this machine.
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { isLocalRequest, metricsAccess, sameToken } from '../src/ops/metrics-access';
import { CORE, call, register, startTestServer, tempDir, testCouchUrl } from './helpers';

describe('store outage', () => {
  // It stops the store: a CouchDB given by TEST_COUCHDB_URL is not this test's to stop.
  it.skipIf(testCouchUrl)(
    'turns health and readiness to 503 and answers requests with 503 JSON',
    async () => {
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
        // A request that works first: the server knows the session (its token version) from then on.
        expect((await call(server.url, 'GET', '/sync/leads/_changes', { token: s.accessToken })).status).toBe(
          200,
        );
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
    },
  );
});

describe('/metrics access', () => {
  const TOKEN = 'metrics-token-for-tests-0123456789';

  it('with METRICS_TOKEN: the bearer token is needed, from anywhere', async () => {
    const dir = tempDir();
    const server = await startTestServer(dir.path, { ...CORE, METRICS_TOKEN: TOKEN });
    try {
      const metrics = (headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers });
      const none = await metrics();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      expect((await metrics({ authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
      expect((await metrics({ authorization: `Bearer ${TOKEN.slice(0, -1)}` })).status).toBe(401);
      expect((await metrics({ authorization: `Basic ${TOKEN}` })).status).toBe(401);
      const ok = await metrics({ authorization: `Bearer ${TOKEN}` });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('http_request_duration_seconds');
      // Also through a proxy: the token is what counts.
      const proxied = await metrics({ authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.5' });
      expect(proxied.status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // health stays open
    } finally {
      await server.close();
      dir.remove();
    }
  });

  it('without METRICS_TOKEN: only loopback callers that came through no proxy', async () => {
    const dir = tempDir();
    const server = await startTestServer(dir.path, { ...CORE, TRUST_PROXY: 'true' });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
      for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'via']) {
        const value =
          header === 'forwarded' ? 'for=203.0.113.5' : header === 'via' ? '1.1 nginx' : '203.0.113.5';
        const res = await fetch(`${server.url}/metrics`, { headers: { [header]: value } });
        expect(res.status, header).toBe(403);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/METRICS_TOKEN/);
      }
      // A forged loopback address in X-Forwarded-For (TRUST_PROXY on) gets no further.
      const forged = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(forged.status).toBe(403);
    } finally {
      await server.close();
      dir.remove();
    }
  });

  it('tells loopback peers from others, and compares tokens exactly', () => {
    const req = (remoteAddress: string, headers: Record<string, string> = {}) =>
      ({ socket: { remoteAddress }, headers }) as unknown as Request;
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLocalRequest(req(address)), address).toBe(true);
    for (const address of ['203.0.113.5', '10.0.0.2', '::ffff:10.0.0.2', '2001:db8::1', '::', '0.0.0.0'])
      expect(isLocalRequest(req(address)), address).toBe(false);
    let passed: unknown = 'not called';
    metricsAccess(undefined)(req('198.51.100.9'), {} as never, (e?: unknown) => (passed = e));
    expect(passed).toMatchObject({ code: 'forbidden' });
    expect(sameToken(TOKEN, TOKEN)).toBe(true);
    expect(sameToken(undefined, TOKEN)).toBe(false);
    expect(sameToken('', TOKEN)).toBe(false);
    expect(sameToken(`${TOKEN} `, TOKEN)).toBe(false);
  });
});
