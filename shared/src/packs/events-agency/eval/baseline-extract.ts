// BASELINE for npm run eval:events: the events pack's reading (extract.ts) as it was before issue 61's
// work (git show 2dcaaea:shared/src/packs/events-agency/extract.ts), kept unchanged so the evaluation
// reports the new reading beside it in the same run. Not used by the product.
// Maestro's reading of a customer's event request, deterministic, in Russian and English: the event's
// type, date, city, guests, budget with its currency, format and wishes. "корпоратив на 120 человек в
// Москве 14 марта 2027, бюджет 2 млн рублей", "a corporate party for 120 people in London on 14 March
// 2027, budget 50,000 GBP", "£50k", "2 000 000 ₽", "1,5 млн". Dates the message gives without a year
// fall back to the offline provider's date reading (llm/offline/extract-date.ts).
import { extractDate } from '../../../llm/offline/extract-date';
import type { PackLanguage } from '../../types';

export const eventTypes = [
  'corporate',
  'wedding',
  'conference',
  'birthday',
  'teambuilding',
  'launch',
  'graduation',
  'other',
] as const;
export type EventType = (typeof eventTypes)[number];
export type EventFormat = 'in-person' | 'online' | 'hybrid';

export type EventRequest = {
  type?: EventType;
  /** A calendar day, YYYY-MM-DD. */
  date?: string;
  city?: string;
  guests?: number;
  budget?: { amount: number; currency: string };
  format?: EventFormat;
  wishes: string[];
  language: PackLanguage;
};

const typeWords: [EventType, RegExp][] = [
  [
    'corporate',
    /корпоратив|корпоратн|новогодн\S* (?:вечер|праздник)|corporate|christmas party|office party|staff party|summer party/iu,
  ],
  ['wedding', /свадьб|венчан|wedding/iu],
  ['conference', /конференц|форум|семинар|conference|summit|forum|seminar/iu],
  ['birthday', /д(?:ень|ня) рождени|юбиле|birthday|anniversary/iu],
  ['teambuilding', /тимбилдинг|team[- ]?building|offsite|выездн/iu],
  ['launch', /презентаци\S* продукт|запуск продукт|product launch|launch party/iu],
  ['graduation', /выпускн|graduation|prom\b/iu],
  ['other', /банкет|фуршет|вечеринк|праздник|мероприяти|banquet|party|event|reception|gala/iu],
];

const cities: { ru: string; en: string; match: RegExp }[] = [
  { ru: 'Москва', en: 'Moscow', match: /москв|moscow/iu },
  {
    ru: 'Санкт-Петербург',
    en: 'Saint Petersburg',
    match: /петербург|питер|спб\b|st\.? petersburg|saint petersburg/iu,
  },
  { ru: 'Казань', en: 'Kazan', match: /казан|kazan/iu },
  { ru: 'Сочи', en: 'Sochi', match: /сочи|sochi/iu },
  { ru: 'Екатеринбург', en: 'Yekaterinburg', match: /екатеринбург|yekaterinburg/iu },
  { ru: 'Новосибирск', en: 'Novosibirsk', match: /новосибирск|novosibirsk/iu },
  { ru: 'Нижний Новгород', en: 'Nizhny Novgorod', match: /нижн\S+ новгород|nizhny novgorod/iu },
  { ru: 'Калининград', en: 'Kaliningrad', match: /калининград|kaliningrad/iu },
  { ru: 'Лондон', en: 'London', match: /лондон|london/iu },
  { ru: 'Манчестер', en: 'Manchester', match: /манчестер|manchester/iu },
  { ru: 'Эдинбург', en: 'Edinburgh', match: /эдинбург|edinburgh/iu },
  { ru: 'Брайтон', en: 'Brighton', match: /брайтон|brighton/iu },
  { ru: 'Дубай', en: 'Dubai', match: /дуба[йи]|dubai/iu },
  { ru: 'Париж', en: 'Paris', match: /париж|paris/iu },
  { ru: 'Берлин', en: 'Berlin', match: /берлин|berlin/iu },
];

const wishWords: { ru: string; en: string; match: RegExp }[] = [
  { ru: 'ведущий', en: 'host', match: /ведущ|\bhost\b|\bmc\b|emcee/iu },
  { ru: 'диджей', en: 'DJ', match: /диджей|\bdj\b/iu },
  { ru: 'живая музыка', en: 'live music', match: /жив\S+ музык|кавер|live music|live band|cover band/iu },
  { ru: 'фотограф', en: 'photographer', match: /фотограф|photographer/iu },
  { ru: 'видеосъёмка', en: 'video', match: /видеограф|видеосъ[её]мк|videographer|\bvideo\b/iu },
  { ru: 'шоу-программа', en: 'show programme', match: /шоу|show/iu },
  { ru: 'фуршет', en: 'buffet', match: /фуршет|buffet/iu },
  { ru: 'банкет', en: 'banquet', match: /банкет|banquet|seated dinner/iu },
  { ru: 'декор', en: 'decor', match: /декор|флорист|decor|flowers/iu },
  { ru: 'трансфер', en: 'transfer', match: /трансфер|transfer|shuttle/iu },
  { ru: 'вегетарианское меню', en: 'vegetarian menu', match: /вегетариан|веган|vegetarian|vegan/iu },
];

