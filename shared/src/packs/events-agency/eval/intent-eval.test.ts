// The events intents' evaluation (issue 39) as a test: the held-out split is never trained on, the
// model beats the keyword baseline on it, and the figures `npm run eval:intents` prints hold their
// floor: the goal of 0.90 (held-out 0.905 measured on 158 messages: 143 right).
import { describe, expect, it } from 'vitest';
import { eventsAgencyPack } from '../index';
import { eventIntentSet, intentSplit } from './intent-set';
import { evaluateEventIntents, formatIntentTable } from './intent-eval';

describe('events intents evaluation', () => {
  it('splits each intent and language in halves, and trains the pack on the tuning half only', () => {
    const trained = new Set(eventsAgencyPack.examples.map((e) => e.text));
    const heldout = intentSplit('heldout');
    expect(heldout.length).toBeGreaterThanOrEqual(150);
    expect(heldout.filter((s) => trained.has(s.text))).toEqual([]);
    expect(intentSplit('tuning').every((s) => trained.has(s.text))).toBe(true);
    for (const label of new Set(eventIntentSet.map((s) => s.label)))
      for (const lang of ['ru', 'en']) {
        const cell = eventIntentSet.filter((s) => s.label === label && s.lang === lang);
        const held = cell.filter((s) => s.split === 'heldout').length;
        expect(Math.abs(2 * held - cell.length)).toBeLessThanOrEqual(1);
      }
  });

  it('scores the model above its baselines on the held-out split', () => {
    const { rows } = evaluateEventIntents();
    console.info(formatIntentTable(rows));
    const row = (method: string, split: string) =>
      rows.find((r) => r.method === method && r.split === split)!;
    const model = row('intent model', 'held-out');
    expect(model.n).toBe(intentSplit('heldout').length);
    expect(model.accuracy).toBeGreaterThan(row('keyword cues alone', 'held-out').accuracy + 0.05);
    expect(model.accuracy).toBeGreaterThanOrEqual(row('classifier before + cues', 'held-out').accuracy);
    expect(model.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(Math.min(model.ru, model.en)).toBeGreaterThanOrEqual(0.8);
  });
});
