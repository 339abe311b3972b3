// A quote computed from the catalog, never guessed: per line the unit price for the currency and billing
// period, the highest volume tier the quantity reaches, the period's discount and a promo code within
// its validity, each on what the step before left; then the team's tax (on top, or included in the
// prices) and the totals. A quantity of a measure that divides ("2,5 кг") is priced exactly; a count is
// whole. All in integer minor units (money.ts). What cannot be priced is reported in `problems`, never
// filled in.
import type { ProductDiscount, ProductDoc, ProductPrice } from '../schemas/products';
import { basisPoints, includedTax, percentOf, toMajor, toMinor } from './money';
import { offered } from './product-match';
import { fractional, measureOf, takesQuantity } from './units';
import type { BillingPeriod } from './quote-request';

/** A tax the team charges: VAT 20% on top of the prices, or included in them. */
export type TaxSetting = { percent: number; included: boolean; name?: string };

export type QuoteLineInput = { productId?: string; sku?: string; quantity: number };

export type QuoteOptions = {
  /** Unset: the first line's product's price currency. */
  currency?: string;
  period?: BillingPeriod;
  promoCode?: string;
  now: Date;
  taxes?: TaxSetting;
};

export type AppliedDiscount = {
  kind: 'volume' | 'period' | 'promo';
  percent: number;
  minQuantity?: number;
  period?: BillingPeriod;
  code?: string;
  /** What the discount took off, and the line's amount after it (minor units). */
  amountMinor: number;
  afterMinor: number;
};

export type QuoteLine = {
  productId: string;
  sku: string;
  name: string;
  names?: ProductDoc['names'];
  unit?: string;
  units?: ProductDoc['units'];
  quantity: number;
  period?: BillingPeriod;
  unitMinor: number;
  subtotalMinor: number;
  discounts: AppliedDiscount[];
  totalMinor: number;
};

export type QuoteProblem = {
  reason:
    | 'unknown-product'
    | 'not-offered'
    | 'no-price-in-currency'
    | 'promo-unknown'
    | 'promo-not-valid-now'
    /** A fraction of a product sold by the piece (2.5 chairs): not priced, never rounded to a guess. */
    | 'fractional-count';
  productId?: string;
  sku?: string;
  code?: string;
};

export type Quote = {
  currency: string;
  lines: QuoteLine[];
  subtotalMinor: number;
  discountMinor: number;
  tax?: TaxSetting & { amountMinor: number };
  totalMinor: number;
  /** The total in major units (22500 for 22 500 ₽), as a deal's amount. */
  total: number;
  promoCode?: string;
  problems: QuoteProblem[];
  at: string;
};

/** Quantities of a measure that divides are kept to this many decimals (2,5 кг; 1.25 m). */
const QUANTITY_DECIMALS = 4;
const QUANTITY_SCALE = 10n ** BigInt(QUANTITY_DECIMALS);

/**
 * The quantity a line is priced at: a product sold by a measure that divides (units.ts `fractional`:
 * kg, m, m³, litre, hour…) keeps its fraction to 4 decimals; a count (pieces, people, nights, months) is
 * whole, at least one, as before.
 */
function quantityOf(product: ProductDoc, quantity: number): number {
  if (fractional(measureOf(product)) && quantity > 0) {
    const kept = Math.round(quantity * 10 ** QUANTITY_DECIMALS) / 10 ** QUANTITY_DECIMALS;
    if (kept > 0) return kept;
  }
  return Math.max(1, Math.floor(quantity));
}

/** A unit price times a quantity in minor units, exact for a fractional quantity, rounded half up. */
function timesQuantity(unitMinor: bigint, quantity: number): bigint {
  if (Number.isInteger(quantity)) return unitMinor * BigInt(quantity);
  const scaled = BigInt(Math.round(quantity * 10 ** QUANTITY_DECIMALS));
  return (unitMinor * scaled * 2n + QUANTITY_SCALE) / (QUANTITY_SCALE * 2n);
}

function productOf(input: QuoteLineInput, byId: Map<string, ProductDoc>, bySku: Map<string, ProductDoc>) {
  if (input.productId) return byId.get(input.productId);
  return input.sku ? bySku.get(input.sku.trim().toLowerCase()) : undefined;
}

/** The price for the currency and period: that period's, else one without a period, else any. */
export function priceFor(
  product: ProductDoc,
  currency: string,
  period: BillingPeriod | undefined,
): ProductPrice | undefined {
  const inCurrency = product.prices.filter((p) => p.currency === currency);
  const unperiodic = inCurrency.find((p) => !p.period) ?? inCurrency.find((p) => p.period === 'once');
  const exact = period ? inCurrency.find((p) => p.period === period) : undefined;
  return exact ?? unperiodic ?? inCurrency[0];
}

const validAt = (d: ProductDiscount, now: Date) =>
  (!d.validFrom || new Date(d.validFrom) <= now) && (!d.validTo || now <= new Date(d.validTo));

const reached = (d: ProductDiscount, quantity: number) => (d.minQuantity ?? 1) <= quantity;

/** The discounts of a line, in the order they apply: the volume tier, the period's, the promo code's. */
function discountsFor(
  product: ProductDoc,
  quantity: number,
  period: BillingPeriod | undefined,
  code: string | undefined,
  now: Date,
): Array<{ kind: AppliedDiscount['kind']; d: ProductDiscount }> {
  const all = (product.discounts ?? []).filter((d) => validAt(d, now) && reached(d, quantity));
  const tier = all
    .filter((d) => !d.code && !d.period)
    .sort((a, b) => (b.minQuantity ?? 1) - (a.minQuantity ?? 1) || b.percent - a.percent)[0];
  const byPeriod = all
    .filter((d) => !d.code && period && d.period === period)
    .sort((a, b) => b.percent - a.percent)[0];
  const promo = code
    ? all.filter((d) => d.code?.toUpperCase() === code).sort((a, b) => b.percent - a.percent)[0]
    : undefined;
  return [
    ...(tier ? [{ kind: 'volume' as const, d: tier }] : []),
    ...(byPeriod ? [{ kind: 'period' as const, d: byPeriod }] : []),
    ...(promo ? [{ kind: 'promo' as const, d: promo }] : []),
  ];
}

