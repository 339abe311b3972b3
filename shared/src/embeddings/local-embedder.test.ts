import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from './local-embedder';
import { isCurrentVector } from './types';

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
});
