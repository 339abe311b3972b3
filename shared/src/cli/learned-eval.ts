// `eval:answers --learn tune` (issue 61): the learned phrasings measured honestly. Each tuning question
// of a set is taken as a customer's pick of its right article (learned-phrasings.ts, the same bounds and
// de-duplication as the product's picks), kept on that article's source, and then only the held-out
// questions are replayed against the knowledge with those phrasings. Held-out questions are never
// learned from. The comparison table puts each set's held-out row without and with learning side by side.
import { withPhrasing } from '../agents/learned-phrasings';
import type { IngestedSource } from '../knowledge/ingest';
import type { AnswerRow, AnswerSet } from './answer-eval';

/** The set's knowledge with its tuning questions learned as phrasings, and only its held-out questions. */
export function learnFromTuning(set: AnswerSet): AnswerSet & { learned: number } {
  const phrasings = new Map<string, string[]>();
  const titles = new Map(set.knowledge.map((k) => [k.source.id, k.source.title]));
  let learned = 0;
  for (const q of set.questions) {
    // The customer picks the right article: the first entry that answers the question.
    const picked = q.split === 'tuning' ? [...q.relevant][0] : undefined;
    if (!picked || !titles.has(picked)) continue;
    const next = withPhrasing(phrasings.get(picked), q.text, titles.get(picked));
    if (!next) continue;
    phrasings.set(picked, next);
    learned++;
  }
  const knowledge: IngestedSource[] = set.knowledge.map((k) => {
    const kept = phrasings.get(k.source.id);
    return kept ? { ...k, source: { ...k.source, phrasings: kept } } : k;
  });
  return {
    ...set,
    knowledge,
    questions: set.questions.filter((q) => q.split === 'heldout'),
    learned,
  };
}

const f = (n: number) => n.toFixed(3);
const triple = (r: AnswerRow | undefined) =>
  r ? `${f(r.precision)} / ${f(r.resolved)} / ${f(r.coverage)}` : '-';

/**
 * Markdown: per set, the held-out precision / resolved / answered share without learning and with the
 * tuning split's phrasings learned, the canned share with learning, and the plain BM25 top-1.
 */
export function formatLearnedComparison(
  before: AnswerRow[],
  after: AnswerRow[],
  learned: Record<string, number>,
): string {
  const heldout = (rows: AnswerRow[], set: string) =>
    rows.find((r) => r.set === set && r.split === 'heldout');
  const lines = [
    '| set (held-out) | phrasings learned | without learning | with learned phrasings | canned (with) | plain BM25 top-1 |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const set of [...new Set(after.map((r) => r.set))]) {
    const a = heldout(after, set);
    lines.push(
      `| ${set} | ${learned[set] ?? '-'} | ${triple(heldout(before, set))} | ${triple(a)} | ${a ? (100 * a.cannedShare).toFixed(1) : '-'}% | ${a ? f(a.bm25Top1) : '-'} |`,
    );
  }
  return lines.join('\n');
}
