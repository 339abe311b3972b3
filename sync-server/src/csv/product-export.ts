// The product catalog as CSV rows, in the columns the product import reads (product-columns.ts), so an
// exported file imports back into the same or another team: a price_XXX column for every currency of
// the catalog, each holding the price of the product's first billing period (named in `period`),
// volume tiers in `discounts`. Period and promo discounts, characteristics, tags and relations stay
// out of the file (an import keeps them).
import { isVolumeTier, tiersText, type ProductDoc } from '@app/shared/schemas';

const fixed = ['sku', 'name', 'name_ru', 'name_en', 'description', 'description_ru', 'description_en'];
const after = ['kind', 'unit', 'category'];
const tail = ['period', 'discounts', 'delivery', 'availability', 'active'];

/** The currencies of the catalog: RUB, USD and EUR first, then the others by code. */
export function catalogCurrencies(products: readonly ProductDoc[]): string[] {
  const all = new Set(products.flatMap((p) => p.prices.map((price) => price.currency)));
  const first = ['RUB', 'USD', 'EUR'].filter((c) => all.has(c));
  return [...first, ...[...all].filter((c) => !first.includes(c)).sort()];
}

export function productHeaders(currencies: readonly string[]): string[] {
  return [...fixed, ...after, ...currencies.map((c) => `price_${c}`), ...tail];
}

export function productExportRow(p: ProductDoc, currencies: readonly string[]): unknown[] {
  const period = p.prices[0]?.period;
  const priceOf = (currency: string) =>
    p.prices.find((price) => price.currency === currency && price.period === period)?.amount;
  return [
    p.sku,
    p.name,
    p.names?.ru,
    p.names?.en,
    p.description,
    p.descriptions?.ru,
    p.descriptions?.en,
    p.kind,
    p.unit,
    p.category,
    ...currencies.map(priceOf),
    period,
    (p.discounts ?? []).some(isVolumeTier) ? tiersText(p.discounts) : '',
    p.delivery,
    p.availability,
    p.active === false ? 'no' : 'yes',
  ];
}
