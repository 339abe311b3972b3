import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { meetsGoal, renderReport } from './bench-report.mjs';

describe('bench report', () => {
  it('judges goals and computes ratios to the same-run baseline', () => {
    expect(meetsGoal({ value: 4, goal: '<= 5' })).toBe(true);
    expect(meetsGoal({ value: 6, goal: '<= 5' })).toBe(false);
    expect(meetsGoal({ value: 60, goal: '>= 50' })).toBe(true);
    expect(meetsGoal({ value: 60 })).toBeUndefined();
    const md: string = renderReport({
      startedAt: '2026-01-01T00:00:00Z',
      quick: true,
      runs: [{ workspace: 'shared', status: 0, seconds: 3 }],
      reports: [
        {
          workspace: 'shared',
          suite: 'search',
          figures: [
            {
              name: 'hybrid p50 @10k',
              value: 4,
              unit: 'ms',
              goal: '<= 5',
              baseline: { name: 'orama defaults', value: 12 },
            },
          ],
        },
      ],
    });
    expect(md).toContain('| hybrid p50 @10k | 4.00 ms | <= 5 | yes | orama defaults: 12.00 | 0.333x |');
    expect(md).toContain('**Goals: 1 of 1 met.**');
  });

  it('lists the missed goals at the top', () => {
    const md: string = renderReport({
      startedAt: '2026-01-01T00:00:00Z',
      quick: false,
      runs: [],
      reports: [
        {
          workspace: 'sync-server',
          suite: 'faults',
          figures: [
            { name: 'kill -9 mid-push: lost docs', value: 0, unit: 'docs', goal: '<= 0' },
            { name: 'disk full: lost docs', value: 3, unit: 'docs', goal: '<= 0' },
          ],
        },
      ],
    });
    expect(md).toContain('**Goals: 1 of 2 met.**');
    expect(md).toContain('- faults: disk full: lost docs: 3.00 docs (goal <= 0)');
    expect(md.indexOf('Missed:')).toBeLessThan(md.indexOf('## faults'));
  });
});
