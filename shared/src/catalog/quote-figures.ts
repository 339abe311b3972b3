// The figures a reply about a quote states, and which of them the quote did not compute: the reply
// gate's check that a model adds no price, discount or total of its own and no card or account number
// (issue 60). Money is a number next to a currency sign, code or word ("12 000 ₽", "$1,015.50",
// "2 137,50 $", "24 USD", "500 рублей") or a number grouped in thousands ("12,000"); a percentage is a
// number before "%". Plain numbers (quantities, days) and runs that are not one number (phones, dates,
// order numbers) are not figures; a run of 13 or more digits (a card, a 20-digit Russian account) or an
// IBAN-like code is refused whatever the quote says. Money written with a multiplier or in words
// ("50 тыс. ₽", "$2k", "полмиллиона рублей", "a million dollars") and percentages in words ("десять
// процентов", "five percent") are read by the reader (../reading) and refused the same way (issue 61).
import { findMoney, findNumbers } from '../reading/index';

/** What a quote computed: amounts in major units, percentages, and the quantities it printed. */
export type QuoteFigures = { amounts: number[]; percents: number[]; counts: number[] };

export type Figure = {
  kind: 'money' | 'percent' | 'grouped' | 'plain' | 'account';
  /** As written in the text. */
  text: string;
  value: number;
};

const separator = "[ \\u00a0\\u202f\\u2009.,']";
/** A run of digit groups: a number, a phone, a date, a card. A leading `+` or bracket is a phone's. */
const run = new RegExp(
  `(?<![\\p{L}\\d])(?:\\+|\\(\\d{1,5}\\)[ \\u00a0]?)?\\d` +
    `(?:\\d|\\(\\d{1,5}\\)(?=[ \\u00a0-]?\\d)|(?:${separator}|[-‐‑])(?=\\d|\\(\\d))*`,
  'gu',
);
/** One number: grouped in thousands ("1 250", "1,015.50", "22 500,00") or plain ("1250", "12.5"). */
const oneNumber = new RegExp(
  `^(?:\\d{1,3}(?:${separator}\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)$`,
  'u',
);
const date = /^(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})$/;
const iban = /(?<![\p{L}\d])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z\d]){11,30}(?![\p{L}\d])/gu;

/** A currency's words; codes and signs are recognised as such (`\p{Sc}`, ISO codes). */
const currencyWord =
  /^(руб(\.|л\p{L}*|(?!\p{L}))|р\.|р(?!\p{L})|коп(\.|е\p{L}*|(?!\p{L}))|долл\p{L}*|бакс\p{L}*|евро(?!\p{L})|тенге|грн|гривн\p{L}*|(dollar|buck|euro|r[ou]ble|cent)s?(?!\p{L})|tenge)/iu;
const currencyCodes = new Set<string>(
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('currency')
    : ['RUB', 'USD', 'EUR', 'GBP', 'KZT', 'BYN', 'UAH', 'CNY', 'JPY'],
);
const isCode = (word: string | undefined) => !!word && currencyCodes.has(word);

function moneyAround(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 6), start).replace(/[\s\u00a0\u202f\u2009]+$/u, '');
  const after = text.slice(end, end + 12).replace(/^[\s\u00a0\u202f\u2009]+/u, '');
  return (
    /\p{Sc}$/u.test(before) ||
    isCode(/(?<![\p{L}])([A-Z]{3})$/u.exec(before)?.[1]) ||
    /^\p{Sc}/u.test(after) ||
    isCode(/^([A-Z]{3})(?![\p{L}])/u.exec(after)?.[1]) ||
    currencyWord.test(after)
  );
}

const percentAfter = (text: string, end: number) =>
  /^[\s\u00a0\u202f\u2009]?(%|процент|percent)/iu.test(text.slice(end, end + 12));

function valueOf(number: string): { value: number; grouped: boolean } {
  const decimal = /[.,](\d{1,2})$/.exec(number);
  const whole = decimal ? number.slice(0, decimal.index) : number;
  const digits = whole.replace(/\D/g, '');
  return {
    value: Number(`${digits}${decimal ? `.${decimal[1]}` : ''}`),
    grouped: digits.length !== whole.length,
  };
}

/** The figures a text states (see the file's comment), in order. */
export function figuresIn(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(iban)) {
    if ((m[0].match(/\d/g) ?? []).length >= 10) out.push({ kind: 'account', text: m[0], value: NaN });
  }
  for (const m of text.matchAll(run)) {
    const span = m[0];
    const digits = (span.match(/\d/g) ?? []).length;
    const identifier = () => {
      if (digits >= 13) out.push({ kind: 'account', text: span, value: NaN });
    };
    if (/^\+|\(/.test(span)) {
      if (digits > 15) identifier();
      continue; // a phone
    }
    if (date.test(span)) continue;
    const parts = span.split(/[-‐‑]/);
    // A range ("25 000-30 000") is two numbers; anything else that is not one number is an identifier.
    if (parts.length > 2 || !parts.every((p) => oneNumber.test(p))) {
      identifier();
      continue;
    }
    if (parts.some((p) => p.replace(/\D/g, '').length >= 13 && !valueOf(p).grouped)) {
      identifier();
      continue;
    }
    const start = m.index;
    const end = start + span.length;
    const money = moneyAround(text, start, end);
    const percent = percentAfter(text, end);
    for (const p of parts) {
      const { value, grouped } = valueOf(p);
      const kind = percent ? 'percent' : money ? 'money' : grouped ? 'grouped' : 'plain';
      out.push({ kind, text: p, value });
    }
  }
  return out;
}

