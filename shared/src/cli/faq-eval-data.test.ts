// The FAQ evaluation sets (shared/eval-data/faq-en, faq-ru, and faq2-en, faq2-ru assembled after the answer
// changes; issue 35) load through readBeirSet as FAQ sets: every passage has its question as a title, every
// judgement names a passage of the set, every in-scope question is judged, the out-of-scope questions
// (`oos-*`) stay in the queries without judgements, the question-to-question view keeps every judged
// question, no question copies its answering entry's title or answer, and no query id is in two sets.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { questionView } from '../search/eval-splits';
import { readBeirSet } from './beir';

const root = fileURLToPath(new URL('../../eval-data', import.meta.url));

const names = ['faq-en', 'faq-ru', 'faq2-en', 'faq2-ru'];

describe.each(names)('%s', (name) => {
  const set = readBeirSet(join(root, name));
  const ids = new Set(set.corpus.map((d) => d.id));
  const oos = set.queries.filter((q) => q.id.startsWith('oos-'));
  const inScope = set.queries.filter((q) => !q.id.startsWith('oos-'));

  it('has at least 60 titled FAQ entries with unique ids', () => {
    expect(set.corpus.length).toBeGreaterThanOrEqual(60);
    expect(ids.size).toBe(set.corpus.length);
    for (const d of set.corpus) {
      expect(d.title, d.id).toBeTruthy();
      expect(d.text.length, d.id).toBeGreaterThan(0);
    }
  });

  it('judges every in-scope question against passages of the set and none of the out-of-scope ones', () => {
    expect(inScope.length).toBeGreaterThanOrEqual(200);
    expect(oos.length / set.queries.length).toBeGreaterThan(0.1);
    for (const q of inScope) expect(set.qrels.get(q.id)?.size, q.id).toBeGreaterThan(0);
    for (const q of oos) expect(set.qrels.has(q.id), q.id).toBe(false);
    for (const passages of set.qrels.values()) for (const p of passages) expect(ids.has(p), p).toBe(true);
    expect(new Set(set.queries.map((q) => q.id)).size).toBe(set.queries.length);
  });

  it('is an FAQ set: its question view keeps every judged question', () => {
    const view = questionView(set);
    expect(view).toBeDefined();
    expect(view!.queries.length).toBe(inScope.length);
  });

  it('makes every entry the answer of at least 3 questions', () => {
    const targets = new Map<string, number>();
    for (const passages of set.qrels.values())
      for (const p of passages) targets.set(p, (targets.get(p) ?? 0) + 1);
    for (const d of set.corpus) expect(targets.get(d.id) ?? 0, d.id).toBeGreaterThanOrEqual(3);
  });

  it("has no question that equals its entry's title or is a verbatim part of its answer", () => {
    const plain = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
    const docs = new Map(set.corpus.map((d) => [d.id, d]));
    for (const q of inScope)
      for (const p of set.qrels.get(q.id) ?? []) {
        const d = docs.get(p)!;
        expect(plain(d.title ?? ''), q.id).not.toBe(plain(q.text));
        expect(plain(d.text).includes(plain(q.text)), q.id).toBe(false);
      }
  });
});

it('no query id is in two FAQ sets', () => {
  const ids = names.flatMap((name) => readBeirSet(join(root, name)).queries.map((q) => q.id));
  expect(new Set(ids).size).toBe(ids.length);
});
