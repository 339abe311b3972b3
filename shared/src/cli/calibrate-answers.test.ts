// Tests of the per-knowledge-base answer threshold: chosen on tuning questions to reach a precision.
import { describe, expect, it } from 'vitest';
import { CHOICE_POLICY, DEFAULT_ANSWER_THRESHOLD } from '../agents/answer-evidence';
import { faqKnowledge } from './answer-sets';
import { calibrateThreshold, evidencePoints, scoreAt, type EvidencePoint } from './calibrate-answers';

const points: EvidencePoint[] = [
  { score: 0.9, right: true },
  { score: 0.8, right: true },
  { score: 0.7, right: false },
  { score: 0.6, right: true },
  { score: 0.5, right: false },
  { score: 0, right: false },
];

describe('calibrateThreshold', () => {
  it('takes the lowest score whose precision reaches the target', () => {
    expect(calibrateThreshold(points, 0.75)).toMatchObject({
      threshold: 0.6,
      precision: 0.75,
      reached: true,
    });
    expect(calibrateThreshold(points, 0.8)).toMatchObject({ threshold: 0.8, precision: 1, reached: true });
    expect(scoreAt(points, 0.6)).toEqual({ precision: 0.75, coverage: 4 / 6, correct: 3 / 6 });
  });

  it('keeps the default when no threshold reaches the target', () => {
    const wrong = points.map((p) => ({ ...p, right: false }));
    expect(calibrateThreshold(wrong, 0.8)).toMatchObject({
      threshold: DEFAULT_ANSWER_THRESHOLD,
      reached: false,
    });
  });

  it('answers a question whose best passage does not lead only from the threshold + CHOICE_POLICY.sure', () => {
    const close = [{ score: 0.7, right: true, lead: 0 }];
    expect(scoreAt(close, 0.7 - CHOICE_POLICY.sure + 0.01).coverage).toBe(0);
    expect(scoreAt(close, 0.7 - CHOICE_POLICY.sure).coverage).toBe(1);
    expect(scoreAt([{ score: 0.7, right: true, lead: CHOICE_POLICY.margin }], 0.69).coverage).toBe(1);
  });

  it('never answers a question with no answering passage, however low the threshold', () => {
    expect(scoreAt([{ score: 0, right: true }], 0).coverage).toBe(0);
  });
});

describe('evidencePoints', () => {
  it("scores one split's questions as the supervisor searches them", async () => {
    const knowledge = await faqKnowledge([
      { id: 'refunds', title: 'How long do refunds take?', body: 'Refunds reach the card within 14 days.' },
      {
        id: 'hours',
        title: 'When is the office open?',
        body: 'The office is open on weekdays from 9 to 18.',
      },
    ]);
    const set = {
      name: 'tiny',
      ...knowledge,
      questions: [
        {
          id: 'a',
          text: 'Hello! How long do refunds take?',
          split: 'tuning' as const,
          relevant: new Set(['refunds']),
        },
        {
          id: 'b',
          text: 'When is the office open?',
          split: 'heldout' as const,
          relevant: new Set(['hours']),
        },
      ],
    };
    const tuning = await evidencePoints(set, 'tuning');
    expect(tuning).toHaveLength(1);
    expect(tuning[0]!.right).toBe(true);
    expect(tuning[0]!.score).toBeGreaterThan(0);
  });
});
