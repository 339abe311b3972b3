// The rep's display name, not the login, signs their messages to customers (issue 17): a member sets
// it at PATCH /api/v1/me (an admin at PATCH /api/v1/members/:id); a rep reply written as a desktop
// writes it (the author name being the login e-mail) reaches the web chat visitor, the Telegram chat,
// the VK dialog and the e-mail with the display name, and the login never reaches a customer.
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, FAKE_TOKEN, type FakeTelegram } from '@app/bot/testing';
import type { MessageDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { composeOutbound } from '../src/channels/email/outbound';
import type { EmailSettings } from '../src/channels/email/settings';
import { acceptInvite, call, startTestServer, tempDir, uniqueEmail, type Session } from './helpers';
import { startFakeVk, type FakeVk } from './fake-vk';

let dir: ReturnType<typeof tempDir>;
let fake: FakeTelegram;
let vk: FakeVk;
let server: RunningServer;
let admin: string;
let teamId: string;
let rep: Session;
let repId: string;

beforeAll(async () => {
  dir = tempDir('display-name-');
  fake = await startFakeTelegram();
  vk = await startFakeVk();
  server = await startTestServer(dir.path, {
    SEED_DEMO: 'true',
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    VK_API_ROOT: vk.apiRoot,
  });
  const seeded = server.seeded!;
  teamId = seeded.teamId;
  const login = await call(server.url, 'POST', '/api/v1/auth/login', {
    body: { email: seeded.email, password: seeded.password },
  });
  admin = login.body.accessToken;
  const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
    token: admin,
    body: { email: uniqueEmail('olga.login'), role: 'rep' },
  });
  rep = await acceptInvite(server.url, invite.body);
  repId = (await call(server.url, 'GET', '/api/v1/me', { token: rep.accessToken })).body.user.id;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  await vk?.close();
  dir?.remove();
});

/** A rep reply as the desktop writes it: the author's name is the login e-mail. */
const repReply = (id: string, conversationId: string, channel: MessageDoc['channel'], text: string) => ({
  _id: id,
  conversationId,
  channel,
  direction: 'outbound',
  author: { kind: 'rep', id: repId, name: rep.user.email },
  text,
  attachments: [],
  delivery: { status: 'pending' },
  idempotencyKey: id,
  createdAt: new Date().toISOString(),
});

async function push(doc: Record<string, unknown>) {
  const res = await call(server.url, 'POST', '/sync/messages/_bulk_docs', {
    token: rep.accessToken,
    body: { docs: [doc] },
  });
  expect(res.status).toBeLessThan(300);
  expect(res.body[0].ok).toBe(true);
}

