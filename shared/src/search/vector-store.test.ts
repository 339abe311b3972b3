import { describe, expect, it } from 'vitest';
import { VectorStore } from './vector-store';

const random = (seed: number) => () =>
  ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;

describe('VectorStore', () => {
  it.each(['int8', 'float32'] as const)(
    'ranks by cosine (%s), replaces, deletes and filters',
    (precision) => {
      const store = new VectorStore(3, { precision, capacity: 2 });
      store.set('x', [1, 0, 0]);
      store.set('xy', [1, 1, 0]);
      store.set('z', [0, 0, 5]);
      expect(store.search([2, 0, 0], 3).map((h) => h.id)).toEqual(['x', 'xy', 'z']);
      expect(store.search([1, 0, 0], 1)[0]!.score).toBeCloseTo(1, 2);
      store.set('z', [3, 0, 0]);
      expect(store.search([1, 0, 0], 1, (id) => id !== 'x')[0]!.id).toBe('z');
      expect(store.search([1, 0, 0], 5, store.mask(['xy'])).map((h) => h.id)).toEqual(['xy']);
      expect(store.search([1, 0, 0], 5, store.mask([]))).toEqual([]);
      expect(store.delete('x')).toBe(true);
      expect(store.search([1, 0, 0], 5).map((h) => h.id)).toEqual(['z', 'xy']);
      expect(store.size).toBe(2);
    },
  );

  it('keeps int8 scores within about 1% of exact cosines, and survives a snapshot', () => {
    const next = random(7);
    const store = new VectorStore(64);
    const exact = new VectorStore(64, { precision: 'float32' });
    for (let i = 0; i < 300; i++) {
      const v = Array.from({ length: 64 }, next);
      store.set(`v${i}`, v);
      exact.set(`v${i}`, v);
    }
    const q = Array.from({ length: 64 }, next);
    const a = store.search(q, 10);
    const b = exact.search(q, 10);
    a.forEach((h, i) => expect(Math.abs(h.score - b[i]!.score)).toBeLessThan(0.02));
    const restored = VectorStore.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expect(restored.search(q, 10)).toEqual(a);
  });
});
