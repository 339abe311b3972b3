// The price-question set of issue 61 and how a reply to one is judged (`npm run eval:quotes`, run by
// sync-server/bench/eval-quotes.ts through the real web chat). A set is a folder: catalog.json and
// questions-ru.jsonl / questions-en.jsonl (format: shared/src/reading/README.md). A reply is
//   - priced right: it states the expected total in the expected currency, and each expected line's
//     quantity ("Кресло Ergo: 15 ×"), or for one unit the price for one;
//   - asked back: the agent asked how many (catalog-step.ts askBackText: «Сколько…», «На сколько…»,
//     "How many…", "For how many…");
//   - confidently wrong: it states a money amount as the price of what was asked and it is not the
//     expected total (or the question expected an ask-back);
//   - unit price only: it gave the price for one, as such, where a quantity was expected;
//   - other: anything else (a hand-off, a knowledge answer with no price); for a product the shop does
//     not sell (expect.notInCatalog) a reply with no amount is "other" and any amount is confidently wrong.
// The baseline is the reader before issue 61 (readQuoteRequestBaseline: digits next to the product,
// else 1) with the same quote arithmetic, judged the same way: it always states a total.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatMoney,
  howManyOpening,
  perUnitHeadingPattern,
  quote,
  readCurrency,
  readQuoteRequestBaseline,
  toMinor,
  type QuoteLineInput,
} from '../catalog/index';
import { findMoney } from '../reading/index';
import type { ProductDoc } from '../schemas/products';

export type QuoteLanguage = 'ru' | 'en';

export type QuoteExpectation =
  | {
      lines: Array<{ product: string; qty: number }>;
      total: number;
      currency: string;
      askBack?: undefined;
      notInCatalog?: undefined;
    }
  | { askBack: true; lines?: undefined; notInCatalog?: undefined }
  /** Nothing asked for is sold: any amount stated as its price is wrong. */
  | { notInCatalog: true; lines?: undefined; askBack?: undefined };

export type QuoteQuestion = {
  text: string;
  expect: QuoteExpectation;
  id?: string;
  class?: string;
  language: QuoteLanguage;
};

/** A product as a set's catalog.json gives it (the product document without the bookkeeping fields). */
export type SetProduct = Omit<ProductDoc, 'createdAt' | 'updatedAt'> &
  Partial<Pick<ProductDoc, 'createdAt' | 'updatedAt'>>;

export type QuoteSet = { currency: string; products: ProductDoc[]; questions: QuoteQuestion[] };

export const outcomes = ['pricedRight', 'askedBack', 'confidentlyWrong', 'unitPriceOnly', 'other'] as const;
export type Outcome = (typeof outcomes)[number];

