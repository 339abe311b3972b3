// `npm run eval:model-search` from the repository's root (issue 61): the tiny test model is added with
// `models add` from the fake hub on loopback, and the retrieval evaluation prints plain BM25, our full
// text and hybrid with the installed model folder for each set and split of the same run. With the tiny
// model the search only has to run: the test checks the run, not that the model wins.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ModelSearchComparison } from '../bench/model-search';

const root = fileURLToPath(new URL('../../', import.meta.url));
const faqEn = fileURLToPath(new URL('../../shared/eval-data/faq-en', import.meta.url));

describe('npm run eval:model-search', () => {
  it('adds the tiny model through the fake hub and compares BM25 with hybrid on the model folder', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'eval:model-search', '--', '--data', faqEn, '--json'],
      { cwd: root, maxBuffer: 20 * 1024 * 1024, timeout: 240_000 },
    );
    // `models add` reported its download (the progress goes to stderr with --json).
    expect(stderr).toMatch(/tiny-e5: installed/);
    const run = JSON.parse(stdout) as {
      rows: { set: string; split: string; mode: string; embedder?: string; hit1: number }[];
      comparison: ModelSearchComparison[];
    };
    // The model's hybrid rows beside plain BM25 and full text, on both splits of the set and of its
    // question-to-question view.
    expect(run.comparison.map((c) => `${c.set} ${c.split}`).sort()).toEqual([
      'faq-en heldout',
      'faq-en tuning',
      'faq-en:questions heldout',
      'faq-en:questions tuning',
    ]);
    expect(run.rows.filter((r) => r.mode === 'hybrid' && r.embedder === 'onnx')).toHaveLength(4);
    for (const c of run.comparison) {
      expect(c.queries).toBeGreaterThan(100);
      for (const hit1 of [c.plainBm25, c.fullText, c.hybridModel]) {
        expect(hit1).toBeGreaterThan(0);
        expect(hit1).toBeLessThanOrEqual(1);
      }
    }
  }, 300_000);
});