function priceLine(
  product: ProductDoc,
  quantity: number,
  price: ProductPrice,
  opts: QuoteOptions & { code?: string },
): QuoteLine {
  const unit = toMinor(price.amount, price.currency);
  const subtotal = timesQuantity(unit, quantity);
  let amount = subtotal;
  // The period the customer pays for: a monthly price paid yearly gets the yearly discount.
  const paid = opts.period ?? price.period;
  const discounts = discountsFor(product, quantity, paid, opts.code, opts.now).map(({ kind, d }) => {
    const off = percentOf(amount, basisPoints(d.percent));
    amount -= off;
    return {
      kind,
      percent: d.percent,
      ...(d.minQuantity ? { minQuantity: d.minQuantity } : {}),
      ...(d.period ? { period: d.period } : {}),
      ...(d.code ? { code: d.code } : {}),
      amountMinor: Number(off),
      afterMinor: Number(amount),
    };
  });
  return {
    productId: product.id,
    sku: product.sku,
    name: product.name,
    ...(product.names ? { names: product.names } : {}),
    ...(product.unit ? { unit: product.unit } : {}),
    ...(product.units ? { units: product.units } : {}),
    quantity,
    ...(price.period ? { period: price.period } : {}),
    unitMinor: Number(unit),
    subtotalMinor: Number(subtotal),
    discounts,
    totalMinor: Number(amount),
  };
}

/** The promo code's problem, if it applies to none of the quoted products. */
function promoProblem(code: string, products: ProductDoc[], now: Date): QuoteProblem | undefined {
  const matching = products.flatMap((p) => (p.discounts ?? []).filter((d) => d.code?.toUpperCase() === code));
  if (matching.length === 0) return { reason: 'promo-unknown', code };
  return matching.some((d) => validAt(d, now)) ? undefined : { reason: 'promo-not-valid-now', code };
}

const lookups = new WeakMap<
  readonly ProductDoc[],
  { byId: Map<string, ProductDoc>; bySku: Map<string, ProductDoc> }
>();

/** Products by id and by SKU (cached per catalog array). */
function lookupOf(products: readonly ProductDoc[]) {
  let found = lookups.get(products);
  if (!found) {
    found = {
      byId: new Map(products.map((p) => [p.id, p])),
      bySku: new Map(products.map((p) => [p.sku.trim().toLowerCase(), p])),
    };
    lookups.set(products, found);
  }
  return found;
}

export function quote(lines: QuoteLineInput[], products: readonly ProductDoc[], opts: QuoteOptions): Quote {
  const { byId, bySku } = lookupOf(products);
  const problems: QuoteProblem[] = [];
  const found: Array<{ product: ProductDoc; quantity: number }> = [];
  for (const input of lines) {
    const product = productOf(input, byId, bySku);
    const ref = {
      ...(input.productId ? { productId: input.productId } : {}),
      ...(input.sku ? { sku: input.sku } : {}),
    };
    if (!product) problems.push({ reason: 'unknown-product', ...ref });
    else if (!offered(product))
      problems.push({ reason: 'not-offered', productId: product.id, sku: product.sku });
    else if (!takesQuantity(product, input.quantity))
      problems.push({ reason: 'fractional-count', productId: product.id, sku: product.sku });
    else found.push({ product, quantity: quantityOf(product, input.quantity) });
  }
  const first = found[0]?.product;
  const currency =
    opts.currency ?? (first && priceFor(first, first.prices[0]!.currency, opts.period)?.currency) ?? 'RUB';
  const code = opts.promoCode?.trim().toUpperCase() || undefined;
  const priced: QuoteLine[] = [];
  for (const { product, quantity } of found) {
    const price = priceFor(product, currency, opts.period);
    if (!price) problems.push({ reason: 'no-price-in-currency', productId: product.id, sku: product.sku });
    else priced.push(priceLine(product, quantity, price, { ...opts, ...(code ? { code } : {}) }));
  }
  const promo = code
    ? promoProblem(
        code,
        found.map((f) => f.product),
        opts.now,
      )
    : undefined;
  if (promo) problems.push(promo);
  const subtotal = priced.reduce((s, l) => s + BigInt(l.subtotalMinor), 0n);
  const net = priced.reduce((s, l) => s + BigInt(l.totalMinor), 0n);
  let total = net;
  let tax: Quote['tax'];
  if (opts.taxes && opts.taxes.percent > 0) {
    const bp = basisPoints(opts.taxes.percent);
    const amount = opts.taxes.included ? includedTax(net, bp) : percentOf(net, bp);
    if (!opts.taxes.included) total += amount;
    tax = { ...opts.taxes, amountMinor: Number(amount) };
  }
  const applied = code && priced.some((l) => l.discounts.some((d) => d.kind === 'promo'));
  return {
    currency,
    lines: priced,
    subtotalMinor: Number(subtotal),
    discountMinor: Number(subtotal - net),
    ...(tax ? { tax } : {}),
    totalMinor: Number(total),
    total: toMajor(total, currency),
    ...(applied ? { promoCode: code } : {}),
    problems,
    at: opts.now.toISOString(),
  };
}
