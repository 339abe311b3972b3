// Honest evaluation: every retrieval tunable is chosen on the tuning split of a set and reported on its
// held-out split. The split is deterministic and depends on the query id only (a hash), so it is the
// same in every run and on every machine, and parallel sets (xquad-ru / xquad-en share query ids) split
// the same way. Also the question-to-question view of an FAQ set: its user questions searched against
// the FAQ's own questions (titles) only, as customers' questions meet an FAQ.
import { fnv1a } from './hash';

/** A retrieval set in BEIR's shape: documents, queries, and each query's relevant documents. */
export type BeirSet = {
  corpus: Array<{ id: string; text: string; title?: string }>;
  queries: Array<{ id: string; text: string }>;
  qrels: Map<string, Set<string>>;
};

export type Split = 'tuning' | 'heldout';
export const splits: readonly Split[] = ['tuning', 'heldout'];

/** The split of a query: half of the ids (by a salted 32-bit hash) tune, the other half are held out. */
export const splitOf = (queryId: string): Split =>
  fnv1a(`retrieval-split:${queryId}`) % 2 === 0 ? 'tuning' : 'heldout';

/** The set with only the queries of one split (the corpus stays whole). */
export function splitSet(set: BeirSet, split: Split): BeirSet {
  const queries = set.queries.filter((q) => splitOf(q.id) === split);
  const ids = new Set(queries.map((q) => q.id));
  return { corpus: set.corpus, queries, qrels: new Map([...set.qrels].filter(([q]) => ids.has(q))) };
}

const maxTitleLength = 300;

/** A doc's question: its title, or the first line of its text when a line break follows it. */
function titleOf(doc: { text: string; title?: string }): string | undefined {
  if (doc.title) return doc.title.trim();
  const cut = doc.text.indexOf('\n');
  if (cut <= 0) return undefined;
  const first = doc.text.slice(0, cut).trim();
  return first && first.length <= maxTitleLength ? first : undefined;
}

/**
 * The FAQ question of each passage (its title, or its first line) by passage id; undefined when the set
 * is not an FAQ (fewer than 90% of its passages open with a question line).
 */
export function faqQuestions(set: BeirSet): Map<string, string> | undefined {
  const titles = new Map<string, string>();
  for (const doc of set.corpus) {
    const title = titleOf(doc);
    if (title !== undefined) titles.set(doc.id, title);
  }
  return set.corpus.length > 0 && titles.size >= 0.9 * set.corpus.length ? titles : undefined;
}

/**
 * The question-to-question view of an FAQ set: one document per distinct FAQ question (title), and a
 * query is relevant to the question of any passage it was judged relevant to. Undefined when the set
 * is not an FAQ.
 */
export function questionView(set: BeirSet): BeirSet | undefined {
  const titles = faqQuestions(set);
  if (!titles) return undefined;
  const idOf = new Map<string, string>();
  for (const title of titles.values()) if (!idOf.has(title)) idOf.set(title, `q${idOf.size}`);
  const corpus = [...idOf].map(([text, id]) => ({ id, text }));
  const qrels = new Map<string, Set<string>>();
  for (const [query, passages] of set.qrels) {
    const rel = new Set([...passages].flatMap((p) => (titles.has(p) ? [idOf.get(titles.get(p)!)!] : [])));
    if (rel.size > 0) qrels.set(query, rel);
  }
  return { corpus, queries: set.queries.filter((q) => qrels.has(q.id)), qrels };
}
