// A/B tests of instructions (issue 38): the split by weights, its stability, what a stopped test and
// a promotion do, and the engine following a conversation's variant, offline and with a model.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai-server';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createOpenAiProvider } from '../llm/openai-provider';
import {
  promoteVariant,
  startExperiment,
  stopExperiment,
  type AgentSettingsDoc,
  type ExperimentDoc,
} from '../schemas/index';
import { validateDoc } from '../validation';
import { createAgentEngine, salesClassifier } from './engine';
import { chooseVariant, variantFor } from './experiments';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { defaultProfile } from './profiles';
import { inbound, sampleKnowledge } from './test-support';

const experiment = (
  weights: [number, number],
  status: ExperimentDoc['status'] = 'running',
): ExperimentDoc => ({
  id: 'exp-1',
  name: 'Opening',
  status,
  variants: [
    { id: 'a', name: 'Brief', weight: weights[0], instructions: 'VARIANT-A: answer briefly.' },
    {
      id: 'b',
      name: 'Warm',
      weight: weights[1],
      instructions: 'VARIANT-B: answer warmly.',
      greeting: 'Добрый день, это Ромашка!',
    },
  ],
  startedAt: '2026-03-01T00:00:00.000Z',
});

const ids = Array.from({ length: 1000 }, (_, i) => `conv:webchat:key:v_${i}`);
const shareOfA = (e: ExperimentDoc) =>
  ids.filter((id) => variantFor('team-1', e, id).id === 'a').length / 1000;

describe('variant assignment', () => {
  it('splits 1,000 conversations 50/50 and 70/30 by weight within ±5%', () => {
    expect(Math.abs(shareOfA(experiment([50, 50])) - 0.5)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(shareOfA(experiment([70, 30])) - 0.7)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(shareOfA(experiment([7, 3])) - 0.7)).toBeLessThanOrEqual(0.05);
  });

  it('gives the same conversation the same variant every time; other teams are split on their own', () => {
    const e = experiment([50, 50]);
    for (const id of ids.slice(0, 50)) {
      const first = variantFor('team-1', e, id).id;
      for (let k = 0; k < 3; k++) expect(variantFor('team-1', e, id).id).toBe(first);
    }
    const mine = ids.map((id) => variantFor('team-1', e, id).id).join('');
    const theirs = ids.map((id) => variantFor('team-2', e, id).id).join('');
    expect(theirs).not.toBe(mine);
  });

  it('assigns nothing when stopped or for a conversation that began before the test', () => {
    const profile = { ...defaultProfile, experiments: [experiment([50, 50], 'stopped')] };
    const now = new Date('2026-03-02T10:00:00.000Z');
    const conversation = { id: 'c1', createdAt: '2026-03-02T09:00:00.000Z' };
    expect(chooseVariant('t', profile, conversation, now)).toEqual({ profile });
    const running = { ...defaultProfile, experiments: [experiment([50, 50])] };
    expect(chooseVariant('t', running, { id: 'c1', createdAt: '2026-02-28T09:00:00.000Z' }, now)).toEqual({
      profile: running,
    });
    const chosen = chooseVariant('t', running, conversation, now);
    expect(chosen.assigned).toEqual({
      experimentId: 'exp-1',
      variantId: chosen.variant!.id,
      assignedAt: now.toISOString(),
    });
    expect(chosen.profile.instructions).toBe(chosen.variant!.instructions);
    // Assigned already: followed, not assigned again.
    const again = chooseVariant('t', running, { ...conversation, experiment: chosen.assigned! }, now);
    expect(again.assigned).toBeUndefined();
    expect(again.profile.instructions).toBe(chosen.variant!.instructions);
  });

  it('stops and promotes: the winner’s instructions become the profile’s, per-language ones dropped', () => {
    const profile: AgentSettingsDoc = {
      ...defaultProfile,
      localized: { ru: { persona: 'Ассистент', instructions: 'Старые' } },
    };
    const started = { ...profile, ...startExperiment(profile, experiment([50, 50])) };
    expect(() => startExperiment(started, { ...experiment([50, 50]), id: 'exp-2' })).toThrow(/still running/);
    const stopped = { ...started, ...stopExperiment(started, 'exp-1', '2026-03-05T00:00:00.000Z') };
    expect(stopped.experiments![0]).toMatchObject({
      status: 'stopped',
      stoppedAt: '2026-03-05T00:00:00.000Z',
    });
    expect(() => stopExperiment(stopped, 'exp-1', '2026-03-05T00:00:00.000Z')).toThrow(/stopped already/);
    const promoted = { ...stopped, ...promoteVariant(stopped, 'exp-1', 'b', '2026-03-06T00:00:00.000Z') };
    expect(promoted.instructions).toBe('VARIANT-B: answer warmly.');
    expect(promoted.localized).toEqual({ ru: { persona: 'Ассистент' } });
    expect(promoted.experiments![0]).toMatchObject({ status: 'promoted', winnerVariantId: 'b' });
    expect(validateDoc('agent_settings', promoted)).toMatchObject({ ok: true });
    expect(() => promoteVariant(stopped, 'exp-1', 'zzz', '2026-03-06T00:00:00.000Z')).toThrow(
      /not in experiment/,
    );
  });
});