const currencyWords: [string, RegExp][] = [
  ['RUB', /^(?:руб\S*|р\.?|₽|rub\S*|roubles?|rubles?)$/iu],
  ['GBP', /^(?:£|gbp|фунт\S*|pounds?)$/iu],
  ['USD', /^(?:\$|usd|долл\S*|dollars?)$/iu],
  ['EUR', /^(?:€|eur|евро|euros?)$/iu],
];
const currencyOf = (word: string | undefined) =>
  word ? currencyWords.find(([, re]) => re.test(word.trim()))?.[0] : undefined;

const multipliers: [RegExp, number][] = [
  [/^(?:млрд|billion|bn)$/iu, 1e9],
  [/^(?:млн|миллион\S*|million|mln|m|mn)$/iu, 1e6],
  [/^(?:тыс\S*|тысяч\S*|k|к|thousand|grand)$/iu, 1e3],
];
const multiplierOf = (word: string | undefined) =>
  word ? (multipliers.find(([re]) => re.test(word.trim()))?.[1] ?? 1) : 1;

/** "2 000 000", "50,000", "1,5", "1.5", "2.000.000,50" as a number. */
export function readNumber(raw: string): number | undefined {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export const detectLanguage = (text: string): PackLanguage =>
  (text.match(/[а-яё]/giu)?.length ?? 0) >= (text.match(/[a-z]/giu)?.length ?? 0) ? 'ru' : 'en';

const num = String.raw`\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*`;
const mult = String.raw`млрд|млн|миллион\S*|тыс\S*|тысяч\S*|million|mln|thousand|grand|bn|mn|k|к|m`;
const cur = String.raw`руб\S*|р\.|₽|rub\S*|roubles?|rubles?|£|gbp|фунт\S*|pounds?|\$|usd|долл\S*|dollars?|€|eur|евро|euros?`;
const moneyRe = new RegExp(
  String.raw`(${cur})?\s?(${num})\s?(${mult})?(?![a-zа-я])\.?\s*(${cur})?(?![a-zа-я])`,
  'giu',
);

/** Each sum the text states with a currency or a multiplier ("150 000 ₽", "£3,500", "1,2 млн"), in order. */
export function moneyIn(text: string): { amount: number; currency?: string; index: number }[] {
  const found: { amount: number; currency?: string; index: number }[] = [];
  for (const m of text.matchAll(moneyRe)) {
    const amount = readNumber(m[2]!);
    const currency = currencyOf(m[1]) ?? currencyOf(m[4]);
    const factor = multiplierOf(m[3]);
    if (amount === undefined || amount <= 0 || (!currency && factor === 1)) continue;
    found.push({
      amount: Math.round(amount * factor * 100) / 100,
      ...(currency ? { currency } : {}),
      index: m.index,
    });
  }
  return found;
}

function budgetOf(text: string, language: PackLanguage): EventRequest['budget'] {
  const keyword = /бюджет|budget|\bдо\s*$|(?:^|\s)до\s*$|up to|не более|within|стоимост|cost|spend/iu;
  const guestWord = /^\s*(?:человек|чел|гост|участник|персон|сотрудник|people|guest|attendee|person|pax)/iu;
  const found: { amount: number; currency?: string; near: boolean; index: number }[] = [];
  for (const m of text.matchAll(moneyRe)) {
    const amount = readNumber(m[2]!);
    if (amount === undefined) continue;
    const currency = currencyOf(m[1]) ?? currencyOf(m[4]);
    const factor = multiplierOf(m[3]);
    const before = text.slice(Math.max(0, m.index - 25), m.index);
    const near = keyword.test(before);
    if (guestWord.test(text.slice(m.index + m[0].length))) continue;
    if (!currency && !near && factor === 1) continue;
    found.push({ amount: amount * factor, ...(currency ? { currency } : {}), near, index: m.index });
  }
  const best = found.find((f) => f.near) ?? found.find((f) => f.currency) ?? found[0];
  if (!best || best.amount <= 0) return undefined;
  const currency = best.currency ?? (language === 'ru' ? 'RUB' : /£|gbp|pound/iu.test(text) ? 'GBP' : 'USD');
  return { amount: Math.round(best.amount * 100) / 100, currency };
}

function guestsOf(text: string): number | undefined {
  const m =
    text.match(
      /(\d[\d \u00a0]*)\s*(?:-|–)?\s*(?:человек|чел\b|чел\.|гост\S*|участник\S*|персон\S*|сотрудник\S*|people|guests?|attendees?|persons?|pax|participants?|staff|delegates?|employees?)/iu,
    ) ??
    text.match(/(?:на|for|около|about|around|человек|гостей)\s+(\d{2,5})(?=\s*(?:[,;!?)]|\.(?!\d)|$))/iu);
  const n = m ? Number(m[1]!.replace(/\D/g, '')) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 100_000 ? n : undefined;
}

