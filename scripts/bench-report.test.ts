// The bench report's judgement: goals met and missed, goals not measured (a failed or timed-out
// workspace, a suite that wrote nothing, an invalid figure) counted in the headline, the exit code,
// and the spread of repeated runs.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { accountGoals, exitCode, meetsGoal, renderReport, runsCell, suiteKey } from './bench-report.mjs';

const fig = (name: string, value: number, goal?: string, extra: object = {}) => ({
  name,
  value,
  unit: 'ms',
  ...(goal ? { goal } : {}),
  ...extra,
});
const run = (workspace: string, status = 0, extra: object = {}) => ({
  workspace,
  status,
  seconds: 3,
  ...extra,
});
const latestOf = (runs: object[], reports: object[], mode = 'quick') => ({
  startedAt: '2026-01-01T00:00:00Z',
  mode,
  quick: mode === 'quick',
  runs,
  reports,
});

describe('bench report', () => {
  it('judges goals and computes ratios to the same-run baseline', () => {
    expect(meetsGoal({ value: 4, goal: '<= 5' })).toBe(true);
    expect(meetsGoal({ value: 6, goal: '<= 5' })).toBe(false);
    expect(meetsGoal({ value: 60, goal: '>= 50' })).toBe(true);
    expect(meetsGoal({ value: 60 })).toBeUndefined();
    const md: string = renderReport(
      latestOf(
        [run('shared')],
        [
          {
            workspace: 'shared',
            file: 'search-quick.json',
            suite: 'search',
            figures: [
              fig('hybrid p50 @10k', 4, '<= 5', {
                baseline: { name: 'orama defaults', value: 12 },
                runs: [4, 3.9, 4.2],
                spread: 0.075,
              }),
            ],
          },
        ],
      ),
    );
    expect(md).toContain(
      '| hybrid p50 @10k | 4.00 ms | <= 5 | yes | median of 3, spread 7.50% | orama defaults: 12.00 | 0.333x |',
    );
    expect(md).toContain('**Goals: 1 of 1 met.**');
  });

  it('lists the missed goals at the top, and exits 2', () => {
    const latest = latestOf(
      [run('sync-server')],
      [
        {
          workspace: 'sync-server',
          file: 'faults.json',
          suite: 'faults',
          figures: [fig('kill -9 mid-push: lost docs', 0, '<= 0'), fig('disk full: lost docs', 3, '<= 0')],
        },
      ],
      'full',
    );
    const md: string = renderReport(latest);
    expect(md).toContain('**Goals: 1 of 2 met.**');
    expect(md).toContain('- faults: disk full: lost docs: 3.00 ms (goal <= 0)');
    expect(md.indexOf('Missed:')).toBeLessThan(md.indexOf('## faults'));
    expect(exitCode(latest, accountGoals(latest))).toBe(2);
  });

  it('counts every goal of a failed workspace as not measured, from its last report too', () => {
    // The run: shared crashed before writing search.json; sync-server ran.
    const previous = latestOf(
      [run('shared'), run('sync-server')],
      [
        {
          workspace: 'shared',
          file: 'search.json',
          figures: [fig('a', 1, '<= 5'), fig('b', 1, '<= 5'), fig('c', 1)],
        },
        { workspace: 'shared', file: 'agents.json', figures: [fig('d', 1, '< 50')] },
        { workspace: 'sync-server', file: 'load-quick.json', figures: [fig('e', 1, '< 9')] },
      ],
    );
    const latest = latestOf(
      [run('shared', 1), run('sync-server')],
      [
        // agents wrote its report before the workspace failed: still not counted as measured.
        { workspace: 'shared', file: 'agents-quick.json', figures: [fig('d', 1, '< 50')] },
        { workspace: 'sync-server', file: 'load-quick.json', figures: [fig('e', 1, '< 9')] },
      ],
    );
    const account = accountGoals(latest, previous);
    expect(account.met).toHaveLength(1);
    expect(account.notMeasured.map((x: { figure: { name: string } }) => x.figure.name).sort()).toEqual([
      'a',
      'b',
      'd',
    ]);
    const md: string = renderReport(latest, previous);
    expect(md).toContain('**Goals: 1 of 4 met, 3 not measured (workspace shared failed: exit 1).**');
    expect(md).toContain('Partial: workspace shared failed: exit 1');
    expect(exitCode(latest, account)).toBe(1);
  });

  it('says when a workspace timed out, even with nothing to count', () => {
    const latest = latestOf([run('desktop', 128, { timedOut: true, seconds: 100 })], []);
    const md: string = renderReport(latest);
    expect(md).toContain('**Goals: 0 of 0 met, 0 not measured (workspace desktop timed out after 100 s).**');
    expect(md).toContain('| desktop | timed out | 100.0 |');
    expect(exitCode(latest, accountGoals(latest))).toBe(1);
  });

  it('counts a suite that wrote no report, an invalid figure and a missing value as not measured', () => {
    const previous = latestOf(
      [run('sync-server')],
      [
        {
          workspace: 'sync-server',
          file: 'burst-quick.json',
          figures: [fig('x', 1, '>= 20'), fig('y', 0, '<= 0')],
        },
      ],
    );
    const latest = latestOf(
      [run('sync-server')],
      [
        {
          workspace: 'sync-server',
          file: 'load-quick.json',
          suite: 'load',
          figures: [
            fig('pushes/s', 9, '>= 9.5', {
              invalid: 'invalid: client saturated (load generator at 97% of a core)',
            }),
            fig('cold start', NaN, '<= 1000'),
            fig('p95', 20, '< 500'),
          ],
        },
      ],
    );
    const account = accountGoals(latest, previous);
    expect(account.notMeasured).toHaveLength(4);
    const md: string = renderReport(latest, previous);
    expect(md).toMatch(
      /\*\*Goals: 1 of 5 met, 4 not measured \(.*sync-server: burst wrote no report.*\)\.\*\*/,
    );
    expect(md).toContain('load: pushes/s: invalid: client saturated');
    expect(md).toContain(
      '| pushes/s | 9.00 ms | >= 9.5 | invalid: client saturated (load generator at 97% of a core) |',
    );
    expect(exitCode(latest, account)).toBe(1);
  });

  it('does not judge goals in a smoke run but still counts what did not report', () => {
    const previous = latestOf(
      [run('shared')],
      [
        { workspace: 'shared', file: 'search-quick.json', figures: [fig('a', 1, '<= 5')] },
        { workspace: 'shared', file: 'agents-quick.json', figures: [fig('d', 1, '< 50')] },
      ],
    );
    const ok = latestOf(
      [run('shared')],
      [
        { workspace: 'shared', file: 'search-smoke.json', figures: [fig('a', 99, '<= 5')] },
        { workspace: 'shared', file: 'agents-smoke.json', figures: [fig('d', 1, '< 50')] },
      ],
      'smoke',
    );
    expect(exitCode(ok, accountGoals(ok, previous))).toBe(0);
    expect(renderReport(ok, previous)).toContain('| a | 99.00 ms | <= 5 | not judged |');
    const broken = latestOf(
      [run('shared')],
      [{ workspace: 'shared', file: 'search-smoke.json', figures: [fig('a', 1, '<= 5')] }],
      'smoke',
    );
    expect(exitCode(broken, accountGoals(broken, previous))).toBe(1);
    expect(renderReport(broken, previous)).toContain('1 not measured (shared: agents wrote no report)');
  });

  it('names suites across modes and flags a spread over 10%', () => {
    expect(suiteKey('load-quick.json')).toBe('load');
    expect(suiteKey('load-smoke.json')).toBe('load');
    expect(suiteKey('sync-server.json')).toBe('sync-server');
    expect(runsCell({ value: 1, runs: [1, 1.2, 0.9], spread: 0.3 })).toBe(
      'median of 3, spread 30.00% (over 10%)',
    );
    expect(runsCell({ value: 1, goal: '< 2' })).toBe('1 run');
  });
});
