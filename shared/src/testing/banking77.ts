// The banking77 intent set (../shared/data/intents/banking77, read in place): CSV loading and an
// evaluation of the local intent classifier, used by its test, the benchmark and the CLI.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  trainIntentClassifier,
  type LabelledExample,
  type TrainOptions,
} from '../llm/offline/intent-classifier';

/** shared/src/node -> project root -> ../shared/data/intents/banking77 */
export const banking77Dir = () =>
  process.env.BANKING77_DIR ??
  resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/data/intents/banking77');

/** RFC 4180 CSV with a header `text,category`; quoted fields may hold commas, quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

export function loadBanking77(split: 'train' | 'test', dir = banking77Dir()): LabelledExample[] {
  const [header, ...rows] = parseCsv(readFileSync(resolve(dir, `${split}.csv`), 'utf8'));
  const ti = header!.indexOf('text');
  const li = header!.indexOf('category');
  return rows.map((r) => ({ text: r[ti]!, label: r[li]! }));
}

export type Banking77Result = {
  accuracy: number;
  train: number;
  test: number;
  labels: number;
  trainMs: number;
  predictMs: number;
};

export function evaluateBanking77(options: TrainOptions = {}, dir = banking77Dir()): Banking77Result {
  const train = loadBanking77('train', dir);
  const test = loadBanking77('test', dir);
  const t0 = performance.now();
  // Closed-set accuracy: the "unknown" threshold plays no part (the model is the same with or without it).
  const clf = trainIntentClassifier(train, { unknown: false, ...options });
  const t1 = performance.now();
  let ok = 0;
  for (const e of test) if (clf.predict(e.text).label === e.label) ok++;
  return {
    accuracy: ok / test.length,
    train: train.length,
    test: test.length,
    labels: clf.labels.length,
    trainMs: t1 - t0,
    predictMs: performance.now() - t1,
  };
}