const ruMonth = /^(январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)/iu;
const enMonth = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/iu;
const ruMonths = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'ма',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
];
const enMonths = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOf(word: string): number {
  const w = word.toLowerCase();
  if (ruMonth.test(w)) return ruMonths.findIndex((m) => (m === 'ма' ? /^ма[йяе]/u.test(w) : w.startsWith(m)));
  if (enMonth.test(w)) return enMonths.findIndex((m) => w.startsWith(m));
  return -1;
}

const ymd = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m, d));
  return date.getUTCMonth() === m && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : undefined;
};

function dateOf(text: string, now: Date): string | undefined {
  const t = text.toLowerCase();
  const dmy = t.match(/\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-zа-яё]{3,})\.?,?\s+(\d{4})/iu);
  if (dmy && monthOf(dmy[2]!) >= 0) return ymd(Number(dmy[3]), monthOf(dmy[2]!), Number(dmy[1]));
  const mdy = t.match(/\b([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/iu);
  if (mdy && monthOf(mdy[1]!) >= 0) return ymd(Number(mdy[3]), monthOf(mdy[1]!), Number(mdy[2]));
  const iso = t.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
  if (iso) return ymd(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const dotted = t.match(/\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/);
  if (dotted) return ymd(Number(dotted[3]), Number(dotted[2]) - 1, Number(dotted[1]));
  // Without a year: the offline provider's reading (the next such day).
  // Without a year: the next such day.
  const dm = [...t.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-zа-яё]{3,})/giu)]
    .map((m) => [Number(m[1]), monthOf(m[2]!)] as const)
    .concat(
      [...t.matchAll(/\b([a-z]{3,})\s+(\d{1,2})(?:st|nd|rd|th)?\b/giu)].map(
        (m) => [Number(m[2]), monthOf(m[1]!)] as const,
      ),
    )
    .find(([d, m]) => m >= 0 && d >= 1 && d <= 31);
  if (dm) {
    const [d, m] = dm;
    const y = now.getUTCFullYear();
    const day = ymd(y, m, d);
    return day && day >= now.toISOString().slice(0, 10) ? day : ymd(y + 1, m, d);
  }
  // Relative days ("завтра", "next week"): the offline provider's reading.
  if (!/завтра|tomorrow|next week|следующей неделе|\d{1,2}\.\d{1,2}/iu.test(t)) return undefined;
  return extractDate(text, now)?.slice(0, 10);
}

function cityOf(text: string, language: PackLanguage): string | undefined {
  const known = cities.find((c) => c.match.test(text));
  if (known) return known[language];
  const m =
    language === 'ru'
      ? text.match(/(?:^|\s)(?:в|во)\s+(?:г\.\s*|городе\s+)?([А-ЯЁ][а-яё-]{2,})/u)
      : text.match(/\bin\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)/u);
  const word = m?.[1];
  if (!word || monthOf(word) >= 0 || /^(?:The|Our|My|We|A)$/u.test(word)) return undefined;
  return word;
}

/** A city's names in both languages (as extractEvent writes them), for matching a directory. */
export function cityForms(city: string | undefined): string[] {
  if (!city) return [];
  const known = cities.find((c) => c.ru === city || c.en === city || c.match.test(city));
  return known ? [known.ru, known.en] : [city];
}

function formatOf(text: string): EventFormat | undefined {
  if (/гибрид|hybrid/iu.test(text)) return 'hybrid';
  if (/офлайн|оффлайн|очно|вживую|in[- ]person|offline|on[- ]site/iu.test(text)) return 'in-person';
  if (/онлайн|online|virtual|виртуальн|zoom/iu.test(text)) return 'online';
  return undefined;
}

/** The event the message asks for: what it says, nothing guessed (wishes may be empty). */
export function extractEvent(text: string, now: Date, language = detectLanguage(text)): EventRequest {
  const type = typeWords.find(([, re]) => re.test(text))?.[0];
  const date = dateOf(text, now);
  const city = cityOf(text, language);
  const guests = guestsOf(text);
  const budget = budgetOf(text, language);
  const format = formatOf(text);
  const wishes = wishWords.filter((w) => w.match.test(text)).map((w) => w[language]);
  return {
    ...(type ? { type } : {}),
    ...(date ? { date } : {}),
    ...(city ? { city } : {}),
    ...(guests ? { guests } : {}),
    ...(budget ? { budget } : {}),
    ...(format ? { format } : {}),
    wishes,
    language,
  };
}

/** Enough of an event to plan and estimate: a type or guests, and a date or guests. */
export const isEventRequest = (e: EventRequest) =>
  [e.type && e.type !== 'other', e.guests, e.date, e.budget].filter(Boolean).length >= 2;
