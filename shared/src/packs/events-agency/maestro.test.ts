// Maestro in the agent engine on the offline provider, over the memory store: only a team whose events
// pipeline the pack set up gets it; a follow-up that changes the guests updates the deal and its
// estimate without planning twice; a budget that does not fit gets the cheaper option; a team whose
// own profile proposes amounts gets a proposal for a rep, not the amount.
import { describe, expect, it } from 'vitest';
import { createAgentEngine, salesClassifier } from '../../agents/engine';
import { createMemoryStore } from '../../testing/memory-store';
import { fixedClock } from '../../agents/ports';
import { inbound } from '../../agents/test-support';
import { defaultProfile } from '../../agents/profiles';
import { createLlmClient } from '../../llm/llm-client';
import { createOfflineProvider } from '../../llm/offline/offline-provider';
import { validateDoc } from '../../validation';
import { agentPlugins, planPackApply } from '../index';
import { eventsAgencyPack } from './index';

const at = '2026-12-01T10:00:00.000Z';
const request = 'Нужен корпоратив на 120 человек в Москве 14 марта 2027, бюджет 2 млн рублей';

async function setup(opts: { pack?: boolean; ownProfile?: boolean } = {}) {
  const store = createMemoryStore('team-events');
  const ownProfile = opts.ownProfile ? [{ ...defaultProfile, id: 'agent-own', isDefault: true }] : [];
  for (const p of ownProfile) await store.put('agent_settings', p);
  if (opts.pack !== false) {
    const plan = planPackApply(
      eventsAgencyPack,
      { pipelines: [], profiles: ownProfile },
      { language: 'ru', now: new Date(at) },
    );
    for (const d of plan.docs.pipelines) await store.put('pipelines', d);
    for (const d of plan.docs.agent_settings) await store.put('agent_settings', d);
  }
  const llm = createLlmClient({
    providers: [],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = createAgentEngine({ store, llm, clock: fixedClock(at), plugins: agentPlugins });
  return { store, engine };
}

describe('Maestro in the agent engine', () => {
  it('leaves a team without the pack as it was', async () => {
    const { store, engine } = await setup({ pack: false });
    const r = await engine.handleInbound(inbound(request, { at }));
    expect(r.lead.pipelineId ?? 'default').toBe('default');
    expect(r.lead.customFields).toBeUndefined();
    expect(store.all('tasks').filter((t) => t.createdBy.name === 'planning')).toHaveLength(0);
    expect(r.activity.some((a) => a.name === 'maestro-read')).toBe(false);
  });

  it('plans and estimates once; a change of guests updates the deal without planning again', async () => {
    const { store, engine } = await setup();
    const first = await engine.handleInbound(inbound(request, { at }));
    expect(first.replies).toHaveLength(1);
    expect(first.lead).toMatchObject({
      pipelineId: 'events',
      stage: 'inquiry',
      value: { amount: 2_000_000, currency: 'RUB' },
      customFields: { guests: '120', city: 'Москва', estimate: '1667500 RUB' },
    });
    // Issue 64: the deal's title gives the date as Russian writes it, never ISO.
    expect(first.lead.title).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(first.lead.title).toMatch(/\d{1,2} [а-я]+ \d{4} г\./);
    const tasks = store.all('tasks');
    expect(tasks.length).toBeGreaterThanOrEqual(5);
    expect(store.all('events')).toHaveLength(1);
    expect(store.all('stage_changes')).toMatchObject([
      { pipelineId: 'events', to: 'inquiry', fromPipelineId: 'default' },
    ]);
    for (const doc of [...store.all('activity'), ...tasks, first.lead])
      expect(
        validateDoc(doc === first.lead ? 'leads' : 'title' in doc ? 'tasks' : 'activity', doc),
      ).toMatchObject({ ok: true });

    const later = '2026-12-01T11:00:00.000Z';
    const second = await engine.handleInbound(
      inbound('Гостей будет не 120, а 150 человек', { at: later, n: 2 }),
    );
    expect(second.replies).toHaveLength(1);
    expect(second.lead.customFields).toMatchObject({
      guests: '150',
      eventDate: '2027-03-14',
      city: 'Москва',
    });
    // (3500 + 5500) x 150 + 370 000 = 1 720 000, +15% = 1 978 000: still within 2 million.
    expect(second.lead.customFields?.estimate).toBe('1978000 RUB');
    expect(second.replies[0]!.text).toContain('укладываемся');
    expect(store.all('tasks')).toHaveLength(tasks.length);
  });

  it('offers the cheaper option when the estimate is over the budget', async () => {
    const { engine } = await setup();
    const r = await engine.handleInbound(
      inbound('We need a wedding for 200 guests in London on 12 June 2027, budget £30k', { at }),
    );
    const text = r.replies[0]!.text.replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('over your budget');
    expect(text).toMatch(/cheaper option/i);
    expect(r.lead.value).toEqual({ amount: 30_000, currency: 'GBP' });
  });

  it('estimates a dollar budget in dollars, and says plainly when no rate card is in the budget currency', async () => {
    const { engine } = await setup();
    const usd = await engine.handleInbound(
      inbound('Корпоратив в Минске 19 декабря, человек 40, бюджет 15 тысяч долларов', { at }),
    );
    expect(usd.lead.customFields).toMatchObject({
      budget: '15000 USD',
      estimate: expect.stringMatching(/ USD$/),
    });
    expect(usd.replies[0]!.text).toMatch(/Предварительная смета: [\d\s\u00a0\u202f]+\$/u);
    expect(usd.replies[0]!.text).not.toContain('₽');

    const kzt = await engine.handleInbound(
      inbound('Свадьба в Алматы 7 августа 2027, человек 200, бюджет 30 млн тенге', { at, n: 2, chat: 'kz' }),
    );
    expect(kzt.lead.customFields?.estimate).toBeUndefined();
    expect(kzt.replies[0]!.text).toContain('Цен в валюте KZT в нашем прайс-листе пока нет');
    expect(kzt.replies[0]!.text).not.toContain('Предварительная смета');
  });

  it('never says the budget covers 0 guests', async () => {
    const { engine } = await setup();
    const r = await engine.handleInbound(
      inbound('A birthday party for 60 guests in London on 12 June 2027, budget £5,000', { at }),
    );
    const text = r.replies[0]!.text.replace(/[\u00a0\u202f]/g, ' ');
    expect(text).not.toMatch(/about 0 guests|covers about 0/);
    expect(text).toContain(
      'the budget is below the fixed costs (AV and staff with our fee, £8,050) before any guests',
    );
  });

  it("proposes the amount to a rep when the team's own default profile proposes amounts", async () => {
    const { engine } = await setup({ ownProfile: true });
    const r = await engine.handleInbound(inbound(request, { at }));
    expect(r.lead.value).toBeUndefined();
    expect(r.lead.pipelineId).toBe('events');
    expect(r.lead.proposals).toMatchObject([
      { status: 'pending', changes: { value: { amount: 2_000_000, currency: 'RUB' } } },
    ]);
  });
});
