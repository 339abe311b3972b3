// The extraction goals of issue 15 on the held-out half of the multi-locale set, and the set's shape.
import { describe, expect, it } from 'vitest';
import { buildExtractionSet, splitOfSample } from './extraction-set';
import { extractionGoals, extractionReport } from './extraction-eval';
import { nationalFormats } from './national-formats';

describe('contact extraction on the multi-locale set', () => {
  const set = buildExtractionSet();
  const report = extractionReport(set);

  it('is built from public formats, split deterministically into two halves', () => {
    expect(nationalFormats.length).toBeGreaterThanOrEqual(15);
    expect(set.filter((s) => s.id.startsWith('example-intl-')).length).toBeGreaterThan(200);
    expect(set.some((s) => s.text.includes('+46 (0)8 928 571 38'))).toBe(true);
    expect(new Set(set.map((s) => s.id)).size).toBe(set.length);
    const held = set.filter((s) => splitOfSample(s.id) === 'heldout').length;
    expect(held / set.length).toBeGreaterThan(0.4);
    expect(held / set.length).toBeLessThan(0.6);
    expect(buildExtractionSet()).toEqual(set);
  });

  it.each(['phones', 'emails'] as const)('held-out %s: recall and precision meet the goals', (kind) => {
    const { rules, baseline } = report.heldout;
    expect(rules[kind].recall).toBeGreaterThanOrEqual(extractionGoals.recall);
    expect(rules[kind].precision).toBeGreaterThanOrEqual(extractionGoals.precision);
    expect(rules[kind].recall).toBeGreaterThanOrEqual(baseline[kind].recall);
  });
});
