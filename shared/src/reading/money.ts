// Money amounts in a customer's text: a number (digits or words, see numbers.ts) with a currency sign,
// code or word before or after it ("$40k", "€3000", "USD 300", "5000 руб.", "2 137,50 $", "миллион
// рублей") or with a multiplier that only money takes in a sales chat ("2,5 млн", "400 тыс.", "400к",
// "1.5m", "полмиллиона"), or after a budget word ("бюджет 300000", "budget of 5000"). The currency is
// given as an ISO code when the text states one.
import { findNumbers, isSlangMultiplier, thousandRoubles, type FoundNumber } from './numbers';

export type FoundMoney = {
  amount: number;
  currency?: string;
  start: number;
  end: number;
  approximate: boolean;
  /** A range's high end ("$40-50k"). */
  upTo?: number;
};

const signs: Record<string, string> = {
  '₽': 'RUB',
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  '₸': 'KZT',
  '₴': 'UAH',
};

/** Currency words (lower case) as ISO codes. */
const currencyWords: Array<[RegExp, string]> = [
  // «р.», and «р» before a slash of a price per something («2500 р/чел»).
  [/^(?:руб(?:л\p{L}*|\.)?|р\.|р(?=\/)|rub(?:les?)?|roubles?)/u, 'RUB'],
  [/^(?:долл\p{L}*|бакс\p{L}*|dollars?|bucks?|usd)/u, 'USD'],
  [/^(?:евро|euros?|eur)(?!\p{L})/u, 'EUR'],
  [/^(?:фунт\p{L}*|pounds?|gbp)/u, 'GBP'],
  [/^(?:юан\p{L}*|yuan|cny)/u, 'CNY'],
  [/^(?:тенге|tenge|kzt)/u, 'KZT'],
  [/^(?:гривн\p{L}*|грн|uah)/u, 'UAH'],
  [/^(?:бел(?:орусск\p{L}*)?\s+руб\p{L}*|byn)/u, 'BYN'],
];

const codes = /^(RUB|USD|EUR|GBP|CNY|KZT|UAH|BYN|CHF|JPY)(?![\p{L}])/u;

/**
 * Words that may come between an amount and its currency word: «в»/"in" ("15 grand in US dollars",
 * «500 тысяч в долларах»), the country of a dollar ("US dollars", «американских долларов»).
 */
const currencyLead =
  /^(?:(?:in|в)[\s\u00a0]+)?(?:(?:us|u\.s\.|american|американск\p{L}*|долларах\s+сша)[\s\u00a0]+(?=долл|dollar|бакс|usd))?/u;

/** The currency written right after a number ("₽", " руб.", " USD", " долларов", " in US dollars"): code and length. */
function currencyAfter(text: string, end: number): { code: string; length: number } | undefined {
  const rest = text.slice(end, end + 40);
  const lead = /^[\s\u00a0\u202f\u2009]*/u.exec(rest)![0].length;
  const head = rest.slice(lead);
  const sign = signs[head[0] ?? ''];
  if (sign) return { code: sign, length: lead + 1 };
  const code = codes.exec(head);
  if (code) return { code: code[1]!, length: lead + code[0].length };
  const lower = head.toLowerCase().replace(/ё/g, 'е');
  const words = currencyLead.exec(lower)![0].length;
  const lowerHead = lower.slice(words);
  // "in USD", «в USD»: a code after the lead words.
  const leadCode = words ? codes.exec(head.slice(words)) : undefined;
  if (leadCode) return { code: leadCode[1]!, length: lead + words + leadCode[0].length };
  for (const [re, c] of currencyWords) {
    const m = re.exec(lowerHead);
    if (m && !/^\p{L}/u.test(lowerHead.slice(m[0].length)))
      return { code: c, length: lead + words + m[0].length };
  }
  return undefined;
}

/** The currency written right before a number ("$", "€ ", "USD ", "руб. "): code and length. */
function currencyBefore(text: string, start: number): { code: string; length: number } | undefined {
  const head = text.slice(Math.max(0, start - 8), start);
  const sign = /(\p{Sc})[\s\u00a0]*$/u.exec(head);
  if (sign && signs[sign[1]!]) return { code: signs[sign[1]!]!, length: sign[0].length };
  const code = /(?<![\p{L}])(RUB|USD|EUR|GBP|CNY|KZT)[\s\u00a0]*$/u.exec(head);
  if (code) return { code: code[1]!, length: code[0].length };
  return undefined;
}

// «бюдж» (chat short form, since events8).
const budgetBefore =
  /(?:бюджет\p{L}*|бюдж(?!\p{L})\.?|стоимост\p{L}*|сумм\p{L}*|budget|spend|cost)(?:[\s:—–-]+(?:до|в|около|примерно|порядка|of|is|up\s+to|around|about|~))?[\s:~≈—–-]*$/iu;
