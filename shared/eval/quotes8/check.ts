// Re-checks every priced row's total with quote() from shared/src/catalog/quote.ts (no tax).
import { readFileSync } from 'node:fs';
import { quote } from '../../src/catalog/quote';

const catalog = JSON.parse(readFileSync(new URL('./catalog.json', import.meta.url), 'utf8'));
let checked = 0;
let diffs = 0;
for (const lang of ['ru', 'en']) {
  const rows = readFileSync(new URL(`./questions-${lang}.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  for (const row of rows.map((r) => JSON.parse(r))) {
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
    if (q.problems.length || q.total !== row.expect.total || q.currency !== row.expect.currency) {
      diffs++;
      console.log('DIFF', row.id, q.total, q.currency, row.expect.total, row.expect.currency, q.problems);
    }
  }
}
console.log(`${checked} rows checked, ${diffs} differences`);