export function loadQuoteSet(dir: string): QuoteSet {
  const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as {
    currency?: string;
    products: SetProduct[];
  };
  const at = '2026-01-01T00:00:00.000Z';
  const products = catalog.products.map((p) => ({ createdAt: at, updatedAt: at, ...p }) as ProductDoc);
  const questions: QuoteQuestion[] = [];
  for (const language of ['ru', 'en'] as const) {
    let text: string;
    try {
      text = readFileSync(join(dir, `questions-${language}.jsonl`), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const q = JSON.parse(line) as Omit<QuoteQuestion, 'language'>;
      questions.push({ ...q, language });
    }
  }
  return { currency: catalog.currency ?? 'RUB', products, questions };
}

// What an ask-back starts with («Сколько», «На сколько», "How many", "For how many") and the heading
// of prices for one unit («Цена по каталогу за 1 сутки:», "Catalog price per day:"), as the catalog
// step writes them (format-quote.ts).
const askBackOpenings = howManyOpening;
const perUnitIntro = perUnitHeadingPattern;

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** "15 ×" as the quote writes a quantity in the language (thousands grouped). */
const quantityText = (n: number, language: QuoteLanguage) =>
  plain(new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-US').format(n));

/** How a reply to `q` is judged (see the file's comment). */
export function judgeReply(reply: string, q: QuoteQuestion, products: readonly ProductDoc[]): Outcome {
  const text = plain(reply);
  if (askBackOpenings.test(text)) return 'askedBack';
  const amounts = findMoney(text);
  const perUnit = perUnitIntro.test(text);
  if (q.expect.askBack)
    return amounts.length === 0 ? 'other' : perUnit ? 'unitPriceOnly' : 'confidentlyWrong';
  if (q.expect.notInCatalog) return amounts.length === 0 ? 'other' : 'confidentlyWrong';
  const e = q.expect;
  const states = (total: number) =>
    amounts.some((m) => Math.abs(m.amount - total) < 0.005 && (!m.currency || m.currency === e.currency));
  const byId = new Map(products.map((p) => [p.id, p]));
  const linesShown = e.lines.every((l) => {
    if (l.qty === 1) return true;
    const p = byId.get(l.product);
    const names = p ? [p.name, p.names?.ru, p.names?.en].filter((n): n is string => !!n) : [];
    return names.some((n) => text.includes(`${n}: ${quantityText(l.qty, q.language)} ×`));
  });
  const one = e.lines.length > 0 && e.lines.every((l) => l.qty === 1);
  if (states(e.total) && linesShown && (!perUnit || one)) return 'pricedRight';
  if (amounts.length === 0) return 'other';
  return perUnit ? 'unitPriceOnly' : 'confidentlyWrong';
}

/** The currency the catalog step quotes in (catalog-step.ts quoteCurrency, without a deal's). */
function currencyFor(
  text: string,
  named: readonly ProductDoc[],
  language: QuoteLanguage,
): string | undefined {
  const listed = [...new Set(named.flatMap((p) => p.prices.map((x) => x.currency)))];
  const byLanguage = language === 'ru' ? ['RUB'] : [...listed.filter((c) => c !== 'RUB'), 'RUB'];
  return [readCurrency(text), ...byLanguage].find(
    (c) => c && named.every((p) => p.prices.some((x) => x.currency === c)),
  );
}

/**
 * The baseline's reply to `q`: the old reader's lines (digits next to the product, else 1) quoted and
 * written as the quote's total; none when it names no product.
 */
export function baselineReply(q: QuoteQuestion, products: readonly ProductDoc[]): string {
  const request = readQuoteRequestBaseline(q.text, products);
  if (request.lines.length === 0) return '';
  const named = request.mentions.map((m) => m.product);
  const currency = currencyFor(q.text, named, q.language);
  const lines: QuoteLineInput[] = request.lines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
  }));
  const computed = quote(lines, products, {
    now: new Date('2026-06-01T00:00:00Z'),
    ...(currency ? { currency } : {}),
    ...(request.period ? { period: request.period } : {}),
  });
  const names = computed.lines.map(
    (l) => `${l.names?.[q.language] ?? l.name}: ${quantityText(l.quantity, q.language)} ×`,
  );
  return `${names.join('; ')} = ${formatMoney(Number(toMinor(computed.total, computed.currency)), computed.currency, q.language)}`;
}

export type Tally = Record<Outcome, number> & { questions: number };

export const emptyTally = (): Tally => ({
  questions: 0,
  pricedRight: 0,
  askedBack: 0,
  confidentlyWrong: 0,
  unitPriceOnly: 0,
  other: 0,
});

export type JudgedQuestion = {
  language: QuoteLanguage;
  id?: string;
  class?: string;
  text: string;
  expected: QuoteExpectation;
  reply: string;
  outcome: Outcome;
  baseline: Outcome;
};

export type QuoteReport = {
  perLanguage: Record<string, { reader: Tally; baseline: Tally }>;
  perClass: Record<string, { reader: Tally; baseline: Tally }>;
  questions: JudgedQuestion[];
};

export function report(judged: JudgedQuestion[]): QuoteReport {
  const perLanguage: QuoteReport['perLanguage'] = {};
  const perClass: QuoteReport['perClass'] = {};
  const add = (map: QuoteReport['perLanguage'], key: string, j: JudgedQuestion) => {
    const t = (map[key] ??= { reader: emptyTally(), baseline: emptyTally() });
    t.reader.questions++;
    t.reader[j.outcome]++;
    t.baseline.questions++;
    t.baseline[j.baseline]++;
  };
  for (const j of judged) {
    add(perLanguage, j.language, j);
    add(perLanguage, 'all', j);
    add(perClass, j.class ?? (j.expected.askBack ? 'ask-back' : 'price'), j);
  }
  return { perLanguage, perClass, questions: judged };
}

const pct = (n: number, of: number) => (of ? `${Math.round((1000 * n) / of) / 10}%` : '-');

export function formatReport(r: QuoteReport): string {
  const head = [
    '',
    'questions',
    'priced right',
    'asked back',
    'confidently wrong',
    'unit price only',
    'other',
  ];
  const row = (label: string, t: Tally) => [
    label,
    String(t.questions),
    ...outcomes.map((o) => `${t[o]} (${pct(t[o], t.questions)})`),
  ];
  const table = (title: string, map: QuoteReport['perLanguage']) => {
    const rows = Object.entries(map).flatMap(([k, v]) => [
      row(`${k} reader`, v.reader),
      row(`${k} baseline`, v.baseline),
    ]);
    const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    return [title, fmt(head), ...rows.map(fmt)].join('\n');
  };
  return `${table('Per language', r.perLanguage)}\n\n${table('Per class', r.perClass)}`;
}
