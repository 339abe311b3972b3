import { describe, expect, it } from 'vitest';
import { fnv1a, splitOf } from '../split';
import { parseRows } from './train';

// Texts of both parts of the hash split, found by trying (the split is FNV-1a mod 10 < 7).
const texts = Array.from({ length: 40 }, (_, i) => `комментарий номер ${i}`);
const tune = texts.filter((t) => splitOf(t) === 'tune');
const heldout = texts.filter((t) => splitOf(t) === 'heldout');
const jsonl = texts.map((text) => JSON.stringify({ text, label: 0 })).join('\n');

describe('parseRows', () => {
  it('keeps the tuning part of a public set and every row of our own', () => {
    expect(tune.length).toBeGreaterThan(0);
    expect(heldout.length).toBeGreaterThan(0);
    expect(parseRows(jsonl).map((r) => r.text)).toEqual(tune);
    expect(parseRows(jsonl, true)).toHaveLength(texts.length);
  });

  it('takes the relabelled label of the rows a relabel file names, the set’s own elsewhere', () => {
    const relabel = new Map([
      [fnv1a(tune[0]!), 1],
      [fnv1a(heldout[0]!), 1],
    ]);
    const rows = parseRows(jsonl, false, relabel);
    expect(rows.find((r) => r.text === tune[0])?.label).toBe(1);
    expect(rows.filter((r) => r.label === 1)).toHaveLength(1);
    // A relabelled held-out row never enters training.
    expect(rows.some((r) => r.text === heldout[0])).toBe(false);
  });
});
