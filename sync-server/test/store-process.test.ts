// The server with its embedded store in a process of its own (what `npm start` runs): when the store
// process dies, readiness answers 503 until the supervisor has it running again on the same URL, and
// the data is all there; the server's shutdown stops the store process.
import { describe, expect, it } from 'vitest';
import { alive, CORE, call, leadDoc, register, startTestServer, tempDir, until } from './helpers';

describe('store process', () => {
  it('is supervised: readiness 503 while it is down, then back with the data; stopped with the server', async () => {
    const dir = tempDir();
    const server = await startTestServer(dir.path, { ...CORE, EMBEDDED_STORE: 'process' });
    try {
      const store = server.embedded!;
      expect(store.mode).toBe('process');
      const s = await register(server.url);
      const pushed = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
        token: s.accessToken,
        body: { docs: [leadDoc('lead-kept')] },
      });
      expect(pushed.status).toBe(201);
      expect((await call(server.url, 'GET', '/readyz')).status).toBe(200);

      const first = store.pid!;
      process.kill(first, 'SIGKILL');
      await until(() => !store.up, 30_000, 20);
      const down = await call(server.url, 'GET', '/readyz');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ store: 'down' });

      await until(async () => (await call(server.url, 'GET', '/readyz')).status === 200, 30_000, 20);
      expect(store.pid).not.toBe(first);
      const leads = await call(server.url, 'GET', '/api/v1/leads', { token: s.accessToken });
      expect(leads.status).toBe(200);
      expect(leads.body.items.map((l: { id: string }) => l.id)).toContain('lead-kept');
    } finally {
      const pid = server.embedded?.pid;
      await server.close();
      if (pid) await until(() => !alive(pid), 10_000, 20);
      dir.remove();
    }
  }, 90_000);
});
