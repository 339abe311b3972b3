// A catalog product for the reading and quoting tests (issue 61): names in both languages, an optional
// unit (the schema's `unit` and its `units` wording), a kind, one RUB price. One factory, so a test file
// states only what its products are; `readLines` is what the reader made of a message.
import { findQuantities } from '../reading/index';
import type { ProductDoc } from '../schemas/products';

export type TestProductOptions = {
  unit?: string;
  units?: { ru: string; en: string };
  kind?: 'product' | 'service';
  /** The RUB price (default 100). */
  amount?: number;
};

export function testProduct(
  id: string,
  ru: string,
  en: string,
  options: TestProductOptions = {},
): ProductDoc {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id,
    sku: `${id.slice(0, 3).toUpperCase()}-9`,
    name: en,
    names: { ru, en },
    ...(options.unit ? { unit: options.unit } : {}),
    ...(options.units ? { units: options.units } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    prices: [{ currency: 'RUB', amount: options.amount ?? 100 }],
    createdAt: at,
    updatedAt: at,
  };
}

/** What the reader made of `text`: each line as [product id, quantity or null], and what it left unread. */
export function readLines(text: string, products: readonly ProductDoc[]) {
  const q = findQuantities(text, products);
  return { lines: q.lines.map((l) => [l.product.id, l.quantity ?? null] as const), unread: q.unread };
}
