// Label agreement on 300 held-out rows of ../shared/data/toxicity/ru-vk-comments.jsonl (issue 62): two
// independent annotators' labels (a, b; labels.jsonl keys each row by the FNV-1a hash of its text, so the
// public text is not copied here) against the set's own labels, and the product's abuse check against
// each. Run from the project's shared folder: `npx tsx eval/ru-vk-agreement/agreement.ts`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCustomerMood } from '../../src/agents/mood/index';
import { fnv1a } from '../../src/agents/mood/split';

const here = dirname(fileURLToPath(import.meta.url));
const data = join(here, '../../../../shared/data/toxicity/ru-vk-comments.jsonl');
type Row = { fnv1a: number; a: number; b: number };
const rows = readFileSync(join(here, 'labels.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);
const byHash = new Map<number, { text: string; label: number }>();
for (const line of readFileSync(data, 'utf8').split('\n').filter(Boolean)) {
  const r = JSON.parse(line) as { text: string; label: number };
  byHash.set(fnv1a(r.text), r);
}
const joined = rows.map((r) => {
  const source = byHash.get(r.fnv1a);
  if (!source) throw new Error(`row ${r.fnv1a} is not in ${data}`);
  const product = readCustomerMood(source.text).abuse.severity !== 'none' ? 1 : 0;
  return { gold: source.label, a: r.a, b: r.b, both: r.a && r.b ? 1 : 0, product };
});
type Key = keyof (typeof joined)[number];
/** Precision and recall of `pred` taking `truth` as right, and Cohen's kappa of the two. */
function compare(pred: Key, truth: Key): string {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const j of joined) {
    if (j[pred] && j[truth]) tp++;
    else if (j[pred]) fp++;
    else if (j[truth]) fn++;
    else tn++;
  }
  const n = joined.length;
  const po = (tp + tn) / n;
  const pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n);
  const f = (x: number) => x.toFixed(3);
  return `| ${pred} | ${truth} | ${f(tp / (tp + fp))} | ${f(tp / (tp + fn))} | ${f((po - pe) / (1 - pe))} | ${tp} | ${fp} | ${fn} |`;
}
const positives = (k: Key) => joined.filter((j) => j[k]).length;
console.log(
  `${joined.length} rows; label 1: set ${positives('gold')}, a ${positives('a')}, b ${positives('b')}, product ${positives('product')}\n`,
);
console.log(
  '| labels | taken as right | precision | recall | kappa | tp | fp | fn |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
);
for (const [p, t] of [
  ['a', 'gold'],
  ['b', 'gold'],
  ['both', 'gold'],
  ['a', 'b'],
  ['product', 'gold'],
  ['product', 'a'],
  ['product', 'b'],
] as [Key, Key][])
  console.log(compare(p, t));
