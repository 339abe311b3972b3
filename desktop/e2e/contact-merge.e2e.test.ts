// Merging two contacts from the contact page (issue 14), in Chromium against the real sync server: a
// Telegram contact and the contact an e-mail from the same person made. The rep opens "Merge with…"
// from the page's Actions menu (the UI kit's DropdownMenu; the dialog is the kit's Dialog),
// finds the mail contact by its address, sees what would move, merges, and the kept contact's page
// shows the messages of both conversations; the merged contact's link leads to the kept one, and the
// list no longer shows it. "Merged from X — Split" (the kit's ConfirmDialog) splits them again. The
// server's merge proposal (an activity entry only the server writes,
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
  // With a rep (mode human): what the agents would do with "Hello from my mailbox" (answer, hand off
  // with a task) is not this test's subject, and the preview's counts must not depend on it.
  const conversation = (id: string, contactId: string, channel: string) => ({
    id,
    contactId,
    channel,
    externalChatId: id,
    mode: 'human',
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
        signal: AbortSignal.timeout(60_000),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: server.email, password: server.password }),
      })
    ).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const backup = await fetch(`${server.url}/api/v1/admin/backup`, {
      headers: auth,
      signal: AbortSignal.timeout(60_000),
    });
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
    // A restore that does not answer fails with the server's last lines: the restore logs each step.
    const restored = await fetch(`${server.url}/api/v1/admin/restore?confirm=replace`, {
      signal: AbortSignal.timeout(90_000),
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/gzip' },
      body,
    }).catch((e: unknown) => {
      throw new Error(
        `the restore did not answer (${String(e)}); the server's last lines:\n${server.logTail(40)}`,
      );
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

    // The page's actions are a menu: it opens on its button, lists what applies to this contact, and
    // Esc closes it with the focus back on the button.
    const actions = page.locator('[data-testid=contact-actions]');
    await actions.click();
    const menu = page.getByRole('menu');
    await expect
      .poll(() => menu.getByRole('menuitem').allTextContents())
      .toEqual(expect.arrayContaining(['Open the conversation', 'Merge with…']));
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    // The menu gives the focus back as it closes, which may be a frame after it is gone.
    await expect.poll(() => actions.evaluate((el) => el === document.activeElement)).toBe(true);
    await actions.click();
    await page.click('[data-testid=merge-open]');
    const dialog = page.locator('[data-testid=merge-dialog]');
    expect(await dialog.getAttribute('role')).toBe('dialog');
    // The search box has the focus (the kit's dialog moves it in).
    await expect
      .poll(() =>
        dialog.locator('[data-testid=merge-search]').evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
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
    // Closed, the dialog gives the focus back to the menu's button (the item that opened it is gone).
    await expect.poll(() => actions.evaluate((el) => el === document.activeElement)).toBe(true);

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

  it('splits the merged contact again: its chat goes back and the merge is not proposed again', async () => {
    await page.goto(`${server.url}/app/#/contacts/tg-olga`);
    const detail = page.locator('[data-testid=contact-detail]');
    const line = detail.locator('[data-testid=merged-from-mail-olga]');
    await expect.poll(() => line.textContent(), { timeout: 30_000 }).toContain(`Merged from ${address}`);
    // Cancel asks nothing of the server; Split does.
    await line.locator('[data-testid=split-open-mail-olga]').click();
    const ask = page.locator('[data-testid=split-confirm]');
    expect(await ask.getAttribute('role')).toBe('alertdialog');
    expect(await ask.textContent()).toContain(`Split ${address} from this contact?`);
    await page.click('[data-testid=split-confirm-cancel]');
    await expect.poll(() => ask.count()).toBe(0);
    expect((await api.getDoc<{ mergedInto?: string }>('contacts', 'mail-olga'))?.mergedInto).toBe('tg-olga');
    await line.locator('[data-testid=split-open-mail-olga]').click();
    await page.click('[data-testid=split-confirm-confirm]');
    await expect
      .poll(() => detail.locator('[data-testid=split-note]').textContent(), { timeout: 15_000 })
      .toContain(`${address} is a contact of its own again`);

    // Replication takes the mail conversation's messages off the kept contact's page.
    await expect
      .poll(() => detail.locator('.timeline').textContent(), { timeout: 30_000 })
      .not.toContain('Hello from my mailbox');
    expect(await detail.locator('.timeline').textContent()).toContain('Hello from Telegram');
    // The kept contact's own change (no longer merged from X) replicates on its own.
    await expect.poll(() => line.count(), { timeout: 30_000 }).toBe(0);
    const back = await api.getDoc<{ contactId: string }>('conversations', 'conv-mail-olga');
    expect(back?.contactId).toBe('mail-olga');

    // The split contact's page is its own again (no redirect), with its messages and no proposal banner.
    await page.goto(`${server.url}/app/#/contacts/mail-olga`);
    const own = page.locator('[data-testid=contact-detail]');
    await expect
      .poll(() => own.locator('.timeline').textContent(), { timeout: 30_000 })
      .toContain('One more from my mailbox');
    expect(await page.evaluate(() => location.hash)).toBe('#/contacts/mail-olga');
    expect(await page.locator('[data-testid=merge-proposal]').count()).toBe(0);
    const restored = await api.getDoc<{ notSameAs?: string[]; mergedInto?: string }>('contacts', 'mail-olga');
    expect(restored?.mergedInto).toBeUndefined();
    expect(restored?.notSameAs).toEqual(['tg-olga']);
    expect(pageErrors).toEqual([]);
  });

  it('explains offline that merging needs the server', async () => {
    await context.setOffline(true);
    try {
      await expect
        .poll(() => page.locator('[data-testid=sync-status]').getAttribute('data-state'), { timeout: 15_000 })
        .toBe('offline');
      await page.click('[data-testid=contact-actions]');
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
