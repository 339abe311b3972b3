// The test chat on a plan that limits AI replies (issue 60: a self-registered Free team got 12 of 12
// answers from the operator's model, usage 0). Each answer is one AI reply of the month: past the
// plan's replies the test chat answers 402 plan-limit-reached (in English and Russian); a team asks at
// most 30 a minute (429, one team's asks not another's); and a Free team never falls back to the
// operator's LLM_*: its answers are the offline provider's until the team adds a model of its own, while
// the same server's operator model answers a paying team (counted) and one on Unlimited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import type { RunningServer } from '../src/server';
import { call, register, startTestServer, tempDir, type Session } from './helpers';

const OPERATOR = 'operator-token-for-the-test-chat-plan';
let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let operatorModel: FakeOpenAi;

beforeAll(async () => {
  dir = tempDir('test-chat-plan-');
  operatorModel = await startFakeOpenAi(() => ({
    body: fakeCompletion({ content: 'From the operator model.' }),
  }));
  server = await startTestServer(
    dir.path,
    {
      BILLING_DEFAULT_PLAN: 'free',
      BILLING_LIMITS: JSON.stringify({ free: { aiReplies: 2 } }),
      BILLING_OPERATOR_TOKEN: OPERATOR,
      LLM_BASE_URL: operatorModel.baseURL,
      LLM_API_KEY: 'sk-operator',
      LLM_MODEL: 'operator-model',
    },
    { testChatRate: { max: 5, windowMs: 60_000 } },
  );
}, 60_000);

afterAll(async () => {
  await server?.close();
  await operatorModel?.close();
  dir?.remove();
});

const ask = async (s: Session, lang = 'en') => {
  const res = await fetch(`${server.url}/api/v1/agents/test-chat`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${s.accessToken}`,
      'content-type': 'application/json',
      'accept-language': lang,
    },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'How much is delivery?' }] }),
  });
  const text = await res.text();
  const done = /event: done\ndata: (.+)/.exec(text)?.[1];
  return {
    status: res.status,
    done: done ? (JSON.parse(done) as { offline: boolean; provider: string }) : undefined,
    error: done ? undefined : (JSON.parse(text) as { error: { code: string; message: string } }).error,
  };
};
const usedReplies = async (s: Session) =>
  (
    (await call(server.url, 'GET', '/api/v1/billing/plan', { token: s.accessToken })).body as {
      usage: { aiReplies: number };
    }
  ).usage.aiReplies;

describe('the test chat on a limited plan', () => {
  it("counts each answer, refuses past the month's replies, never asks the operator's model", async () => {
    const team = await register(server.url, 'Free test chat team');
    const answers = [await ask(team), await ask(team)];
    for (const a of answers) expect(a).toMatchObject({ status: 200, done: { offline: true } });
    expect(operatorModel.requests).toHaveLength(0);
    expect(await usedReplies(team)).toBe(2);

    const en = await ask(team);
    expect(en).toMatchObject({ status: 402, error: { code: 'plan-limit-reached' } });
    expect(en.error?.message).toMatch(/AI replies this month are used up/);
    const ru = await ask(team, 'ru');
    expect(ru).toMatchObject({ status: 402, error: { code: 'plan-limit-reached' } });
    expect(ru.error?.message).toMatch(/ИИ-ответы тарифа «[^»]+» на этот месяц закончились/);
    // Refused answers take nothing: the count stays.
    expect(await usedReplies(team)).toBe(2);

    // Its own rate per team (30 a minute; 5 on this server), refused asks too.
    expect((await ask(team)).status).toBe(402);
    expect((await ask(team)).status).toBe(429);
    expect(operatorModel.requests).toHaveLength(0);
  });

  it.each(['pro', 'unlimited'] as const)(
    "a team on %s is answered by the operator's model (the server's LLM_* work), counted",
    async (plan) => {
      const team = await register(server.url, `${plan} test chat team`);
      const set = await call(server.url, 'PUT', `/api/v1/billing/operator/teams/${team.user.teamId}/plan`, {
        body: { plan },
        headers: { authorization: `Bearer ${OPERATOR}` },
      });
      expect(set.status).toBe(200);
      const before = operatorModel.requests.length;
      // (The team above is at its rate: this one has its own.)
      expect(await ask(team)).toMatchObject({ status: 200, done: { offline: false } });
      expect(operatorModel.requests.length).toBeGreaterThan(before);
      expect(await usedReplies(team)).toBe(1);
    },
  );
});
