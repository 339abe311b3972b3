// Each team's LLM from its own stored providers, on a real store and fake model servers on loopback:
// team A's provider, key and budget never serve team B; a team without providers uses the server's
// default; a change through the API is used on the next call; usage lands per team in app_runtime.
// A team's provider on a private address is called only when the operator opened it
// (OUTBOUND_ALLOW_PRIVATE, here explicitly 127.0.0.1); the server's own default is the operator's.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrivateAllowList } from '@app/shared/agents';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import { outboundPolicy } from '../ops/outbound';
import { startTestStore, type TestStore } from '../../test/helpers';
import { modelProvidersDocId, storedProvider, type ModelProvidersDoc } from './settings';
import { createTeamModels } from './team-models';
import { createUsageMeters } from './usage';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const key = randomBytes(32);
let test: TestStore;
const servers: FakeOpenAi[] = [];
const serve = async (answer: string) => {
  const s = await startFakeOpenAi((req) => ({
    body: fakeCompletion({
      content: answer,
      model: String(req.body.model),
      usage: { prompt: 10, completion: 2 },
    }),
  }));
  servers.push(s);
  return s;
};

beforeAll(async () => {
  test = await startTestStore('team-models');
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await test?.close();
});

async function setProviders(teamId: string, providers: ModelProvidersDoc['providers']) {
  const db = test.store.systemDb('app_channels');
  const id = modelProvidersDocId(teamId);
  const rev = await db.get(id).then(
    (d) => d._rev,
    () => undefined,
  );
  await db.insert({
    _id: id,
    ...(rev ? { _rev: rev } : {}),
    type: 'model-providers',
    teamId,
    providers,
    updatedAt: '',
    updatedBy: 'u',
  } as never);
}

const ask = {
  messages: [{ role: 'user' as const, content: 'hi' }],
  task: { kind: 'route' as const, text: 'hi' },
};

describe('team models', () => {
  it("keeps each team on its own providers, keys and budget; others on the server's default", async () => {
    const [a, b, d] = await Promise.all([serve('from A'), serve('from B'), serve('from default')]);
    const at = new Date().toISOString();
    const provider = (team: string, url: string, apiKey: string) =>
      storedProvider(
        key,
        team,
        'main',
        { kind: 'openai-compatible', baseURL: url, apiKey, model: 'm' },
        undefined,
        at,
      );
    await setProviders('ta', [provider('ta', a.baseURL, 'sk-a')]);
    await setProviders('tb', [provider('tb', b.baseURL, 'sk-b')]);
    const usage = createUsageMeters({ store: test.store, instanceId: () => 'i1', log, flushMs: 50 });
    const models = createTeamModels({
      store: test.store,
      encryptionKey: key,
      log,
      defaults: { providers: [{ id: 'primary', baseURL: d.baseURL, apiKey: 'sk-d', model: 'dm' }] },
      usage,
      policy: outboundPolicy(parsePrivateAllowList('127.0.0.1')),
    });
    const [ra, rb, rc] = await Promise.all([
      models.llmFor('ta').chat('answer', ask, { conversationId: 'c-a' }),
      models.llmFor('tb').chat('answer', ask, { conversationId: 'c-b', monthlyBudgetUsd: 100 }),
      models.llmFor('tc').chat('answer', ask, { conversationId: 'c-c' }),
    ]);
    expect([ra.content, rb.content, rc.content]).toEqual(['from A', 'from B', 'from default']);
    expect(a.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-a']);
    expect(b.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-b']);
    expect(d.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-d']);

    // Team A's provider goes: team A falls back to the server default, team B is untouched.
    await setProviders('ta', []);
    models.changed('ta');
    expect((await models.llmFor('ta').chat('answer', ask)).content).toBe('from default');
    expect((await models.llmFor('tb').chat('answer', ask)).content).toBe('from B');

    await usage.flush();
    const ua = await usage.teamUsage('ta');
    const ub = await usage.teamUsage('tb');
    expect(ua.byModel.map((m) => [m.provider, m.calls]).sort()).toEqual([
      ['main', 1],
      ['primary', 1],
    ]);
    expect(ub.total.calls).toBe(2);
    expect(ub.byConversation.map((c) => c.conversationId)).toEqual(['c-b']);
    await usage.close();
  }, 60_000);

  it('never calls a team provider on loopback the operator did not open (issue 34)', async () => {
    const [inside, d] = await Promise.all([serve('from inside'), serve('from default')]);
    const at = new Date().toISOString();
    const stored = storedProvider(
      key,
      'tpriv',
      'main',
      { kind: 'openai-compatible', baseURL: inside.baseURL, apiKey: 'sk', model: 'm' },
      undefined,
      at,
    );
    await setProviders('tpriv', [stored]);
    const usage = createUsageMeters({ store: test.store, instanceId: () => 'i2', log, flushMs: 50 });
    const port = Number(new URL(inside.baseURL).port);
    const build = (allow: string) =>
      createTeamModels({
        store: test.store,
        encryptionKey: key,
        log,
        defaults: { providers: [{ id: 'primary', baseURL: d.baseURL, apiKey: 'sk-d', model: 'dm' }] },
        usage,
        policy: outboundPolicy(parsePrivateAllowList(allow)),
      });
    // No opening, or another port opened: the offline provider answers, the fake saw nothing.
    for (const allow of ['', `127.0.0.1:${port + 1}`, '10.0.0.0/8']) {
      const reply = await build(allow).llmFor('tpriv').chat('answer', ask);
      expect(reply.content).not.toBe('from inside');
    }
    expect(inside.requests).toHaveLength(0);
    // The operator's own default on loopback is trusted: a team without providers uses it.
    expect((await build('').llmFor('tnone').chat('answer', ask)).content).toBe('from default');
    // Opened for exactly that address and port: called.
    expect((await build(`127.0.0.1:${port}`).llmFor('tpriv').chat('answer', ask)).content).toBe(
      'from inside',
    );
    await usage.close();
  }, 60_000);
});
