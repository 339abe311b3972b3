// The calendar feed card of Settings as a rep uses it, in Chromium against the real sync server: the
// feed URL is made in Settings, fetched as a calendar app fetches it (no sign-in, only the URL) and
// read with ical.js, Mozilla's iCalendar parser: the member's own meeting and the one an agent planned
// on their deal are there. A new URL ends the old one; turning the feed off ends it too.
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  type TestServer,
  toastFrom,
} from './harness';

const at = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const inDays = (d: number) => new Date(at.getTime() + d * 86_400_000).toISOString();

async function readFeed(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, events: [] as InstanceType<typeof ICAL.Event>[] };
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const root = new ICAL.Component(ICAL.parse(text));
  return { status: res.status, events: root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) };
}

describe.skipIf(!hasChromium)('calendar feed in Settings, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    ({ browser, page } = await signedInPage(server));
    const api = await apiClient(server);
    const me = (await api.call('GET', '/api/v1/me')) as { user?: { id: string }; id?: string };
    const userId = me.user?.id ?? me.id!;
    const stamp = at.toISOString();
    await api.putDocs('leads', [
      {
        id: 'lead-e2e-feed',
        title: 'Feed deal',
        stage: 'new',
        source: { channel: 'manual' },
        ownerId: userId,
        createdAt: stamp,
        updatedAt: stamp,
      },
    ]);
    await api.putDocs('events', [
      {
        id: 'ev-e2e-mine',
        title: 'Quarterly review; budget, scope',
        startAt: inDays(2),
        endAt: inDays(2.05),
        status: 'scheduled',
        createdBy: { kind: 'rep', id: userId },
        createdAt: stamp,
        updatedAt: stamp,
      },
      {
        id: 'ev-e2e-agent',
        title: 'Demo call planned by the agent',
        startAt: inDays(3),
        endAt: inDays(3.02),
        status: 'scheduled',
        leadId: 'lead-e2e-feed',
        conversationId: 'conv-e2e-feed',
        createdBy: { kind: 'agent', name: 'answer' },
        createdAt: stamp,
        updatedAt: stamp,
      },
    ]);
    await page.goto(`${server.url}/app/#/settings`);
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it('makes the feed URL in Settings; a calendar app reads the rep’s and the agent’s meetings from it', async () => {
    const card = page.locator('[data-testid=calendar-feed-card]');
    await card.waitFor();
    expect(await card.locator('[data-testid=calendar-feed-warning]').textContent()).toContain(
      'Anyone with this URL can read your calendar',
    );
    await card.locator('[data-testid=calendar-feed-create]').click();
    const field = card.locator('input[data-testid=calendar-feed-url]');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/feeds\/[0-9a-f]{32}[A-Za-z0-9_-]{43}\.ics$/);
    // At PUBLIC_URL; this server has none: http://localhost:PORT, never the address asked (Host).
    expect(url.startsWith(server.url.replace('127.0.0.1', 'localhost'))).toBe(true);
    expect(await toastFrom(page, 'calendar-feed-notice').getAttribute('data-kind')).toBe('success');

    const feed = await readFeed(url);
    expect(feed.status).toBe(200);
    const mine = feed.events.find((e) => e.uid.startsWith('ev-e2e-mine@'));
    expect(mine?.summary).toBe('Quarterly review; budget, scope');
    expect(mine?.startDate.toJSDate().toISOString()).toBe(inDays(2));
    const agents = feed.events.find((e) => e.uid.startsWith('ev-e2e-agent@'));
    expect(agents?.summary).toBe('Demo call planned by the agent');

    // A new URL: the old one stops working at once, the new one works.
    await card.locator('[data-testid=calendar-feed-rotate]').click();
    await card.locator('[data-testid=calendar-feed-confirm]').click();
    await expect.poll(() => field.inputValue()).not.toBe(url);
    const rotated = await field.inputValue();
    expect((await readFeed(url)).status).toBe(404);
    expect((await readFeed(rotated)).status).toBe(200);

    // After a reload the URL is not shown again (the server keeps only its hash), but the feed is on.
    await page.reload();
    await card.waitFor();
    await card.locator('[data-testid=calendar-feed-active]').waitFor();
    expect(await card.locator('input[data-testid=calendar-feed-url]').count()).toBe(0);

    await card.locator('[data-testid=calendar-feed-revoke]').click();
    await card.locator('[data-testid=calendar-feed-confirm]').click();
    await card.locator('[data-testid=calendar-feed-none]').waitFor();
    expect((await readFeed(rotated)).status).toBe(404);
  });
});
