// The retrieval evaluation run shared by the eval CLI and the search bench: each set (and the
// question-to-question view of each FAQ set) on its tuning and held-out splits, the plain BM25 baseline
// computed in the same run, and our full text, vector and hybrid modes. Reads the sets in place.
import { basename } from 'node:path';
import { questionView, splitSet, splits, type Split } from '../search/eval-splits';
import {
  buildEvalIndex,
  evaluate,
  evaluatePlainBm25,
  type BeirSet,
  type EvalMode,
  type RetrievalMetrics,
} from '../search/retrieval-eval';
import type { SearchIndexOptions, SearchMode } from '../search/search-index';
import { readBeirSet } from './beir';

export type NamedSet = { name: string; set: BeirSet };
export type EvalRow = RetrievalMetrics & { set: string; split: Split; buildMs: number };

/** The sets in these folders, each followed by its question-to-question view when it is an FAQ. */
export function evalSets(dirs: string[]): NamedSet[] {
  return dirs.flatMap((dir) => {
    const set = readBeirSet(dir);
    const view = questionView(set);
    const name = basename(dir);
    return view
      ? [
          { name, set },
          { name: `${name}:questions`, set: view },
        ]
      : [{ name, set }];
  });
}

export async function runRetrievalEval(
  sets: NamedSet[],
  modes: SearchMode[] = ['fulltext', 'vector', 'hybrid'],
  options: SearchIndexOptions = {},
): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const { name, set } of sets) {
    const started = performance.now();
    const index = await buildEvalIndex(set, options);
    const buildMs = performance.now() - started;
    for (const split of splits) {
      const part = splitSet(set, split);
      const row = (m: RetrievalMetrics) => rows.push({ set: name, split, buildMs, ...m });
      row(await evaluatePlainBm25(part));
      for (const mode of modes) row(await evaluate(index, part, mode));
    }
  }
  return rows;
}

const label = (m: EvalMode) => (m === 'fulltext' ? 'full text' : m);
const f = (n: number) => n.toFixed(3);
const signed = (n: number) => (n >= 0 ? '+' : '') + n.toFixed(3);

/** Markdown: one row per set, split and mode, with hit@1 against the plain BM25 of the same split. */
export function formatEvalTable(rows: EvalRow[]): string {
  const baseline = (r: EvalRow) =>
    rows.find((b) => b.set === r.set && b.split === r.split && b.mode === 'plain-bm25')!;
  const lines = [
    '| set | split | mode | queries | hit@1 | Δ hit@1 vs plain BM25 | hit@5 | MRR@10 | nDCG@10 | p50 ms | p95 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const delta = r.mode === 'plain-bm25' ? '' : signed(r.hit1 - baseline(r).hit1);
    lines.push(
      `| ${r.set} | ${r.split} | ${label(r.mode)} | ${r.queries} | ${f(r.hit1)} | ${delta} | ${f(r.hit5)} | ${f(r.mrr10)} | ${f(r.ndcg10)} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}
