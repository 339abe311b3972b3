// Recomputes every priced row's total with quote() (shared/src/catalog/quote.ts) and reports differences.
// Run: python3 build.py && ../../../node_modules/.bin/tsx check.ts
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quote } from '../../src/catalog/quote';

const here = dirname(fileURLToPath(import.meta.url));
const catalog = JSON.parse(readFileSync(join(here, 'catalog.json'), 'utf8'));
const products = catalog.products as never[];
let checked = 0;
let differences = 0;
for (const lang of ['ru', 'en']) {
  const rows = readFileSync(join(here, `questions-${lang}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  for (const row of rows) {
    if (!row.expect.lines) continue;
    const q = quote(
      row.expect.lines.map((l: { product: string; qty: number }) => ({
        productId: l.product,
        quantity: l.qty,
      })),
      products,
      { now: new Date() },
    );
    checked++;
    if (q.total !== row.expect.total || q.currency !== row.expect.currency || q.problems.length > 0) {
      differences++;
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
console.log(`${checked} rows checked, ${differences} differences`);
