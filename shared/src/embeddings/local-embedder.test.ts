import { describe, expect, it } from 'vitest';
import { fnv1a } from '../search/hash';
import { analyze } from '../search/tokenizer';
import { LocalEmbedder } from './local-embedder';
import { isCurrentVector } from './types';

/**
 * The embedder's recipe written plainly, one feature occurrence at a time (no caches, no counting of
 * distinct stems): the fast embedder must give the same vectors, to float rounding.
 */
function reference(texts: string[], fitted = true, dims = 1024, ngrams = [3, 4, 5]) {
  const featuresOf = (text: string) => {
    const f = new Map<number, { count: number; unit: number }>();
    const add = (h: number, unit: number) => {
      const e = f.get(h);
      if (e) e.count++;
      else f.set(h, { count: 1, unit });
    };
    const gramWeight = 1 / ngrams.reduce((sum, n) => sum + Math.max(1, 9 - n), 0);
    let previous: string | undefined;
    // The written words only: the joined form of a hyphenated compound is full text's, not the vectors'.
    for (const { term } of analyze(text, { compounds: false })) {
      add(fnv1a(`w:${term}`), 1);
      if (previous !== undefined) add(fnv1a(`b:${previous} ${term}`), 0.5);
      previous = term;
      if (term.length > 2) {
        const marked = `<${term}>`;
        for (const n of ngrams)
          for (let i = 0; i + n <= marked.length; i++) {
            let h = (0x811c9dc5 ^ n) >>> 0;
            for (let j = i; j < i + n; j++) h = Math.imul(h ^ marked.charCodeAt(j), 0x01000193);
            add(h >>> 0, gramWeight);
          }
      }
    }
    return f;
  };
  const all = texts.map(featuresOf);
  const df = new Uint32Array(1 << 18);
  for (const f of all) for (const key of f.keys()) df[key & ((1 << 18) - 1)]!++;
  return all.map((f) => {
    const out = new Float64Array(dims);
    for (const [key, { count, unit }] of f) {
      const idf = fitted ? Math.log((texts.length + 1) / (df[key & ((1 << 18) - 1)]! + 1)) + 1 : 1;
      const weight = unit * (1 + Math.log(count)) * idf;
      const h = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) >>> 0;
      out[h % dims]! += h & 0x80000000 ? -weight : weight;
    }
    const norm = Math.hypot(...out);
    return Array.from(out, (x) => (norm > 0 ? x / norm : 0));
  });
}

const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('LocalEmbedder', () => {
  it('makes deterministic unit vectors of the configured size', async () => {
    const e = new LocalEmbedder({ dims: 256 });
    const [a, b] = await e.embed(['Доставка по Москве', 'Доставка по Москве']);
    expect(a).toHaveLength(256);
    expect(a).toEqual(b);
    expect(cos(a!, a!)).toBeCloseTo(1, 5);
    expect(e.model).toMatch(/^hash-ngram-v2-d256/);
  });

  it('puts case forms, mixed script and typos close, unrelated text far', async () => {
    const e = new LocalEmbedder();
    const [q, forms, typo, other] = await e.embed([
      'доставкой принтеров HP',
      'доставка принтера HP',
      'дотсавка принтеров',
      'оплата картой онлайн',
    ]);
    expect(cos(q!, forms!)).toBeGreaterThan(0.6);
    expect(cos(q!, typo!)).toBeGreaterThan(0.25);
    expect(Math.abs(cos(q!, other!))).toBeLessThan(0.1);
  });

  it('learns IDF from a corpus; the fitted weights are part of the model and survive export', async () => {
    const corpus = ['доставка по городу', 'доставка в регионы', 'доставка и гарантия', 'гарантия два года'];
    const e = new LocalEmbedder({ dims: 128 });
    const before = e.model;
    e.fit(corpus);
    expect(e.model).not.toBe(before);
    const [v] = await e.embed(['доставка']);
    expect(isCurrentVector({ provider: 'local', model: before, values: v! }, e)).toBe(false);
    expect(isCurrentVector({ provider: 'local', model: e.model, values: v! }, e)).toBe(true);
    const copy = LocalEmbedder.fromState(JSON.parse(JSON.stringify(e.exportState())));
    expect(copy.model).toBe(e.model);
    expect(await copy.embed(['гарантия доставка'])).toEqual(await e.embed(['гарантия доставка']));
  });

  it('gives the vectors of its plain recipe, repeated words, both scripts and odd text included', async () => {
    const words = [
      'доставка',
      'доставки',
      'доставщик',
      'тариф',
      'тарифный',
      'pricing',
      'the',
      'price',
      'prices',
      'of',
      'и',
      'café',
      'ёлка',
      '42',
      'x',
      'HP',
    ];
    let seed = 7;
    const rand = () => (seed = Math.imul(seed ^ (seed >>> 13), 0x5bd1e995) >>> 0) / 2 ** 32;
    const texts = Array.from({ length: 300 }, () =>
      Array.from(
        { length: 1 + Math.floor(rand() * 40) },
        () => words[Math.floor(rand() * words.length)],
      ).join(rand() < 0.5 ? ' ' : ', '),
    );
    texts.push('', '   ', 'the of and', 'Сколько стоит ваш тариф? Тариф, тариф!', '😀 naïve 🙂🙂 co-op');
    const e = new LocalEmbedder();
    e.fit(texts);
    const fast = await e.embed(texts);
    const plain = reference(texts);
    for (let i = 0; i < texts.length; i++)
      for (let d = 0; d < 1024; d++) expect(Math.abs(fast[i]![d]! - plain[i]![d]!)).toBeLessThan(1e-6);
  });

  it("keeps a text's counts when its stems outgrow the count arrays mid-text", async () => {
    // A fresh embedder's arrays hold 4096 stems: this text brings 5000 distinct ones, the first once each.
    const letters = (i: number) => {
      let w = '';
      for (let k = 0; k < 4; k++, i = Math.floor(i / 26)) w += String.fromCharCode(97 + (i % 26));
      return w;
    };
    const texts = [Array.from({ length: 5000 }, (_, i) => `zq${letters(i)}`).join(' '), 'zqaaaa zqbaaa'];
    // Not fitted: `fit` would meet (and grow for) these stems first, and embedding would not.
    const fast = await new LocalEmbedder().embed(texts);
    const plain = reference(texts, false);
    for (let i = 0; i < texts.length; i++)
      for (let d = 0; d < 1024; d++) expect(Math.abs(fast[i]![d]! - plain[i]![d]!)).toBeLessThan(1e-6);
  });
});
