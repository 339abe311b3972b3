// What a product doc must be beyond its JSON schema (products.ts), checked alike by the API, the CSV
// import and the desktop's product editor: known ISO 4217 currencies, one price per currency and
// period, one volume tier per quantity, promo dates in order. Volume tiers as text (`10:5;50:10`,
// minQuantity:percent) for CSV columns and the catalog's tier summary.
import type { ProductDiscount, ProductDoc } from './products';

export type ProductIssue = { path: string; message: string };

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency code that Intl knows (`RUB`, `USD`, `EUR`, ...). */
export const isKnownCurrency = (code: string): boolean => knownCurrencies.has(code);

type Checked = Pick<ProductDoc, 'sku' | 'prices'> & Partial<Pick<ProductDoc, 'discounts'>>;

/** The rules the schema cannot say; an empty list when the product keeps them. */
export function productIssues(doc: Checked): ProductIssue[] {
  const issues: ProductIssue[] = [];
  if (doc.sku.trim() !== doc.sku) issues.push({ path: 'sku', message: 'has spaces at its start or end' });
  const seen = new Set<string>();
  doc.prices.forEach((p, i) => {
    if (!isKnownCurrency(p.currency)) {
      issues.push({ path: `prices.${i}.currency`, message: `'${p.currency}' is not an ISO 4217 currency` });
    }
    const key = `${p.currency}/${p.period ?? 'once'}`;
    if (seen.has(key)) issues.push({ path: `prices.${i}`, message: `a second ${key} price` });
    seen.add(key);
  });
  const tiers = new Set<number>();
  (doc.discounts ?? []).forEach((d, i) => {
    if (d.validFrom && d.validTo && d.validFrom > d.validTo) {
      issues.push({ path: `discounts.${i}.validTo`, message: 'is before validFrom' });
    }
    if (isVolumeTier(d)) {
      if (tiers.has(d.minQuantity)) {
        issues.push({ path: `discounts.${i}`, message: `a second tier from ${d.minQuantity}` });
      }
      tiers.add(d.minQuantity);
    }
  });
  return issues;
}

/** A plain volume tier: from a quantity, not bound to a period or a promo code. */
export const isVolumeTier = (d: ProductDiscount): d is ProductDiscount & { minQuantity: number } =>
  d.minQuantity !== undefined && d.period === undefined && d.code === undefined;

/** The volume tiers of a product as `10:5;50:10`, by quantity. */
export function tiersText(discounts: readonly ProductDiscount[] | undefined): string {
  return (discounts ?? [])
    .filter(isVolumeTier)
    .sort((a, b) => a.minQuantity - b.minQuantity)
    .map((d) => `${d.minQuantity}:${d.percent}`)
    .join(';');
}

/** Reads `10:5;50:10` into tiers, or says what is wrong with it. */
export function parseTiers(
  text: string,
): { ok: true; tiers: { minQuantity: number; percent: number }[] } | { ok: false; message: string } {
  const tiers: { minQuantity: number; percent: number }[] = [];
  for (const part of text.split(';').map((p) => p.trim())) {
    if (!part) continue;
    const match = /^(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/.exec(part);
    const minQuantity = Number(match?.[1]);
    const percent = Number(match?.[2]);
    if (!match || minQuantity < 1 || percent <= 0 || percent > 100) {
      return { ok: false, message: `'${part}' is not minQuantity:percent (e.g. 10:5, percent 0-100)` };
    }
    tiers.push({ minQuantity, percent });
  }
  return { ok: true, tiers };
}
