// How the catalog shows a product (Catalog.tsx, ProductDialog.tsx): its name in the UI's language,
// its prices (Intl, through the formatter), a summary of its discounts, a search over it, and the
// product editor's form checked into a doc's fields or the messages of what is wrong.
import {
  billingPeriods,
  isKnownCurrency,
  isVolumeTier,
  type ProductDiscount,
  type ProductDoc,
  type ProductPrice,
} from '@app/shared/schemas';
import type { MessageKey, Translate } from '../i18n/i18n';
import type { Formatter, Locale } from './format';
import { numberOf as typedNumber } from './typed-number';

export const productName = (p: ProductDoc, locale: Locale): string => p.names?.[locale] ?? p.name;

export function priceTexts(p: ProductDoc, t: Translate, fmt: Formatter): string[] {
  return p.prices.map((price) =>
    t(`catalog.price.${price.period ?? 'once'}`, { price: fmt.money(price.amount, price.currency) }),
  );
}

/** Volume tiers by quantity, then period and promo discounts. */
export function discountTexts(discounts: readonly ProductDiscount[] | undefined, t: Translate): string[] {
  const all = discounts ?? [];
  const tiers = all
    .filter(isVolumeTier)
    .sort((a, b) => a.minQuantity - b.minQuantity)
    .map((d) => t('catalog.tier', { n: d.minQuantity, percent: d.percent }));
  const others = all.flatMap((d) => {
    if (d.code) return [t('catalog.promo', { code: d.code, percent: d.percent })];
    if (d.period === 'year') return [t('catalog.yearly', { percent: d.percent })];
    if (d.period === 'month') return [t('catalog.monthly', { percent: d.percent })];
    return [];
  });
  return [...tiers, ...others];
}

export function matchesProduct(p: ProductDoc, q: string): boolean {
  const needle = q.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [p.sku, p.name, p.names?.ru, p.names?.en, p.description, p.descriptions?.ru, p.descriptions?.en]
    .filter((v): v is string => typeof v === 'string')
    .some((v) => v.toLocaleLowerCase().includes(needle));
}

export type PriceRow = { currency: string; amount: string; period: ProductPrice['period'] | '' };
export type TierRow = { minQuantity: string; percent: string };
export type ProductForm = {
  sku: string;
  name: string;
  nameRu: string;
  nameEn: string;
  description: string;
  unit: string;
  category: string;
  kind: 'product' | 'service';
  availability: NonNullable<ProductDoc['availability']>;
  delivery: string;
  active: boolean;
  prices: PriceRow[];
  tiers: TierRow[];
};

export const periods = billingPeriods;

export function formOf(p: ProductDoc | undefined): ProductForm {
  return {
    sku: p?.sku ?? '',
    name: p?.name ?? '',
    nameRu: p?.names?.ru ?? '',
    nameEn: p?.names?.en ?? '',
    description: p?.description ?? '',
    unit: p?.unit ?? '',
    category: p?.category ?? '',
    kind: p?.kind ?? 'product',
    availability: p?.availability ?? 'available',
    delivery: p?.delivery ?? '',
    active: p?.active ?? true,
    prices: (p?.prices ?? [{ currency: 'RUB', amount: NaN }]).map((x) => ({
      currency: x.currency,
      amount: Number.isNaN(x.amount) ? '' : String(x.amount),
      period: x.period ?? '',
    })),
    tiers: (p?.discounts ?? [])
      .filter(isVolumeTier)
      .map((d) => ({ minQuantity: String(d.minQuantity), percent: String(d.percent) })),
  };
}

type Problem = { key: MessageKey; vars?: Record<string, string | number> };
/** A number typed the user's way (`1 490,50`, `1490.5`, `1,490.50`: typed-number.ts), or NaN. */
const numberOf = (s: string) => typedNumber(s) ?? Number.NaN;

/**
 * The product's fields from the form (the discounts: the form's tiers and the product's other
 * discounts, kept), or what is wrong. `takenSkus`: the other products' SKUs.
 */
export function checkForm(
  form: ProductForm,
  before: ProductDoc | undefined,
  takenSkus: ReadonlySet<string>,
):
  | { ok: true; fields: Omit<ProductDoc, 'id' | 'createdAt' | 'updatedAt'> }
  | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!form.sku.trim()) problems.push({ key: 'catalog.form.skuRequired' });
  else if (form.sku.trim() !== form.sku) problems.push({ key: 'catalog.form.skuSpaces' });
  else if (takenSkus.has(form.sku)) problems.push({ key: 'catalog.form.skuTaken', vars: { sku: form.sku } });
  if (!form.name.trim()) problems.push({ key: 'catalog.form.nameRequired' });
  if (form.prices.length === 0) problems.push({ key: 'catalog.form.priceRequired' });
  const prices: ProductPrice[] = [];
  const seen = new Set<string>();
  form.prices.forEach((row, i) => {
    const n = i + 1;
    const currency = row.currency.trim().toUpperCase();
    const amount = numberOf(row.amount);
    if (!isKnownCurrency(currency))
      problems.push({ key: 'catalog.form.currencyInvalid', vars: { n, currency } });
    else if (!(amount >= 0 && amount <= 1e12))
      problems.push({ key: 'catalog.form.amountInvalid', vars: { n } });
    else if (seen.has(`${currency}/${row.period || 'once'}`))
      problems.push({ key: 'catalog.form.priceTwice', vars: { n } });
    else prices.push({ currency, amount, ...(row.period ? { period: row.period } : {}) });
    seen.add(`${currency}/${row.period || 'once'}`);
  });
  const tiers: ProductDiscount[] = [];
  form.tiers.forEach((row, i) => {
    const n = i + 1;
    const minQuantity = numberOf(row.minQuantity);
    const percent = numberOf(row.percent);
    if (!(minQuantity >= 1 && minQuantity <= 1e9 && percent > 0 && percent <= 100)) {
      problems.push({ key: 'catalog.form.tierInvalid', vars: { n } });
    } else if (tiers.some((x) => x.minQuantity === minQuantity)) {
      problems.push({ key: 'catalog.form.tierTwice', vars: { n } });
    } else tiers.push({ minQuantity, percent });
  });
  if (problems.length) return { ok: false, problems };
  const text = (s: string) => s.trim() || undefined;
  const names = {
    ...(text(form.nameRu) && { ru: text(form.nameRu) }),
    ...(text(form.nameEn) && { en: text(form.nameEn) }),
  };
  const kept = (before?.discounts ?? []).filter((d) => !isVolumeTier(d));
  return {
    ok: true,
    fields: {
      sku: form.sku,
      name: form.name.trim(),
      names: Object.keys(names).length ? names : undefined,
      description: text(form.description),
      unit: text(form.unit),
      category: text(form.category),
      kind: form.kind,
      availability: form.availability,
      delivery: text(form.delivery),
      active: form.active,
      prices,
      discounts: [...tiers, ...kept],
    },
  };
}
