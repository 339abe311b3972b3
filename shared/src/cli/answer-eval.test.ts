import { describe, expect, it } from 'vitest';
import { createAgentLlmFromEnv } from '../agents/index';
import type { MessageDoc } from '../schemas/index';
import {
  answerRows,
  classifyOutcome,
  formatAnswerTable,
  outcomes,
  replaySet,
  sampleQuestions,
  type AnswerSet,
  type QuestionResult,
} from './answer-eval';
import { faqKnowledge } from './answer-sets';

const reply = (citations?: { chunkId: string; sourceId?: string }[]) =>
  ({ citations }) as unknown as MessageDoc;
const relevant = new Set(['refunds']);

describe('classifyOutcome', () => {
  it('tells a hand-off, silence, a canned reply, a right and a wrong citation apart', () => {
    expect(classifyOutcome({ handoff: { reason: 'x' }, replies: [reply()] }, relevant)).toBe('handoff');
    expect(classifyOutcome({ replies: [] }, relevant)).toBe('silent');
    expect(classifyOutcome({ replies: [reply()] }, relevant)).toBe('canned');
    expect(classifyOutcome({ replies: [reply([])] }, relevant)).toBe('canned');
    expect(
      classifyOutcome({ replies: [reply([{ chunkId: 'refunds:0', sourceId: 'refunds' }])] }, relevant),
    ).toBe('correct');
    // Without a source id, the chunk id's source part.
    expect(classifyOutcome({ replies: [reply([{ chunkId: 'refunds:2' }])] }, relevant)).toBe('correct');
    expect(classifyOutcome({ replies: [reply([{ chunkId: 'delivery:0' }])] }, relevant)).toBe('wrong');
  });

  it('judges a reply by its first citation', () => {
    const cited = [{ chunkId: 'delivery:0' }, { chunkId: 'refunds:0' }];
    expect(classifyOutcome({ replies: [reply(cited)] }, relevant)).toBe('wrong');
  });

  it('counts any answer to an out-of-scope question as wrong, a hand-off as its right outcome', () => {
    expect(classifyOutcome({ replies: [reply([{ chunkId: 'refunds:0' }])] }, new Set())).toBe('wrong');
    expect(classifyOutcome({ handoff: { reason: 'x' }, replies: [] }, new Set())).toBe('handoff');
  });
});

describe('sampleQuestions', () => {
  it('keeps a set within the limit, the same questions every time, in their order', () => {
    const qs = Array.from({ length: 50 }, (_, i) => ({ id: `q${i}` }));
    const a = sampleQuestions(qs, 10);
    expect(a).toHaveLength(10);
    expect(sampleQuestions(qs, 10)).toEqual(a);
    expect(a.map((q) => Number(q.id.slice(1)))).toEqual(
      [...a.map((q) => Number(q.id.slice(1)))].sort((x, y) => x - y),
    );
    expect(sampleQuestions(qs, 60)).toBe(qs);
  });
});

describe('answerRows', () => {
  it('counts outcomes per set and split, with precision, coverage and the baseline', () => {
    const r = (outcome: QuestionResult['outcome'], extra: Partial<QuestionResult> = {}): QuestionResult => ({
      set: 's',
      id: 'x',
      split: 'heldout',
      outOfScope: false,
      outcome,
      bm25Correct: false,
      question: 'q',
      ...extra,
    });
    const rows = answerRows([
      r('correct', { bm25Correct: true }),
      r('correct'),
      r('correct'),
      r('wrong', { bm25Correct: true }),
      r('canned'),
      r('handoff', { outOfScope: true }),
    ]);
    const held = rows.find((x) => x.split === 'heldout')!;
    expect(held).toMatchObject({ questions: 6, correct: 3, wrong: 1, canned: 1, handoff: 1, outOfScope: 1 });
    expect(held.precision).toBeCloseTo(0.75);
    expect(held.coverage).toBeCloseTo(4 / 6);
    expect(held.rightShare).toBeCloseTo(4 / 6);
    expect(held.bm25Top1).toBeCloseTo(2 / 6);
    expect(rows.find((x) => x.split === 'tuning')!.questions).toBe(0);
    expect(formatAnswerTable(rows)).toContain('| s | heldout | 6 | 1 | 3 (50.0%) |');
  });
});

describe('replaySet', () => {
  it('asks each question through the whole offline pipeline and classifies what it got', async () => {
    const docs = [
      {
        id: 'refunds',
        title: 'How long do refunds take?',
        text: 'Refunds are paid back to the card within 14 days.',
      },
      {
        id: 'delivery',
        title: 'How fast is delivery?',
        text: 'Orders ship by courier within two business days.',
      },
      {
        id: 'hours',
        title: 'When is the office open?',
        text: 'The office is open on weekdays from 9 to 18.',
      },
    ];
    const set: AnswerSet = {
      name: 'tiny',
      ...(await faqKnowledge(docs.map((d) => ({ id: d.id, title: d.title, body: d.text })))),
      questions: [
        {
          id: 'q1',
          text: 'How long do refunds take to reach my card?',
          split: 'tuning',
          relevant: new Set(['refunds']),
        },
        {
          id: 'q2',
          text: 'How fast is delivery by courier?',
          split: 'heldout',
          relevant: new Set(['delivery']),
        },
        { id: 'oos-1', text: 'Is coronavirus from snakes?', split: 'heldout', relevant: new Set() },
      ],
    };
    const results = await replaySet(set, createAgentLlmFromEnv({}));
    expect(results.map((r) => r.id)).toEqual(['q1', 'q2', 'oos-1']);
    for (const r of results) expect(outcomes).toContain(r.outcome);
    expect(results.filter((r) => r.outOfScope).map((r) => r.id)).toEqual(['oos-1']);
    expect(results[2]!.outcome).not.toBe('correct');
    expect(results.slice(0, 2).every((r) => r.bm25Correct)).toBe(true);
    const rows = answerRows(results);
    expect(rows.reduce((n, row) => n + row.questions, 0)).toBe(3);
    // The team's threshold is the one the replay answers by: at 1, nothing is sure enough.
    const answered = results.filter((r) => r.outcome === 'correct' || r.outcome === 'wrong');
    expect(answered.length).toBeGreaterThan(0);
    const strict = await replaySet(set, createAgentLlmFromEnv({}), { answerThreshold: 1 });
    expect(strict.filter((r) => r.outcome === 'correct' || r.outcome === 'wrong')).toEqual([]);
  }, 30_000);
});
