// Nurturing: follow-ups for quiet leads as scheduled outbound docs; opt-out, human mode, the attempt
// limit and quiet hours respected; a customer's new message cancels what was pending.
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { MessageDoc } from '../schemas/index';
import { validateDoc } from '../validation';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { defaultProfile, isWorkingTime, outsideQuietHours } from './profiles';
import { isHandoffStatus } from './roles/handoff-wait';
import { deliver, inbound, sampleKnowledge } from './test-support';

function setup() {
  const store = createMemoryStore('team-1');
  let now = new Date('2026-03-02T10:00:00.000Z');
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: { now: () => now },
  });
  return { store, engine, at: (iso: string) => (now = new Date(iso)) };
}

const pending = (docs: MessageDoc[]) =>
  docs.filter(
    (m) => m.scheduledFor && !m.cancelledAt && m.delivery.status === 'pending' && !isHandoffStatus(m),
  );

describe('nurturing', () => {
  it('plans the next follow-up for a quiet lead after the first was sent, up to the limit', async () => {
    const { store, engine, at } = setup();
    const answered = await engine.handleInbound(inbound('Do you ship internationally?'));
    // Nothing while the answer is on its way; planned once it is delivered.
    expect(pending(store.all('messages'))).toHaveLength(0);
    await deliver(store, engine, answered.replies[0]!);
    const [first] = pending(store.all('messages'));
    expect(first!.scheduledFor).toBe('2026-03-03T10:00:00.000Z');
    // Nothing is due while one is pending.
    at('2026-03-03T12:00:00.000Z');
    expect((await engine.planFollowUps()).planned).toHaveLength(0);
    // The sender delivers it; the customer stays quiet.
    await store.put('messages', {
      ...first!,
      delivery: { status: 'sent', sentAt: '2026-03-03T10:00:00.000Z' },
    });
    at('2026-03-04T12:00:00.000Z');
    const second = await engine.planFollowUps();
    expect(second.planned).toHaveLength(1);
    expect(second.planned[0]!.text).toMatch(/checking in/);
    expect(validateDoc('messages', second.planned[0])).toMatchObject({ ok: true });
    await store.put('messages', { ...second.planned[0]!, delivery: { status: 'sent' } });
    at('2026-03-08T12:00:00.000Z');
    const third = await engine.planFollowUps();
    expect(third.planned).toHaveLength(0);
    expect(third.skipped[0]!.reason).toMatch(/already 2 follow-ups/);
    expect(
      store.all('activity').some((a) => a.runId.startsWith('run:nurture:') && a.name === 'plan-follow-up'),
    ).toBe(true);
  });

  it('plans nothing for opted-out customers or conversations a rep took over', async () => {
    const { store, engine, at } = setup();
    await engine.handleInbound(inbound('Отпишите меня', { chat: '1' }));
    await engine.handleInbound(inbound('Позовите оператора', { chat: '2' }));
    at('2026-03-05T12:00:00.000Z');
    const scan = await engine.planFollowUps();
    expect(scan.planned).toHaveLength(0);
    expect(pending(store.all('messages'))).toHaveLength(0);
  });

  it('respects working hours and quiet hours in the profile time zone', () => {
    const profile = {
      ...defaultProfile,
      workingHours: {
        timezone: 'Europe/Moscow',
        days: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
      },
      quietHours: { from: '22:00', to: '08:00' },
    };
    expect(isWorkingTime(profile, new Date('2026-03-02T07:00:00.000Z'))).toBe(true); // Mon 10:00 MSK
    expect(isWorkingTime(profile, new Date('2026-03-02T16:00:00.000Z'))).toBe(false); // Mon 19:00 MSK
    expect(isWorkingTime(profile, new Date('2026-03-01T10:00:00.000Z'))).toBe(false); // Sunday
    expect(outsideQuietHours(profile, new Date('2026-03-02T20:00:00.000Z')).toISOString()).toBe(
      '2026-03-03T05:00:00.000Z',
    );
    expect(outsideQuietHours(profile, new Date('2026-03-02T10:00:00.000Z')).toISOString()).toBe(
      '2026-03-02T10:00:00.000Z',
    );
  });
});
