// Seat and channel limits under concurrent requests (issue 40, "Plans and limits"): two server
// processes on one store, requests at the edge of a Free plan's limit sent to both at once. Exactly
// one goes through, every other one is refused with 402 `plan-limit-reached`, and the team holds no
// more than its plan allows (each creation is counted and written holding the team's limit gate,
// billing/limit-gate.ts). The store's writes take their time here (a link that holds each write back),
// so that requests' counts fall between another request's count and its write, as they do on a busy
// CouchDB; without the gate several would go through.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import {
  call,
  CORE,
  register,
  startTestCouch,
  startTestServer,
  tempDir,
  uniqueEmail,
  type Session,
  type TestCouch,
} from './helpers';

type Json = Record<string, unknown>;
const OPERATOR = 'operator-token-0123456789abcdef';
const secrets = { JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: 'y'.repeat(64) };
const WRITE_DELAY_MS = 50;

const dirA = tempDir('limits-race-a-');
const dirB = tempDir('limits-race-b-');
let couch: TestCouch;
let link: Server;
let a: RunningServer;
let b: RunningServer;

/** Reads that do not change the store: `_find`, `_all_docs`, `_bulk_get`, `_changes` are POSTed too. */
const isRead = (method = 'GET', path = '') =>
  method === 'GET' || method === 'HEAD' || /\/_(find|all_docs|bulk_get|changes|explain)\b/.test(path);

/** The store at `target`, its writes answered `delayMs` later (reads at once). */
async function slowWrites(target: string, delayMs: number): Promise<{ server: Server; url: string }> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const forward = () => {
      const out = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (isRead(req.method, req.url)) forward();
    else setTimeout(forward, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: url.href.replace(/\/$/, '') };
}

beforeAll(async () => {
  couch = await startTestCouch('limits-race-store-');
  const slow = await slowWrites(couch.url, WRITE_DELAY_MS);
  link = slow.server;
  const env = {
    ...CORE,
    ...secrets,
    BILLING_OPERATOR_TOKEN: OPERATOR,
    COUCHDB_URL: slow.url,
    ...(couch.prefix ? { COUCHDB_DB_PREFIX: couch.prefix } : {}),
  };
  a = await startTestServer(dirA.path, env);
  b = await startTestServer(dirB.path, env);
}, 60_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
  link?.closeAllConnections();
  await new Promise((r) => link?.close(r));
  await couch?.close();
  dirA.remove();
  dirB.remove();
});

const teamOf = (s: Session) => s.team.id;
const freePlan = async (s: Session) => {
  const res = await call(a.url, 'PUT', `/api/v1/billing/operator/teams/${teamOf(s)}/plan`, {
    body: { plan: 'free' },
    headers: { authorization: `Bearer ${OPERATOR}` },
  });
  expect(res.status).toBe(200);
};
/** The server of the i-th request: the two processes in turn. */
const serverOf = (i: number) => (i % 2 === 0 ? a : b).url;
const usage = async (s: Session) =>
  ((await call(b.url, 'GET', '/api/v1/billing/plan', { token: s.accessToken })).body as { usage: Json })
    .usage;

/** One answer is a success (2xx), every other one a 402 plan-limit-reached for `limit`. */
function expectOneThrough(answers: Array<{ status: number; body: unknown }>, limit: string) {
  const through = answers.filter((r) => r.status >= 200 && r.status < 300);
  const refused = answers.filter((r) => !through.includes(r));
  expect(through, JSON.stringify(answers.map((r) => r.status))).toHaveLength(1);
  for (const r of refused) {
    expect(r.status).toBe(402);
    expect((r.body as { error: Json }).error).toMatchObject({
      code: 'plan-limit-reached',
      details: { limit, plan: 'free' },
    });
  }
}

describe('plan limits with requests at once on two server processes', () => {
  it('lets exactly one of 8 concurrent invites take the last seat of a Free team', async () => {
    const admin = await register(a.url, 'Seat race team');
    await freePlan(admin);
    const invite = (i: number) =>
      call(serverOf(i), 'POST', '/api/v1/members/invite', {
        token: admin.accessToken,
        body: { email: uniqueEmail(`race-${i}`), role: 'rep' },
      });
    // The admin and one invite: one of the Free plan's 3 seats is left.
    expect((await invite(0)).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => invite(i)));
    expectOneThrough(answers, 'seats');
    const pending = await call(a.url, 'GET', '/api/v1/members/invites', { token: admin.accessToken });
    expect((pending.body as { items: unknown[] }).items).toHaveLength(2);
    expect(await usage(admin)).toMatchObject({ seats: 3 });
  }, 60_000);

  it('lets exactly one of concurrent channel connections (widgets, Telegram, VK) take the Free plan’s channel', async () => {
    const admin = await register(a.url, 'Channel race team');
    await freePlan(admin);
    const widget = (i: number) =>
      call(serverOf(i), 'POST', '/api/v1/channels/webchat', { token: admin.accessToken, body: {} });
    const telegram = (i: number) =>
      call(serverOf(i), 'PUT', '/api/v1/channels/telegram', {
        token: admin.accessToken,
        body: { token: `123456:${'A'.repeat(35)}`, enabled: false },
      });
    const vk = (i: number) =>
      call(serverOf(i), 'PUT', '/api/v1/channels/vk', {
        token: admin.accessToken,
        body: { groupId: 42, accessToken: 'v'.repeat(40), mode: 'longpoll', enabled: false },
      });
    const answers = await Promise.all([widget(0), telegram(1), widget(2), vk(3), widget(4), widget(5)]);
    expectOneThrough(answers, 'channels');
    expect(await usage(admin)).toMatchObject({ channels: 1 });
  }, 60_000);
});
