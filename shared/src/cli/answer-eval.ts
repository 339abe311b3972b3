// The answer-replay evaluation: each question of a set asked through the whole agent pipeline
// (createAgentEngine, the offline provider, the product's Orama retriever over the set's entries loaded
// as a team's knowledge, a fresh conversation per question) and what the customer got classified:
// correct (the reply cites the right entry first), wrong (it cites another), choices (articles offered
// to choose from, issue 61; resolved when the right entry is among them), canned (a reply citing nothing
// that is no hand-off and offers nothing: a greeting, "noted your details", "I can help with..."),
// hand-off, or silent (no reply at all). An out-of-scope question (no entry answers it) is right when handed off and
// wrong when answered. Per set and split (eval-splits.ts): counts, precision = correct / (correct +
// wrong), coverage = the answered share, resolved = (correct + choices holding a right entry) / questions, and the plain BM25 top-1 (plain-bm25.ts) of the same questions
// as the baseline, computed in the same run; `right` adds the out-of-scope questions handed off to the
// correct ones. Sets: answer-sets.ts.
import {
  createAgentEngine,
  defaultProfile,
  type InboundResult,
  type KnowledgeRetriever,
} from '../agents/index';
import { createMemoryStore } from '../testing/memory-store';
import type { IngestedSource } from '../knowledge/ingest';
import type { LlmClient } from '../llm/types';
import { fnv1a } from '../search/hash';
import { PlainBm25, type PlainBm25Doc } from '../search/plain-bm25';
import { splits, type Split } from '../search/eval-splits';
import { customerMessage, indexedRetriever } from './replay-knowledge';

export type AnswerQuestion = {
  id: string;
  text: string;
  split: Split;
  /** The source ids of the entries that answer it; empty: out of scope (a hand-off is right). */
  relevant: ReadonlySet<string>;
};

export type AnswerSet = {
  name: string;
  /** The set's entries as a team's knowledge (a source per entry, with its chunks). */
  knowledge: IngestedSource[];
  /** The same entries for the plain BM25 baseline, `id` = the entry's source id. */
  docs: PlainBm25Doc[];
  questions: AnswerQuestion[];
  /** Set when the questions are a deterministic sample: how many the set has. */
  sampledFrom?: number;
};

export type Outcome = 'correct' | 'wrong' | 'choices' | 'canned' | 'handoff' | 'silent';
export const outcomes: readonly Outcome[] = ['correct', 'wrong', 'choices', 'canned', 'handoff', 'silent'];

const sourceOf = (c: { chunkId: string; sourceId?: string }) =>
  c.sourceId ?? c.chunkId.slice(0, Math.max(0, c.chunkId.lastIndexOf(':')) || undefined);

/** What one question got, judged by the entries that answer it (none: out of scope). */
export function classifyOutcome(
  result: Pick<InboundResult, 'handoff' | 'replies'>,
  relevant: ReadonlySet<string>,
): Outcome {
  if (result.handoff) return 'handoff';
  if (result.replies.length === 0) return 'silent';
  if (offeredSources(result).length) return 'choices';
  const cited = result.replies.flatMap((m) => m.citations ?? []);
  if (cited.length === 0) return 'canned';
  return relevant.has(sourceOf(cited[0]!)) ? 'correct' : 'wrong';
}

/** The knowledge sources of the articles a run offered as choices (none: it offered none). */
export const offeredSources = (result: Pick<InboundResult, 'replies'>): string[] =>
  result.replies.flatMap((m) => (m.choices ?? []).flatMap((c) => (c.sourceId ? [c.sourceId] : [])));

