// Checks every priced row of questions-*.jsonl against quote() from shared/src/catalog/quote.ts.
// Run from this folder: ../../../node_modules/.bin/tsx check.ts
import { readFileSync } from 'node:fs';
import { quote } from '../../src/catalog/quote';

const catalog = JSON.parse(readFileSync(new URL('./catalog.json', import.meta.url), 'utf8'));
const products = catalog.products.map((p: Record<string, unknown>) => ({ active: true, ...p }));
const ids = new Set<string>(catalog.products.map((p: { id: string }) => p.id));
let checked = 0;
let diffs = 0;
for (const lang of ['ru', 'en']) {
  const rows = readFileSync(new URL(`./questions-${lang}.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  for (const line of rows) {
    const row = JSON.parse(line);
    if (!row.expect.lines) {
      if (!row.expect.askBack && !row.expect.notInCatalog) {
        diffs++;
        console.log('BAD ROW', row.id, row.expect);
      }
      continue;
    }
    for (const l of row.expect.lines) {
      if (!ids.has(l.product) || !Number.isInteger(l.qty) || l.qty < 1) {
        diffs++;
        console.log('BAD LINE', row.id, l);
      }
    }
    const q = quote(
      row.expect.lines.map((l: { product: string; qty: number }) => ({
        productId: l.product,
        quantity: l.qty,
      })),
      products,
      { now: new Date('2026-12-07T12:00:00Z') },
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
