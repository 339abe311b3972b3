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
    const restored = VectorStore.restore(structuredClone(store.snapshot()));
    expect(restored.search(q, 10)).toEqual(a);
  });

  it('changes a restored store (update, delete, growth) without writing into the snapshot', () => {
    const next = random(11);
    const store = new VectorStore(16);
    for (let i = 0; i < 40; i++) store.set(`v${i}`, Array.from({ length: 16 }, next));
    const snapshot = store.snapshot();
    const frozen = structuredClone(snapshot);
    const restored = VectorStore.restore(snapshot);
    const q = Array.from({ length: 16 }, next);
    restored.set('v3', q);
    restored.delete('v0');
    for (let i = 40; i < 1100; i++) restored.set(`v${i}`, Array.from({ length: 16 }, next));
    expect(snapshot).toEqual(frozen);
    expect(restored.search(q, 1)[0]).toMatchObject({ id: 'v3' });
    expect(restored.size).toBe(1099);
    expect(
      VectorStore.restore(snapshot)
        .search(q, 40)
        .map((h) => h.id),
    ).toContain('v0');
    expect(() => VectorStore.restore({ ...snapshot, data: new Int8Array(3) })).toThrow(/expected 640 int8/);
  });
});