const among = (value: number, list: readonly number[]) => list.some((n) => Math.abs(n - value) < 0.005);

/**
 * The figures of `text` the quote did not compute: money and thousands-grouped numbers not among its
 * amounts (a grouped number may be a quantity it printed), percentages not among its percentages, and
 * every card or account number.
 */
export function inventedFigures(text: string, computed: QuoteFigures): Figure[] {
  const figures = figuresIn(text);
  const invented = figures.filter((f) => {
    if (f.kind === 'account') return true;
    if (f.kind === 'percent') return !among(f.value, computed.percents);
    if (f.kind === 'money') return !among(f.value, computed.amounts);
    if (f.kind === 'grouped') return !among(f.value, [...computed.amounts, ...computed.counts]);
    return false;
  });
  return [...invented, ...readerFigures(text, figures, computed)];
}

/**
 * Money and percentages the digit runs above do not give as such: an amount with a multiplier or in
 * words ("50 тыс. ₽", "$2k", "полмиллиона рублей"), a percentage in words ("десять процентов").
 */
function readerFigures(text: string, figures: readonly Figure[], computed: QuoteFigures): Figure[] {
  const out: Figure[] = [];
  const seen = (value: number) =>
    figures.some((f) => f.kind !== 'plain' && Math.abs(f.value - value) < 0.005);
  for (const m of findMoney(text)) {
    if (among(m.amount, computed.amounts) || seen(m.amount)) continue;
    const written = text.slice(m.start, m.end);
    // Plain digits with a currency are figuresIn's; here only what a multiplier or words made.
    if (
      /^[\p{Sc}A-Z\s\u00a0\u202f.,'\d]*(?:руб\p{L}*\.?|р\.|долл\p{L}*|евро|dollars?|euros?|r[ou]bles?)?$/u.test(
        written,
      )
    )
      continue;
    out.push({ kind: 'money', text: written, value: m.amount });
  }
  for (const n of findNumbers(text)) {
    if (!n.words || !/^[\s\u00a0]*(?:%|процент|percent)/iu.test(text.slice(n.end, n.end + 12))) continue;
    if (!among(n.value, computed.percents))
      out.push({ kind: 'percent', text: text.slice(n.start, n.end), value: n.value });
  }
  return out;
}

/** A `quote` tool result as far as its figures go (catalog-tools.ts). */
export type QuotedResult = {
  text?: string;
  total?: number;
  lines?: Array<{
    quantity?: number;
    unitPrice?: number;
    total?: number;
    discounts?: Array<{ percent?: number }>;
  }>;
  tax?: { percent?: number };
  /** A `find_products` result: the catalog's own prices and discounts are not invented either. */
  products?: Array<{
    prices?: Array<{ amount?: number }>;
    discounts?: Array<{ percent?: number; minQuantity?: number }>;
  }>;
};

/**
 * The figures of computed quotes: the numbers of their printed arithmetic (formatQuote: unit prices,
 * line amounts, each discount's result, tax, total) and of their data, and the catalog's prices and
 * discounts that `find_products` gave.
 */
export function quoteFigures(results: readonly QuotedResult[]): QuoteFigures {
  const figures: QuoteFigures = { amounts: [], percents: [], counts: [] };
  const num = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  for (const r of results) {
    for (const f of figuresIn(r.text ?? '')) {
      if (f.kind === 'money') figures.amounts.push(f.value);
      else if (f.kind === 'percent') figures.percents.push(f.value);
      else if (f.kind !== 'account') figures.counts.push(f.value);
    }
    if (num(r.total)) figures.amounts.push(r.total);
    if (num(r.tax?.percent)) figures.percents.push(r.tax.percent);
    for (const l of r.lines ?? []) {
      for (const n of [l.unitPrice, l.total]) if (num(n)) figures.amounts.push(n);
      if (num(l.quantity)) figures.counts.push(l.quantity);
      for (const d of l.discounts ?? []) if (num(d.percent)) figures.percents.push(d.percent);
    }
    for (const p of r.products ?? []) {
      for (const price of p.prices ?? []) if (num(price.amount)) figures.amounts.push(price.amount);
      for (const d of p.discounts ?? []) {
        if (num(d.percent)) figures.percents.push(d.percent);
        if (num(d.minQuantity)) figures.counts.push(d.minQuantity);
      }
    }
  }
  return figures;
}
