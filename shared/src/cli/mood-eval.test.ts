// `npm run eval:mood` (issue 62): per file rows, positives, flagged, precision, recall, F1 of the positive class.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inSplit, splitOf } from '../agents/mood/split';
import { evaluateFolder } from './mood-eval';

const lines = (rows: { text: string; label: number | string }[]) =>
  rows.map((r) => JSON.stringify(r)).join('\n');

describe('eval:mood', () => {
  it('scores toxicity-* for abuse and sentiment-* for negative mood, and skips other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mood-eval-'));
    writeFileSync(
      join(dir, 'toxicity-x.jsonl'),
      lines([
        { text: 'иди нахуй', label: 1 },
        { text: 'ты тварь', label: 1 },
        { text: 'Сколько стоит доставка?', label: 0 },
        { text: 'Гантели 10 кг', label: 0 },
        { text: 'в целом нормально', label: 1 },
      ]),
    );
    writeFileSync(
      join(dir, 'sentiment-y.jsonl'),
      lines([
        { text: 'Третий раз пишу, до сих пор не пришёл заказ', label: 'negative' },
        { text: 'Спасибо, всё отлично!', label: 0 },
      ]),
    );
    writeFileSync(join(dir, 'other.jsonl'), lines([{ text: 'x', label: 1 }]));
    const files = evaluateFolder(dir, 'all', 'mood');
    expect(files).toEqual([
      {
        file: 'sentiment-y.jsonl',
        kind: 'negative-mood',
        n: 2,
        positives: 1,
        flagged: 1,
        precision: 1,
        recall: 1,
        f1: 1,
      },
      {
        file: 'toxicity-x.jsonl',
        kind: 'abuse',
        n: 5,
        positives: 3,
        flagged: 2,
        precision: 1,
        recall: 0.667,
        f1: 0.8,
      },
    ]);
    // The old checkText, the baseline, misses the prefixed obscenity and the insult.
    expect(evaluateFolder(dir, 'all', 'baseline').find((f) => f.kind === 'abuse')?.recall).toBe(0);
  });

  it('splits by a hash of the text, stable and about 70/30', () => {
    const texts = Array.from({ length: 2000 }, (_, i) => `message ${i}`);
    const tune = texts.filter((t) => splitOf(t) === 'tune').length;
    expect(tune / texts.length).toBeGreaterThan(0.65);
    expect(tune / texts.length).toBeLessThan(0.75);
    expect(texts.every((t) => inSplit(t, 'all') && inSplit(t, splitOf(t)))).toBe(true);
  });
});
