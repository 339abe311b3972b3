// The continuous changes feed read against a stream written here, as nano hands it over (a PassThrough
// the answer's body is piped into): rows split across chunks, heartbeats, batches, the feed's end, an
// error line, silence, and closing (the body destroyed, never failed with nobody listening).
import { PassThrough } from 'node:stream';
import type { ServerScope } from 'nano';
import { describe, expect, it } from 'vitest';
import { openContinuousFeed } from './continuous-changes';

function fakeServer() {
  const body = new PassThrough();
  const out = new PassThrough();
  const asked: Record<string, unknown>[] = [];
  const server = {
    request: (opts: Record<string, unknown>) => {
      asked.push(opts);
      setImmediate(() => body.pipe(out));
      return out;
    },
  } as unknown as ServerScope;
  const row = (seq: number, id = `d${seq}`) => JSON.stringify({ seq: `${seq}-x`, id, changes: [] }) + '\n';
  return { server, body, asked, row };
}

const open = (server: ServerScope, over: Partial<Parameters<typeof openContinuousFeed>[0]> = {}) =>
  openContinuousFeed({
    server,
    dbName: 'db',
    since: '0',
    heartbeatMs: 200,
    maxBuffered: 10,
    signal: new AbortController().signal,
    ...over,
  });

describe('continuous changes feed', () => {
  it('reads rows split across chunks in batches, past heartbeats, and moves its position', async () => {
    const { server, body, asked, row } = fakeServer();
    const feed = open(server, { selector: { kind: 'a' } });
    expect(asked[0]).toMatchObject({
      method: 'POST',
      path: '_changes',
      qs: { feed: 'continuous', since: '0', filter: '_selector', heartbeat: 200 },
      body: { selector: { kind: 'a' } },
    });
    const text = row(1) + '\n' + row(2) + row(3);
    body.write(text.slice(0, 10));
    body.write(text.slice(10));
    const first = await feed.read(2, 1_000);
    expect(first.results.map((r) => r.id)).toEqual(['d1', 'd2']);
    expect(first.last_seq).toBe('2-x');
    expect((await feed.read(2, 1_000)).results.map((r) => r.id)).toEqual(['d3']);
    expect(feed.at).toBe('3-x');
    // Nothing more within the wait: an empty batch at the same position, the feed still open.
    expect(await feed.read(2, 50)).toEqual({ results: [], last_seq: '3-x' });
    expect(feed.done).toBe(false);
    feed.close();
  });

  it("hands over the rows before the feed's end, then reports the end", async () => {
    const { server, body, row } = fakeServer();
    const feed = open(server);
    body.write(row(1) + JSON.stringify({ last_seq: '1-x' }) + '\n');
    expect((await feed.read(10, 1_000)).results).toHaveLength(1);
    await expect(feed.read(10, 1_000)).rejects.toThrow("db's changes feed ended");
    expect(feed.done).toBe(true);
  });

  it('reports an error line in words', async () => {
    const { server, body } = fakeServer();
    const feed = open(server);
    body.write(JSON.stringify({ error: 'unauthorized', reason: 'You are not a server admin.' }) + '\n');
    await expect(feed.read(10, 1_000)).rejects.toThrow(
      'changes feed: unauthorized: You are not a server admin.',
    );
  });

  it('gives up on a feed that sends nothing, not even heartbeats', async () => {
    const { server } = fakeServer();
    const feed = open(server, { heartbeatMs: 30 });
    const t0 = Date.now();
    await expect(feed.read(10, 5_000)).rejects.toThrow(/sent nothing for \d+ ms/);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('pauses the stream while enough rows wait, and resumes as they are read', async () => {
    const { server, body, row } = fakeServer();
    const feed = open(server, { maxBuffered: 3 });
    body.write(row(1) + row(2) + row(3) + row(4));
    const got = await feed.read(1, 1_000);
    expect(got.results.map((r) => r.id)).toEqual(['d1']);
    let all = 1;
    while (all < 4) all += (await feed.read(1, 1_000)).results.length;
    expect(feed.at).toBe('4-x');
    feed.close();
  });

  it("closing on the follower's stop destroys the body without an error nobody hears", async () => {
    const { server, body, row } = fakeServer();
    const stop = new AbortController();
    const feed = open(server, { signal: stop.signal });
    body.write(row(1));
    await feed.read(10, 1_000);
    stop.abort();
    await new Promise((r) => setTimeout(r, 20));
    expect(body.destroyed).toBe(true);
    await expect(feed.read(10, 1_000)).rejects.toThrow('closed');
  });
});
