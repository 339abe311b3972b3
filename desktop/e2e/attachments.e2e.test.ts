// Files in a conversation, in Chromium against the real sync server: a customer's photo and document
// (written as the channel writes them: a files doc with the bytes, and the message that carries it)
// show under the message, the photo with a preview, and download with their bytes; a rep attaches a
// file and sends it, and the file and its message reach the server (its sender then uploads it to
// the channel: sync-server/test/telegram-files.test.ts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  waitFor,
  type TestServer,
} from './harness';

// A 1×1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.from('%PDF-1.4 прайс-лист');

describe.skipIf(!hasChromium)('files in a conversation, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiClient>>;
  const at = () => new Date().toISOString();
  const contactId = 'contact-files-1';
  const conversationId = 'conv-files-1';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    api = await apiClient(server);
    ({ browser, page } = await signedInPage(server, 'ru-RU'));
    await api.putDocs('contacts', [
      {
        id: contactId,
        name: 'Марина Файлова',
        identities: [{ channel: 'telegram', externalId: '777' }],
        optOut: false,
        agentAccess: 'default',
        twin: { facts: [] },
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    await api.putDocs('conversations', [
      {
        id: conversationId,
        contactId,
        channel: 'telegram',
        externalChatId: '777',
        mode: 'human',
        status: 'open',
        lastMessageAt: at(),
        lastMessagePreview: 'Фото',
        unreadCount: 1,
        createdAt: at(),
        updatedAt: at(),
      },
    ]);
    const file = (id: string, fileName: string, mimeType: string, bytes: Buffer) => ({
      _id: id,
      fileName,
      mimeType,
      size: bytes.length,
      kind: 'attachment',
      createdAt: at(),
      _attachments: { original: { content_type: mimeType, data: bytes.toString('base64') } },
    });
    await api.call('POST', '/sync/files/_bulk_docs', {
      docs: [
        file('tgfile-e2e-photo', 'photo.jpg', 'image/png', png),
        file('tgfile-e2e-pdf', 'прайс.pdf', 'application/pdf', pdf),
      ],
    });
    await api.putDocs('messages', [
      {
        id: 'msg-files-1',
        conversationId,
        contactId,
        channel: 'telegram',
        direction: 'inbound',
        author: { kind: 'customer', id: contactId },
        text: 'Вот витрина и прайс',
        attachments: [
          {
            kind: 'photo',
            mimeType: 'image/png',
            size: png.length,
            fileDocId: 'tgfile-e2e-photo',
            externalFileId: 'AgAD1',
          },
          {
            kind: 'document',
            fileName: 'прайс.pdf',
            mimeType: 'application/pdf',
            size: pdf.length,
            fileDocId: 'tgfile-e2e-pdf',
          },
          {
            kind: 'video',
            fileName: 'тур.mp4',
            size: 30 * 1024 * 1024,
            externalFileId: 'BAAD2',
            // The note a channel writes on a file over its limit (VK: vk-files.ts).
            caption: '"тур.mp4" (30 MiB) is over the 25 MiB limit for files: not stored',
          },
        ],
        delivery: { status: 'received' },
        idempotencyKey: 'telegram:777:1',
        createdAt: at(),
      },
    ]);
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it("shows the customer's files under the message and downloads them", async () => {
    await page.goto(`${server.url}/app/#/inbox`);
    await page.getByText('Марина Файлова').click();
    await page.getByText('Вот витрина и прайс').waitFor({ timeout: 20_000 });
    const items = page.locator('[data-testid=attachment]');
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(3);
    // The photo's preview.
    await page.locator('.attachment-preview').waitFor({ timeout: 20_000 });
    expect(await items.nth(2).textContent()).toContain('Не сохранён здесь');
    expect(await items.nth(2).locator('[data-testid=attachment-note]').textContent()).toContain(
      'over the 25 MiB limit for files: not stored',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      items.nth(1).locator('[data-testid=attachment-download]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('прайс.pdf');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path)).toEqual(pdf);
  }, 90_000);

  it('a rep attaches a file and sends it: the file and its message reach the server', async () => {
    await page.setInputFiles('[data-testid=reply-file-input]', {
      name: 'договор.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.locator('[data-testid=reply-file]').waitFor();
    await page.click('[data-testid=send]');
    const sent = await waitFor(async () => {
      const r = (await api.call('POST', '/sync/messages/_all_docs', { include_docs: true })) as {
        rows: {
          doc?: {
            id?: string;
            _id: string;
            conversationId: string;
            author: { kind: string };
            attachments: { fileDocId?: string; fileName?: string }[];
          };
        }[];
      };
      const doc = r.rows
        .map((x) => x.doc)
        .find((d) => d?.conversationId === conversationId && d.author.kind === 'rep');
      return doc && { ...doc, id: doc._id };
    }, 30_000);
    expect(sent.attachments).toHaveLength(1);
    expect(sent.attachments[0]).toMatchObject({ fileName: 'договор.pdf' });
    expect(sent.attachments[0]!.fileDocId).toMatch(/^rfile-/);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.email, password: server.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    // Served by the API once the device's copy replicated.
    const path = `/api/v1/conversations/${conversationId}/messages/${encodeURIComponent(sent.id)}/attachments/0`;
    const res = await waitFor(async () => {
      const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
      return r.ok ? r : null;
    }, 60_000);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  }, 120_000);
});
