// `npx tsx src/cli/abuse-curve.ts [--data <dir>] [--split tune|heldout|all]` (run in shared/; issue 62): the
// precision/recall curve of the Russian abuse reading on ru-vk-comments.jsonl, where the single operating point
// of eval:mood hides it: average precision, the best recall at precision >= 0.90 and the precision at recall
// >= 0.70 (the bar is both at once), of the model alone and of the shipped rule (the lexicon's severe
// words and a few words that call names, or the model). The model reads Cyrillic text only; a row without
// Cyrillic has probability 0 here. Measures only: nothing here is tuned (train:mood tunes on the tuning part).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findAbuse } from '../agents/mood/abuse';
import { bareInsult } from '../agents/mood/abuse-cues';
import { abuseProbabilityRu } from '../agents/mood/abuse-model';
import { abuseModelRu } from '../agents/mood/abuse-model-ru.weights';
import { tokenise } from '../agents/mood/normalise';
import { inSplit, type Split } from '../agents/mood/split';

/** A scored row: the label, the score the curve sweeps, and whether the rule flags it whatever the score. */
export type CurveRow = { label: number; p: number; forced: boolean };
export type CurvePoints = { ap: number; recallAtP90: number; precisionAtR70: number };

/** Average precision, the best recall at precision >= 0.90 and the precision at recall >= 0.70. */
export function curvePoints(rows: CurveRow[], withForced: boolean): CurvePoints {
  const score = (r: CurveRow) => (withForced && r.forced ? 2 : r.p);
  const sorted = [...rows].sort((a, b) => score(b) - score(a));
  const positives = rows.filter((r) => r.label).length;
  let tp = 0;
  let fp = 0;
  const out: CurvePoints = { ap: 0, recallAtP90: 0, precisionAtR70: 0 };
  sorted.forEach((r, i) => {
    if (r.label) tp++;
    else fp++;
    // Ties are one threshold: only a point after the last row of a run of equal scores counts.
    if (i + 1 < sorted.length && score(sorted[i + 1]!) === score(r)) return;
    const precision = tp / (tp + fp);
    const recall = positives ? tp / positives : 0;
    if (precision >= 0.9) out.recallAtP90 = Math.max(out.recallAtP90, recall);
    if (recall >= 0.7 && !out.precisionAtR70) out.precisionAtR70 = precision;
  });
  // Average precision: the mean of the precision at each positive's rank.
  tp = 0;
  sorted.forEach((r, i) => {
    if (r.label) out.ap += ++tp / (i + 1) / Math.max(1, positives);
  });
  return out;
}

/** The rows of ru-vk-comments.jsonl in the split, scored by the shipped model. */
export function scoreRuVk(file: string, split: Split): CurveRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; label: number })
    .filter((r) => inSplit(r.text, split))
    .map((r) => {
      const hits = findAbuse(r.text);
      const model = abuseProbabilityRu(r.text, hits);
      const words = tokenise(r.text).map((t) => t.collapsed);
      const forced = hits.some((h) => h.severity === 'severe') || (model !== undefined && bareInsult(words));
      return { label: r.label ? 1 : 0, p: model?.p ?? 0, forced };
    });
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: join(here, '../../../../shared/data/toxicity') },
      split: { type: 'string', default: 'heldout' },
    },
  });
  const file = join(values.data, 'ru-vk-comments.jsonl');
  const split = values.split as Split;
  if (!existsSync(file) || !['tune', 'heldout', 'all'].includes(split)) {
    console.error(
      'usage: npx tsx src/cli/abuse-curve.ts [--data <dir with ru-vk-comments.jsonl>] [--split heldout]',
    );
    process.exit(2);
  }
  const rows = scoreRuVk(file, split);
  console.log(
    `ru-vk-comments, split ${split}: ${rows.length} rows, ${rows.filter((r) => r.label).length} toxic; ` +
      `shipped threshold ${abuseModelRu.threshold}`,
  );
  for (const withForced of [false, true]) {
    const c = curvePoints(rows, withForced);
    console.log(
      `${withForced ? 'rule (severe | bare insult | model)' : 'model alone'}: AP ${c.ap.toFixed(3)}, ` +
        `recall at P >= 0.90 ${c.recallAtP90.toFixed(3)}, precision at R >= 0.70 ${c.precisionAtR70.toFixed(3)}`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
