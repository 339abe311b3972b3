// Issue 62: the precision/recall points of the Russian abuse curve (abuse-curve.ts) on rows whose answers are
// worked out by hand, and the scoring of a small ru-vk-style file by the shipped model.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curvePoints, scoreRuVk, type CurveRow } from './abuse-curve';

const row = (label: number, p: number, forced = false): CurveRow => ({ label, p, forced });

describe('curvePoints', () => {
  it('finds the recall at precision 0.90, the precision at recall 0.70 and the average precision', () => {
    // Ranked: 9 toxic, 1 clean, 1 toxic, then 3 clean and 2 toxic at the bottom (12 toxic in all).
    const rows = [
      ...Array.from({ length: 9 }, (_, i) => row(1, 0.99 - i * 0.01)),
      row(0, 0.8),
      row(1, 0.7),
      row(0, 0.3),
      row(0, 0.2),
      row(0, 0.15),
      row(1, 0.1),
      row(1, 0.05),
    ];
    const c = curvePoints(rows, false);
    // 10 of the top 11 are toxic: P 0.909 at R 10/12.
    expect(c.recallAtP90).toBeCloseTo(10 / 12, 5);
    // R 0.70 first reached at the 9th row (9/12 = 0.75) with P 1.
    expect(c.precisionAtR70).toBe(1);
    const ap = (9 + 10 / 11 + 11 / 15 + 12 / 16) / 12;
    expect(c.ap).toBeCloseTo(ap, 5);
  });

  it('puts the rule’s forced rows first, and counts a run of equal scores as one threshold', () => {
    const rows = [row(0, 0.1, true), row(0, 0.1, true), row(1, 0.9), row(1, 0.8)];
    expect(curvePoints(rows, false).recallAtP90).toBe(1);
    // Forced first: the two clean rows come before any toxic one, P never reaches 0.90.
    expect(curvePoints(rows, true).recallAtP90).toBe(0);
    // Four rows at one score: precision 0.5 at every recall.
    expect(curvePoints([row(1, 0.5), row(0, 0.5), row(1, 0.5), row(0, 0.5)], false).recallAtP90).toBe(0);
  });
});

describe('scoreRuVk', () => {
  it('scores every row of the split by the shipped model and forces severe words and bare insults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'abuse-curve-'));
    const file = join(dir, 'ru-vk-comments.jsonl');
    const texts = [
      { text: 'Вы тупые уроды, верните деньги', label: 1 },
      { text: 'какой пиздец', label: 1 },
      { text: 'Идиоты!', label: 1 },
      { text: 'Спасибо, заказ пришёл вовремя', label: 0 },
      { text: 'thanks, all good', label: 0 },
    ];
    writeFileSync(file, texts.map((t) => JSON.stringify(t)).join('\n'));
    const rows = scoreRuVk(file, 'all');
    expect(rows.map((r) => r.forced)).toEqual([false, true, true, false, false]);
    expect(rows[0]!.p).toBeGreaterThan(rows[3]!.p);
    // English text is not read by the Russian model.
    expect(rows[4]!.p).toBe(0);
  });
});