describe('setting a display name', () => {
  it('a member sets their own; an e-mail address or a control character is refused; an admin sets a member’s', async () => {
    const me = (body: unknown, token = rep.accessToken) =>
      call(server.url, 'PATCH', '/api/v1/me', { token, body });
    const set = await me({ displayName: '  Olga   Petrova ' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: repId, displayName: 'Olga Petrova' });
    expect(
      (await call(server.url, 'GET', '/api/v1/me', { token: rep.accessToken })).body.user.displayName,
    ).toBe('Olga Petrova');
    const asEmail = await me({ displayName: rep.user.email });
    expect(asEmail.status).toBe(400);
    expect(asEmail.body.error.message).toMatch(/cannot be an e-mail address/);
    expect((await me({ displayName: 'Olga\u0007' })).status).toBe(400);
    expect((await me({ displayName: 'x'.repeat(81) })).status).toBe(400);
    expect((await me({ name: 'Olga' })).status).toBe(400);
    expect((await call(server.url, 'PATCH', '/api/v1/me', { body: { displayName: 'X' } })).status).toBe(401);

    // Admins name members; a rep may not name others.
    const byRep = await call(server.url, 'PATCH', `/api/v1/members/${repId}`, {
      token: rep.accessToken,
      body: { displayName: 'Someone' },
    });
    expect(byRep.status).toBe(403);
    const byAdmin = await call(server.url, 'PATCH', `/api/v1/members/${repId}`, {
      token: admin,
      body: { displayName: 'Olga P.' },
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.displayName).toBe('Olga P.');
    const list = await call(server.url, 'GET', '/api/v1/members', { token: admin });
    expect(list.body.items.find((m: { id: string }) => m.id === repId).displayName).toBe('Olga P.');
    expect((await me({ displayName: 'Olga Petrova' })).status).toBe(200);
  });
});

describe('every channel signs a rep reply with the display name, never the login', () => {
  it('web chat: the visitor sees the display name', async () => {
    const created = await call(server.url, 'POST', '/api/v1/channels/webchat', { token: admin, body: {} });
    const base = `${server.url}/webchat/v1/${created.body.key}`;
    const visitorId = 'v_displayname000000000000';
    await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorId, clientMessageId: 'd1', text: 'Hello there' }),
    });
    await push(
      repReply(
        'rep-webchat-1',
        `conv:webchat:${created.body.key}:${visitorId}`,
        'webchat',
        'Hi, how can I help?',
      ),
    );
    let seen = '';
    for (let i = 0; i < 40 && !seen.includes('rep-webchat-1'); i++) {
      seen = await (await fetch(`${base}/messages?visitorId=${visitorId}`)).text();
      if (!seen.includes('rep-webchat-1')) await new Promise((r) => setTimeout(r, 250));
    }
    const reply = (
      JSON.parse(seen) as { messages: Array<{ id: string; author: string; name?: string }> }
    ).messages.find((m) => m.id === 'rep-webchat-1');
    expect(reply).toMatchObject({ author: 'rep', name: 'Olga Petrova' });
    expect(seen).not.toContain(rep.user.email);
  }, 30_000);

  it('Telegram: the reply ends with the display name', async () => {
    const customer = fake.user({ id: 5151, first_name: 'Ivan', language_code: 'en' });
    customer.says('I need a human manager, please');
    await fake.waitForSent(1, { chatId: 5151, timeoutMs: 45_000 });
    const conversationId = `conv:telegram:${FAKE_TOKEN.split(':')[0]}:5151`;
    await push(repReply('rep-telegram-1', conversationId, 'telegram', 'Hi Ivan, how can I help?'));
    const sent = await fake.waitForSent(2, { chatId: 5151, timeoutMs: 30_000 });
    expect(sent[1]!.text).toBe('Hi Ivan, how can I help?\n\n— Olga Petrova');
    expect(JSON.stringify(fake.sent)).not.toContain(rep.user.email);
    // The stored message keeps what the rep wrote.
    const stored = await server.store.teamDb<MessageDoc>(teamId, 'messages').get('rep-telegram-1');
    expect(stored.text).toBe('Hi Ivan, how can I help?');
  }, 90_000);

  it('VK: the reply ends with the display name', async () => {
    const put = await call(server.url, 'PUT', '/api/v1/channels/vk', {
      token: admin,
      body: {
        groupId: vk.groupId,
        accessToken: vk.token,
        mode: 'callback',
        confirmationCode: 'c0de',
        secretKey: 'S3cret42',
      },
    });
    expect(put.status).toBe(200);
    const event = vk.messageEvent(6161, 'Need a human manager please');
    expect((await vk.callback(`${server.url}/vk/callback/${teamId}`, event, 'S3cret42')).status).toBe(200);
    await vk.waitForSent(1, { peerId: 6161, timeoutMs: 45_000 });
    await push(repReply('rep-vk-1', `conv:vk:${vk.groupId}:6161`, 'vk', 'Hello from the team'));
    const sent = await vk.waitForSent(2, { peerId: 6161, timeoutMs: 30_000 });
    expect(sent[1]!.text).toBe('Hello from the team\n\n— Olga Petrova');
    expect(JSON.stringify(vk.sent)).not.toContain(rep.user.email);
  }, 90_000);

  it('e-mail: the mail is from the display name and signed with it', async () => {
    const settings = {
      teamId,
      enabled: true,
      address: 'sales@shop.example',
      fromName: 'Shop',
    } as EmailSettings;
    const conversationId = 'conv:email:test:customer@example.com';
    await server.store.teamDb(teamId, 'conversations').insert({
      _id: conversationId,
      contactId: 'contact:email:customer@example.com',
      channel: 'email',
      externalChatId: 'customer@example.com',
      mode: 'human',
      status: 'open',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    } as never);
    const doc = {
      ...repReply('rep-mail-1', conversationId, 'email', 'Thanks for writing.'),
      id: 'rep-mail-1',
    };
    const mail = await composeOutbound(server.store, settings, doc as unknown as MessageDoc, new Date());
    const parsed = await simpleParser(mail.raw);
    expect(parsed.from?.value[0]).toMatchObject({
      name: 'Olga Petrova (Shop)',
      address: 'sales@shop.example',
    });
    expect(parsed.text?.trim()).toBe('Thanks for writing.\n\n— Olga Petrova');
    expect(mail.raw.toString()).not.toContain(rep.user.email);
  });
});
