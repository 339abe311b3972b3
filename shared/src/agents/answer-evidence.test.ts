import { describe, expect, it } from 'vitest';
import type { KnowledgeHit } from '../llm/types';
import {
  answerEvidence,
  answerThresholdOf,
  CHOICE_POLICY,
  decideAnswer,
  DEFAULT_ANSWER_THRESHOLD,
  EVIDENCE_MODEL,
  evidenceFeatures,
  probability,
} from './answer-evidence';

const hit = (sourceId: string, title: string, text: string, score: number): KnowledgeHit => ({
  chunkId: `${sourceId}:0`,
  sourceId,
  title,
  text,
  score,
});

const refunds = hit(
  'refunds',
  'Refund policy',
  'Refunds for annual subscriptions are paid within 14 days of a cancellation request.',
  9,
);
const delivery = hit('delivery', 'Delivery', 'Orders ship within two business days by courier.', 3);

describe('answerEvidence', () => {
  it('scores 0 and answers nothing without hits or without a content word', () => {
    expect(answerEvidence('How long do refunds take?', [])).toEqual({ score: 0, answering: [] });
    expect(answerEvidence('Hello!', [refunds, delivery])).toEqual({ score: 0, answering: [] });
  });

  it('scores a passage that covers the question above one that shares a single word', () => {
    const strong = answerEvidence('How long do refunds for annual subscriptions take?', [refunds, delivery]);
    const weak = answerEvidence('Can I pay for annual hosting with bitcoin tokens?', [
      { ...refunds, score: 4 },
      { ...delivery, score: 3.8 },
    ]);
    expect(strong.score).toBeGreaterThan(weak.score);
    expect(strong.score).toBeGreaterThanOrEqual(DEFAULT_ANSWER_THRESHOLD);
    expect(weak.score).toBeLessThan(DEFAULT_ANSWER_THRESHOLD);
    expect(strong.answering[0]).toBe(refunds);
  });

  it('is a probability, and a clear lead over the second hit raises it', () => {
    const q = 'refunds annual subscriptions';
    const clear = answerEvidence(q, [refunds, { ...delivery, score: 1 }]).score;
    const close = answerEvidence(q, [refunds, { ...delivery, score: 8.9 }]).score;
    expect(clear).toBeGreaterThan(close);
    for (const s of [clear, close]) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
    }
  });

  it('adds a second answering passage only when it covers the question and scores close', () => {
    const other = hit(
      'refunds-2',
      'Refunds by card',
      'Refunds for annual subscriptions go back to the card.',
      8.5,
    );
    const e = answerEvidence('refunds for annual subscriptions', [refunds, other, delivery]);
    expect(e.answering).toEqual([refunds, other]);
    expect(answerEvidence('refunds for annual subscriptions', [refunds, delivery]).answering).toEqual([
      refunds,
    ]);
  });

  it('reads the best hit beside the second: coverage, title and score margins', () => {
    const f = evidenceFeatures('refund policy for annual subscriptions', [refunds, delivery])!;
    expect(f.coverage).toBe(1);
    expect(f.coverageMargin).toBe(1);
    expect(f.titleCoverage).toBeGreaterThan(0);
    expect(f.scoreGap).toBeCloseTo(1 - 3 / 9);
    expect(probability(f)).toBeGreaterThan(probability({ ...f, coverage: 0.25, weightedCoverage: 0.25 }));
  });
});

describe('answerThresholdOf', () => {
  it("is the team's threshold, else the calibrated default", () => {
    expect(answerThresholdOf({ answerThreshold: 0.9 })).toBe(0.9);
    expect(answerThresholdOf({})).toBe(DEFAULT_ANSWER_THRESHOLD);
  });
});

describe('decideAnswer with a longer list of candidates (issue 61)', () => {
  // An article cut into passages fills the best hits with itself: the articles worth offering beside it
  // come after them, in the longer list of the same search (CHOICE_HITS).
  const passage = (n: number, score: number) =>
    ({
      ...hit(
        'pricing',
        'Prices',
        `Section ${n}: the price of delivery depends on the parcel's weight.`,
        score,
      ),
      chunkId: `pricing:${n}`,
    }) as KnowledgeHit;
  const top = [passage(0, 10), passage(1, 9.5), passage(2, 9), passage(3, 8.8)];
  const others = [
    hit('courier', 'Courier delivery', 'A courier brings the parcel to your address the next day.', 8.5),
    hit('tracking', 'Track a parcel', 'Track your parcel with the number in the delivery e-mail.', 8),
  ];
  const question = 'how much is courier delivery of a parcel to my address';

  it('offers the articles of the longer list, the evidence still read from the best hits', () => {
    const short = decideAnswer(question, top, 0.99);
    const long = decideAnswer(question, top, 0.99, CHOICE_POLICY, EVIDENCE_MODEL, [...top, ...others]);
    // The best hits alone: one article, not covering the question, so nothing to offer (a hand-over).
    expect(short.choices).toEqual([]);
    expect(short.kind).toBe('none');
    expect(long.choices.map((h) => h.sourceId)).toEqual(['pricing', 'courier', 'tracking']);
    expect(long.evidence).toEqual(short.evidence);
    expect(long.kind).toBe('choices');
  });
});
