import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic-fit';

describe('fitLogistic', () => {
  it('finds the direction that separates the labels, and its probabilities follow the data', () => {
    // y = 1 for 3 in 4 rows with x = 1, for 1 in 4 rows with x = 0: p(1) = 0.75, p(0) = 0.25.
    const rows = [[1], [1], [1], [1], [0], [0], [0], [0]];
    const labels = [1, 1, 1, 0, 1, 0, 0, 0];
    const fit = fitLogistic(rows, labels, { l2: 0 });
    const p = (x: number) => 1 / (1 + Math.exp(-(fit.bias + fit.weights[0]! * x)));
    expect(p(1)).toBeCloseTo(0.75, 4);
    expect(p(0)).toBeCloseTo(0.25, 4);
  });

  it('shrinks weights with the penalty, and row weights count as repeated rows', () => {
    const rows = [[1], [0], [1], [0]];
    const labels = [1, 0, 0, 1];
    const free = fitLogistic([[1], [1], [0]], [1, 0, 0], { l2: 0 });
    const weighted = fitLogistic([[1], [1], [0]], [1, 0, 0], { l2: 0, weights: [2, 1, 1] });
    expect(weighted.weights[0]!).toBeGreaterThan(free.weights[0]!);
    expect(Math.abs(fitLogistic(rows, labels, { l2: 10 }).weights[0]!)).toBeLessThan(1e-6);
  });
});