/** fnv1a with a final avalanche (murmur3's fmix32): ids that differ only at their start spread too. */
function mixedHash(text: string): number {
  let h = fnv1a(text);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** At most `max` questions, picked by a hash of their ids (the same in every run), in their order. */
export function sampleQuestions<T extends { id: string }>(questions: T[], max: number): T[] {
  if (questions.length <= max) return questions;
  const rank = new Map(questions.map((q) => [q.id, mixedHash(`answer-sample:${q.id}`)]));
  const keep = new Set(
    [...questions]
      .sort((a, b) => rank.get(a.id)! - rank.get(b.id)! || (a.id < b.id ? -1 : 1))
      .slice(0, max)
      .map((q) => q.id),
  );
  return questions.filter((q) => keep.has(q.id));
}

export type QuestionResult = {
  set: string;
  id: string;
  split: Split;
  outOfScope: boolean;
  outcome: Outcome;
  /** The plain BM25 top-1 is an entry that answers the question (never, out of scope). */
  bm25Correct: boolean;
  question: string;
  /** The articles offered (outcome `choices`), and whether one of them answers the question. */
  offered?: string[];
  choiceRight?: boolean;
  /** What the customer got (the first reply), and why the run handed off. */
  reply?: string;
  handoff?: string;
};

export type AnswerRow = {
  set: string;
  split: Split;
  questions: number;
  outOfScope: number;
  /** Set when the set's questions were sampled: how many it has (both splits). */
  sampledFrom?: number;
} & Record<Outcome, number> & {
    precision: number;
    /** The answered share (correct + wrong). */
    coverage: number;
    /** Of all questions, the share answered citing the right entry. */
    correctShare: number;
    cannedShare: number;
    /** Of all questions, the share resolved: answered right, or offered choices among which is a right entry. */
    resolved: number;
    /** Of the questions offered choices, the share whose choices hold a right entry. */
    choicesRight: number;
    /** Out-of-scope questions handed off. */
    outOfScopeHandedOff: number;
    /** Of all questions, the share that got what they should: the right entry, or a hand-off out of scope. */
    rightShare: number;
    /** The plain BM25 top-1: the share of questions whose best entry is right (it always answers). */
    bm25Top1: number;
  };

/** A fresh team's store; with `answerThreshold`, its default agent profile answers from that score up. */
async function teamStore(answerThreshold?: number) {
  const store = createMemoryStore('team-answer-eval');
  if (answerThreshold !== undefined)
    await store.put('agent_settings', { ...defaultProfile, isDefault: true, answerThreshold });
  return store;
}

/**
 * Replays each question as a new customer's first message on a fresh store and engine; with
 * `answerThreshold`, the team's profile sets it (else the calibrated default).
 */
export async function replaySet(
  set: AnswerSet,
  llm: LlmClient,
  options: { retriever?: KnowledgeRetriever; answerThreshold?: number } = {},
): Promise<QuestionResult[]> {
  const search = options.retriever ?? (await indexedRetriever(set.knowledge));
  const bm25 = new PlainBm25(set.docs);
  const now = new Date('2026-03-02T09:00:00.000Z');
  const out: QuestionResult[] = [];
  for (const q of set.questions) {
    const engine = createAgentEngine({
      store: await teamStore(options.answerThreshold),
      llm,
      retriever: search,
      clock: { now: () => now },
    });
    const result = await engine.handleInbound(customerMessage(`${set.name}:${q.id}`, 1, q.text, now));
    const top = bm25.search(q.text, 1)[0];
    const offered = offeredSources(result);
    out.push({
      set: set.name,
      id: q.id,
      split: q.split,
      outOfScope: q.relevant.size === 0,
      outcome: classifyOutcome(result, q.relevant),
      bm25Correct: !!top && q.relevant.has(top.id),
      question: q.text,
      ...(offered.length ? { offered, choiceRight: offered.some((id) => q.relevant.has(id)) } : {}),
      ...(result.replies[0] ? { reply: result.replies[0].text } : {}),
      ...(result.handoff ? { handoff: result.handoff.reason } : {}),
    });
  }
  return out;
}

/** One row per set and split, then the sets pooled (`all`) per split. */
export function answerRows(results: QuestionResult[], sampledFrom: Record<string, number> = {}): AnswerRow[] {
  const names = [...new Set(results.map((r) => r.set))];
  const rows: AnswerRow[] = [];
  const row = (set: string, split: Split, items: QuestionResult[]): AnswerRow => {
    const count = (o: Outcome) => items.filter((i) => i.outcome === o).length;
    const c = Object.fromEntries(outcomes.map((o) => [o, count(o)])) as Record<Outcome, number>;
    const n = items.length;
    const answered = c.correct + c.wrong;
    const share = (k: number) => (n ? k / n : 0);
    const oosHandedOff = items.filter((i) => i.outOfScope && i.outcome === 'handoff').length;
    const choicesRight = items.filter((i) => i.outcome === 'choices' && i.choiceRight).length;
    return {
      set,
      split,
      questions: n,
      outOfScope: items.filter((i) => i.outOfScope).length,
      ...(sampledFrom[set] ? { sampledFrom: sampledFrom[set] } : {}),
      ...c,
      precision: answered ? c.correct / answered : 0,
      coverage: share(answered),
      correctShare: share(c.correct),
      cannedShare: share(c.canned),
      resolved: share(c.correct + choicesRight),
      choicesRight: c.choices ? choicesRight / c.choices : 0,
      outOfScopeHandedOff: oosHandedOff,
      rightShare: share(c.correct + oosHandedOff),
      bm25Top1: share(items.filter((i) => i.bm25Correct).length),
    };
  };
  for (const name of names)
    for (const split of splits)
      rows.push(
        row(
          name,
          split,
          results.filter((r) => r.set === name && r.split === split),
        ),
      );
  if (names.length > 1)
    for (const split of splits)
      rows.push(
        row(
          'all',
          split,
          results.filter((r) => r.split === split),
        ),
      );
  return rows;
}

const f = (n: number) => n.toFixed(3);
const pct = (k: number, n: number) => `${k} (${n ? ((100 * k) / n).toFixed(1) : '0.0'}%)`;

/** Markdown: per set and split, what the questions got, precision, resolved, coverage and the BM25 baseline. */
export function formatAnswerTable(rows: AnswerRow[]): string {
  const lines = [
    '| set | split | questions | out of scope | correct | wrong | choices (right among them) | canned | hand-off | silent | precision | resolved | coverage | right | plain BM25 top-1 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const n = r.questions;
    const sampled = r.sampledFrom ? ` (sample of ${r.sampledFrom})` : '';
    lines.push(
      `| ${r.set}${sampled} | ${r.split} | ${n} | ${r.outOfScope} | ${pct(r.correct, n)} | ${pct(r.wrong, n)} | ${pct(r.choices, n)} (${f(r.choicesRight)}) | ${pct(r.canned, n)} | ${pct(r.handoff, n)}${r.outOfScope ? `, ${r.outOfScopeHandedOff} out of scope` : ''} | ${r.silent} | ${f(r.precision)} | ${f(r.resolved)} | ${f(r.coverage)} | ${f(r.rightShare)} | ${f(r.bm25Top1)} |`,
    );
  }
  return lines.join('\n');
}

export type AnswerEval = {
  rows: AnswerRow[];
  /** Each set's threshold when they were calibrated per set (eval-answers.ts --calibrate). */
  thresholds?: Record<string, number>;
  seconds: number;
  maxPerSet: number;
  results: QuestionResult[];
};

/**
 * Every set replayed (at most `maxPerSet` questions each, sampled by sampleQuestions), one row per set
 * and split and the pooled rows; `onSet` hears each set's size and time. With `thresholdOf`, each set
 * is replayed at the answer threshold it gives for the (sampled) set, e.g. one calibrated on its
 * tuning split.
 */
export async function runAnswerEval(
  sets: AnswerSet[],
  llm: LlmClient,
  maxPerSet: number,
  onSet?: (name: string, questions: number, ms: number) => void,
  thresholdOf?: (set: AnswerSet) => Promise<number>,
): Promise<AnswerEval> {
  const started = performance.now();
  const results: QuestionResult[] = [];
  const sampledFrom: Record<string, number> = {};
  const thresholds: Record<string, number> = {};
  for (const set of sets) {
    const questions = sampleQuestions(set.questions, maxPerSet);
    if (questions.length < set.questions.length) sampledFrom[set.name] = set.questions.length;
    const t0 = performance.now();
    const sampled = { ...set, questions };
    const answerThreshold = thresholdOf ? await thresholdOf(sampled) : undefined;
    if (answerThreshold !== undefined) thresholds[set.name] = answerThreshold;
    results.push(...(await replaySet(sampled, llm, { answerThreshold })));
    onSet?.(set.name, questions.length, performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = answerRows(results, sampledFrom);
  return { rows, seconds, maxPerSet, results, ...(thresholdOf ? { thresholds } : {}) };
}
