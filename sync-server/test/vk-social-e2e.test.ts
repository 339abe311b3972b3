// Social monitoring of a VK community end to end (issue 39), through a real sync server with its
// runtime and the fake VK API (test/fake-vk.ts: the wall and news search answer the app's service key
// and refuse the community token, as VK documents). A team on the events pack connects its community
// with its app's service key in the VK settings; an event deal names the keywords to watch (the
// pack's field); the runtime's monitor, every SOCIAL_POLL_MS, and an admin's "poll now" turn the
// community's posts and comments and other communities' posts that name the event into the deal's
// social report, negative ones first. Without the key, and with a key VK refuses, the API says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { watchedEventDeal } from './social-kit';
import { call, eventually, register, startTestServer, tempDir } from './helpers';
import { startFakeVk, type FakeVk } from './fake-vk';

type Json = Record<string, unknown>;
let dir: ReturnType<typeof tempDir>;
let vk: FakeVk;
let server: RunningServer;
let admin: string;
let leadId: string;

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, { token: admin, ...(body === undefined ? {} : { body }) });
const connect = (extra: Record<string, unknown> = {}) =>
  api('PUT', '/channels/vk', {
    groupId: vk.groupId,
    accessToken: vk.token,
    mode: 'callback',
    confirmationCode: 'a1b2c3d4',
    secretKey: 'k3yFromVkSettings42',
    ...extra,
  });
const report = async (leadId: string) => (await api('GET', `/leads/${leadId}/social`)).body as Json;

beforeAll(async () => {
  dir = tempDir('vk-social-');
  vk = await startFakeVk({ groupName: 'Ромашка' });
  server = await startTestServer(dir.path, {
    VK_API_ROOT: vk.apiRoot,
    OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${new URL(vk.apiRoot).port}`,
    SOCIAL_POLL_MS: '1000',
  });
  admin = (await register(server.url, 'Events social team')).accessToken;
  leadId = await watchedEventDeal(api);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await vk?.close();
  dir?.remove();
});

describe("social monitoring of the team's VK community", () => {
  it('needs the service key, and says so; VK refusing the community token on the wall is why', async () => {
    expect((await api('POST', '/social/vk/poll')).body.error.message).toContain('Connect a VK community');
    expect((await connect()).status).toBe(200);
    const noKey = await api('POST', '/social/vk/poll');
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.message).toContain('service key');
    // A key VK does not know: VK's refusal, in its words, as the channel's error (not a server error).
    const wrong = await connect({ serviceToken: 'f'.repeat(64) });
    expect(wrong.body.serviceTokenHint).toBe('…ffff');
    const refused = await api('POST', '/social/vk/poll');
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'channel-unavailable' });
    expect(refused.body.error.message).toContain('VK refused');
    expect((await connect({ serviceToken: 'bad key!' })).status).toBe(400);
  });

  it("turns posts and comments that name an event deal's keywords into its report, the negative first", async () => {
    const connected = await connect({ serviceToken: vk.serviceToken });
    expect(connected.status).toBe(200);
    expect(JSON.stringify(connected.body)).not.toContain(vk.serviceToken);
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const post = vk.wall.post('Фотоотчёт: гала-ужин Ромашки прошёл отлично, спасибо всем!', { date: t0 });
    vk.wall.post('Скидки недели на доставку цветов', { date: t0 + 60 });
    vk.wall.comment(post.id, 'Кейтеринг был ужасный, еда холодная', { fromId: 501, date: t0 + 600 });

    // The runtime's monitor (every second here) finds them by itself.
    const found = await eventually(async () => {
      const r = await report(leadId);
      return (r.items as Json[]).length >= 2 ? r : undefined;
    }, 20_000);
    expect(found.counts).toMatchObject({ negative: 1, positive: 1 });
    const items = found.items as Json[];
    expect(items[0]).toMatchObject({
      source: 'vk-comment',
      sentiment: { label: 'negative' },
      author: 'vk:501',
    });
    expect(items[1]).toMatchObject({ source: 'vk-wall', sentiment: { label: 'positive' } });
    expect(String(items[1]!.url)).toBe(`https://vk.com/wall-${vk.groupId}_${post.id}`);

    // An admin's "poll now": what is new since, once; the monitor keeps nothing twice.
    vk.wall.comment(post.id, 'Romashka gala was a delight, thank you!', { fromId: 502, date: t0 + 900 });
    const polled = await api('POST', '/social/vk/poll');
    expect(polled.status, JSON.stringify(polled.body)).toBe(200);
    expect(polled.body.watched).toBe(1);
    await new Promise((r) => setTimeout(r, 2_500));
    const after = await report(leadId);
    expect(after.counts).toMatchObject({ negative: 1, positive: 2 });
    expect((after.items as Json[]).filter((i) => i.source === 'vk-comment')).toHaveLength(2);
    // The wall was read with the app's key, never with the community token (VK's 27).
    const wallCalls = vk.calls.filter((c) => c.method === 'wall.get');
    expect(wallCalls.filter((c) => !c.error).length).toBeGreaterThan(1);
    expect(vk.calls.some((c) => c.error === 27)).toBe(false);
  });
});
