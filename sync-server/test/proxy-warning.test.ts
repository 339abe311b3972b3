// Behind a proxy without TRUST_PROXY, the per-IP sign-in lockout counts every client as the proxy: the
// server says so in its log, once, at the first request that carries X-Forwarded-For; with
// TRUST_PROXY on, or without a proxy, it says nothing.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, startTestServer, tempDir } from './helpers';

const dirs: Array<{ remove(): void }> = [];
const servers: RunningServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) d.remove();
});

/** A server whose warnings are kept in `lines`. */
async function serverWithLog(env: Record<string, string>) {
  const lines: Array<{ msg?: string; level?: number }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as { msg?: string });
      done();
    },
  });
  const dir = tempDir();
  dirs.push(dir);
  const server = await startTestServer(dir.path, { ...CORE, ...env }, { log: pino({ level: 'warn' }, sink) });
  servers.push(server);
  const proxyWarnings = () => lines.filter((l) => /TRUST_PROXY is off/.test(l.msg ?? ''));
  return { server, proxyWarnings };
}

const health = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/healthz`, { headers }).then((r) => r.text());

describe('a proxy in front without TRUST_PROXY', () => {
  it('is warned of once, at the first request carrying X-Forwarded-For', async () => {
    const { server, proxyWarnings } = await serverWithLog({});
    await health(server.url);
    expect(proxyWarnings()).toHaveLength(0);
    await health(server.url, { 'x-forwarded-for': '203.0.113.7' });
    await health(server.url, { 'x-forwarded-for': '203.0.113.8' });
    await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong password here' }),
    });
    expect(proxyWarnings()).toHaveLength(1);
    expect(proxyWarnings()[0]!.level).toBe(40); // pino's warn
  });

  it('says nothing when TRUST_PROXY is on', async () => {
    const { server, proxyWarnings } = await serverWithLog({ TRUST_PROXY: 'true' });
    await health(server.url, { 'x-forwarded-for': '203.0.113.7' });
    expect(proxyWarnings()).toHaveLength(0);
  });
});
