// The events reading's evaluation (issue 61) as a test: on the tune set (shared/eval/events-tune) every
// field is read right in at least 95% of the requests in each language and beats the reading before
// issue 61, and the estimate follows the budget's currency in every request.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateEvents, parseCases } from './extract-eval';

const tune = parseCases(
  readFileSync(new URL('../../../../eval/events-tune/requests.jsonl', import.meta.url), 'utf8'),
);

describe('events reading evaluation', () => {
  it('reads the tune set right per field and language, above the baseline', () => {
    expect(tune.length).toBeGreaterThanOrEqual(40);
    const { rows } = evaluateEvents(tune);
    for (const r of rows) {
      expect(r.accuracy, `${r.field} ${r.lang}`).toBeGreaterThanOrEqual(0.95);
      if (r.lang === 'all') expect(r.right, r.field).toBeGreaterThan(r.baselineRight);
    }
    expect(rows.find((r) => r.field === 'estimateCurrency' && r.lang === 'all')?.accuracy).toBe(1);
  });
});
