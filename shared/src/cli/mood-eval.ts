// The measurement behind `npm run eval:mood` (issue 62): every *.jsonl of a folder, one {"text", "label"} a
// line; files named toxicity-* (or the public sets' en-*/ru-* files, see `kindOf`) are scored for abuse,
// sentiment-* for negative mood, harmless-* (all label 0) for any flag: abuse or a blocked reply.
// Precision, recall and F1 are of the positive class (label 1 / "negative").
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkReplyAbuse, readCustomerMood } from '../agents/mood/index';
import { inSplit, type Split } from '../agents/mood/split';
import { legacyCheckText as checkText } from './legacy-check-text';

export type MoodKind = 'abuse' | 'negative-mood' | 'harmless';
export type MoodFileResult = {
  file: string;
  kind: MoodKind;
  n: number;
  positives: number;
  flagged: number;
  precision: number;
  recall: number;
  f1: number;
};
export type Scorer = 'mood' | 'baseline';

/** toxicity-* and the public toxicity sets (a folder named toxicity) are abuse; sentiment-* negative mood. */
export function kindOf(file: string, folder: string): MoodKind | undefined {
  const name = basename(file);
  if (name.startsWith('toxicity-')) return 'abuse';
  if (name.startsWith('sentiment-')) return 'negative-mood';
  if (name.startsWith('harmless-')) return 'harmless';
  if (basename(folder) === 'toxicity') return 'abuse';
  return undefined;
}

/** Label 1, true, "1", "toxic", "negative", "neg" are the positive class. */
export function isPositive(label: unknown): boolean {
  if (label === 1 || label === true) return true;
  if (typeof label === 'string')
    return ['1', 'toxic', 'negative', 'neg', 'abuse', 'abusive'].includes(label.toLowerCase());
  return false;
}

export function flag(text: string, kind: MoodKind, scorer: Scorer): boolean {
  if (scorer === 'baseline') {
    const c = checkText(text);
    return kind === 'negative-mood' ? c.sentiment === 'negative' : c.toxic;
  }
  const m = readCustomerMood(text);
  if (kind === 'negative-mood') return m.mood.label === 'negative';
  // A harmless row (all label 0) is flagged when read as abuse from a customer or when it would block the
  // agent's reply with the row itself in the catalog.
  if (kind === 'harmless')
    return m.abuse.severity !== 'none' || checkReplyAbuse(text, { vocabulary: [text] }).blocked;
  return m.abuse.severity !== 'none';
}

export function scoreRows(
  file: string,
  kind: MoodKind,
  rows: { text: string; label: unknown }[],
  scorer: Scorer,
): MoodFileResult {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (const r of rows) {
    const pos = isPositive(r.label);
    const f = flag(r.text, kind, scorer);
    if (pos) positives++;
    if (f && pos) tp++;
    else if (f) fp++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = positives ? tp / positives : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    file,
    kind,
    n: rows.length,
    positives,
    flagged: tp + fp,
    precision: r3(precision),
    recall: r3(recall),
    f1: r3(f1),
  };
}

export function evaluateFolder(dir: string, split: Split, scorer: Scorer): MoodFileResult[] {
  const out: MoodFileResult[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const kind = kindOf(name, dir);
    if (!kind) continue;
    const rows = readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; label: unknown })
      .filter((r) => typeof r.text === 'string' && inSplit(r.text, split));
    out.push(scoreRows(name, kind, rows, scorer));
  }
  return out;
}

export function formatMoodTable(rows: (MoodFileResult & { scorer?: string })[]): string {
  const head = ['file', 'kind', 'scorer', 'rows', 'positives', 'flagged', 'precision', 'recall', 'F1'];
  const body = rows.map((r) => [
    r.file,
    r.kind,
    r.scorer ?? 'mood',
    String(r.n),
    String(r.positives),
    String(r.flagged),
    r.precision.toFixed(3),
    r.recall.toFixed(3),
    r.f1.toFixed(3),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}
