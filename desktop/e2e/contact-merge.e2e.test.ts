// Merging two contacts from the contact page (issue 14), in Chromium against the real sync server: a
// Telegram contact and the contact an e-mail from the same person made. The rep opens "Merge with…",
// finds the mail contact by its address, sees what would move, merges, and the kept contact's page
// shows the messages of both conversations; the merged contact's link leads to the kept one, and the
// list no longer shows it. The server's merge proposal (an activity entry only the server writes,
// seeded here through the admin's backup and restore) shows as a banner until "Not the same". Offline,
// the dialog says merging needs the server.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  type TestServer,
} from './harness';

describe.skipIf(!hasChromium)('merging two contacts from the contact page', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiClient>>;
  const pageErrors: string[] = [];
  const at = new Date().toISOString();
  const address = 'olga.merge@example.com';

  const contact = (id: string, name: string, status: 'claimed' | 'verified', channel: string) => ({
    id,
    name,
    email: address,
    contactPoints: {
      email: { value: address, status, source: status === 'claimed' ? 'customer' : 'channel', at },
    },
    identities: [{ channel, externalId: channel === 'email' ? address : '777001' }],
    optOut: false,
    agentAccess: 'default',
    twin: { facts: [] },
    createdAt: at,
    updatedAt: at,
  });
  const conversation = (id: string, contactId: string, channel: string) => ({
    id,
    contactId,
    channel,
    externalChatId: id,
    mode: 'ai',
    status: 'open',
    lastMessageAt: at,
    createdAt: at,
    updatedAt: at,
  });
  const message = (id: string, conversationId: string, contactId: string, channel: string, text: string) => ({
    id,
    conversationId,
    contactId,
    channel,
    direction: 'inbound',
    author: { kind: 'customer' },
    text,
    attachments: [],
    delivery: { status: 'received' },
    idempotencyKey: `k-${id}`,
    createdAt: at,
  });

  /** The `contact-merge-proposed` entry the mail channel writes (sender-contact.ts), via backup + restore. */
  async function seedProposal() {
    const login = (await (
      await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: server.email, password: server.password }),
      })
    ).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const backup = await fetch(`${server.url}/api/v1/admin/backup`, { headers: auth });
    expect(backup.status).toBe(200);
    const lines = gunzipSync(Buffer.from(await backup.arrayBuffer()))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { type: string; counts?: Record<string, number> });
    const end = lines.pop()!;
    const proposal = {
      type: 'doc',
      collection: 'activity',
      doc: {
        _id: 'act:merge:e2e',
        // A restore writes docs as they were stored (new_edits=false): with a revision.
        _rev: '1-3f2a9c0e8b7d6a5f4e3d2c1b0a998877',
        runId: 'contact-merge:e2e',
        role: 'runtime',
        kind: 'step',
        name: 'contact-merge-proposed',
        status: 'skipped',
        contactId: 'tg-olga',
        conversationId: 'conv-mail-olga',
        messageId: 'msg-mail-olga',
        input: JSON.stringify({ address, claimedBy: 'tg-olga', mailContactId: 'mail-olga' }),
        startedAt: at,
        finishedAt: at,
      },
    };
    const counts = { ...end.counts, activity: (end.counts?.activity ?? 0) + 1 };
    const body = gzipSync([...lines, proposal, { ...end, counts }].map((l) => JSON.stringify(l)).join('\n'));
    const restored = await fetch(`${server.url}/api/v1/admin/restore?confirm=replace`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/gzip' },
      body,
    });
    expect(restored.status, await restored.text()).toBe(200);
  }

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    api = await apiClient(server);
    await api.putDocs('contacts', [
      contact('tg-olga', 'Olga Telegram', 'claimed', 'telegram'),
      contact('mail-olga', '', 'verified', 'email'),
    ]);
    await api.putDocs('conversations', [
      conversation('conv-tg-olga', 'tg-olga', 'telegram'),
      conversation('conv-mail-olga', 'mail-olga', 'email'),
    ]);
    await api.putDocs('messages', [
      message('msg-tg-olga', 'conv-tg-olga', 'tg-olga', 'telegram', 'Hello from Telegram'),
      message('msg-mail-olga', 'conv-mail-olga', 'mail-olga', 'email', 'Hello from my mailbox'),
    ]);
    await seedProposal();
    ({ browser, context, page } = await signedInPage(server));
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it('shows the proposed merge as a banner: Merge opens the preview, Not the same hides it', async () => {
    await page.goto(`${server.url}/app/#/contacts/tg-olga`);
    const banner = page.locator('[data-testid=merge-proposal]');
    await expect
      .poll(() => banner.textContent(), { timeout: 30_000 })
      .toContain(`This may be the same person as ${address} (${address})`);
    await banner.locator('[data-testid=merge-proposal-merge]').click();
    const dialog = page.locator('[data-testid=merge-dialog]');
    await expect
      .poll(() => dialog.locator('[data-testid=merge-preview]').textContent(), { timeout: 15_000 })
      .toContain(`${address} will be merged`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await banner.locator('[data-testid=merge-proposal-dismiss]').click();
    await expect.poll(() => banner.count()).toBe(0);
    // Stored on the contact (replicated), so it stays dismissed on every device.
    await expect
      .poll(async () => (await api.getDoc<{ notSameAs?: string[] }>('contacts', 'tg-olga'))?.notSameAs, {
        timeout: 30_000,
      })
      .toEqual(['mail-olga']);
  });

  it('finds the other contact, previews the moves, merges, and shows both conversations here', async () => {
    await page.goto(`${server.url}/app/#/contacts/tg-olga`);
    const detail = page.locator('[data-testid=contact-detail]');
    await expect.poll(() => detail.locator('h1').textContent(), { timeout: 30_000 }).toBe('Olga Telegram');
    await expect
      .poll(() => detail.locator('.timeline').textContent(), { timeout: 30_000 })
      .toContain('Hello from Telegram');
    expect(await detail.locator('.timeline').textContent()).not.toContain('Hello from my mailbox');

    await page.click('[data-testid=merge-open]');
    const dialog = page.locator('[data-testid=merge-dialog]');
    await dialog.locator('[data-testid=merge-search]').fill('olga.merge@');
    // Only the other contact is offered, never the one on screen.
    await expect.poll(() => dialog.locator('[data-testid^=merge-pick-]').count()).toBe(1);
    await dialog.locator('[data-testid=merge-pick-mail-olga]').click();
    await expect
      .poll(() => dialog.locator('[data-testid=merge-preview]').textContent(), { timeout: 15_000 })
      .toMatch(
        /olga\.merge@example\.com will be merged .* 1 conversation, \d+ deals?, 0 tasks, 0 meetings, 0 facts/,
      );
    await dialog.locator('[data-testid=merge-confirm]').click();
    await expect
      .poll(() => dialog.locator('[data-testid=merge-note]').getAttribute('class'), { timeout: 15_000 })
      .toContain('notice-success');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Replication brings the moved messages to the kept contact's page.
    await expect
      .poll(() => detail.locator('.timeline').textContent(), { timeout: 30_000 })
      .toContain('Hello from my mailbox');
    expect(await detail.locator('.timeline').textContent()).toContain('Hello from Telegram');
    const moved = await api.getDoc<{ contactId: string }>('conversations', 'conv-mail-olga');
    expect(moved?.contactId).toBe('tg-olga');
    // The customer writes on in the moved conversation; the channel still names the merged contact.
    await api.putDocs('messages', [
      message('msg-mail-olga-2', 'conv-mail-olga', 'mail-olga', 'email', 'One more from my mailbox'),
    ]);
    await expect
      .poll(() => detail.locator('.timeline').textContent(), { timeout: 30_000 })
      .toContain('One more from my mailbox');

    // The merged contact's link leads to the kept one; the list shows only the kept one.
    await page.goto(`${server.url}/app/#/contacts/mail-olga`);
    await expect
      .poll(() => page.evaluate(() => location.hash), { timeout: 30_000 })
      .toBe('#/contacts/tg-olga');
    const rows = page.locator('.list-pane .conv-row');
    await expect
      .poll(async () => (await rows.allTextContents()).filter((r) => /Olga Telegram|olga\.merge@/.test(r)))
      .toEqual([expect.stringContaining('Olga Telegram')]);
    expect(pageErrors).toEqual([]);
  });

  it('explains offline that merging needs the server', async () => {
    await context.setOffline(true);
    try {
      await expect
        .poll(() => page.locator('[data-testid=merge-open]').getAttribute('title'), { timeout: 15_000 })
        .toContain('Merging needs the server');
      await page.click('[data-testid=merge-open]');
      const dialog = page.getByRole('dialog');
      await expect
        .poll(() => dialog.textContent(), { timeout: 15_000 })
        .toContain('Merging needs the server');
      expect(await dialog.locator('[data-testid=merge-search]').count()).toBe(0);
    } finally {
      await context.setOffline(false);
    }
  });
});