/**
 * The budget word itself ("бюджет до 400 тысяч", "budget 20 thousand"): a multiplier after it is money
 * whatever word follows («бюджет до 400 тысяч перезвоните …»: a phone, a request, a name).
 */
const budgetNounBefore =
  /(?:бюджет\p{L}*|бюдж(?!\p{L})\.?|budget)(?:[\s:—–-]+(?:до|в|около|примерно|порядка|of|is|up\s+to|around|about|~))?[\s:~≈—–-]*$/iu;

const approxBefore =
  /(?:~|≈|около|примерно|приблизительно|порядка|где-то|about|around|approximately|roughly)\s*$/iu;

/** The money amounts a text states, in order. */
export function findMoney(text: string): FoundMoney[] {
  const out: FoundMoney[] = [];
  for (const n of findNumbers(text, { mSuffix: true })) {
    // "150 т.р.": the reader took the abbreviation of thousands of roubles as the number's multiplier.
    // Also the last part of an amount written in parts ("2 млн 300 т.р.").
    const roubles =
      (n.multiplier ?? 0) >= 1000 &&
      thousandRoubles.test(text.slice(n.start, n.end).replace(/^.*\d[\s\u00a0\u202f.,]*/u, ''));
    const after = roubles ? { code: 'RUB', length: 0 } : currencyAfter(text, n.end);
    const before = after ? undefined : currencyBefore(text, n.start);
    const before30 = text.slice(Math.max(0, n.start - 30), n.start);
    const budget = budgetBefore.test(before30);
    const bigMultiplier =
      (n.multiplier ?? 0) >= 1000 && (budgetNounBefore.test(before30) || !isCountedThousands(text, n));
    // "стоимость 12 кресел", "cost of 3 desks": after a price word, a number that counts a thing.
    if (!after && !before && !bigMultiplier && (!budget || isCountedThousands(text, n))) continue;
    const start = before ? n.start - before.length : n.start;
    const end = after ? n.end + after.length : n.end;
    const currency = after?.code ?? before?.code;
    const approximate = n.approximate || approxBefore.test(text.slice(Math.max(0, start - 20), start));
    out.push({
      amount: n.value,
      ...(currency ? { currency } : {}),
      start,
      end,
      approximate,
      ...(n.upTo !== undefined
        ? { upTo: n.multiplier && n.upTo < n.value ? n.upTo * n.multiplier : n.upTo }
        : {}),
    });
  }
  return out;
}

/**
 * "3 тысячи кресел", "2 thousand chairs", "стоимость 12 кресел": a number followed by a word that is
 * not money's (a counted thing), not an amount of money.
 */
function isCountedThousands(text: string, n: FoundNumber): boolean {
  // "бюджет 2 млн. Контакт: …": the abbreviation's dot before a capital ends the sentence; the next word
  // counts nothing (since events9 without a budget word right before it: «бюджет на банкет и программу —
  // 1,2 млн. Хотят в Питере»).
  if (text[n.end - 1] === '.' && /^[\s\u00a0]+\p{Lu}/u.test(text.slice(n.end, n.end + 4))) return false;
  // An amount that ends its line («Бюджет: в пределах 1,5 млн» / «Город: Москва»; since events10): the
  // next line's first word counts nothing.
  if (/^[ \t\u00a0]*\r?\n/u.test(text.slice(n.end))) return false;
  // «на пол ляма человек на 35», «50 косарей»: money slang counts money only, whatever word follows.
  const lastWord = /\p{L}+$/u.exec(text.slice(n.start, n.end))?.[0];
  if (lastWord && isSlangMultiplier(lastWord)) return false;
  // "5-ти кресел": a case ending written after the digits is skipped.
  const next = /^(?:-\p{L}{1,3})?[\s\u00a0]*(\p{L}+)/u
    .exec(text.slice(n.end, n.end + 30))?.[1]
    ?.toLowerCase();
  if (!next) return false;
  if (currencyWords.some(([re]) => re.test(next))) return false;
  // Words that follow an amount of money, not a count.
  // A spending verb after it («тысяч 40 готовы потратить», «300 тысяч можем выделить»; since events11).
  if (
    /^(?:готовы|готов|готова|можем|могу|потратим|выделим|выделили|выделяем|заложили|закладываем)$/u.test(next)
  )
    return false;
  return !/^(?:на|за|в|в\s|for|on|per|budget|бюджет|total|итого|max|максимум|or|или|and|и|to|до|примерно|приблизительно|около|где-то|всего|включая|approximately|roughly|about|around|including|in|with|с|без|without|is|was|будет|было)$/u.test(
    next,
  );
}