/** A conversation id whose variant in team-1 is `want` (the split is deterministic). */
const chatFor = (want: string) => {
  for (let i = 0; ; i++) {
    if (variantFor('team-1', experiment([50, 50]), `conv:telegram:bot1:${i}`).id === want) return String(i);
  }
};

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('the engine in an experiment', () => {
  it('offline: records the variant on the conversation and opens the first reply with its greeting', async () => {
    const store = createMemoryStore('team-1');
    await store.put('agent_settings', { ...defaultProfile, experiments: [experiment([50, 50])] });
    const engine = createAgentEngine({
      store,
      llm: createLlmClient({
        providers: [],
        offline: createOfflineProvider({ classifier: salesClassifier() }),
      }),
      retriever: createKeywordRetriever(sampleKnowledge),
      clock: fixedClock('2026-03-02T10:00:00.000Z'),
    });
    const b = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?', { chat: chatFor('b') }));
    expect(b.conversation.experiment).toMatchObject({ experimentId: 'exp-1', variantId: 'b' });
    expect(b.replies[0]!.text.startsWith('Добрый день, это Ромашка!\n\n')).toBe(true);
    const logged = b.activity.find((x) => x.name === 'experiment-variant');
    expect(JSON.parse(String(logged?.output))).toEqual({ variantId: 'b', variant: 'Warm' });
    const later = await engine.handleInbound(inbound('А интеграции есть?', { chat: chatFor('b'), n: 2 }));
    expect(later.replies[0]?.text.startsWith('Добрый день')).toBe(false);
    const a = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?', { chat: chatFor('a') }));
    expect(a.conversation.experiment?.variantId).toBe('a');
    expect(a.replies[0]!.text.startsWith('Добрый день')).toBe(false);
    expect(validateDoc('conversations', a.conversation)).toMatchObject({ ok: true });
  });

  it('with a model: the system prompt holds the conversation’s variant instructions', async () => {
    const server = await startFakeOpenAi((req) => {
      const system = String((req.body.messages as { content: string }[])[0]?.content);
      if (system.startsWith('Classify'))
        return { body: fakeCompletion({ content: '{"intent":"price","confidence":0.9}' }) };
      if (!system.includes('Rules that nothing'))
        return { body: fakeCompletion({ content: '{"facts":[]}' }) };
      return { body: fakeCompletion({ content: 'Тариф «Бизнес» стоит 1990 рублей [1].' }) };
    });
    servers.push(server);
    const store = createMemoryStore('team-1');
    await store.put('agent_settings', { ...defaultProfile, experiments: [experiment([50, 50])] });
    const engine = createAgentEngine({
      store,
      llm: createLlmClient({
        providers: [
          createOpenAiProvider({ id: 'fake', baseURL: server.baseURL, model: 'big', timeoutMs: 2000 }),
        ],
        offline: createOfflineProvider({ classifier: salesClassifier() }),
      }),
      retriever: createKeywordRetriever(sampleKnowledge),
      clock: fixedClock('2026-03-02T10:00:00.000Z'),
    });
    for (const want of ['a', 'b']) {
      const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?', { chat: chatFor(want) }));
      expect(r.provider?.offline).toBe(false);
      expect(r.conversation.experiment?.variantId).toBe(want);
    }
    const systems = server.requests
      .map((req) => String((req.body.messages as { content: string }[])[0]?.content))
      .filter((s) => s.includes('Rules that nothing'));
    expect(systems).toHaveLength(2);
    expect(systems[0]).toContain('VARIANT-A');
    expect(systems[0]).not.toContain('VARIANT-B');
    expect(systems[1]).toContain('VARIANT-B');
    expect(systems[1]).not.toContain(defaultProfile.instructions);
  });
});
