// Up-sell and cross-sell after a quote, computed from the catalog, never by a model: a quantity just
// below the next volume tier (within 20% of it: 8 when 10 gets 10% off) is shown the tier's price and
// saving, else the quoted product's `upgrade`, else what goes `with` it, with its unit price. Every
// amount comes from quote(); products already suggested in the conversation are skipped. One at most.
import type { ProductDoc } from '../schemas/products';
import { formatMoney, periodSuffix, type QuoteLanguage } from './format-quote';
import { offered } from './product-match';
import { quote } from './quote';
import { unitFor } from './units';
import type { BillingPeriod } from './quote-request';

/** How close below a tier a quantity must be for the tier to be suggested (0.8: 8 of 10). */
export const TIER_NEAR = 0.8;

export type SuggestionKind = 'tier' | 'upgrade' | 'with';

export type Suggestion = {
  kind: SuggestionKind;
  /** The product suggested (for a tier: the quoted product itself). */
  productId: string;
  /** The quoted product it was suggested for. */
  forProductId: string;
  name: string;
  names?: ProductDoc['names'];
  unit?: string;
  units?: ProductDoc['units'];
  currency: string;
  /** A tier: the quantity that reaches it and its percent. */
  quantity?: number;
  percent?: number;
  /** A tier: the price of `quantity` before and after its discount; else the suggested product's unit price. */
  priceMinor: number;
  /** The billing period of that price (a yearly-only plan is priced per year). */
  period?: BillingPeriod;
  fullMinor?: number;
  savingMinor?: number;
};

export type SuggestInput = {
  lines: ReadonlyArray<{ productId: string; quantity: number }>;
  products: readonly ProductDoc[];
  currency: string;
  period?: BillingPeriod;
  now: Date;
  /** Products suggested before in the conversation. */
  suggested?: ReadonlySet<string>;
};

/** The smallest volume tier above the quantity that gives more than the quantity's own tier. */
function nextTier(product: ProductDoc, quantity: number, now: Date) {
  const valid = (product.discounts ?? []).filter(
    (d) =>
      !d.code &&
      !d.period &&
      (!d.validFrom || new Date(d.validFrom) <= now) &&
      (!d.validTo || now <= new Date(d.validTo)),
  );
  const current = Math.max(0, ...valid.filter((d) => (d.minQuantity ?? 1) <= quantity).map((d) => d.percent));
  return valid
    .filter((d) => (d.minQuantity ?? 1) > quantity && d.percent > current)
    .sort((a, b) => a.minQuantity! - b.minQuantity!)[0];
}

function tierSuggestion(product: ProductDoc, quantity: number, input: SuggestInput): Suggestion | undefined {
  const tier = nextTier(product, quantity, input.now);
  if (!tier?.minQuantity || quantity < tier.minQuantity * TIER_NEAR) return undefined;
  const q = quote([{ productId: product.id, quantity: tier.minQuantity }], input.products, {
    now: input.now,
    currency: input.currency,
    ...(input.period ? { period: input.period } : {}),
  });
  const line = q.lines[0];
  const volume = line?.discounts.find((d) => d.kind === 'volume');
  if (!line || !volume || volume.minQuantity !== tier.minQuantity) return undefined;
  return {
    ...about(product, input.currency),
    kind: 'tier',
    forProductId: product.id,
    quantity: tier.minQuantity,
    percent: volume.percent,
    priceMinor: volume.afterMinor,
    fullMinor: line.subtotalMinor,
    savingMinor: volume.amountMinor,
  };
}

