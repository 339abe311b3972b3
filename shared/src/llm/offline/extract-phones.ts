// Phone numbers in customer messages, by libphonenumber-js (Google's PhoneNumberMatcher): each found
// number in E.164 (`+46892857138`, an extension as `+13458993560;ext=4587`). Numbers written without a
// country code are read in the candidate regions (phone-regions.ts); one valid in a region wins over
// one only possible (the right length) in it. A possible-only number counts when it is written as a
// phone: with a country code, or next to a word like "phone" / "телефон", or in the first region with
// phone-like grouping. Numbers after "order", "ИНН", "№", ... or next to a currency are not phones.
// A number right after a phone label (`Phone:`, `Тел.`, `call me on`: phone-labels.ts) is a phone even
// when no region validates it, kept as written (issue 35); dates and times are never phones.
import {
  findPhoneNumbersInText,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { labelledAsPhone, mainDigits, numberRuns } from './phone-labels';

export type FoundPhone = { value: string; start: number; end: number; valid: boolean };
export type PhoneSearchOptions = {
  /** Default regions, most likely first (phone-regions.ts). */
  regions?: readonly string[];
};

/** A region whose international prefix is 00, to read `001-518-...` written from abroad. */
const IDD_00_REGION: CountryCode = 'DE';
/** Tried last, for valid numbers only, in text in the Latin script (NANP: the largest English plan). */
const LATIN_FALLBACK: CountryCode = 'US';

// Words before a number that make it something else; and words that make it a phone.
const notPhoneBefore =
  /(?:^|[^\p{L}])(?:заказ\p{L}*|order|ord|ref|reference|réf|référence|rechnung\p{L}*|bestell\p{L}*|auftrag\p{L}*|pedido|factura|fattura|ordine|commande|facture|bestelling|factuur|zamówieni\p{L}*|faktur\p{L}*|sipariş|fatura|serial|lot|lote|инн|inn|огрн\p{L}*|кпп|бик|окпо|снилс|snils|паспорт\p{L}*|passport|invoice|сч[её]т\p{L}*|артикул\p{L}*|sku|арт|трек\p{L}*|tracking|ticket|тикет\p{L}*|заявк\p{L}*|договор\p{L}*|contract|карт\p{L}*|card|account|acct|iban|р\/с|л\/с|id|цен\p{L}*|price|стоимост\p{L}*|сумм\p{L}*|total|итого|бюджет\p{L}*|budget|оплат\p{L}*|paid|pay)(?:[^\p{L}\p{N}]+(?:no|nr|num|number|номер|n°|№)\.?)?[^\p{L}\p{N}]{0,3}$|[№#$€₽£]\s?$/iu;
const notPhoneAfter =
  /^\s?(?:руб\p{L}*|р\.|₽|rub|usd|eur|\$|€|£|долл\p{L}*|dollars?|euros?|евро|шт|pcs|kg|кг|%)/iu;
const phoneCue =
  /(?:phone|tel|call|ring|dial|mobile|mob|cell|number|whats ?app|viber|signal|sms|text me|contact|reach|fax|телефон\p{L}*|тел|номер\p{L}*|звон\p{L}*|позвон\p{L}*|моб\p{L}*|сотов\p{L}*|ватсап\p{L}*|вайбер\p{L}*|связ\p{L}*|téléphone|portable|appel\p{L}*|numéro|telefon\p{L}*|handy|ruf\p{L}*|nummer|tlf|puhelin|numer|número|numero|chiam\p{L}*|llam\p{L}*)/iu;
/** Digits that read as a date (12.03.2026, 2026-03-12, 03/12/26): never a phone. */
function isDate(raw: string): boolean {
  const m = raw.match(/^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/);
  if (!m) return false;
  const [a, b, c] = [m[1]!, Number(m[2]), m[3]!];
  const dayMonth = (d: number, mo: number) => d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
  if (a.length === 4) return c.length <= 2 && dayMonth(Number(c), b);
  if (c.length !== 2 && c.length !== 4) return false;
  return dayMonth(Number(a), b) || dayMonth(b, Number(a));
}

/** A date inside the digits (`12.03.2019 10`, `2026-03-01 18`): a form's timestamp, not a phone. */
const dateInside =
  /(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2})(?!\d)/;
/** Digits that read as a date or a time: the whole is a date, holds one, or runs into `:15` (an hour). */
const dateOrTime = (text: string, start: number, end: number) =>
  isDate(text.slice(start, end).trim()) ||
  dateInside.test(text.slice(start, end)) ||
  /^:\d{2}/.test(text.slice(end, end + 3));

type Candidate = FoundPhone & { rank: number; possibleOnly: boolean };

const e164 = (n: PhoneNumber) => (n.ext ? `${n.number};ext=${n.ext}` : n.number);

/** Digits glued to letters (`A-2026-33910`, `INV-2026`, `DE123456789`): part of a code, not a phone. */
const codeBefore = /\p{L}[-/]?$/u;

function accept(text: string, c: Candidate, primary: boolean): boolean {
  const raw = text.slice(c.start, c.end);
  if (codeBefore.test(text.slice(Math.max(0, c.start - 2), c.start))) return false;
  if (dateOrTime(text, c.start, c.end)) return false;
  const before = text.slice(Math.max(0, c.start - 30), c.start);
  if (notPhoneBefore.test(before) || notPhoneAfter.test(text.slice(c.end, c.end + 12))) return false;
  if (!c.possibleOnly) return true;
  const international = /^\s*(?:\+|00)/.test(raw);
  const cue = phoneCue.test(text.slice(Math.max(0, c.start - 40), c.start));
  const grouped = /[\s().-]/.test(raw.trim());
  return international || cue || (primary && grouped);
}

const MIN_PHONE_DIGITS = 4;

function candidates(text: string, region: CountryCode | undefined, rank: number): Candidate[] {
  return findPhoneNumbersInText(text, {
    ...(region ? { defaultCountry: region } : {}),
    // `extended`: POSSIBLE leniency (the right length for the region); validity is judged below.
    extended: true,
  }).map((m) => ({
    value: e164(m.number),
    start: m.startsAt,
    end: m.endsAt,
    valid: m.number.isValid(),
    possibleOnly: !m.number.isValid(),
    rank,
  }));
}

/** Every phone number in the text, in the order written, each once. */
export function findPhones(text: string, options: PhoneSearchOptions = {}): FoundPhone[] {
  // No region's numbers are shorter than 4 digits (libphonenumber's possible lengths): most messages
  // have fewer and skip the several passes of the phone parser below.
  if ((text.match(/\p{Nd}/gu)?.length ?? 0) < MIN_PHONE_DIGITS) return [];
  const regions = (options.regions ?? []) as CountryCode[];
  const all: Candidate[] = regions.flatMap((r, i) => candidates(text, r, i));
  all.push(...candidates(text, undefined, regions.length));
  // `00` + country code, as dialled from most countries.
  all.push(
    ...candidates(text, IDD_00_REGION, regions.length).filter((c) =>
      text.slice(c.start, c.end).startsWith('00'),
    ),
  );
  if (!regions.includes(LATIN_FALLBACK) && !/\p{Script=Cyrillic}/u.test(text))
    all.push(...candidates(text, LATIN_FALLBACK, regions.length + 1).filter((c) => c.valid));
  const ranked = all
    .filter((c) => accept(text, c, c.rank === 0))
    .sort(
      (a, b) => Number(b.valid) - Number(a.valid) || a.rank - b.rank || b.end - b.start - (a.end - a.start),
    );
  const chosen: Candidate[] = [];
  for (const c of ranked) {
    if (chosen.some((o) => c.start < o.end && o.start < c.end)) continue;
    chosen.push(c);
  }
  addLabelled(text, regions, chosen);
  const seen = new Set<string>();
  return chosen
    .sort((a, b) => a.start - b.start)
    .filter((c) => !seen.has(c.value) && !!seen.add(c.value))
    .map(({ value, start, end, valid }) => ({ value, start, end, valid }));
}

/** Fewest and most digits of a labelled number kept without validation (a 6-digit city number). */
const LABELLED_DIGITS = { min: 6, max: 15 } as const;

/**
 * Numbers after a phone label (`Phone:`, `Тел.`, `call me on`, phone-labels.ts) are phones even when no
 * region validates them: in E.164 when valid in a candidate region, else as written. A labelled number
 * the parser already found whole keeps the parser's reading; one it found in part, or not at all, is
 * taken whole. Dates, times and amounts after a label are still not phones.
 */
function addLabelled(text: string, regions: readonly CountryCode[], chosen: Candidate[]): void {
  for (const r of numberRuns(text)) {
    if (r.digits < LABELLED_DIGITS.min || r.digits > LABELLED_DIGITS.max) continue;
    if (!labelledAsPhone(text.slice(Math.max(0, r.start - 60), r.start))) continue;
    if (dateOrTime(text, r.start, r.end) || notPhoneAfter.test(text.slice(r.end, r.end + 12))) continue;
    const inside = chosen.filter((c) => c.start < r.end && r.start < c.end);
    const found = inside.reduce((n, c) => n + mainDigits(text.slice(c.start, c.end)), 0);
    if (inside.length && found >= r.digits) continue;
    for (const c of inside) chosen.splice(chosen.indexOf(c), 1);
    const e164Form = validIn(r.raw, regions);
    chosen.push({
      value: e164Form ?? r.raw,
      start: r.start,
      end: r.end,
      valid: !!e164Form,
      possibleOnly: !e164Form,
      rank: regions.length,
    });
  }
}

/** The E.164 form of a number valid as written (with its country code) or in one of the regions. */
function validIn(raw: string, regions: readonly CountryCode[]): string | undefined {
  for (const region of [undefined, ...regions]) {
    const n = parsePhoneNumberFromString(raw, region ? { defaultCountry: region } : {});
    if (n?.isValid()) return e164(n);
  }
  return undefined;
}

/**
 * A phone the model or a person wrote, in E.164 when it reads as one in the candidate regions
 * (international form first); otherwise undefined.
 */
export function normalizePhone(value: string, regions: readonly string[] = []): string | undefined {
  const tries = [undefined, ...regions] as (CountryCode | undefined)[];
  let possible: PhoneNumber | undefined;
  for (const region of tries) {
    const n = parsePhoneNumberFromString(value, region ? { defaultCountry: region } : {});
    if (n?.isValid()) return e164(n);
    if (n?.isPossible() && !possible) possible = n;
  }
  return possible ? e164(possible) : undefined;
}
