// The shape every benchmark reports, printed as JSON and as a Markdown table. Figures are compared
// with a goal and with a baseline measured in the same run (machines here are shared and noisy).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Figure = {
  name: string;
  value: number;
  unit: string;
  /** e.g. '<= 5' or '>= 50': the goal the issue sets, if any. */
  goal?: string;
  baseline?: { name: string; value: number };
  note?: string;
};

export type BenchReport = { suite: string; startedAt: string; machine: string; figures: Figure[] };

export const ratio = (f: Figure) =>
  f.baseline && f.baseline.value !== 0 ? f.value / f.baseline.value : undefined;

export function meetsGoal(f: Figure): boolean | undefined {
  const m = f.goal?.match(/^(<=|>=|<|>)\s*([\d.]+)/);
  if (!m) return undefined;
  const limit = Number(m[2]);
  switch (m[1]) {
    case '<=':
      return f.value <= limit;
    case '>=':
      return f.value >= limit;
    case '<':
      return f.value < limit;
    default:
      return f.value > limit;
  }
}

const fmt = (n: number) =>
  Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);

export function toMarkdown(report: BenchReport): string {
  const rows = report.figures.map((f) => {
    const r = ratio(f);
    const ok = meetsGoal(f);
    return `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.goal ?? ''}${ok === undefined ? '' : ok ? ' ✅' : ' ❌'} | ${f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}` : ''} | ${r === undefined ? '' : `${fmt(r)}×`} | ${f.note ?? ''} |`;
  });
  return [
    `### ${report.suite}`,
    '',
    `${report.machine}, ${report.startedAt}`,
    '',
    '| figure | value | goal | baseline | ratio | note |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export function newReport(suite: string): BenchReport {
  const os = process.platform + ' ' + process.arch;
  return {
    suite,
    startedAt: new Date().toISOString(),
    machine: `${os}, node ${process.version}`,
    figures: [],
  };
}

/** Prints the report as JSON and Markdown, and writes the JSON where asked. */
export function printReport(report: BenchReport, jsonPath?: string): void {
  const json = JSON.stringify(report, null, 2);
  if (jsonPath) {
    mkdirSync(dirname(jsonPath), { recursive: true });
    writeFileSync(jsonPath, json + '\n');
  }
  console.log(json);
  console.log('\n' + toMarkdown(report));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: number[]): { p50: number; p95: number; mean: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
    n: s.length,
  };
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
