import { describe, expect, it } from 'vitest';
import { TextField } from './text-field';

const counts = (text: string) => {
  const m = new Map<string, number>();
  for (const w of text.split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
};

/** Plain Levenshtein, the reference the trie-like walk must agree with. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next.push(Math.min(next[j - 1]! + 1, row[j]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}

function rng(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const postings = (f: TextField, term: string) => {
  const l = f.list(term);
  return l ? [...l.ids.subarray(0, l.n)].map((id, i) => [id, l.tfs[i]]) : [];
};

describe('TextField', () => {
  it('keeps postings sorted by doc, true term counts and lengths, through re-indexing', () => {
    const f = new TextField();
    f.insert(0, counts('a b b'));
    f.insert(2, counts('b c'));
    f.insert(1, counts('b'));
    expect(postings(f, 'b')).toEqual([
      [0, 2],
      [1, 1],
      [2, 1],
    ]);
    expect([f.length(0), f.length(1), f.length(2), f.docs, f.avgLength]).toEqual([3, 1, 2, 3, 2]);
    f.remove(0, ['a', 'b']);
    expect(f.df('a')).toBe(0);
    expect(postings(f, 'b')).toEqual([
      [1, 1],
      [2, 1],
    ]);
    f.insert(0, counts('c'));
    expect(postings(f, 'c')).toEqual([
      [0, 1],
      [2, 1],
    ]);
    expect([f.docs, f.avgLength]).toEqual([3, 4 / 3]);
  });

  it('finds the words within the edit distance and the prefix words that brute force finds', () => {
    const random = rng(7);
    const letters = 'abcdeкот';
    const word = () =>
      Array.from({ length: 2 + Math.floor(random() * 7) }, () => letters[Math.floor(random() * 8)]).join('');
    const f = new TextField();
    const vocab = new Set<string>();
    for (let doc = 0; doc < 400; doc++) {
      const words = Array.from({ length: 5 }, word);
      words.forEach((w) => vocab.add(w));
      f.insert(doc, counts(words.join(' ')));
      // Interleaved lookups: stems added after the vocabulary was sorted must be found too.
      if (doc % 50 === 0) f.fuzzyWords('abcd', 1);
    }
    for (let q = 0; q < 60; q++) {
      const term = word();
      for (const tolerance of [1, 2]) {
        const expected = [...vocab].filter((w) => distance(w, term) <= tolerance).sort();
        expect(f.fuzzyWords(term, tolerance).sort(), `${term} ~${tolerance}`).toEqual(expected);
      }
      const prefixed = [...vocab].filter((w) => w.startsWith(term) && w !== term).sort();
      expect(f.prefixWords(term, 1000)).toEqual(prefixed);
      expect(f.prefixWords(term, 2)).toEqual(prefixed.slice(0, 2));
    }
  });

  it('forgets removed words in lookups', () => {
    const f = new TextField();
    f.insert(0, counts('delivery delivered'));
    f.insert(1, counts('delivery'));
    f.fuzzyWords('deliver', 1);
    f.remove(0, ['delivery', 'delivered']);
    expect(f.fuzzyWords('deliverx', 1)).toEqual(['delivery']);
    expect(f.prefixWords('deliv', 10)).toEqual(['delivery']);
  });

  it('restores from a structured clone without writing into the snapshot', () => {
    const f = new TextField();
    for (let doc = 0; doc < 50; doc++) f.insert(doc, counts(`w${doc % 7} w${doc % 3} common common`));
    const snapshot = structuredClone(f.snapshot());
    const frozen = structuredClone(snapshot);
    const a = TextField.restore(snapshot);
    expect(postings(a, 'common')).toEqual(postings(f, 'common'));
    expect([a.docs, a.avgLength, a.length(49)]).toEqual([f.docs, f.avgLength, f.length(49)]);
    // Changes to the restored index (remove, re-insert, new words) leave the snapshot as it was.
    a.remove(3, ['w3', 'w0', 'common']);
    a.insert(3, counts('fresh common'));
    a.insert(60, counts('w1 w2'));
    expect(snapshot).toEqual(frozen);
    const b = TextField.restore(snapshot);
    expect(postings(b, 'common')).toEqual(postings(f, 'common'));
    expect(postings(a, 'w1').at(-1)).toEqual([60, 1]);
    expect(a.fuzzyWords('fresj', 1)).toEqual(['fresh']);
  });

  it('drops and brings back a restored stem like any other', () => {
    const f = new TextField();
    f.insert(1, counts('delivery pickup'));
    f.insert(2, counts('delivery'));
    const a = TextField.restore(structuredClone(f.snapshot()));
    a.remove(1, ['delivery', 'pickup']);
    expect([a.df('pickup'), a.list('pickup')]).toEqual([0, undefined]);
    expect(a.fuzzyWords('pickap', 1)).toEqual([]);
    expect(a.prefixWords('pick', 5)).toEqual([]);
    a.insert(3, counts('pickup pickups'));
    expect(a.fuzzyWords('pickap', 1)).toEqual(['pickup']);
    expect(a.prefixWords('pick', 5)).toEqual(['pickup', 'pickups']);
    expect(postings(a, 'delivery')).toEqual([[2, 1]]);
    const b = TextField.restore(structuredClone(a.snapshot()));
    expect(postings(b, 'pickup')).toEqual([[3, 1]]);
    expect(b.prefixWords('pick', 5)).toEqual(['pickup', 'pickups']);
  });

  it('refuses a snapshot whose parts do not fit together', () => {
    const s = new TextField();
    s.insert(0, counts('a b'));
    const snapshot = s.snapshot();
    expect(() => TextField.restore({ ...snapshot, counts: new Int32Array([1]) })).toThrow(/terms and counts/);
    expect(() => TextField.restore({ ...snapshot, ids: new Int32Array(1) })).toThrow(/cut short/);
  });
});
