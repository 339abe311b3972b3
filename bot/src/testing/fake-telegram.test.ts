// The fake Bot API server itself: the semantics other packages' tests rely on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api, GrammyError } from 'grammy';
import { startFakeTelegram, type FakeTelegram } from './fake-telegram';

describe('fake Telegram Bot API server', () => {
  let fake: FakeTelegram;
  let api: Api;
  beforeEach(async () => {
    fake = await startFakeTelegram();
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers getMe and rejects a wrong token or an unknown method', async () => {
    expect((await api.getMe()).username).toBe('fake_sales_bot');
    const wrong = new Api('1:wrong', { apiRoot: fake.apiRoot });
    await expect(wrong.getMe()).rejects.toMatchObject({ error_code: 401 });
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/noSuchMethod`, { method: 'POST' });
    expect(res.status).toBe(404);
  });

  it('getChat answers ChatFullInfo of a chat whose customer wrote, else 400 "chat not found"', async () => {
    await expect(api.getChat(42)).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: chat not found',
    });
    const u = fake.user({
      id: 42,
      first_name: 'Ann',
      username: 'ann',
      profile: { bio: 'Buyer', birthdate: { day: 1, month: 2 } },
    });
    await expect(api.getChat(42)).rejects.toBeInstanceOf(GrammyError);
    u.says('hi');
    const info = await api.getChat(42);
    expect(info).toMatchObject({
      id: 42,
      type: 'private',
      first_name: 'Ann',
      username: 'ann',
      bio: 'Buyer',
      birthdate: { day: 1, month: 2 },
      max_reaction_count: 11,
    });
    expect(typeof info.accent_color_id).toBe('number');
    const quiet = fake.user({ id: 43 });
    quiet.says('hello');
    expect(await api.getChat('43')).not.toHaveProperty('bio');
  });

  it('long-polls getUpdates with offset confirmation', async () => {
    const u = fake.user({ id: 7 });
    const started = Date.now();
    const poll = api.getUpdates({ offset: 0, timeout: 5 });
    setTimeout(() => u.says('late'), 150);
    const first = await poll;
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(first.map((x) => x.message?.text)).toEqual(['late']);
    u.says('second');
    // Not confirmed yet: offset 0 returns both; offset past the first confirms it.
    expect((await api.getUpdates({ offset: 0 })).length).toBe(2);
    const next = await api.getUpdates({ offset: first[0]!.update_id + 1 });
    expect(next.map((x) => x.message?.text)).toEqual(['second']);
    expect(fake.pendingUpdates()).toHaveLength(1);
    const empty = Date.now();
    expect(await api.getUpdates({ offset: next[0]!.update_id + 1, timeout: 1 })).toEqual([]);
    expect(Date.now() - empty).toBeGreaterThanOrEqual(900);
  });

  it('refuses getUpdates while a webhook is set, and when a newer poll replaces it', async () => {
    const older = api.getUpdates({ timeout: 5 });
    await new Promise((r) => setTimeout(r, 50));
    const newer = api.getUpdates({ timeout: 0 });
    await expect(older).rejects.toMatchObject({ error_code: 409 });
    await newer;
    await api.setWebhook('http://127.0.0.1:9/hook', { secret_token: 's3cret' });
    await expect(api.getUpdates()).rejects.toBeInstanceOf(GrammyError);
    await api.deleteWebhook();
    expect(await api.getUpdates()).toEqual([]);
  });

  it('records sent and edited messages and serves files', async () => {
    const sent = await api.sendMessage(5, 'hi');
    await api.editMessageText(5, sent.message_id, 'hi there');
    await api.sendChatAction(5, 'typing');
    expect(fake.sent.map((s) => [s.method, s.text])).toEqual([
      ['sendMessage', 'hi'],
      ['editMessageText', 'hi there'],
    ]);
    expect(fake.sentTo(5)).toHaveLength(1);
    await expect(api.sendMessage(5, 'x'.repeat(4097))).rejects.toMatchObject({ error_code: 400 });
    const file = fake.addFile(new Uint8Array([1, 2, 3]), { fileName: 'a.txt' });
    const info = await api.getFile(file.file_id);
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${info.file_path}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('injects failures: counted, per chat, persistent, slow', async () => {
    fake.failNext({ status: 429, retryAfter: 3 }, { times: 2 });
    for (let i = 0; i < 2; i++) {
      await expect(api.sendMessage(1, 'a')).rejects.toMatchObject({
        error_code: 429,
        parameters: { retry_after: 3 },
      });
    }
    await api.sendMessage(1, 'a');
    const unblock = fake.blockChat(2);
    await expect(api.sendMessage(2, 'b')).rejects.toMatchObject({ error_code: 403 });
    await expect(api.sendMessage(2, 'b')).rejects.toMatchObject({ error_code: 403 });
    await api.sendMessage(3, 'c');
    unblock();
    await api.sendMessage(2, 'b');
    fake.failNext({ delayMs: 200 });
    const t = Date.now();
    await api.sendMessage(4, 'slow');
    expect(Date.now() - t).toBeGreaterThanOrEqual(180);
    expect(fake.sent.map((s) => s.text)).toEqual(['a', 'c', 'b', 'slow']);
  });
});
