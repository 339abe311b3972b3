// `_changes` through the gateway: long-polls end with an empty answer at the bounded timeout (the
// embedded store alone would hold them forever), deliver a change as soon as it is written, resolve
// `since=now`, and end at once when the server shuts down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, call, leadDoc, register, startTestServer, tempDir, type Session } from './helpers';

let server: RunningServer;
let s: Session;
const dir = tempDir();

beforeAll(async () => {
  server = await startTestServer(dir.path, { ...CORE, LONGPOLL_MAX_MS: '1500' });
  s = await register(server.url);
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

describe('long-poll', () => {
  it('answers an empty result with the current seq at the bounded timeout', async () => {
    const t0 = Date.now();
    const res = await call(server.url, 'GET', '/sync/leads/_changes?feed=longpoll&since=now&timeout=600000', {
      token: s.accessToken,
    });
    const took = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([]);
    expect(res.body.last_seq).not.toBe('now');
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(4000);
  });

  it('honours a shorter client timeout and sends heartbeats while waiting', async () => {
    const t0 = Date.now();
    const res = await fetch(
      `${server.url}/sync/leads/_changes?feed=longpoll&since=now&timeout=1300&heartbeat=1000`,
      {
        headers: { authorization: `Bearer ${s.accessToken}` },
      },
    );
    const text = await res.text();
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(1200);
    expect(took).toBeLessThan(1450);
    expect(text.startsWith('\n')).toBe(true);
    expect(JSON.parse(text).results).toEqual([]);
  });

  it('delivers a change written while the poll waits', async () => {
    const info = await call(server.url, 'GET', '/sync/leads/', { token: s.accessToken });
    const poll = call(
      server.url,
      'GET',
      `/sync/leads/_changes?feed=longpoll&include_docs=true&since=${info.body.update_seq}`,
      {
        token: s.accessToken,
      },
    );
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    await call(server.url, 'PUT', '/sync/leads/lead-lp', { token: s.accessToken, body: leadDoc('lead-lp') });
    const res = await poll;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(['lead-lp']);
    expect(res.body.results[0].doc.title).toBe('Lead lead-lp');
  });

  it('sends one store long-poll for the clients of a team waiting with the same since', async () => {
    const storePolls = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/^sync_longpoll_store_requests_total (\d+)/m.exec(text)?.[1] ?? NaN);
    };
    const other = await register(server.url, 'Other team');
    const seqOf = async (token: string) =>
      (await call(server.url, 'GET', '/sync/leads/', { token })).body.update_seq as string | number;
    const since = await seqOf(s.accessToken);
    const before = await storePolls();
    const poll = (token: string, at: unknown, signal?: AbortSignal) =>
      fetch(`${server.url}/sync/leads/_changes?feed=longpoll&include_docs=true&since=${String(at)}`, {
        headers: { authorization: `Bearer ${token}` },
        ...(signal ? { signal } : {}),
      });
    const leaving = new AbortController();
    const gone = poll(s.accessToken, since, leaving.signal).catch((e: Error) => e.name);
    const team = [1, 2, 3, 4, 5].map(() => poll(s.accessToken, since));
    // Another team's client never shares this team's poll, nor sees its change.
    const outsider = call(
      server.url,
      'GET',
      `/sync/leads/_changes?feed=longpoll&since=${String(await seqOf(other.accessToken))}&timeout=1000`,
      {
        token: other.accessToken,
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await storePolls()) - before).toBe(2);
    // A client that leaves does not cancel the poll the others wait on.
    leaving.abort();
    expect(await gone).toBe('AbortError');
    await call(server.url, 'PUT', '/sync/leads/lead-shared', {
      token: s.accessToken,
      body: leadDoc('lead-shared'),
    });
    for (const res of await Promise.all(team)) {
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { id: string; doc: { title: string } }[] };
      expect(body.results.map((r) => r.id)).toEqual(['lead-shared']);
      expect(body.results[0]!.doc.title).toBe('Lead lead-shared');
    }
    expect((await outsider).body.results).toEqual([]);
    expect((await storePolls()) - before).toBe(2);
  });

  it('ends waiting polls at once on shutdown', async () => {
    const dir2 = tempDir();
    const other = await startTestServer(dir2.path, { ...CORE, LONGPOLL_MAX_MS: '60000' });
    const t = await register(other.url);
    const poll = call(other.url, 'GET', '/sync/leads/_changes?feed=longpoll&since=now', {
      token: t.accessToken,
    });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    await other.close();
    const res = await poll;
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(3000);
    dir2.remove();
  });
});

describe('normal feed', () => {
  it('pages with limit and since, never listing design docs', async () => {
    const docs = Array.from({ length: 30 }, (_, i) => leadDoc(`lead-page-${i}`));
    await call(server.url, 'POST', '/sync/leads/_bulk_docs', { token: s.accessToken, body: { docs } });
    const ids: string[] = [];
    let since: unknown = 0;
    for (;;) {
      const res = await call(server.url, 'GET', `/sync/leads/_changes?limit=7&since=${String(since)}`, {
        token: s.accessToken,
      });
      ids.push(...res.body.results.map((r: { id: string }) => r.id));
      since = res.body.last_seq;
      if (res.body.results.length < 7) break;
      // Every full page is really full, even where design docs were dropped.
      expect(res.body.results).toHaveLength(7);
    }
    expect(ids.filter((id) => id.startsWith('lead-page-'))).toHaveLength(30);
    expect(ids.some((id) => id.startsWith('_design/'))).toBe(false);
  });
});
