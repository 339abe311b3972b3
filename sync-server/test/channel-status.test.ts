// GET /api/v1/channels/status (issue 17): every member learns which of the team's channels are
// connected, so a reply waiting on one that is not can say so. A new team has none; a widget connects
// the web chat, a bot Telegram; another team's channels are not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { botHealth } from '../src/ops/pipeline-health';
import { startApiTestServer, type ApiTestServer, type TestTeam } from './api-kit';

let t: ApiTestServer;
let team: TestTeam;
let other: TestTeam;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Status');
  other = await t.team('Other');
}, 60_000);
afterAll(() => t?.close());

describe('channel status', () => {
  it('says which channels are connected, to every member, per team', async () => {
    const none = await t.as(team.viewer)('GET', '/channels/status');
    expect(none.status).toBe(200);
    expect(none.body).toEqual({
      telegram: { connected: false },
      webchat: { connected: false },
      email: { connected: false },
      vk: { connected: false },
    });
    expect((await t.as('')('GET', '/channels/status')).status).toBe(401);

    expect((await t.as(team.admin)('POST', '/channels/webchat', {})).status).toBe(201);
    const put = await t.as(team.admin)('PUT', '/channels/telegram', {
      token: '123456:ABCdefGhIJKlmnoPQRstuVWxyz01234',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const after = await t.as(team.rep)('GET', '/channels/status');
    expect(after.body).toMatchObject({ telegram: { connected: true }, webchat: { connected: true } });
    expect((await t.as(other.rep)('GET', '/channels/status')).body).toMatchObject({
      telegram: { connected: false },
      webchat: { connected: false },
    });
  });

  it('says a connected channel is stalled when nobody has run its bot for 30 s (issue 65)', async () => {
    // The bot's lease checks in this process found nobody running it since a minute ago.
    const health = botHealth(team.teamId, '123456', pino({ level: 'silent' }));
    health.unserved(Date.now() - 60_000);
    try {
      const res = await t.as(team.rep)('GET', '/channels/status');
      expect(res.body).toMatchObject({ telegram: { connected: true, stalled: true } });
      expect((res.body as { webchat: object }).webchat).toEqual({ connected: true });
      expect((await t.as(other.rep)('GET', '/channels/status')).body).toMatchObject({
        telegram: { connected: false },
      });
      health.served();
      expect((await t.as(team.rep)('GET', '/channels/status')).body).toMatchObject({
        telegram: { connected: true },
      });
      expect((await t.as(team.rep)('GET', '/channels/status')).body.telegram.stalled).toBeUndefined();
    } finally {
      health.close();
    }
  });
});
