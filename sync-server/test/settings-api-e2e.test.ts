// What the Settings screen asks the server, against a real server on loopback: pending invites listed
// (without their tokens) and revoked (the token stops working), and the Telegram token checked with
// the Bot API's getMe against the fake Bot API server (a token Telegram does not know is an answer
// naming Telegram's reason, a malformed one a 400, a rep is refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import type { RunningServer } from '../src/server';
import {
  CORE,
  acceptInvite,
  call,
  register,
  startTestServer,
  tempDir,
  uniqueEmail,
  type Session,
} from './helpers';

const BOT_TOKEN = '555666777:SettingsCheckToken_for_tests-0123456789';
const UNKNOWN_TOKEN = '555666777:SomeoneElsesTokenTelegramRefuses_0123';

let dir: ReturnType<typeof tempDir>;
let fake: FakeTelegram;
let server: RunningServer;
let admin: Session;

beforeAll(async () => {
  dir = tempDir('settings-api-');
  fake = await startFakeTelegram({ token: BOT_TOKEN });
  server = await startTestServer(dir.path, { ...CORE, TELEGRAM_API_ROOT: fake.apiRoot });
  admin = await register(server.url, 'Settings team');
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
  dir.remove();
});

describe('pending invites', () => {
  it('lists an invite until it is accepted, and a revoked invite no longer works', async () => {
    const token = admin.accessToken;
    const invite = (email: string) =>
      call(server.url, 'POST', '/api/v1/members/invite', { token, body: { email, role: 'rep' } });
    const kept = (await invite(uniqueEmail('kept'))).body as { inviteToken: string; email: string };
    const dropped = (await invite(uniqueEmail('dropped'))).body as { inviteToken: string; email: string };

    const listed = await call(server.url, 'GET', '/api/v1/members/invites', { token });
    expect(listed.status).toBe(200);
    const items = (listed.body as { items: { id: string; email: string; role: string }[] }).items;
    expect(items.map((i) => i.email).sort()).toEqual([kept.email, dropped.email].sort());
    expect(JSON.stringify(listed.body)).not.toContain(kept.inviteToken);

    const revokedId = items.find((i) => i.email === dropped.email)!.id;
    const revoke = await call(server.url, 'DELETE', `/api/v1/members/invites/${revokedId}`, { token });
    expect(revoke.status).toBe(204);
    const again = await call(server.url, 'DELETE', `/api/v1/members/invites/${revokedId}`, { token });
    expect(again.status).toBe(404);
    const refused = await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: dropped.inviteToken, password: 'a long enough passphrase 7' },
    });
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).toContain('invalid');

    const member = await acceptInvite(server.url, kept);
    const after = await call(server.url, 'GET', '/api/v1/members/invites', { token });
    expect((after.body as { items: unknown[] }).items).toEqual([]);

    // Another team's admin cannot see or revoke them; a rep may not list them; a bad id is a 400.
    const other = await register(server.url, 'Other team');
    const fresh = (await invite(uniqueEmail('fresh'))).body as { email: string };
    const mine = (
      (await call(server.url, 'GET', '/api/v1/members/invites', { token })).body as {
        items: { id: string; email: string }[];
      }
    ).items;
    expect(mine.map((i) => i.email)).toEqual([fresh.email]);
    const theirs = await call(server.url, 'GET', '/api/v1/members/invites', { token: other.accessToken });
    expect((theirs.body as { items: unknown[] }).items).toEqual([]);
    const foreign = await call(server.url, 'DELETE', `/api/v1/members/invites/${mine[0]!.id}`, {
      token: other.accessToken,
    });
    expect(foreign.status).toBe(404);
    const asRep = await call(server.url, 'GET', '/api/v1/members/invites', { token: member.accessToken });
    expect(asRep.status).toBe(403);
    const bad = await call(server.url, 'DELETE', '/api/v1/members/invites/not-an-id', { token });
    expect(bad.status).toBe(400);
  });
});

describe('Telegram token check', () => {
  const check = (body: unknown, token = admin.accessToken) =>
    call(server.url, 'POST', '/api/v1/channels/telegram/check', { token, body });

  it("answers the bot's username for a token Telegram knows, and Telegram's reason for one it does not", async () => {
    const good = await check({ token: BOT_TOKEN });
    expect(good.status).toBe(200);
    expect(good.body).toEqual({
      ok: true,
      botId: '555666777',
      username: 'fake_sales_bot',
      name: 'Fake Sales Bot',
    });

    const unknown = await check({ token: UNKNOWN_TOKEN });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ ok: false, error: 'Telegram 401: Unauthorized' });
    expect(JSON.stringify(unknown.body)).not.toContain(UNKNOWN_TOKEN);

    const malformed = await check({ token: 'not a token' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('BotFather');
  });

  it('checks the stored token when none is given, and says when none is stored', async () => {
    const none = await check({});
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('no Telegram bot connected');
    const saved = await call(server.url, 'PUT', '/api/v1/channels/telegram', {
      token: admin.accessToken,
      body: { token: BOT_TOKEN, mode: 'polling' },
    });
    expect(saved.status).toBe(200);
    const stored = await check({});
    expect(stored.body).toMatchObject({ ok: true, username: 'fake_sales_bot' });
  });

  it('refuses a rep and says so when Telegram cannot be reached', async () => {
    const repInvite = await call(server.url, 'POST', '/api/v1/members/invite', {
      token: admin.accessToken,
      body: { email: uniqueEmail('rep'), role: 'rep' },
    });
    const rep = await acceptInvite(server.url, repInvite.body as { inviteToken: string; email: string });
    expect((await check({ token: BOT_TOKEN }, rep.accessToken)).status).toBe(403);
    await fake.close();
    const down = await check({ token: BOT_TOKEN });
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ ok: false, error: expect.stringContaining('Telegram not reachable') });
  });
});
