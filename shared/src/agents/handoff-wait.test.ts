// No silence after a hand-off (issue 15), end to end at the engine level with a fake clock and the
// in-memory sender (deliverDue): the customer waits at most the profile's wait for a rep; then gets a
// status and the AI answers again; a rep who writes first ends the wait; out of working hours the
// notice says when a human will answer; reps see every waiting customer (`waitingSince`).
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { AgentSettingsDoc, MessageDoc } from '../schemas/index';
import { deliverDue } from '../testing/delivery-simulation';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { defaultProfile } from './profiles';
import { handoffEta, isHandoffStatus } from './roles/handoff-wait';
import { inbound, sampleKnowledge } from './test-support';

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));

async function setup(
  profile: Partial<AgentSettingsDoc> = {},
  replyPause?: (language: 'en' | 'ru') => Promise<string | undefined>,
) {
  const store = createMemoryStore('team-1');
  let now = new Date('2026-03-02T10:00:00.000Z'); // Monday 13:00 in Moscow
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: { now: () => now },
    ...(replyPause ? { replyBudget: { pause: replyPause } } : {}),
  });
  await store.put('agent_settings', {
    ...defaultProfile,
    id: 'agent-team',
    handoffWaitMinutes: 15,
    workingHours: { timezone: 'Europe/Moscow', days: weekdays },
    ...profile,
  });
  let n = 0;
  /** The customer writes at `iso`; the sender delivers what is due first. */
  const say = async (text: string, iso: string) => {
    now = new Date(iso);
    await deliverDue(store, engine, now, []);
    return engine.handleInbound(inbound(text, { n: ++n, at: iso }));
  };
  /** The customer writes at `iso` before the sender's sweep came round. */
  const sayFirst = async (text: string, iso: string) => {
    now = new Date(iso);
    return engine.handleInbound(inbound(text, { n: ++n, at: iso }));
  };
  const tick = async (iso: string) => {
    now = new Date(iso);
    return deliverDue(store, engine, now, []);
  };
  const sent = () =>
    store.all('messages').filter((m) => m.direction === 'outbound' && m.delivery.status === 'sent');
  return { store, engine, say, sayFirst, tick, sent };
}

const statusOf = (docs: MessageDoc[]) => docs.filter(isHandoffStatus);

describe('no silence after a hand-off', () => {
  it('sends a status when no rep answered within the wait, then the AI answers again', async () => {
    const { store, say, tick, sent } = await setup();
    const first = await say('Позовите менеджера, пожалуйста', '2026-03-02T10:00:00.000Z');
    expect(first.handoff).toBeDefined();
    expect(first.replies[0]!.text).toMatch(/менеджер/);
    expect(first.conversation.mode).toBe('human');
    expect(first.conversation.waitingSince).toBe('2026-03-02T10:00:00.000Z');
    // Reps see every waiting customer.
    expect((await store.find('conversations', {})).filter((c) => c.waitingSince)).toHaveLength(1);

    // The customer writes again during the wait: no AI reply yet (a rep may be typing), and the
    // status stays planned.
    const second = await say('Ау, есть кто-нибудь?', '2026-03-02T10:05:00.000Z');
    expect(second.skipped).toBe('human-mode');
    expect(statusOf(store.all('messages')).filter((m) => !m.cancelledAt)).toHaveLength(1);

    // Nothing before the wait is over; the status goes out when it is.
    expect(statusOf((await tick('2026-03-02T10:14:00.000Z')).sent)).toHaveLength(0);
    const due = await tick('2026-03-02T10:15:00.000Z');
    expect(statusOf(due.sent)).toHaveLength(1);
    expect(due.sent[0]!.text).toMatch(/не ответил/);
    expect(due.sent[0]!.delivery.sentAt).toBe('2026-03-02T10:15:00.000Z');

    // After the wait the AI answers, and the customer still counts as waiting for a rep.
    const third = await say('Сколько стоит тариф Бизнес?', '2026-03-02T10:20:00.000Z');
    expect(third.skipped).toBeUndefined();
    expect(third.replies[0]!.text).toContain('1990');
    expect(third.conversation.mode).toBe('ai');
    expect(third.conversation.waitingSince).toBe('2026-03-02T10:00:00.000Z');
    // Every customer turn got a reply, a hand-off notice or a status.
    expect(sent().length + third.replies.length).toBe(3);
  });

  it('tells the customer the AI answers when the wait ran out before the status went out', async () => {
    const { store, say, sayFirst } = await setup();
    await say('Позовите менеджера', '2026-03-02T10:00:00.000Z');
    // The customer writes right at the end of the wait, before the sweep sent the status.
    const r = await sayFirst('Сколько стоит тариф Бизнес?', '2026-03-02T10:15:00.000Z');
    expect(r.replies[0]!.text).toMatch(/^Менеджер пока не ответил, поэтому отвечу я/);
    // The status is cancelled: the customer gets one message, not two.
    expect(statusOf(store.all('messages')).every((m) => m.cancelledAt)).toBe(true);
  });

  it('a rep who writes within the wait ends it: no status, and the AI stays silent', async () => {
    const { store, say, tick } = await setup();
    const first = await say('Позовите менеджера', '2026-03-02T10:00:00.000Z');
    const rep: MessageDoc = {
      ...inbound('Здравствуйте, я Ольга, менеджер. Слушаю вас.', { n: 99, at: '2026-03-02T10:06:00.000Z' }),
      id: 'msg-rep-1',
      direction: 'outbound',
      author: { kind: 'rep', id: 'user-1' },
      delivery: { status: 'pending' },
      idempotencyKey: 'rep:msg-rep-1',
    };
    await store.put('messages', rep);
    // The rep's app ends the wait when the rep writes.
    const { waitingSince: _w, ...rest } = (await store.get('conversations', first.conversation.id))!;
    await store.put('conversations', rest);
    const due = await tick('2026-03-02T10:20:00.000Z');
    expect(statusOf(due.sent)).toHaveLength(0);
    expect(statusOf(due.cancelled)).toHaveLength(1);
    const later = await say('Спасибо, жду', '2026-03-02T10:30:00.000Z');
    expect(later.skipped).toBe('human-mode');
  });

  it('ends the wait when a rep wrote, even if the app did not clear it', async () => {
    const { store, say } = await setup();
    await say('Позовите менеджера', '2026-03-02T10:00:00.000Z');
    await store.put('messages', {
      ...inbound('Слушаю вас', { n: 98, at: '2026-03-02T10:03:00.000Z' }),
      id: 'msg-rep-2',
      direction: 'outbound',
      author: { kind: 'rep', id: 'user-1' },
      delivery: { status: 'sent' },
      idempotencyKey: 'rep:msg-rep-2',
    });
    const r = await say('Хорошо', '2026-03-02T10:30:00.000Z');
    expect(r.skipped).toBe('human-mode');
    expect(r.conversation.waitingSince).toBeUndefined();
  });

  it('out of working hours the hand-off says when a human will answer', async () => {
    const { say, tick } = await setup();
    // Saturday 2026-03-07 12:00 Moscow time.
    const r = await say('Позовите менеджера', '2026-03-07T09:00:00.000Z');
    expect(r.replies[0]!.text).toMatch(/нерабочее время: менеджер ответит пн 09:00 \(Europe\/Moscow\)/);
    const due = await tick('2026-03-07T09:15:00.000Z');
    expect(statusOf(due.sent)[0]!.text).toMatch(/пн 09:00/);
  });

  it('waits as long as the profile says (default 15 minutes)', async () => {
    const { say, tick } = await setup({ handoffWaitMinutes: 60 });
    await say('Позовите менеджера', '2026-03-02T10:00:00.000Z');
    expect(statusOf((await tick('2026-03-02T10:30:00.000Z')).sent)).toHaveLength(0);
    expect(statusOf((await tick('2026-03-02T11:00:00.000Z')).sent)).toHaveLength(1);
  });
});

