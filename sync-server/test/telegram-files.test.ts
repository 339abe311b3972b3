// Customers' photos and documents in Telegram, through a real server process and real grammY against
// the fake Bot API: each is downloaded (getFile, then the file URL), stored with the conversation and
// served to the team as a download; one over the Bot API's 20 MB keeps only Telegram's file id, and
// its message is taken in all the same. Another team never gets the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, type FakeTelegram } from '@app/bot/testing';
import type { RunningServer } from '../src/server';
import { call, until } from './helpers';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

let dir: DemoTelegram['dir'];
let fake: FakeTelegram;
let server: RunningServer;
let token: string;

const botId = FAKE_TOKEN.split(':')[0]!;
type Attachment = {
  kind: string;
  fileDocId?: string;
  externalFileId?: string;
  fileName?: string;
  size?: number;
};
type Message = { id: string; text: string; attachments: Attachment[] };

beforeAll(async () => {
  ({ dir, fake, server, token } = await startDemoTelegram('telegram-files-'));
}, 60_000);

afterAll(async () => {
  await server.close();
  await fake.close();
  dir.remove();
});

async function messagesOf(chatId: number, count: number): Promise<Message[]> {
  const conversation = `conv:telegram:${botId}:${chatId}`;
  let items: Message[] = [];
  await until(async () => {
    const res = await call(server.url, 'GET', `/api/v1/conversations/${conversation}/messages?limit=50`, {
      token,
    });
    items = ((res.body.items ?? []) as Message[]).filter((m) => m.attachments.length > 0);
    return items.length >= count;
  }, 30_000);
  return items;
}

