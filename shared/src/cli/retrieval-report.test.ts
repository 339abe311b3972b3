// The retrieval eval with a model folder (`--model`): the ONNX model's vector and hybrid rows follow
// the local ones on the same splits, next to the same plain BM25 baseline. On a set whose questions
// share no word with their answers, only the model's vectors find them (a tiny model the test writes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOnnxEmbedder } from '../node/onnx-model-folder';
import { writeTinyOnnxModel } from '../testing/tiny-onnx-model';
import type { BeirSet } from '../search/retrieval-eval';
import { formatEvalTable, runRetrievalEval } from './retrieval-report';

const root = mkdtempSync(join(tmpdir(), 'retrieval-model-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const docs = {
  delivery: 'Delivery takes 3 days to your address',
  price: 'Pay the invoice for the plan',
  support: 'Reset the password after a login error',
};
const questions: Array<[string, keyof typeof docs]> = [
  ['courier parcel', 'delivery'],
  ['shipping track', 'delivery'],
  ['parcel courier track', 'delivery'],
  ['tariff cost', 'price'],
  ['price tariff', 'price'],
  ['cost price', 'price'],
  ['crash bug', 'support'],
  ['bug crash crash', 'support'],
  ['courier shipping', 'delivery'],
  ['track parcel', 'delivery'],
  ['cost tariff', 'price'],
  ['tariff price cost', 'price'],
  ['crash', 'support'],
  ['bug', 'support'],
  ['parcel', 'delivery'],
  ['tariff', 'price'],
];
const set: BeirSet = {
  corpus: Object.entries(docs).map(([id, text]) => ({ id, text })),
  queries: questions.map(([text], i) => ({ id: `q${i}`, text })),
  qrels: new Map(questions.map(([, doc], i) => [`q${i}`, new Set([doc])])),
};

describe('retrieval eval with an ONNX model folder', () => {
  it('adds the model rows beside the local ones, on the same splits, against the same baseline', async () => {
    const dir = join(root, 'tiny');
    writeTinyOnnxModel(dir);
    const model = createOnnxEmbedder(dir);
    const rows = await runRetrievalEval([{ name: 'synonyms', set }], ['fulltext', 'hybrid'], {}, model);
    for (const split of ['tuning', 'heldout'] as const) {
      const of = (mode: string, embedder?: string) =>
        rows.find((r) => r.split === split && r.mode === mode && r.embedder === embedder)!;
      const plain = of('plain-bm25');
      const onnx = of('hybrid', 'onnx');
      expect(onnx.queries).toBe(plain.queries);
      expect(plain.hit1).toBe(0); // no question shares a word with its answer
      expect(onnx.hit1).toBe(1);
    }
    expect(rows.filter((r) => r.embedder)).toHaveLength(2);
    // Judged on its own: on the tuning split its vectors clearly help, so they vote.
    expect(rows.find((r) => r.embedder && r.mode === 'hybrid')?.fusion).toMatch(/vectors vote$/);
    expect(formatEvalTable(rows)).toContain('| synonyms | heldout | hybrid (onnx) |');
  });

  it('adds no model rows without a model', async () => {
    const rows = await runRetrievalEval([{ name: 'synonyms', set }], ['hybrid']);
    expect(rows.some((r) => r.embedder)).toBe(false);
    expect(rows).toHaveLength(4);
  });
});
