// The statistics the benchmarks judge goals on (shared/bench/report.ts): the median of repetitions
// with its spread, the load generator's saturation mark, and the knee of a latency curve.
import { describe, expect, it } from 'vitest';
import { clientSaturation, knee, median, repeated } from '@app/shared/bench';

describe('bench statistics', () => {
  it('takes the median of repetitions and their spread', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(repeated([40, 50, 60])).toEqual({ value: 50, runs: [40, 50, 60], spread: 0.4 });
    expect(repeated([7])).toEqual({ value: 7, runs: [7] });
  });

  it('marks a figure invalid when the load generator used most of its core', () => {
    expect(clientSaturation(900, 1000)).toBe('invalid: client saturated (load generator at 90% of a core)');
    expect(clientSaturation(500, 1000)).toBeUndefined();
  });

  it('finds the client count where p95 crosses the line, interpolated', () => {
    const steps = [
      { clients: 50, p95: 150 },
      { clients: 200, p95: 600 },
      { clients: 300, p95: 1400 },
      { clients: 500, p95: 5000 },
    ];
    expect(knee(steps)).toBe(250);
    expect(knee(steps.slice(0, 2))).toBeUndefined();
    expect(knee([{ clients: 50, p95: 1200 }])).toBe(50);
    expect(knee([...steps].reverse())).toBe(250);
  });
});
