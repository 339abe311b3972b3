// The requests a CouchDB served over a bench's window, by kind (`METHOD <database> <what>`, from its
// request log: couch-log-paths.ts), set beside what the same servers sent over an idle window of the
// same length with no customer writing (issue 65): per message, the burst's less the idle's is what
// the messages cost; the idle's is the background (feeds, leases, settings, checkpoints) that a short
// burst divides by few messages. The bench's own requests (its `_stats` reads) are left out.
import type { RequestCounts } from './store-requests';

/** Requests a bench sends itself while measuring: CouchDB's stats and `_up`. */
const benchOwn = /^GET (_node|_up)\b/;

export type Breakdown = {
  /** Requests per message over the burst (the background included). */
  perMessage: number;
  /** The idle window's requests, per message of the burst (what the background adds to `perMessage`). */
  idlePerMessage: number;
  rows: { kind: string; burst: number; idle: number }[];
};

/** Folds a burst's and an idle window's counts (same wall time) into rows, most requests first. */
export function breakdown(burst: RequestCounts, idle: RequestCounts, messages: number): Breakdown {
  const kinds = new Set([...burst.keys(), ...idle.keys()].filter((k) => !benchOwn.test(k)));
  const rows = [...kinds]
    .map((kind) => ({ kind, burst: burst.get(kind) ?? 0, idle: idle.get(kind) ?? 0 }))
    .sort((a, b) => b.burst - a.burst || b.idle - a.idle || a.kind.localeCompare(b.kind));
  const sum = (key: 'burst' | 'idle') => rows.reduce((n, r) => n + r[key], 0);
  return { perMessage: sum('burst') / messages, idlePerMessage: sum('idle') / messages, rows };
}

/** A Markdown table of `b`: each kind's requests in the burst, per message, and idle. */
export function breakdownTable(b: Breakdown, messages: number, title: string): string {
  const per = (n: number) => (n / messages).toFixed(3);
  return [
    `#### ${title}`,
    '',
    `${messages} messages; 'idle': the same servers over the same wall time with no customer writing.`,
    '',
    '| request | per message | in the burst | idle, same time |',
    '| --- | --- | --- | --- |',
    ...b.rows.map((r) => `| ${r.kind} | ${per(r.burst)} | ${r.burst} | ${r.idle} |`),
    `| all | ${b.perMessage.toFixed(3)} | ${Math.round(b.perMessage * messages)} | ${Math.round(b.idlePerMessage * messages)} |`,
  ].join('\n');
}
