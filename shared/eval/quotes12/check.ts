// Checks every priced row of questions-*.jsonl against quote() from shared/src/catalog/quote.ts.
// Run from this folder: ../../../node_modules/.bin/tsx check.ts
//
// quote() floors a quantity to a whole number (Math.floor), so 2.5 kg of cake would be priced as 2 kg.
// The rows expect the exact price of what was asked (2.5 x the price per kg). A line with a fractional
// quantity is therefore checked through quote() on that product scaled to the quantity's decimals
// (2.5 kg at 2 600 RUB/kg = 25 units at 260 RUB, tiers' minQuantity x 10): the same minor-unit
// arithmetic and rounding. What plain quote() says for those rows is printed as a NOTE, not a difference.
import { readFileSync } from 'node:fs';
import { quote } from '../../src/catalog/quote';

type Product = Record<string, any>;
const catalog = JSON.parse(readFileSync(new URL('./catalog.json', import.meta.url), 'utf8'));
const products: Product[] = catalog.products.map((p: Product) => ({ active: true, ...p }));
const now = new Date('2026-12-08T12:00:00Z');

const decimalsOf = (q: number) => (Number.isInteger(q) ? 0 : (String(q).split('.')[1] ?? '').length);

function scaled(p: Product, scale: number): Product {
  return {
    ...p,
    prices: p.prices.map((x: Product) => {
      const amount = x.amount / scale;
      if (Math.round(amount * 100) !== amount * 100) throw new Error(`${p.id}: ${x.amount}/${scale} below a minor unit`);
      return { ...x, amount };
    }),
    discounts: (p.discounts ?? []).map((d: Product) =>
      d.minQuantity ? { ...d, minQuantity: d.minQuantity * scale } : d,
    ),
  };
}

let checked = 0;
let diffs = 0;
const notes: string[] = [];
for (const lang of ['ru', 'en']) {
  const rows = readFileSync(new URL(`./questions-${lang}.jsonl`, import.meta.url), 'utf8').trim().split('\n');
  for (const line of rows) {
    const row = JSON.parse(line);
    if (!row.expect.lines) continue;
    const lines: Array<{ product: string; qty: number }> = row.expect.lines;
    const fractional = lines.some((l) => !Number.isInteger(l.qty));
    let catalogFor = products;
    const inputs = lines.map((l) => {
      const scale = 10 ** decimalsOf(l.qty);
      if (scale === 1) return { productId: l.product, quantity: l.qty };
      catalogFor = catalogFor.map((p) => (p.id === l.product ? scaled(p, scale) : p));
      return { productId: l.product, quantity: Math.round(l.qty * scale) };
    });
    const q = quote(inputs, catalogFor as any, { now });
    checked++;
    if (q.total !== row.expect.total || q.currency !== row.expect.currency || q.problems.length) {
      diffs++;
      console.log('DIFF', row.id, row.expect.total, row.expect.currency, '->', q.total, q.currency, q.problems);
    }
    if (fractional) {
      const plain = quote(
        lines.map((l) => ({ productId: l.product, quantity: l.qty })),
        products as any,
        { now },
      );
      if (plain.total !== row.expect.total)
        notes.push(`NOTE ${row.id}: plain quote() floors the quantity: ${plain.total} ${plain.currency} (expected ${row.expect.total})`);
    }
  }
}
for (const n of notes) console.log(n);
console.log(`${checked} rows checked, ${diffs} differences`);
