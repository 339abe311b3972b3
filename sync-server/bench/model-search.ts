// Search with a model folder against plain BM25, in one run (issue 61, "search with a model folder
// beats plain BM25 on the project's own sets in the same run"). From a fresh clone, with no network:
// a tiny ONNX model of the real format (@app/shared/testing) is served by a fake Hugging Face hub on
// loopback (test/fake-hf-hub.ts), `models add` (the product's command, its SHA-256 checks included)
// installs it into a throw-away data folder, and the retrieval evaluation (@app/shared/retrieval-report)
// runs over the sets with that folder: per set and split, plain BM25 (the baseline), our full text
// (BM25F) and hybrid with the model's vectors, side by side. With the tiny model it only has to run;
// with a real model folder (`--model-dir`, e.g. data/models/multilingual-e5-small) the same table says
// whether it beats BM25.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOnnxEmbedder } from '@app/shared/node';
import {
  defaultEvalDirs,
  evalSets,
  formatEvalTable,
  runRetrievalEval,
  type EvalRow,
} from '@app/shared/retrieval-report';
import { writeTinyOnnxModel } from '@app/shared/testing';
import { runModelsCli } from '../src/models/installed/commands';
import { pinnedEntry, startFakeHub } from '../test/fake-hf-hub';

type Out = { write(text: string): unknown };

/** Installs the tiny model through `models add` from a fake hub; returns the installed folder. */
export async function addTinyModelFromFakeHub(root: string, out: Out): Promise<string> {
  const made = join(root, 'made');
  writeTinyOnnxModel(made, { config: true, maxTokens: 128 });
  // A hub export's layout: the model under onnx/, the tokenizer and configs at the top.
  const files: Record<string, Buffer> = { 'onnx/model.onnx': readFileSync(join(made, 'model.onnx')) };
  for (const f of ['tokenizer.json', 'tokenizer_config.json', 'config.json'])
    files[f] = readFileSync(join(made, f));
  const repo = { repo: 'test-org/tiny-e5', sha: 'a'.repeat(40), files };
  const hub = await startFakeHub([repo]);
  try {
    const registry = join(root, 'registry.json');
    writeFileSync(registry, JSON.stringify([pinnedEntry(repo, 'tiny-e5')]));
    const data = join(root, 'data');
    mkdirSync(data, { recursive: true });
    let errors = '';
    const code = await runModelsCli(['add', 'tiny-e5', '--data-dir', data, '--registry', registry], {
      out: { write: (t: string) => out.write(t), isTTY: false },
      err: { write: (t: string) => (errors += t) },
      env: { HF_ENDPOINT: hub.url },
    });
    if (code !== 0) throw new Error(`models add tiny-e5 failed (${code}): ${errors.trim()}`);
    return join(data, 'models', 'tiny-e5');
  } finally {
    await hub.close();
  }
}

export type ModelSearchComparison = {
  set: string;
  split: string;
  queries: number;
  plainBm25: number;
  fullText: number;
  hybridModel: number;
};

/** Per set and split, hit@1 of plain BM25, our full text and hybrid with the model (rows of one run). */
export function compareModelSearch(rows: EvalRow[]): ModelSearchComparison[] {
  const keys = [...new Set(rows.map((r) => `${r.set}\t${r.split}`))];
  return keys.flatMap((key) => {
    const [set, split] = key.split('\t') as [string, string];
    const of = rows.filter((r) => r.set === set && r.split === split);
    const plain = of.find((r) => r.mode === 'plain-bm25');
    const text = of.find((r) => r.mode === 'fulltext' && !r.embedder);
    const hybrid = of.find((r) => r.mode === 'hybrid' && r.embedder);
    if (!plain || !text || !hybrid) return [];
    return [
      {
        set,
        split,
        queries: plain.queries,
        plainBm25: plain.hit1,
        fullText: text.hit1,
        hybridModel: hybrid.hit1,
      },
    ];
  });
}

const f = (n: number) => n.toFixed(3);
const signed = (n: number) => (n >= 0 ? '+' : '') + n.toFixed(3);

/** Markdown: plain BM25 against hybrid with the model folder, per set and split. */
export function formatComparison(items: ModelSearchComparison[], model: string): string {
  return [
    `| set | split | queries | plain BM25 hit@1 | full text (BM25F) hit@1 | hybrid (${model}) hit@1 | hybrid - plain BM25 |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...items.map(
      (c) =>
        `| ${c.set} | ${c.split} | ${c.queries} | ${f(c.plainBm25)} | ${f(c.fullText)} | ${f(c.hybridModel)} | ${signed(c.hybridModel - c.plainBm25)} |`,
    ),
  ].join('\n');
}

export type ModelSearchRun = { modelDir: string; rows: EvalRow[]; comparison: ModelSearchComparison[] };

/**
 * Adds the tiny model through the fake hub (unless `modelDir` names a model folder) and evaluates
 * full text and hybrid with it over the sets in `dirs` (default: the project's sets that exist here).
 */
export async function runModelSearchEval(
  options: { dirs?: string[]; modelDir?: string; out?: Out } = {},
): Promise<ModelSearchRun> {
  const out = options.out ?? { write: () => undefined };
  const root = mkdtempSync(join(tmpdir(), 'model-search-'));
  try {
    const modelDir = options.modelDir ?? (await addTinyModelFromFakeHub(root, out));
    const dirs = options.dirs?.length ? options.dirs : defaultEvalDirs();
    const model = createOnnxEmbedder(modelDir);
    const rows = await runRetrievalEval(evalSets(dirs), ['fulltext', 'hybrid'], {}, model);
    return { modelDir, rows, comparison: compareModelSearch(rows) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export { formatEvalTable };
