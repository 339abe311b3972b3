// The product catalog's CSV columns (issue 38), read and written alike: sku, name, name_ru, name_en,
// description (and _ru, _en), kind, unit, category, a price_XXX column per currency (their period in
// `period`), volume tiers in `discounts` as `10:5;50:10` (minQuantity:percent), delivery, availability,
// active. Headers are matched in any case, with spaces, hyphens or underscores, English or Russian.
// One row's cells become the product fields it names (empty cells name nothing) or its reasons to fail.
import {
  billingPeriods,
  isKnownCurrency,
  parseTiers,
  type ProductDoc,
  type ProductPrice,
} from '@app/shared/schemas';
import { cellValue, normalizeHeader } from './columns';

export const productFields = [
  'sku',
  'name',
  'nameRu',
  'nameEn',
  'description',
  'descriptionRu',
  'descriptionEn',
  'kind',
  'unit',
  'category',
  'period',
  'discounts',
  'delivery',
  'availability',
  'active',
] as const;
export type ProductField = (typeof productFields)[number];

const aliases: Record<ProductField, string[]> = {
  sku: ['sku', 'article', 'артикул', 'код'],
  name: ['name', 'title', 'название', 'наименование'],
  nameRu: ['name_ru', 'название_ru'],
  nameEn: ['name_en', 'название_en'],
  description: ['description', 'описание'],
  descriptionRu: ['description_ru', 'описание_ru'],
  descriptionEn: ['description_en', 'описание_en'],
  kind: ['kind', 'type', 'тип'],
  unit: ['unit', 'единица', 'ед.изм.', 'едизм'],
  category: ['category', 'категория'],
  period: ['period', 'billing', 'период'],
  discounts: ['discounts', 'tiers', 'скидки'],
  delivery: ['delivery', 'доставка', 'срок'],
  availability: ['availability', 'наличие'],
  active: ['active', 'активен', 'активный'],
};

const byAlias = new Map<string, ProductField>();
for (const field of productFields) for (const a of aliases[field]) byAlias.set(normalizeHeader(a), field);

/** `price_RUB`, `Price USD`, `цена_EUR`: the currency's column. */
const priceHeader = /^(?:price|цена)([a-z]{3})$/;

export type ProductColumns = {
  fields: Map<ProductField, number>;
  prices: Map<string, number>;
  ignored: string[];
};

export function mapProductColumns(headers: string[]): ProductColumns {
  const map: ProductColumns = { fields: new Map(), prices: new Map(), ignored: [] };
  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    const currency = priceHeader.exec(key)?.[1]?.toUpperCase();
    const field = byAlias.get(key);
    if (currency && !map.prices.has(currency)) map.prices.set(currency, index);
    else if (field && !map.fields.has(field)) map.fields.set(field, index);
    else map.ignored.push(header);
  });
  return map;
}

/** What one row says of its product; absent keys are left as they are on an update. */
export type ProductRow = Partial<
  Pick<ProductDoc, 'sku' | 'name' | 'description' | 'kind' | 'unit' | 'category' | 'delivery'>
> & {
  names?: { ru?: string; en?: string };
  descriptions?: { ru?: string; en?: string };
  prices?: ProductPrice[];
  period?: ProductPrice['period'];
  tiers?: { minQuantity: number; percent: number }[];
  availability?: ProductDoc['availability'];
  active?: boolean;
};

const choices = <T extends string>(pairs: Record<string, T>) => pairs;
const kinds = choices({ product: 'product', service: 'service', товар: 'product', услуга: 'service' });
const periods = choices({
  ...Object.fromEntries(billingPeriods.map((p) => [p, p])),
  разово: 'once',
  месяц: 'month',
  год: 'year',
} as Record<string, ProductPrice['period'] & string>);
const availabilities = choices({
  available: 'available',
  'on-order': 'on-order',
  unavailable: 'unavailable',
  'в наличии': 'available',
  'под заказ': 'on-order',
  'нет в наличии': 'unavailable',
} as Record<string, NonNullable<ProductDoc['availability']>>);
const yes = new Set(['1', 'true', 'yes', 'y', 'да']);
const no = new Set(['0', 'false', 'no', 'n', 'нет']);

/** A price cell (`1 490,50`, `1490.5`), or null. */
function amountOf(raw: string): number | null {
  const cleaned = raw.replace(/[\s\u00a0']/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return n <= 1e12 ? n : null;
}

function choose<T>(raw: string, table: Record<string, T>, what: string, reasons: string[]): T | undefined {
  const found = table[raw.toLocaleLowerCase()];
  if (found === undefined) {
    reasons.push(`${what}: '${raw.slice(0, 40)}' is not one of ${Object.keys(table).join(', ')}`);
  }
  return found;
}

/** One row's product fields, or its reasons to fail. */
export function productRow(
  map: ProductColumns,
  cells: string[],
): { ok: true; row: ProductRow } | { ok: false; reasons: string[] } {
  const value = (f: ProductField) => {
    const i = map.fields.get(f);
    return i === undefined ? '' : cellValue(cells, i);
  };
  const reasons: string[] = [];
  const row: ProductRow = {};
  for (const f of ['sku', 'name', 'description', 'unit', 'category', 'delivery'] as const) {
    if (value(f)) row[f] = value(f);
  }
  if (!row.sku) reasons.push('sku: empty');
  const names = {
    ...(value('nameRu') && { ru: value('nameRu') }),
    ...(value('nameEn') && { en: value('nameEn') }),
  };
  if (Object.keys(names).length) row.names = names;
  const descriptions = {
    ...(value('descriptionRu') && { ru: value('descriptionRu') }),
    ...(value('descriptionEn') && { en: value('descriptionEn') }),
  };
  if (Object.keys(descriptions).length) row.descriptions = descriptions;
  if (value('kind')) row.kind = choose(value('kind'), kinds, 'kind', reasons);
  if (value('period')) row.period = choose(value('period'), periods, 'period', reasons);
  if (value('availability')) {
    row.availability = choose(value('availability'), availabilities, 'availability', reasons);
  }
  if (value('active')) {
    const v = value('active').toLocaleLowerCase();
    if (yes.has(v) || no.has(v)) row.active = yes.has(v);
    else reasons.push(`active: '${v.slice(0, 20)}' is not yes or no`);
  }
  if (value('discounts')) {
    const tiers = parseTiers(value('discounts'));
    if (tiers.ok) row.tiers = tiers.tiers;
    else reasons.push(`discounts: ${tiers.message}`);
  }
  const prices: ProductPrice[] = [];
  for (const [currency, index] of map.prices) {
    const raw = cellValue(cells, index);
    if (!raw) continue;
    const amount = amountOf(raw);
    if (!isKnownCurrency(currency)) reasons.push(`price_${currency}: not an ISO 4217 currency`);
    else if (amount === null) reasons.push(`price_${currency}: '${raw.slice(0, 30)}' is not an amount`);
    else prices.push({ currency, amount, ...(row.period ? { period: row.period } : {}) });
  }
  if (prices.length) row.prices = prices;
  return reasons.length ? { ok: false, reasons } : { ok: true, row };
}
