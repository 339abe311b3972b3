// What `models add` prints while a file downloads: on a terminal one line redrawn in place (a bar, the
// percentage, megabytes), at most ten times a second; otherwise (a log, CI, a pipe) a plain line at
// every tenth of the file, so a log stays short and readable.
import type { FileProgress } from './download';

export type Output = { write(text: string): unknown; isTTY?: boolean };

const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);

export function progressPrinter(out: Output, now: () => number = Date.now) {
  let lastDraw = Number.NEGATIVE_INFINITY;
  const lastStep = new Map<string, number>();
  let drawn = false;
  const line = (p: FileProgress) => {
    const total = p.total ?? 0;
    const pct = total ? Math.floor((p.done / total) * 100) : 0;
    return { pct, text: `${p.path}: ${pct}% (${mb(p.done)} of ${mb(total)} MB)` };
  };
  return {
    progress(p: FileProgress) {
      const { pct, text } = line(p);
      if (out.isTTY) {
        const complete = p.total !== undefined && p.done >= p.total;
        if (!complete && now() - lastDraw < 100) return;
        lastDraw = now();
        const width = 24;
        const filled = Math.round((pct / 100) * width);
        out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\u001b[K`);
        drawn = true;
        return;
      }
      const step = Math.floor(pct / 10);
      if (lastStep.get(p.path) === step) return;
      lastStep.set(p.path, step);
      out.write(`${text}\n`);
    },
    /** A message on its own line (after a bar being drawn). */
    say(text: string) {
      if (drawn) out.write('\n');
      drawn = false;
      out.write(`${text}\n`);
    },
  };
}
