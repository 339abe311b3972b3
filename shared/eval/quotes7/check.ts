// Checks every priced row's total against quote() from shared/src/catalog/quote.ts.
// Run: python3 build.py && ../../../node_modules/.bin/tsx check.ts
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quote } from '../../src/catalog/quote';
import type { ProductDoc } from '../../src/schemas/products';

const here = dirname(fileURLToPath(import.meta.url));
const catalog = JSON.parse(readFileSync(join(here, 'catalog.json'), 'utf8')) as { products: ProductDoc[] };
let checked = 0;
let diffs = 0;
for (const lang of ['ru', 'en']) {
  const rows = readFileSync(join(here, `questions-${lang}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean);
  for (const line of rows) {
    const row = JSON.parse(line);
    if (!row.expect.lines) continue;
    const q = quote(
      row.expect.lines.map((l: { product: string; qty: number }) => ({
        productId: l.product,
        quantity: l.qty,
      })),
      catalog.products,
      { now: new Date('2026-12-07T12:00:00Z') },
    );
    checked++;
    if (q.total !== row.expect.total || q.currency !== row.expect.currency || q.problems.length > 0) {
      diffs++;
      console.log('DIFF', row.id, row.expect.total, row.expect.currency, q.total, q.currency, q.problems);
    }
  }
}
console.log(`${checked} rows checked, ${diffs} differences`);
