// The draft board (agents/reply-drafts.ts) and the widget's draft stream over the real embedded store:
// only drafting channels, bounded in count and size, expiring; sent throttled, ended with `done`; a
// widget limited to its sites refuses the stream without a matching Origin, like its other routes.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor } from '@app/shared/ids';
import type { MessageDoc } from '@app/shared/schemas';
import { errorMiddleware } from '../../app-errors';
import { createReplyDrafts } from '../../agents/reply-drafts';
import { createWebchatRouter } from './webchat-router';
import { createWidgets, type WidgetDoc } from './widgets';
import { startTestStore, type TestStore } from '../../../test/helpers';

const message = (channel: MessageDoc['channel'], conversationId: string) =>
  ({ channel, conversationId }) as MessageDoc;

describe('reply drafts', () => {
  it('drafts only for the channels that show them, bounded and expiring', () => {
    let clock = 0;
    const drafts = createReplyDrafts({
      channels: ['webchat'],
      maxDrafts: 2,
      maxChars: 5,
      ttlMs: 1_000,
      now: () => clock,
    });
    expect(drafts.begin('t', message('telegram', 'c0'))).toBeUndefined();
    const told: string[] = [];
    drafts.watch('t', 'c1', () => told.push('c1'));
    const a = drafts.begin('t', message('webchat', 'c1'))!;
    a.update('Hello there');
    expect(drafts.read('t', 'c1')).toEqual({ text: 'Hello', updatedAt: 0 });
    expect(drafts.read('other-team', 'c1')).toBeUndefined();
    drafts.begin('t', message('webchat', 'c2'))!.update('');
    drafts.begin('t', message('webchat', 'c3'))!.update('x');
    // The oldest went (its watcher told).
    expect(drafts.size).toBe(2);
    expect(drafts.read('t', 'c1')).toBeUndefined();
    expect(told).toEqual(['c1', 'c1']);
    clock = 1_001;
    expect(drafts.read('t', 'c3')).toBeUndefined();
    // An ended run writes nothing more.
    const b = drafts.begin('t', message('webchat', 'c4'))!;
    b.end();
    b.update('late');
    expect(drafts.read('t', 'c4')).toBeUndefined();
  });
});

let testStore: TestStore;
let http: Server;
let base: string;
let open: WidgetDoc;
let restricted: WidgetDoc;
const drafts = createReplyDrafts({ channels: ['webchat'], ttlMs: 1_000 });
const visitor = 'v_0123456789abcdef0123';

beforeAll(async () => {
  testStore = await startTestStore('webchat-draft-', pino({ level: 'silent' }));
  await testStore.store.ensureTeam('team1');
  const widgets = createWidgets(testStore.store);
  open = await widgets.create('team1', { title: 'Shop chat' });
  restricted = await widgets.create('team1', { allowedOrigins: ['https://shop.example'] });
  const app = express();
  app.use(
    '/webchat',
    createWebchatRouter({
      store: testStore.store,
      widgets,
      now: () => new Date(),
      drafts,
      draftStream: { throttleMs: 100, waitMs: 1_500, maxMs: 10_000, pingMs: 500 },
    }),
  );
  app.use(errorMiddleware);
  http = app.listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/webchat`;
});

afterAll(async () => {
  await new Promise((r) => http.close(r));
  await testStore.close();
});

describe('the draft stream', () => {
  it('sends the latest draft at most every throttle period, then done when the run ends', async () => {
    const res = await fetch(`${base}/v1/${open.key}/draft?visitorId=${visitor}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const run = drafts.begin('team1', message('webchat', conversationIdFor('webchat', open.key, visitor)))!;
    run.update('');
    // Ten updates within one throttle period after the first: one more event carries the last.
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 1; i <= 10; i++) run.update(`Hello ${i}`);
    await new Promise((r) => setTimeout(r, 250));
    run.end();
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(events).toEqual(['draft {"text":""}', 'draft {"text":"Hello 10"}', 'done {}']);
  });

  it('ends by itself when nothing is drafted', async () => {
    const t0 = Date.now();
    const text = await (await fetch(`${base}/v1/${open.key}/draft?visitorId=${visitor}`)).text();
    expect(text.replaceAll(': ping\n\n', '')).toBe('event: done\ndata: {}\n\n');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_400);
  });

  it('stays open while an answer is written past the wait, and ends when its draft expires unended', async () => {
    const other = 'v_0123456789abcdef0999';
    const t0 = Date.now();
    const res = await fetch(`${base}/v1/${open.key}/draft?visitorId=${other}`);
    const run = drafts.begin('team1', message('webchat', conversationIdFor('webchat', open.key, other)))!;
    for (let i = 1; i <= 6; i++) {
      run.update(`Hello ${i}`);
      await new Promise((r) => setTimeout(r, 400));
    }
    // The run stops writing and never ends (a process stuck): the draft expires, the stream ends.
    const text = await res.text();
    expect(text).toContain('data: {"text":"Hello 6"}');
    expect(text.endsWith('event: done\ndata: {}\n\n')).toBe(true);
    // Open until the draft expired: the last write (5 pauses of 400 ms after the first) plus the TTL.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(5 * 400 + 1_000);
  });

  it("refuses a site the widget does not allow, and bad visitor ids, like the widget's other routes", async () => {
    const url = `${base}/v1/${restricted.key}/draft?visitorId=${visitor}`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const allowed = new AbortController();
    const ok = await fetch(url, { headers: { origin: 'https://shop.example' }, signal: allowed.signal });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    allowed.abort();
    expect((await fetch(`${base}/v1/${open.key}/draft?visitorId=x`)).status).toBe(400);
  });
});
