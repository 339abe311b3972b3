// The analytics definitions against hand-computed fixtures, including the two wrong numbers:
// "conversion to won" read 100 % with 1 won of 10 leads (it was a win rate), and "resolved by AI" read
// 100 % although the customer had asked for a human.
import { describe, expect, it } from 'vitest';
import { defaultPipeline, type PipelineDoc } from '../schemas/pipelines';
import { aiResolution, firstResponseTimes, funnel, inPeriod, leadSummary, percentile } from './analytics';

const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T10:00:00.000Z`;
const sales = defaultPipeline();
const enterprise: PipelineDoc = {
  ...defaultPipeline(),
  id: 'ent',
  name: 'Enterprise',
  stages: [
    { id: 'pilot', kind: 'open', probability: 50 },
    { id: 'signed', kind: 'won', probability: 100 },
    { id: 'dropped', kind: 'lost', probability: 0 },
  ],
};

describe('lead summary', () => {
  it('1 won of 10 leads: conversion to won 10 %, win rate 100 % (no lost), shown apart', () => {
    const leads = [
      { stage: 'won', createdAt: day(2), value: { amount: 1000, currency: 'USD' } },
      ...Array.from({ length: 9 }, (_, i) => ({ stage: i % 2 ? 'new' : 'qualified', createdAt: day(3 + i) })),
    ];
    const s = leadSummary(leads, [sales]);
    expect(s).toEqual({
      created: 10,
      won: 1,
      lost: 0,
      open: 9,
      conversionToWon: 0.1,
      winRate: 1,
      revenueWon: { USD: 1000 },
    });
  });

  it('counts by the stage kinds of each lead pipeline, only leads created in the period', () => {
    const leads = [
      { stage: 'won', createdAt: day(1) }, // before the period
      { stage: 'won', createdAt: day(5), value: { amount: 10, currency: 'EUR' } },
      { stage: 'lost', createdAt: day(6) },
      { stage: 'lost', createdAt: day(7) },
      { pipelineId: 'ent', stage: 'signed', createdAt: day(8), value: { amount: 5, currency: 'EUR' } },
      { pipelineId: 'ent', stage: 'pilot', createdAt: day(9) },
      { stage: 'new', createdAt: day(20) }, // after the period (to is exclusive)
    ];
    const s = leadSummary(leads, [sales, enterprise], { from: day(5), to: day(20) });
    expect(s).toMatchObject({ created: 5, won: 2, lost: 2, open: 1, revenueWon: { EUR: 15 } });
    expect(s.conversionToWon).toBeCloseTo(2 / 5);
    expect(s.winRate).toBeCloseTo(2 / 4);
    expect(leadSummary([], [sales])).toMatchObject({ conversionToWon: 0, winRate: 0 });
  });
});

describe('funnel (cumulative)', () => {
  it('counts leads that reached at least each stage by their current stage; lost only in the first', () => {
    const leads = ['new', 'qualified', 'proposal', 'proposal', 'won', 'lost'].map((stage, i) => ({
      stage,
      createdAt: day(i + 1),
    }));
    leads.push({ stage: 'pilot', createdAt: day(2), pipelineId: 'ent' } as never);
    const rows = funnel(leads, sales);
    expect(rows.map((r) => [r.stageId, r.count, r.reached])).toEqual([
      ['new', 1, 6],
      ['qualified', 1, 4],
      ['proposal', 2, 3],
      ['negotiation', 0, 1],
      ['won', 1, 1],
      ['lost', 1, 1],
    ]);
    expect(funnel(leads, sales, { from: day(4) }).map((r) => r.reached)).toEqual([3, 2, 2, 1, 1, 1]);
  });
});

describe('resolved by AI', () => {
  const conv = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    mode: 'ai' as const,
    createdAt: day(3),
    ...extra,
  });
  it('leaves out conversations where the customer asked for a human or a rep took over', () => {
    const conversations = [
      conv('a'), // AI only
      conv('b'), // AI only
      // The customer asked for a human; after the wait the AI answers again (mode back to ai, reason kept).
      conv('c', { handoffReason: 'Customer asked for a person', handoffMessageId: 'm-c' }),
      // A hand-off recorded only in the activity log (the reason was cleared later).
      conv('d'),
      // A rep wrote without any hand-off.
      conv('e'),
      // A rep took the conversation over.
      conv('f', { mode: 'human' }),
      conv('g', { waitingSince: day(3) }),
      conv('old', { createdAt: day(1) }),
    ];
    const messages = [
      { conversationId: 'e', direction: 'outbound' as const, createdAt: day(3), author: { kind: 'rep' } },
      { conversationId: 'a', direction: 'outbound' as const, createdAt: day(3), author: { kind: 'agent' } },
    ];
    const activity = [
      { kind: 'handoff' as const, conversationId: 'd' },
      { kind: 'tool-call' as const, conversationId: 'b' },
    ];
    expect(aiResolution(conversations, messages, activity, { from: day(2) })).toEqual({
      conversations: 7,
      resolved: 2,
      share: 2 / 7,
      handedOff: 3,
      repTookOver: 2,
    });
    expect(aiResolution([], [], [])).toMatchObject({ share: 0 });
  });
});

describe('first response', () => {
  it('measures from the first inbound message in the period to the first answer', () => {
    const m = (c: string, d: 'inbound' | 'outbound', s: number) => ({
      conversationId: c,
      direction: d,
      createdAt: new Date(Date.parse(day(3)) + s * 1000).toISOString(),
    });
    const times = firstResponseTimes([
      m('a', 'inbound', 0),
      m('a', 'outbound', 30),
      m('b', 'inbound', 10),
      m('b', 'outbound', 15),
      m('c', 'inbound', 1),
    ]);
    expect(times).toEqual([5000, 30000]);
    expect(percentile(times, 50)).toBe(5000);
    expect(firstResponseTimes([m('a', 'inbound', 0), m('a', 'outbound', 9)], { from: day(4) })).toEqual([]);
    expect(inPeriod(undefined, {})).toBe(false);
  });
});
