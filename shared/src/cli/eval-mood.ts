// `npm run eval:mood -- --data <dir> [--json] [--split tune|heldout|all] [--baseline]` (issue 62): the mood and
// abuse checks on every *.jsonl of a folder (toxicity-* for abuse, sentiment-* for negative mood; the public
// sets of ../shared/data/toxicity count as abuse). `--split` keeps the part of each file by the hash of its text
// (tune: FNV-1a mod 10 < 7, what the word lists were tuned on; heldout: the rest; default all). `--baseline`
// adds the old checkText's figures in the same run.
import { parseArgs } from 'node:util';
import { evaluateFolder, formatMoodTable } from './mood-eval';
import type { Split } from '../agents/mood/split';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    json: { type: 'boolean', default: false },
    split: { type: 'string', default: 'all' },
    baseline: { type: 'boolean', default: false },
  },
});
if (!values.data) {
  console.error('usage: npm run eval:mood -- --data <dir> [--json] [--split tune|heldout|all] [--baseline]');
  process.exit(2);
}
const split = values.split as Split;
if (!['tune', 'heldout', 'all'].includes(split)) {
  console.error('--split is tune, heldout or all');
  process.exit(2);
}
const files = evaluateFolder(values.data, split, 'mood');
const baseline = values.baseline ? evaluateFolder(values.data, split, 'baseline') : undefined;
if (values.json) {
  console.log(JSON.stringify(baseline ? { files, baseline: { files: baseline } } : { files }, null, 2));
} else {
  console.log(`split: ${split}`);
  console.log(
    formatMoodTable([
      ...files.map((f) => ({ ...f, scorer: 'mood' })),
      ...(baseline ?? []).map((f) => ({ ...f, scorer: 'checkText (old)' })),
    ]),
  );
}
