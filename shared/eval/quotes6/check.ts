// Recomputes every priced row's total of quotes6 with quote() from shared/src/catalog/quote.ts.
// Run from this folder: ../../../node_modules/.bin/tsx check.ts
import { readFileSync } from 'node:fs';
import { quote } from '../../src/catalog/quote';
import type { ProductDoc } from '../../src/schemas/products';

const catalog = JSON.parse(readFileSync('catalog.json', 'utf8')) as { products: ProductDoc[] };
let checked = 0;
let differences = 0;
for (const lang of ['ru', 'en']) {
  for (const text of readFileSync(`questions-${lang}.jsonl`, 'utf8').split('\n').filter(Boolean)) {
    const row = JSON.parse(text);
    if (!row.expect.lines) continue;
    const q = quote(
      row.expect.lines.map((l: { product: string; qty: number }) => ({
        productId: l.product,
        quantity: l.qty,
      })),
      catalog.products,
      { now: new Date() },
    );
    checked++;
    if (q.total !== row.expect.total || q.currency !== row.expect.currency || q.problems.length > 0) {
      differences++;
      console.log('DIFF', row.id, row.expect.total, row.expect.currency, q.total, q.currency, q.problems);
    }
  }
}
console.log(`${checked} rows checked, ${differences} differences`);
