// The A/B test report (issue 38): Wilson intervals against published values, Newcombe's difference,
// and the per-variant metrics over a small team's docs.
import { describe, expect, it } from 'vitest';
import { defaultPipeline } from '../schemas/index';
import { differenceInterval, experimentReport, wilsonInterval } from './experiment-report';

describe('Wilson score interval (95%)', () => {
  // Values of R's prop.test(x, n, correct = FALSE) and of Newcombe (1998), table I.
  it.each([
    [5, 10, 0.2366, 0.7634],
    [0, 10, 0, 0.2775],
    [1, 10, 0.0179, 0.4042],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [10, 10, 0.7225, 1],
  ])('%i of %i: %f to %f', (x, n, low, high) => {
    const ci = wilsonInterval(x, n);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('is the whole [0, 1] without data', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('Newcombe’s difference (his example): 56/70 - 48/80 = 0.2, 0.0524 to 0.3339', () => {
    const d = differenceInterval({ successes: 56, n: 70 }, { successes: 48, n: 80 });
    expect(d.difference).toBeCloseTo(0.2, 6);
    expect(d.low).toBeCloseTo(0.0524, 3);
    expect(d.high).toBeCloseTo(0.3339, 3);
  });
});

describe('experiment report', () => {
  it('counts conversations, hand-offs, first replies and won deals per variant', () => {
    const at = (min: number) => new Date(Date.UTC(2026, 2, 2, 10, min)).toISOString();
    const conv = (id: string, variantId: string, extra = {}) => ({
      id,
      mode: 'ai' as const,
      createdAt: at(0),
      experiment: { experimentId: 'exp', variantId },
      ...extra,
    });
    const report = experimentReport(
      {
        id: 'exp',
        status: 'running',
        variants: [
          { id: 'a', name: 'A', weight: 1, instructions: 'a' },
          { id: 'b', name: 'B', weight: 1, instructions: 'b' },
        ],
      },
      {
        conversations: [
          conv('c1', 'a'),
          conv('c2', 'a', { handoffReason: 'asked for a human' }),
          conv('c3', 'b'),
          conv('c4', 'b'),
          { ...conv('c5', 'a'), experiment: { experimentId: 'other', variantId: 'a' } },
        ],
        messages: [
          { conversationId: 'c1', direction: 'inbound', createdAt: at(0) },
          { conversationId: 'c1', direction: 'outbound', createdAt: at(2) },
          { conversationId: 'c2', direction: 'inbound', createdAt: at(0) },
          { conversationId: 'c2', direction: 'outbound', createdAt: at(4) },
          { conversationId: 'c3', direction: 'inbound', createdAt: at(0) },
          { conversationId: 'c3', direction: 'outbound', createdAt: at(1) },
        ],
        leads: [
          { id: 'l1', stage: 'won', createdAt: at(0), conversationId: 'c1' },
          { id: 'l3', stage: 'won', createdAt: at(0), conversationId: 'c3' },
          { id: 'l4', stage: 'won', createdAt: at(0), conversationId: 'c4' },
          { id: 'l5', stage: 'won', createdAt: at(0), conversationId: 'c5' },
        ],
        pipelines: [defaultPipeline(at(0))],
        activity: [],
      },
    );
    const [a, b] = report.variants;
    expect(a).toMatchObject({ conversations: 2, handedOff: 1, handoffRate: 0.5, won: 1, conversion: 0.5 });
    expect(a!.medianFirstReplyMs).toBe(2 * 60_000);
    expect(a!.conversionInterval.low).toBeCloseTo(0.0945, 3);
    expect(b).toMatchObject({
      conversations: 2,
      handedOff: 0,
      won: 2,
      conversion: 1,
      medianFirstReplyMs: 60_000,
    });
    expect(b!.difference).toMatchObject({ vsVariantId: 'a', difference: 0.5 });
    expect(a!.difference).toBeUndefined();
  });
});
