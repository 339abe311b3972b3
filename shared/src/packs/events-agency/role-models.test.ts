// Per-role models of the events pack (issue 39): the team's profile routes Maestro to a model of its
// own (a fake OpenAI-compatible server playing GigaChat) while the sales roles are pinned to the
// offline provider. Only Maestro's merged reply asks that model, once, and the reply is its text; a
// rewrite that loses a figure of the template is not sent (the template is); with no role routed the
// server is never asked. Applying the pack gives Maestro the team's GigaChat provider where it has one.
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentEngine, salesClassifier } from '../../agents/engine';
import { createMemoryStore } from '../../testing/memory-store';
import { fixedClock } from '../../agents/ports';
import { inbound } from '../../agents/test-support';
import { createLlmClient } from '../../llm/llm-client';
import {
  OFFLINE_MODEL,
  OFFLINE_PROVIDER_ID,
  createOfflineProvider,
} from '../../llm/offline/offline-provider';
import { createOpenAiProvider } from '../../llm/openai-provider';
import type { AgentSettingsDoc } from '../../schemas/index';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '../../testing/fake-openai-server';
import { validateDoc } from '../../validation';
import { agentPlugins, planPackApply } from '../index';
import { keepsFigures } from '../role-compose';
import { eventsAgencyPack } from './index';
import { applyEventsPack } from './test-team';

const at = '2026-12-01T10:00:00.000Z';
const request = 'Нужен корпоратив на 120 человек в Москве 14 марта 2027, бюджет 2 млн рублей';
const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const offline = { provider: OFFLINE_PROVIDER_ID, model: OFFLINE_MODEL };
const salesOffline = {
  supervisor: offline,
  answer: offline,
  twin: offline,
  scoring: offline,
  nurturing: offline,
};

async function setup(rewrite: (draft: string) => string, models: AgentSettingsDoc['models']) {
  const server = await startFakeOpenAi((req) => {
    const msgs = req.body.messages as { content: string }[];
    return {
      body: fakeCompletion({ content: rewrite(msgs.at(-1)!.content), model: String(req.body.model) }),
    };
  });
  servers.push(server);
  const store = createMemoryStore('team-events');
  await applyEventsPack(store, at, models);
  const llm = createLlmClient({
    providers: [
      createOpenAiProvider({ id: 'gigachat', baseURL: server.baseURL, model: 'GigaChat', timeoutMs: 3000 }),
    ],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  return {
    server,
    store,
    engine: createAgentEngine({ store, llm, clock: fixedClock(at), plugins: agentPlugins }),
  };
}

describe("the events pack's roles on models of their own", () => {
  it("asks Maestro's model once for the reply, the other roles offline", async () => {
    const models = { ...salesOffline, maestro: { provider: 'gigachat', model: 'GigaChat-Max' } };
    const { server, store, engine } = await setup((draft) => `Маэстро на связи!\n${draft}`, models);
    const r = await engine.handleInbound(inbound(request, { at }));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.model).toBe('GigaChat-Max');
    const [system, user] = server.requests[0]!.body.messages as { role: string; content: string }[];
    expect(system!.content).toContain('Сохраните все числа');
    expect(user!.content).not.toContain(request); // the customer's text is never in the prompt
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]!.text.startsWith('Маэстро на связи!')).toBe(true);
    expect(r.replies[0]!.author.name).toBe('Маэстро (мероприятия)');
    expect(r.lead).toMatchObject({ pipelineId: 'events', value: { amount: 2_000_000, currency: 'RUB' } });
    const calls = store.all('activity').filter((a) => a.kind === 'llm-call');
    expect(calls.map((a) => [a.role, a.provider])).toContainEqual(['supervisor', 'gigachat']);
    expect(calls.filter((a) => a.provider === 'gigachat')).toHaveLength(1);
    for (const a of store.all('activity')) expect(validateDoc('activity', a)).toMatchObject({ ok: true });
  });

  it('sends the template when the rewrite loses a figure', async () => {
    const models = { ...salesOffline, maestro: { provider: 'gigachat', model: 'GigaChat' } };
    const { server, engine } = await setup((draft) => draft.replace(/120/g, 'сто'), models);
    const r = await engine.handleInbound(inbound(request, { at }));
    expect(server.requests).toHaveLength(1);
    expect(r.replies[0]!.text).toContain('120 гостей');
    expect(r.replies[0]!.author.name).toContain('(auto)');
  });

  it('asks no model when no role is routed to one', async () => {
    const { server, engine } = await setup((d) => d, salesOffline);
    const r = await engine.handleInbound(inbound(request, { at }));
    expect(server.requests).toHaveLength(0);
    expect(r.replies[0]!.text).toContain('120 гостей');
  });

  it("gives Maestro the team's GigaChat when the pack is applied, and nothing without one", () => {
    const plan = (providers: { id: string; kind: string }[]) =>
      planPackApply(
        eventsAgencyPack,
        { pipelines: [], profiles: [], providers },
        { language: 'en', now: new Date(at) },
      ).docs.agent_settings[0]!;
    const withGigachat = plan([
      { id: 'openai', kind: 'openai' },
      { id: 'sber', kind: 'gigachat' },
    ]);
    expect(withGigachat.models).toEqual({ maestro: { provider: 'sber', model: 'GigaChat' } });
    expect(validateDoc('agent_settings', withGigachat)).toMatchObject({ ok: true });
    expect(plan([{ id: 'openai', kind: 'openai' }]).models).toBeUndefined();
  });

  it('reads figures with their digit groups', () => {
    expect(keepsFigures('2 000 000 ₽, 120 гостей', 'Бюджет 2\u00a0000\u00a0000 ₽ на 120 человек')).toBe(true);
    expect(keepsFigures('£50,000 for 120', '£50k for 120')).toBe(false);
    expect(keepsFigures('14 and 14', 'the 14th')).toBe(false);
  });
});
