// Checks every priced row of questions-*.jsonl against quote() from shared/src/catalog/quote.ts.
// Run from this folder: ../../../node_modules/.bin/tsx check.ts
//
// Written when quote() floored every quantity (2.5 kg of cake priced as 2 kg), this check priced the six
// fractional rows through a scaled product. Since the quotes11/quotes12 round, quote() prices a fraction of
// a product sold by a divisible measure (kg here) exactly, so every row is checked by quote() itself.
import { readFileSync } from 'node:fs';
import { quote } from '../../src/catalog/quote';
import type { ProductDoc } from '../../src/schemas/products';

const catalog = JSON.parse(readFileSync(new URL('./catalog.json', import.meta.url), 'utf8')) as {
  products: ProductDoc[];
};
const products: ProductDoc[] = catalog.products.map((p) => ({ active: true, ...p }));
const now = new Date('2026-12-08T12:00:00Z');

type Row = {
  id: string;
  expect: { lines?: Array<{ product: string; qty: number }>; total?: number; currency?: string };
};
let checked = 0;
let diffs = 0;
for (const lang of ['ru', 'en']) {
  const rows = readFileSync(new URL(`./questions-${lang}.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  for (const line of rows) {
    const row = JSON.parse(line) as Row;
    if (!row.expect.lines) continue;
    const q = quote(
      row.expect.lines.map((l) => ({ productId: l.product, quantity: l.qty })),
      products,
      { now },
    );
    checked++;
    if (q.total !== row.expect.total || q.currency !== row.expect.currency || q.problems.length) {
      diffs++;
      console.log(
        'DIFF',
        row.id,
        row.expect.total,
        row.expect.currency,
        '->',
        q.total,
        q.currency,
        q.problems,
      );
    }
  }
}
console.log(`${checked} rows checked, ${diffs} differences`);
