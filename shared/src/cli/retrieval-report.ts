// The retrieval evaluation run shared by the eval CLI and the search bench: each set (and the
// question-to-question view of each FAQ set) on its tuning and held-out splits, the plain BM25 baseline
// computed in the same run, and our full text, vector and hybrid modes. Reads the sets in place. With a
// `model` (the ONNX embedder of a model folder), its vector and hybrid rows follow the local ones, on
// the same splits next to the same baseline. The default sets: the three the tunables were chosen on
// (their tuning splits only) and the public FAQ sets of shared/eval-data, never tuned on (checks only).
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddingProvider } from '../embeddings/types';
import { questionView, splitSet, splits, type Split } from '../search/eval-splits';
import { chooseFusion, type FusionChoice, type JudgedLists } from '../search/fusion-tuning';
import {
  buildEvalIndex,
  candidateLists,
  evaluate,
  evaluatePlainBm25,
  type BeirSet,
  type EvalMode,
  type RetrievalMetrics,
} from '../search/retrieval-eval';
import type { SearchIndexOptions, SearchMode } from '../search/search-index';
import { readBeirSet } from './beir';

export type NamedSet = { name: string; set: BeirSet };
export type EvalRow = RetrievalMetrics & {
  set: string;
  split: Split;
  buildMs: number;
  /** The model's embedder for its rows (`onnx`); none: the local hashed vectors. */
  embedder?: string;
  /** The model's hybrid rows: how their fusion was chosen (fusionNote). */
  fusion?: string;
};

/** The sets whose tuning splits chose the tunables (npm run tune:retrieval), in ../shared/data/retrieval. */
export const tunedSets = ['stackfaq', 'xquad-ru', 'xquad-en'];
/**
 * FAQ sets of shared/eval-data no retrieval tunable was chosen on: unseen domains, reported as checks
 * (faq2-en and faq2-ru were assembled after the answer changes, and the answer model never saw them either).
 */
export const checkSets = ['faq-en', 'faq-ru', 'faq2-en', 'faq2-ru'];

/** The default sets' folders that exist here: the tuned sets, then the check sets. */
export function defaultEvalDirs(): string[] {
  const data = (name: string) =>
    fileURLToPath(new URL(`../../../../shared/data/retrieval/${name}`, import.meta.url));
  const evalData = (name: string) => fileURLToPath(new URL(`../../eval-data/${name}`, import.meta.url));
  return [...tunedSets.map(data), ...checkSets.map(evalData)].filter((dir) => existsSync(dir));
}

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

/** The sets whose tuning splits choose a model's fusion: the tuned sets given, else all of them. */
const fusionSets = (sets: NamedSet[]) => {
  const tuned = sets.filter((s) => tunedSets.includes(s.name.split(':')[0]!));
  return tuned.length ? tuned : sets;
};

export async function runRetrievalEval(
  sets: NamedSet[],
  modes: SearchMode[] = ['fulltext', 'vector', 'hybrid'],
  options: SearchIndexOptions = {},
  model?: EmbeddingProvider,
): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  // The index's vector store is sized by the model: learn it first (this loads the model).
  if (model && !model.dims) await model.embed(['dimension probe'], { kind: 'query' });
  const modelModes = modes.filter((mode) => mode !== 'fulltext');
  const built = [];
  for (const { name, set } of sets) {
    const started = performance.now();
    const index = await buildEvalIndex(set, options);
    const buildMs = performance.now() - started;
    const modelStarted = performance.now();
    const modelIndex =
      model && modelModes.length ? await buildEvalIndex(set, { ...options, embedder: model }) : undefined;
    built.push({ name, set, index, buildMs, modelIndex, modelBuildMs: performance.now() - modelStarted });
  }
  // A model is judged on its own: its vectors vote only if they clearly help on the pooled tuning splits.
  let fusion: FusionChoice | undefined;
  if (model && modelModes.includes('hybrid')) {
    const lists: JudgedLists[] = [];
    for (const b of built.filter((b) => fusionSets(sets).some((s) => s.name === b.name)))
      lists.push(...(await candidateLists(b.modelIndex!, splitSet(b.set, 'tuning'))));
    fusion = chooseFusion(lists);
  }
  for (const { name, set, index, buildMs, modelIndex, modelBuildMs } of built) {
    for (const split of splits) {
      const part = splitSet(set, split);
      const row = (m: RetrievalMetrics) => rows.push({ set: name, split, buildMs, ...m });
      row(await evaluatePlainBm25(part));
      for (const mode of modes) row(await evaluate(index, part, mode));
      if (!modelIndex) continue;
      for (const mode of modelModes) {
        const weights = mode === 'hybrid' ? fusion?.weights : undefined;
        const m = await evaluate(modelIndex, part, mode, weights);
        rows.push({
          set: name,
          split,
          buildMs: modelBuildMs,
          ...m,
          embedder: model!.id,
          ...(weights && fusion ? { fusion: fusionNote(fusion) } : {}),
        });
      }
    }
  }
  return rows;
}

/** How a model's fusion was chosen, in words. */
export const fusionNote = (f: FusionChoice) =>
  `fusion chosen on the pooled tuning splits: ${JSON.stringify(f.weights)}; the grid's best ${f.best.score.hit1.toFixed(4)} against full text alone ${f.textOnly.hit1.toFixed(4)} (+${f.wins} -${f.losses} queries): vectors ${f.vectorsVote ? 'vote' : 'get no vote'}`;

const modeLabel = (m: EvalMode) => (m === 'fulltext' ? 'full text' : m);
/** `hybrid`, or `hybrid (onnx)` for the model's rows. */
export const rowLabel = (r: Pick<EvalRow, 'mode' | 'embedder'>) =>
  r.embedder ? `${modeLabel(r.mode)} (${r.embedder})` : modeLabel(r.mode);
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
      `| ${r.set} | ${r.split} | ${rowLabel(r)} | ${r.queries} | ${f(r.hit1)} | ${delta} | ${f(r.hit5)} | ${f(r.mrr10)} | ${f(r.ndcg10)} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

/** Set and split where hybrid (local, as shipped) falls below the plain BM25 of the same run, if any. */
export function belowBaseline(rows: EvalRow[]): string[] {
  const plain = (r: EvalRow) =>
    rows.find((b) => b.set === r.set && b.split === r.split && b.mode === 'plain-bm25');
  return rows
    .filter((r) => r.mode === 'hybrid' && !r.embedder && r.hit1 < (plain(r)?.hit1 ?? 0) - 1e-9)
    .map((r) => `${r.set} ${r.split}: hybrid ${r.hit1.toFixed(3)} < plain BM25 ${plain(r)!.hit1.toFixed(3)}`);
}
