// Recomputes every priced row of questions-*.jsonl with quote() from shared/src/catalog/quote.ts and
// reports differences from the totals build.py wrote. Run from this folder:
//   python3 build.py && ../../../node_modules/.bin/tsx check.ts
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
  for (const raw of rows) {
    const row = JSON.parse(raw);
    const e = row.expect;
    if (!e.lines) continue;
    const q = quote(
      e.lines.map((l: { product: string; qty: number }) => ({ productId: l.product, quantity: l.qty })),
      catalog.products,
      { now: new Date() },
    );
    checked++;
    if (q.total !== e.total || q.currency !== e.currency || q.problems.length) {
      diffs++;
      console.log('DIFF', row.id, e.total, e.currency, '->', q.total, q.currency, JSON.stringify(q.problems));
    }
  }
}
console.log(`${checked} rows checked, ${diffs} differences`);
