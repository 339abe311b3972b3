// Reads a BEIR-like folder in place: corpus.jsonl, queries.jsonl ({"id","text"} per line), qrels.tsv
// (query id, passage id, relevance; a header line is skipped).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BeirSet } from '../search/retrieval-eval';

const jsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id?: unknown; _id?: unknown; text?: unknown; title?: unknown });

const rows = (path: string) =>
  jsonl(path).map((r) => ({
    id: String(r.id ?? r._id),
    text: String(r.text ?? ''),
    ...(typeof r.title === 'string' && r.title ? { title: r.title } : {}),
  }));

export function readBeirSet(dir: string): BeirSet {
  const qrels = new Map<string, Set<string>>();
  for (const line of readFileSync(join(dir, 'qrels.tsv'), 'utf8').split('\n')) {
    const [q, p, rel] = line.trim().split('\t');
    if (!q || !p || q === 'query-id' || Number(rel ?? 1) <= 0 || Number.isNaN(Number(rel ?? 1))) continue;
    if (!qrels.has(q)) qrels.set(q, new Set());
    qrels.get(q)!.add(p);
  }
  return { corpus: rows(join(dir, 'corpus.jsonl')), queries: rows(join(dir, 'queries.jsonl')), qrels };
}
