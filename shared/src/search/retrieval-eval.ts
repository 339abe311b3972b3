// Retrieval evaluation over a BEIR-like set (corpus, queries, relevance judgements): hit@1, hit@5,
// MRR@10, nDCG@10 and per-query latency, for our index (full text, vector, hybrid) and for the plain
// BM25 baseline (plain-bm25.ts). Pure: the CLI (src/cli/eval-retrieval.ts) reads the files. Splits and
// the question-to-question view of FAQ sets live in eval-splits.ts.
import { LocalEmbedder, type LocalEmbedderOptions } from '../embeddings/local-embedder';
import type { SearchDoc } from './docs';
import { faqQuestions, type BeirSet } from './eval-splits';
import type { FusionWeights, Scored } from './fusion';
import { PlainBm25 } from './plain-bm25';
import { percentile } from './stats';
import { SearchIndex, type SearchIndexOptions, type SearchMode } from './search-index';

export type { BeirSet } from './eval-splits';

/** What was measured: one of our modes, or the plain BM25 baseline. */
export type EvalMode = SearchMode | 'plain-bm25';

export type RetrievalMetrics = {
  mode: EvalMode;
  queries: number;
  hit1: number;
  hit5: number;
  mrr10: number;
  ndcg10: number;
  p50Ms: number;
  p95Ms: number;
};

export function scoreRanking(ranked: string[], relevant: Set<string>) {
  const first = ranked.findIndex((id) => relevant.has(id));
  let dcg = 0;
  ranked.slice(0, 10).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(10, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  return {
    hit1: first === 0 ? 1 : 0,
    hit5: first >= 0 && first < 5 ? 1 : 0,
    mrr10: first >= 0 && first < 10 ? 1 / (first + 1) : 0,
    ndcg10: idcg > 0 ? dcg / idcg : 0,
  };
}

/**
 * The set's passages as the search index gets them. An FAQ's passages carry their question in the
 * question field, as a Q&A import (its question column) or a Markdown FAQ (its heading) does.
 */
export function evalDocs(set: BeirSet): SearchDoc[] {
  const questions = faqQuestions(set);
  return set.corpus.map((d) => {
    const question = questions?.get(d.id);
    return {
      id: d.id,
      docId: d.id,
      type: 'knowledge' as const,
      title: d.title ?? '',
      text: d.text,
      ...(question ? { question } : {}),
    };
  });
}

/** Builds the index over the corpus: the local embedder (fitted on this corpus) unless one is given. */
export async function buildEvalIndex(
  set: BeirSet,
  options: SearchIndexOptions & { local?: LocalEmbedderOptions } = {},
): Promise<SearchIndex> {
  let embedder = options.embedder;
  if (!embedder) {
    const local = new LocalEmbedder(options.local);
    local.fit(set.corpus.map((d) => (d.title ? `${d.title}\n${d.text}` : d.text)));
    embedder = local;
  }
  const index = new SearchIndex({ ...options, embedder });
  await index.upsert(evalDocs(set));
  return index;
}

/** Our index on the set's judged queries, in one mode (hybrid: with `fusion`, else the index's own). */
export async function evaluate(
  index: SearchIndex,
  set: BeirSet,
  mode: SearchMode,
  fusion?: FusionWeights,
): Promise<RetrievalMetrics> {
  return evaluateRanker(set, mode, async (q) => {
    const { hits } = await index.search(q, {
      mode,
      limit: 10,
      snippetLength: 0,
      ...(fusion ? { fusion } : {}),
    });
    return hits.map((h) => h.id);
  });
}

/** The plain BM25 baseline on the same set (built here: it is cheap). */
export async function evaluatePlainBm25(set: BeirSet): Promise<RetrievalMetrics> {
  const bm25 = new PlainBm25(set.corpus);
  return evaluateRanker(set, 'plain-bm25', (q) => bm25.search(q, 10).map((h) => h.id));
}

/** Any ranking function over the set's judged queries. */
export async function evaluateRanker(
  set: BeirSet,
  mode: EvalMode,
  rank: (query: string) => Promise<string[]> | string[],
): Promise<RetrievalMetrics> {
  const sums = { hit1: 0, hit5: 0, mrr10: 0, ndcg10: 0 };
  const latencies: number[] = [];
  let n = 0;
  for (const q of set.queries) {
    const relevant = set.qrels.get(q.id);
    if (!relevant || relevant.size === 0) continue;
    const started = performance.now();
    const ranked = await rank(q.text);
    latencies.push(performance.now() - started);
    const s = scoreRanking(ranked, relevant);
    sums.hit1 += s.hit1;
    sums.hit5 += s.hit5;
    sums.mrr10 += s.mrr10;
    sums.ndcg10 += s.ndcg10;
    n++;
  }
  latencies.sort((a, b) => a - b);
  const avg = (v: number) => (n ? v / n : 0);
  return {
    mode,
    queries: n,
    hit1: avg(sums.hit1),
    hit5: avg(sums.hit5),
    mrr10: avg(sums.mrr10),
    ndcg10: avg(sums.ndcg10),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
}

/** Each judged query's full-text and vector candidate lists (what hybrid search fuses), for tuning. */
export async function candidateLists(
  index: SearchIndex,
  set: BeirSet,
  candidates = 100,
): Promise<Array<{ text: Scored[]; vector: Scored[]; relevant: Set<string> }>> {
  const out = [];
  for (const q of set.queries) {
    const relevant = set.qrels.get(q.id);
    if (!relevant || relevant.size === 0) continue;
    const list = async (mode: 'fulltext' | 'vector') =>
      (await index.search(q.text, { mode, limit: candidates, snippetLength: 0 })).hits.map((h) => ({
        id: h.id,
        score: (mode === 'fulltext' ? h.scores.text : h.scores.vector) ?? 0,
      }));
    out.push({ text: await list('fulltext'), vector: await list('vector'), relevant });
  }
  return out;
}
