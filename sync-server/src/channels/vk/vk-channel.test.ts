// The VK wing's parts on their own: random_id and text parts, which VK errors are tried again, the
// settings' validation and sealing, the API client's errors (against the fake VK API on loopback),
// and the long-poll loop's answers to VK's `failed` codes.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeVk, type FakeVk } from '../../../test/fake-vk';
import { startTestStore } from '../../../test/helpers';
import { handleVkEvent, MalformedVkEvent } from './events';
import { startVkLongPoll, type VkLongPollEvent } from './long-poll';
import { buildVkChannelDoc, unsealVkSettings, vkSettingsInput } from './settings';
import { communityOf, createVkApi, VkApiError, VkNetworkError } from './vk-api';
import { isRetryable, randomIdOf, splitText } from './vk-sender';

const log = pino({ level: 'silent' });
let vk: FakeVk;
beforeAll(async () => {
  vk = await startFakeVk();
});
afterAll(() => vk.close());

describe('random_id and parts', () => {
  it('random_id is a non-zero int32, the same for the same doc and part on every try', () => {
    const ids = ['msg-1', 'msg-2', 'msg:vk:1:2:reply'].flatMap((id) =>
      [0, 1, 2].map((p) => randomIdOf(id, p)),
    );
    for (const n of ids) {
      expect(Number.isInteger(n) && n !== 0 && n >= -(2 ** 31) && n < 2 ** 31).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(randomIdOf('msg-1')).toBe(randomIdOf('msg-1', 0));
  });

  it("a text over VK's 4096 characters goes in parts, cut at a line or word end", () => {
    expect(splitText('short')).toEqual(['short']);
    const text = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join(' ')).toBe(text);
    expect(splitText('x'.repeat(9000)).map((p) => p.length)).toEqual([4096, 4096, 808]);
  });

  it("VK's per-second limit, internal errors and network failures are retried; the rest are not", () => {
    expect(isRetryable(new VkApiError('messages.send', 6, 'Too many requests per second'))).toBe(true);
    expect(isRetryable(new VkApiError('messages.send', 10, 'Internal server error'))).toBe(true);
    expect(isRetryable(new VkNetworkError('messages.send', 'ECONNRESET'))).toBe(true);
    for (const code of [5, 7, 9, 901, 902, 914])
      expect(isRetryable(new VkApiError('messages.send', code, ''))).toBe(false);
  });
});

describe('settings', () => {
  const key = Buffer.alloc(32, 7);
  const by = { userId: 'u1', at: '2026-01-01T00:00:00.000Z' };
  const TOKEN = 'vk1.a.0123456789abcdefghijklmnopqrstuvwxyz';
  const input = (extra: Record<string, unknown> = {}) =>
    vkSettingsInput.parse({
      groupId: 1,
      accessToken: TOKEN,
      confirmationCode: 'abc123',
      secretKey: 'secretKey42',
      ...extra,
    });

  it('refuses what VK would not take, naming the field', () => {
    const bad = vkSettingsInput.safeParse({
      groupId: 0,
      accessToken: 'short',
      secretKey: 'a b',
      apiVersion: '5.90',
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['groupId', 'accessToken', 'secretKey', 'apiVersion']));
    const noConfirmation = vkSettingsInput.safeParse({ groupId: 1, mode: 'callback' });
    expect(noConfirmation.error?.issues[0]?.path).toEqual(['confirmationCode']);
    expect(vkSettingsInput.safeParse({ groupId: 1, mode: 'longpoll' }).success).toBe(true);
  });

  it('seals the token and secret per team; left out, the stored ones stay; callback mode needs a secret', () => {
    const doc = buildVkChannelDoc(key, 'team-a', input(), null, by);
    expect(JSON.stringify(doc)).not.toContain(TOKEN);
    expect(doc.tokenHint).toBe('…wxyz');
    expect(JSON.stringify(doc)).not.toContain('secretKey42');
    expect(unsealVkSettings(key, doc)).toMatchObject({
      token: TOKEN,
      secretKey: 'secretKey42',
    });
    const kept = buildVkChannelDoc(
      key,
      'team-a',
      input({ accessToken: undefined, secretKey: undefined }),
      doc,
      by,
    );
    expect(unsealVkSettings(key, kept).token).toBe(TOKEN);
    // A sealed token copied into another team's doc does not open.
    expect(() => unsealVkSettings(key, { ...doc, teamId: 'team-b' })).toThrow();
    expect(() => buildVkChannelDoc(key, 'team-a', input({ secretKey: undefined }), null, by)).toThrow(
      /secretKey/,
    );
    expect(() => buildVkChannelDoc(key, 'team-a', input({ accessToken: undefined }), null, by)).toThrow(
      /accessToken/,
    );
  });
});