describe('with the AI replies of the month used up (issue 60)', () => {
  const usedUp = () => Promise.resolve('The plan’s AI replies this month are used up: a rep answers.');
  const promises = /keep helping|ask me anything|продолжу помогать|задайте вопрос|I will answer|отвечу я/;

  it.each([
    ['ru', 'Сколько стоит тариф Бизнес?', 'Менеджер пока не ответил, извините за ожидание. Он ответит'],
    [
      'en',
      'How much is the Business plan?',
      'A manager has not answered yet, sorry for the wait. They will answer',
    ],
  ] as const)('the status promises no AI help (%s)', async (_language, question, status) => {
    const { say, tick } = await setup({}, usedUp);
    const first = await say(question, '2026-03-02T10:00:00.000Z');
    expect(first.handoff).toBeDefined();
    const due = statusOf((await tick('2026-03-02T10:15:00.000Z')).sent);
    expect(due).toHaveLength(1);
    expect(due[0]!.text.startsWith(status)).toBe(true);
    expect(due[0]!.text).not.toMatch(promises);
    // The next question goes to a rep again, and nothing says the AI answers it.
    const next = await say(question, '2026-03-02T10:20:00.000Z');
    expect(next.handoff).toBeDefined();
    expect(next.replies[0]!.text).not.toMatch(promises);
  });

  it('a question at the end of the wait is not told "so I will answer"', async () => {
    const { say, sayFirst } = await setup({}, usedUp);
    await say('Сколько стоит тариф Бизнес?', '2026-03-02T10:00:00.000Z');
    const r = await sayFirst('А доставка?', '2026-03-02T10:15:00.000Z');
    expect(r.handoff).toBeDefined();
    expect(r.replies[0]!.text).not.toMatch(promises);
  });
});

describe('the hand-off notice says when a human answers', () => {
  const weekdays = {
    workingHours: {
      timezone: 'Europe/Moscow',
      days: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
    },
  };
  const profile = { ...defaultProfile, ...weekdays, handoffWaitMinutes: 20 } as AgentSettingsDoc;
  it('in working hours: within the wait, in the customer’s language', () => {
    const monday = new Date('2026-03-02T10:00:00.000Z'); // 13:00 in Moscow
    expect(handoffEta(profile, monday, 'ru')).toBe(' Обычное время ответа менеджера — 20 минут.');
    expect(handoffEta(profile, monday, 'en')).toBe(' A manager usually replies within 20 minutes.');
    expect(handoffEta({ ...profile, handoffWaitMinutes: 1 }, monday, 'ru')).toContain('1 минута');
  });
  it('out of them: when work starts again', () => {
    const saturday = new Date('2026-03-07T10:00:00.000Z');
    expect(handoffEta(profile, saturday, 'ru')).toMatch(/нерабочее время: менеджер ответит/);
    expect(handoffEta(profile, saturday, 'en')).toMatch(/outside working hours: a manager will answer on/);
  });
});
