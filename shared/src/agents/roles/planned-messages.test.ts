// Which planned messages the customer's turn cancels (issue 60: the engine and the server's intake had
// two copies of the rule that disagreed, and a customer typing /help cancelled an event reminder). One
// case per kind of planned message and turn, through the engine's own filter too. A pack's planned
// message (the events pack's reminder; here a test plug-in's, the agents import no pack) follows its
// plug-in's rule (issue 63), and is a follow-up to a caller that does not pass the plug-in.
import { describe, expect, it } from 'vitest';
import type { MessageDoc } from '../../schemas/index';
import type { AgentPlugin } from '../plugins';
import { isPendingFollowUp } from './nurturing';
import { cancelledBy, plannedKind } from './planned-messages';

const plugins: AgentPlugin[] = [
  {
    name: 'test-pack',
    followUps: [
      {
        kind: 'event-reminder',
        owns: (m) => m.idempotencyKey.startsWith('event-reminder:'),
        cancelledBy: ['opt-out'],
      },
    ],
  },
];

const planned = (idempotencyKey: string, extra: Partial<MessageDoc> = {}) =>
  ({
    direction: 'outbound',
    scheduledFor: '2026-03-03T10:00:00.000Z',
    delivery: { status: 'pending' },
    idempotencyKey,
    ...extra,
  }) as MessageDoc;

const followUp = planned('follow-up:conv-1:1');
const handoffStatus = planned('handoff-status:conv-1:msg-1');
const eventReminder = planned('event-reminder:conv-1:2026-05-01:1d');

describe('what the customer cancels', () => {
  it('knows each kind', () => {
    expect([followUp, handoffStatus, eventReminder].map((m) => plannedKind(m, plugins))).toEqual([
      'follow-up',
      'handoff-status',
      'event-reminder',
    ]);
    expect(plannedKind(eventReminder, [])).toBe('follow-up');
  });

  it('a message (any, /help too) cancels a follow-up only', () => {
    expect(cancelledBy('message', followUp, plugins)).toBe(true);
    expect(cancelledBy('message', handoffStatus, plugins)).toBe(false);
    expect(cancelledBy('message', eventReminder, plugins)).toBe(false);
    expect(cancelledBy('message', eventReminder, [])).toBe(true);
    // The engine's filter is the same rule.
    expect([followUp, handoffStatus, eventReminder].map((m) => isPendingFollowUp(m, plugins))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('an opt-out cancels every planned message', () => {
    for (const m of [followUp, handoffStatus, eventReminder])
      expect(cancelledBy('opt-out', m, plugins)).toBe(true);
  });

  it('nothing sent, being sent, cancelled, unplanned or inbound is cancelled', () => {
    for (const m of [
      planned('follow-up:1', { delivery: { status: 'sent' } } as Partial<MessageDoc>),
      planned('follow-up:2', { delivery: { status: 'sending' } } as Partial<MessageDoc>),
      planned('follow-up:3', { cancelledAt: '2026-03-02T10:00:00.000Z' }),
      planned('follow-up:4', { scheduledFor: undefined }),
      planned('follow-up:5', { direction: 'inbound' }),
    ])
      for (const turn of ['message', 'opt-out'] as const) expect(cancelledBy(turn, m, plugins)).toBe(false);
  });
});