describe('Telegram files', () => {
  it('a photo and a document are stored with the conversation and served as downloads', async () => {
    const olga = fake.user({ id: 5151, first_name: 'Olga', language_code: 'ru' });
    const photo = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      ...Array.from({ length: 5000 }, (_, i) => i % 256),
    ]);
    olga.sendsPhoto({ bytes: photo, caption: 'Вот фото витрины' });
    const pdf = new TextEncoder().encode('%PDF-1.4 price list');
    olga.sendsDocument({ fileName: 'прайс.pdf', mimeType: 'application/pdf', bytes: pdf });
    const messages = await messagesOf(5151, 2);
    const conversation = `conv:telegram:${botId}:5151`;
    const byKind = new Map(messages.map((m) => [m.attachments[0]!.kind, m]));
    expect(byKind.get('photo')!.text).toBe('Вот фото витрины');
    for (const [kind, bytes, name] of [
      ['photo', photo, 'photo.jpg'],
      ['document', pdf, 'прайс.pdf'],
    ] as const) {
      const m = byKind.get(kind)!;
      expect(m.attachments[0]!.fileDocId, kind).toMatch(/^tgfile-/);
      const res = await fetch(
        `${server.url}/api/v1/conversations/${conversation}/messages/${m.id}/attachments/0`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      expect(res.status, kind).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }

    // Another team's admin: no such message for them.
    const other = await call(server.url, 'POST', '/api/v1/auth/register', {
      body: {
        teamName: 'Other team',
        email: 'other-files@example.com',
        password: 'Other-team-passphrase-91',
      },
    });
    expect(other.status).toBe(202);
    const otherLogin = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email: 'other-files@example.com', password: 'Other-team-passphrase-91' },
    });
    const m = byKind.get('photo')!;
    const foreign = await call(
      server.url,
      'GET',
      `/api/v1/conversations/${conversation}/messages/${m.id}/attachments/0`,
      { token: otherLogin.body.accessToken },
    );
    expect(foreign.status).toBe(404);
    // Malformed paths: a readable 400/404, never a 500.
    for (const path of [
      `/api/v1/conversations/${conversation}/messages/${m.id}/attachments/x`,
      `/api/v1/conversations/${conversation}/messages/${m.id}/attachments/7`,
      `/api/v1/conversations/conv-nope/messages/${m.id}/attachments/0`,
    ]) {
      const res = await call(server.url, 'GET', path, { token });
      expect([400, 404], path).toContain(res.status);
    }
  }, 60_000);

  it('a file over the 20 MB limit keeps only its Telegram file id; its message is taken in', async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    const piotr = fake.user({ id: 5252, first_name: 'Piotr', language_code: 'en' });
    piotr.sendsDocument({ fileName: 'video-tour.bin', bytes: big, caption: 'our office' });
    const [m] = await messagesOf(5252, 1);
    expect(m!.text).toBe('our office');
    expect(m!.attachments[0]!.fileDocId).toBeUndefined();
    expect(m!.attachments[0]!.externalFileId).toBeTruthy();
    const res = await call(
      server.url,
      'GET',
      `/api/v1/conversations/conv:telegram:${botId}:5252/messages/${m!.id}/attachments/0`,
      { token },
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/not stored here/);
    // Nothing was downloaded: the limit is checked before getFile's file is fetched.
    expect(
      fake.calls.some(
        (c) => c.method === 'getFile' && c.params.file_id === m!.attachments[0]!.externalFileId,
      ),
    ).toBe(false);
  }, 60_000);

  it('a rep sends a file from a device: it goes out as a document, then the text', async () => {
    const ilya = fake.user({ id: 5353, first_name: 'Ilya', language_code: 'ru' });
    ilya.says('Пришлите, пожалуйста, договор');
    await fake.waitForSent(1, { chatId: 5353, timeoutMs: 45_000 });
    const conversationId = `conv:telegram:${botId}:5353`;
    const contract = new TextEncoder().encode('%PDF-1.4 договор поставки');
    const now = new Date().toISOString();
    // As the desktop writes them: the file (through /sync/files), and the message that carries it.
    const file = await call(server.url, 'POST', '/sync/files/_bulk_docs', {
      token,
      body: {
        docs: [
          {
            _id: 'rfile-rep-1-0',
            fileName: 'договор.pdf',
            mimeType: 'application/pdf',
            size: contract.length,
            kind: 'attachment',
            messageId: 'rep-file-1',
            conversationId,
            createdAt: now,
            _attachments: {
              original: { content_type: 'application/pdf', data: Buffer.from(contract).toString('base64') },
            },
          },
        ],
      },
    });
    expect(file.status).toBeLessThan(300);
    const push = await call(server.url, 'POST', '/sync/messages/_bulk_docs', {
      token,
      body: {
        docs: [
          {
            _id: 'rep-file-1',
            conversationId,
            contactId: 'contact:telegram:5353',
            channel: 'telegram',
            direction: 'outbound',
            author: { kind: 'rep', name: 'Olga' },
            text: 'Договор во вложении',
            attachments: [
              {
                kind: 'document',
                fileName: 'договор.pdf',
                mimeType: 'application/pdf',
                size: contract.length,
                fileDocId: 'rfile-rep-1-0',
              },
            ],
            delivery: { status: 'pending' },
            idempotencyKey: 'rep-file-1',
            createdAt: now,
          },
        ],
      },
    });
    expect(push.status).toBeLessThan(300);
    await until(async () => fake.sent.filter((s) => String(s.chatId) === '5353').length >= 3, 30_000);
    const sent = fake.sent.filter((s) => String(s.chatId) === '5353').slice(1);
    expect(sent.map((s) => s.method)).toEqual(['sendDocument', 'sendMessage']);
    expect(sent[0]!.file).toMatchObject({ name: 'договор.pdf', bytes: contract });
    expect(sent[1]!.text).toBe('Договор во вложении');
    await until(async () => {
      const doc = await server.store.teamDb(server.seeded!.teamId, 'messages').get('rep-file-1');
      return (doc as unknown as { delivery: { status: string } }).delivery.status === 'sent';
    }, 10_000);
  }, 90_000);
});
