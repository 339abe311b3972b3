// Binary logistic regression by Newton's method with an L2 penalty on the weights (not the
// intercept): the fit behind the answer-evidence model (tune-answers.ts). A handful of features and a
// few thousand rows: a few Newton steps, each one small linear solve.

export type LogisticFit = { bias: number; weights: number[]; iterations: number };

/** Solves A x = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]! || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const k = m[r]![c]! / pivot;
      for (let j = c; j <= n; j++) m[r]![j]! -= k * m[c]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let j = r + 1; j < n; j++) s -= m[r]![j]! * x[j]!;
    x[r] = s / (m[r]![r]! || 1e-12);
  }
  return x;
}

export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: { l2?: number; maxIterations?: number; weights?: readonly number[] } = {},
): LogisticFit {
  const l2 = options.l2 ?? 1;
  const d = (rows[0]?.length ?? 0) + 1;
  // Column 0 is the intercept.
  let beta = new Array<number>(d).fill(0);
  let iterations = 0;
  for (; iterations < (options.maxIterations ?? 50); iterations++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((row, i) => {
      const x = [1, ...row];
      const w = options.weights?.[i] ?? 1;
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * beta[j]!, 0)));
      for (let j = 0; j < d; j++) {
        grad[j]! += w * (p - labels[i]!) * x[j]!;
        for (let k = 0; k < d; k++) hess[j]![k]! += w * p * (1 - p) * x[j]! * x[k]!;
      }
    });
    for (let j = 1; j < d; j++) {
      grad[j]! += l2 * beta[j]!;
      hess[j]![j]! += l2;
    }
    hess[0]![0]! += 1e-9;
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: beta[0]!, weights: beta.slice(1), iterations };
}