function relatedSuggestion(
  product: ProductDoc,
  kind: 'upgrade' | 'with',
  input: SuggestInput,
): Suggestion | undefined {
  for (const r of product.related ?? []) {
    if (r.kind !== kind || input.suggested?.has(r.productId)) continue;
    if (input.lines.some((l) => l.productId === r.productId)) continue;
    const other = input.products.find((p) => p.id === r.productId);
    if (!other || !offered(other)) continue;
    const q = quote([{ productId: other.id, quantity: 1 }], input.products, {
      now: input.now,
      currency: input.currency,
      ...(input.period ? { period: input.period } : {}),
    });
    const line = q.lines[0];
    if (!line || q.currency !== input.currency) continue;
    return {
      ...about(other, input.currency),
      kind,
      forProductId: product.id,
      priceMinor: line.unitMinor,
      ...(line.period && line.period !== 'once' ? { period: line.period } : {}),
    };
  }
  return undefined;
}

const about = (p: ProductDoc, currency: string) => ({
  productId: p.id,
  name: p.name,
  ...(p.names ? { names: p.names } : {}),
  ...(p.unit ? { unit: p.unit } : {}),
  ...(p.units ? { units: p.units } : {}),
  currency,
});

/** The one suggestion for a quote: a near tier first, then an upgrade, then a product that goes with it. */
export function suggestFor(input: SuggestInput): Suggestion | undefined {
  const quoted = input.lines.flatMap((l) => {
    const product = input.products.find((p) => p.id === l.productId);
    return product ? [{ product, quantity: l.quantity }] : [];
  });
  for (const { product, quantity } of quoted) {
    if (input.suggested?.has(product.id)) continue;
    const s = tierSuggestion(product, quantity, input);
    if (s) return s;
  }
  for (const kind of ['upgrade', 'with'] as const) {
    for (const { product } of quoted) {
      const s = relatedSuggestion(product, kind, input);
      if (s) return s;
    }
  }
  return undefined;
}

const languageLocales: Record<QuoteLanguage, string> = { ru: 'ru-RU', en: 'en-US' };
const end = (sentence: string) => (sentence.endsWith('.') ? sentence : `${sentence}.`);

/** The suggestion as one short sentence in the reply's language, its amounts formatted by Intl. */
export function formatSuggestion(s: Suggestion, language: QuoteLanguage): string {
  const money = (minor: number) => formatMoney(minor, s.currency, language);
  const n = (v: number) => new Intl.NumberFormat(languageLocales[language]).format(v);
  const pct = (v: number) =>
    new Intl.NumberFormat(languageLocales[language], { style: 'percent', maximumFractionDigits: 2 }).format(
      v / 100,
    );
  const name = s.names?.[language] ?? s.name;
  const per = s.period ? periodSuffix(s.period, language) : '';
  // "per seat", «за место» (units.ts); with no unit "each" ("per pcs" is not English), «за шт.».
  const each =
    language === 'ru' ? `за ${unitFor(s, 'ru')}` : s.unit || s.units?.en ? `per ${unitFor(s, 'en')}` : 'each';
  if (s.kind === 'tier') {
    const [q, p] = [n(s.quantity!), pct(s.percent!)];
    const from = unitFor(s, language, s.quantity!, { from: true });
    const count = unitFor(s, language, s.quantity!);
    return language === 'ru'
      ? `От ${q} ${from} ${name} дешевле на ${p}: ${q} ${count} за ${money(s.priceMinor)} вместо ${money(s.fullMinor!)} (экономия ${money(s.savingMinor!)}).`
      : `From ${q} ${from}, ${name} is ${p} off: ${q} ${count} for ${money(s.priceMinor)} instead of ${money(s.fullMinor!)} (you save ${money(s.savingMinor!)}).`;
  }
  if (s.kind === 'upgrade') {
    return language === 'ru'
      ? end(`Посмотрите и улучшенный вариант: ${name}, ${money(s.priceMinor)}${per} ${each}`)
      : end(`You may also like the upgrade: ${name}, ${money(s.priceMinor)}${per} ${each}`);
  }
  return language === 'ru'
    ? end(`С этим часто берут ${name}: ${money(s.priceMinor)}${per} ${each}`)
    : end(`Often bought with it: ${name}, ${money(s.priceMinor)}${per} ${each}`);
}
