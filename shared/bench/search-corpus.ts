// Benchmark data: chunks of real Russian and English prose (sentences of the public evaluation sets,
// read in place from ../shared/data and recombined), and real queries. Deterministic (seeded).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const dataDir = fileURLToPath(new URL('../../../shared/data/retrieval/', import.meta.url));
export const sets = ['xquad-ru', 'xquad-en', 'stackfaq'];

const lines = (path: string) =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => String((JSON.parse(l) as { text: unknown }).text))
    : [];

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 0x100000000;
  };
}

export type BenchData = { chunks: string[]; queries: string[] };

export function benchData(size: number, queryCount: number, seed = 42): BenchData {
  const passages = sets.flatMap((s) => lines(dataDir + s + '/corpus.jsonl'));
  const queries = sets.flatMap((s) => lines(dataDir + s + '/queries.jsonl'));
  const sentences = passages.flatMap((p) => p.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
  if (sentences.length === 0) throw new Error(`benchmark data not found under ${dataDir}`);
  const random = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)]!;
  const chunks: string[] = [];
  for (let i = 0; i < size; i++) {
    // The real passages first, then recombined sentences (about 3-6 per chunk, 400-900 characters).
    if (i < passages.length) {
      chunks.push(passages[i]!);
      continue;
    }
    const n = 3 + Math.floor(random() * 4);
    chunks.push(Array.from({ length: n }, () => pick(sentences)).join(' '));
  }
  return { chunks, queries: Array.from({ length: queryCount }, () => pick(queries)) };
}
