// Communication's reminders before the event (issue 39), through the agent engine on the offline
// provider over the memory store: an event request plans reminders 7 days and 1 day before the date
// in the client's language as planned outbound messages; the client writing again keeps them (they
// are not follow-ups), a new date replaces them, a date too close plans only what is still ahead.
import { describe, expect, it } from 'vitest';
import { createAgentEngine, salesClassifier } from '../../agents/engine';
import { agentPlugins } from '../index';
import { createMemoryStore } from '../../testing/memory-store';
import { fixedClock } from '../../agents/ports';
import { plannedMessageOutdated } from '../../agents/roles/handoff-wait';
import { isPendingFollowUp } from '../../agents/roles/nurturing';
import { cancelledBy } from '../../agents/roles/planned-messages';
import { inbound } from '../../agents/test-support';
import { createLlmClient } from '../../llm/llm-client';
import { createOfflineProvider } from '../../llm/offline/offline-provider';
import { validateDoc } from '../../validation';
import { isEventReminder } from './reminder-key';
import { applyEventsPack } from './test-team';

async function setup(at: string) {
  const store = createMemoryStore('team-events');
  await applyEventsPack(store, at);
  const llm = createLlmClient({
    providers: [],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = (now: string) =>
    createAgentEngine({ store, llm, clock: fixedClock(now), plugins: agentPlugins });
  const reminders = () => store.all('messages').filter(isEventReminder);
  return { store, engine, reminders };
}

const at = '2026-12-01T10:00:00.000Z';
const ru = 'Нужен корпоратив на 120 человек в Москве 14 марта 2027, бюджет 2 млн рублей';

describe('reminders before the event', () => {
  it("plans two in the client's language; the client writing again keeps them", async () => {
    const { engine, reminders } = await setup(at);
    const first = await engine(at).handleInbound(inbound(ru, { at }));
    expect(first.replies[0]!.text).toContain('Напомним о мероприятии за 7 дней и за день до него.');
    const planned = reminders();
    expect(planned.map((m) => m.scheduledFor).sort()).toEqual([
      '2027-03-07T09:00:00.000Z',
      '2027-03-13T09:00:00.000Z',
    ]);
    for (const m of planned) {
      expect(m).toMatchObject({
        direction: 'outbound',
        delivery: { status: 'pending' },
        conversationId: first.conversation.id,
      });
      expect(m.text).toContain('14 марта 2027 г., Москва');
      expect(validateDoc('messages', m)).toMatchObject({ ok: true });
      expect(isPendingFollowUp(m, agentPlugins)).toBe(false);
      expect(cancelledBy('opt-out', m, agentPlugins)).toBe(true);
    }
    expect(planned.find((m) => m.scheduledFor!.startsWith('2027-03-13'))!.text).toMatch(
      /^Напоминаем: завтра/,
    );

    const later = '2026-12-02T10:00:00.000Z';
    const second = await engine(later).handleInbound(
      inbound('Гостей будет не 120, а 150 человек', { at: later, n: 2 }),
    );
    expect(second.replies).toHaveLength(1);
    expect(reminders().filter((m) => !m.cancelledAt)).toHaveLength(2);
    const conversation = { ...second.conversation, lastInboundAt: later };
    for (const m of reminders()) expect(plannedMessageOutdated(m, conversation, agentPlugins)).toBe(false);
  });

  it('replaces them when the date moves', async () => {
    const { engine, reminders } = await setup(at);
    await engine(at).handleInbound(inbound(ru, { at }));
    const later = '2026-12-03T10:00:00.000Z';
    await engine(later).handleInbound(
      inbound('Давайте перенесём дату на 21 марта 2027', { at: later, n: 2 }),
    );
    const live = reminders().filter((m) => !m.cancelledAt);
    expect(live.map((m) => m.scheduledFor).sort()).toEqual([
      '2027-03-14T09:00:00.000Z',
      '2027-03-20T09:00:00.000Z',
    ]);
    expect(reminders().filter((m) => m.cancelledAt)).toHaveLength(2);
  });

  it('writes English for an English client and plans only what is still ahead', async () => {
    const now = '2027-03-10T12:00:00.000Z';
    const { engine, reminders } = await setup(now);
    const r = await engine(now).handleInbound(
      inbound('We need a corporate party for 120 people in London on 14 March 2027, budget 50,000 GBP', {
        at: now,
      }),
    );
    expect(reminders().map((m) => [m.scheduledFor, m.text])).toEqual([
      [
        '2027-03-13T09:00:00.000Z',
        'A reminder: your event is tomorrow — Corporate party, 120 guests, 14 March 2027, London. We are here if anything needs checking.',
      ],
    ]);
    expect(r.replies[0]!.text).toContain('We will remind you 1 day before the event.');
  });
});
