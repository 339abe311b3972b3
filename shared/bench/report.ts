// The shape every benchmark reports, printed as JSON and as a Markdown table. Figures are compared
// with a goal and with a baseline measured in the same run (machines here are shared and noisy).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Figure = {
  name: string;
  value: number;
  unit: string;
  /** e.g. '<= 5' or '>= 50': the goal the issue sets, if any. */
  goal?: string;
  baseline?: { name: string; value: number };
  note?: string;
  /** The value of each repetition when `value` is their median (see `repeated`). */
  runs?: number[];
  /** (max - min) / median of `runs`: the run-to-run spread the report shows. */
  spread?: number;
  /** Set when the figure does not measure what it claims (e.g. the load generator saturated). */
  invalid?: string;
};

/** smoke: the smallest sizes, to see every benchmark start and report; quick: minutes; full. */
export type BenchMode = 'smoke' | 'quick' | 'full';

export function benchMode(argv: readonly string[] = process.argv): BenchMode {
  return argv.includes('--smoke') ? 'smoke' : argv.includes('--quick') ? 'quick' : 'full';
}

/** `name.json` for a full run, `name-quick.json` / `name-smoke.json` otherwise. */
export function resultsFile(dir: string, name: string, mode: BenchMode): string {
  return join(dir, mode === 'full' ? `${name}.json` : `${name}-${mode}.json`);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The median of repeated runs, with each run's value and their spread, for a figure's fields. */
export function repeated(values: readonly number[]): Pick<Figure, 'value' | 'runs' | 'spread'> {
  const value = median(values);
  const spread =
    values.length > 1 ? (Math.max(...values) - Math.min(...values)) / Math.abs(value) : undefined;
  return { value, runs: [...values], ...(spread === undefined ? {} : { spread }) };
}

/** The load where a latency first crosses `limit` (a knee), interpolated between the steps around it. */
export function knee(points: { clients: number; p95: number }[], limit = 1000): number | undefined {
  const sorted = [...points].sort((a, b) => a.clients - b.clients);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (p.p95 < limit) continue;
    const prev = sorted[i - 1];
    if (!prev) return p.clients;
    return prev.clients + ((limit - prev.p95) / (p.p95 - prev.p95)) * (p.clients - prev.clients);
  }
  return undefined;
}

/**
 * CPU share of the process doing the measuring (the load generator) over a phase: `cpuMs / wallMs`.
 * Above `limit` of one core it, not the server, may have set the pace, and the figure is invalid.
 */
export function clientSaturation(cpuMs: number, wallMs: number, limit = 0.85): string | undefined {
  const share = cpuMs / wallMs;
  return share > limit
    ? `invalid: client saturated (load generator at ${(share * 100).toFixed(0)}% of a core)`
    : undefined;
}

export type BenchReport = {
  suite: string;
  startedAt: string;
  machine: string;
  figures: Figure[];
  /** Markdown tables printed after the figures (e.g. retrieval by split, with its baseline). */
  tables?: string[];
};

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
    const mark = f.invalid ? ' ⚠️ invalid' : ok === undefined ? '' : ok ? ' ✅' : ' ❌';
    const runs =
      f.runs && f.runs.length > 1
        ? `median of ${f.runs.length}, spread ${fmt((f.spread ?? 0) * 100)}%; `
        : '';
    return `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.goal ?? ''}${mark} | ${f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}` : ''} | ${r === undefined ? '' : `${fmt(r)}×`} | ${runs}${f.invalid ? f.invalid + '; ' : ''}${f.note ?? ''} |`;
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
    ...(report.tables ?? []).flatMap((t) => [t, '']),
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

/** Writes JSON, creating its folder (results folders are git-ignored: a fresh clone has none). */
export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(data, null, 2) + '\n');
}

/** Prints the report as JSON and Markdown, and writes the JSON where asked. */
export function printReport(report: BenchReport, jsonPath?: string): void {
  if (jsonPath) writeJson(jsonPath, report);
  console.log(JSON.stringify(report, null, 2));
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