describe('the VK API client', () => {
  it("answers VK's response, VK's errors with their code, and never shows the token", async () => {
    const api = createVkApi({ apiRoot: vk.apiRoot, token: vk.token, version: '5.199', spacingMs: 0 });
    expect(await communityOf(api, vk.groupId)).toMatchObject({ id: vk.groupId });
    const old = createVkApi({ apiRoot: vk.apiRoot, token: vk.token, version: '5.131', spacingMs: 0 });
    expect(await communityOf(old, vk.groupId)).toMatchObject({ id: vk.groupId });
    const err = await api.call('messages.send', { peer_id: 1, message: 'hi' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VkApiError);
    expect((err as VkApiError).code).toBe(100);
    expect((err as VkApiError).message).toMatch(/random_id is a required parameter/);
    const wrong = createVkApi({ apiRoot: vk.apiRoot, token: 'bad-token-0123456789', version: '5.199' });
    const denied = (await wrong.call('users.get', { user_ids: 1 }).catch((e: unknown) => e)) as VkApiError;
    expect(denied.code).toBe(5);
    const down = createVkApi({
      apiRoot: 'http://127.0.0.1:9',
      token: vk.token,
      version: '5.199',
      timeoutMs: 2000,
    });
    const net = (await down.call('users.get').catch((e: unknown) => e)) as Error;
    expect(net).toBeInstanceOf(VkNetworkError);
    expect(net.message).not.toContain(vk.token);
  });

  it('spaces calls to keep 20 a second', async () => {
    const api = createVkApi({ apiRoot: vk.apiRoot, token: vk.token, version: '5.199' });
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => api.call('groups.getById', { group_id: vk.groupId })));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });
});

describe('message_new events', () => {
  it("takes VK's message object of API 5.103+ and the bare message of older versions; refuses others", async () => {
    const test = await startTestStore('vk-events-');
    try {
      const deps = { store: test.store, teamId: 'tvk', groupId: 5, log };
      await test.store.ensureTeam('tvk');
      const message = { id: 7, date: 1_700_000_000, peer_id: 42, from_id: 42, text: 'Привет', out: 0 };
      expect(await handleVkEvent(deps, 'message_new', { message })).toBe('created');
      expect(await handleVkEvent(deps, 'message_new', message)).toBe('duplicate');
      expect(await handleVkEvent(deps, 'message_new', { message: { ...message, id: 8, out: 1 } })).toBe(
        'skipped',
      );
      expect(await handleVkEvent(deps, 'message_typing_state', {})).toBe('ignored');
      // The customer stops taking the community's messages: opted out, as Telegram's /stop.
      expect(await handleVkEvent(deps, 'message_deny', { user_id: 42 })).toBe('opted-out');
      const contact = await test.store.teamDb<{ optOut: boolean }>('tvk', 'contacts').get('contact:vk:42');
      expect(contact.optOut).toBe(true);
      await expect(handleVkEvent(deps, 'message_deny', { user_id: 'x' })).rejects.toBeInstanceOf(
        MalformedVkEvent,
      );
      await expect(handleVkEvent(deps, 'message_new', { message: { text: 'x' } })).rejects.toBeInstanceOf(
        MalformedVkEvent,
      );
    } finally {
      await test.close();
    }
  });
});

describe('the long-poll loop', () => {
  it("goes on after VK's failed 1 (from the ts given), 2 (a new key) and 3 (a new key and ts)", async () => {
    const api = createVkApi({ apiRoot: vk.apiRoot, token: vk.token, version: '5.199', spacingMs: 0 });
    const seen: string[] = [];
    const poll = startVkLongPoll({
      api,
      groupId: vk.groupId,
      log,
      waitSec: 5,
      retryBaseMs: 50,
      handle: async (e: VkLongPollEvent) => {
        seen.push((e.object as { message: { text: string } }).message.text);
      },
    });
    const servers = () => vk.calls.filter((c) => c.method === 'groups.getLongPollServer').length;
    const until = async (cond: () => boolean) => {
      const t0 = Date.now();
      while (!cond()) {
        if (Date.now() - t0 > 10_000) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await until(() => servers() >= 1 && vk.longPollChecks.length >= 0);
      vk.pushLongPoll(vk.messageEvent(1, 'one'));
      await until(() => seen.length === 1);
      vk.outdate();
      await until(() => vk.longPollChecks.some((c) => c.answer.includes('"failed":1')));
      vk.pushLongPoll(vk.messageEvent(1, 'two'));
      await until(() => seen.length === 2);
      let asked = servers();
      vk.expireKey();
      await until(() => servers() > asked);
      vk.pushLongPoll(vk.messageEvent(1, 'three'));
      await until(() => seen.length === 3);
      asked = servers();
      vk.loseHistory();
      await until(() => servers() > asked);
      vk.pushLongPoll(vk.messageEvent(1, 'four'));
      await until(() => seen.length === 4);
      expect(seen).toEqual(['one', 'two', 'three', 'four']);
    } finally {
      await poll.stop();
    }
  });

  it('reads the same events again when handling one failed (the store was down)', async () => {
    const api = createVkApi({ apiRoot: vk.apiRoot, token: vk.token, version: '5.199', spacingMs: 0 });
    const seen: string[] = [];
    let fail = true;
    const poll = startVkLongPoll({
      api,
      groupId: vk.groupId,
      log,
      waitSec: 5,
      retryBaseMs: 50,
      handle: async (e) => {
        const text = (e.object as { message: { text: string } }).message.text;
        if (text === 'b' && fail) {
          fail = false;
          throw new Error('store down');
        }
        seen.push(text);
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      vk.pushLongPoll(vk.messageEvent(2, 'a'));
      vk.pushLongPoll(vk.messageEvent(2, 'b'));
      const t0 = Date.now();
      while (!seen.includes('b') && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
      // 'b' failed once and was read again; nothing was skipped.
      expect(fail).toBe(false);
      expect(seen).toEqual(['a', 'b']);
    } finally {
      await poll.stop();
    }
  });
});
