// Maestro's reading of a customer's event request, deterministic, in Russian and English: the event's
// type (a company anniversary, "юбилей компании", apart from a birthday), date (event-date.ts: words,
// and relative days against the conversation's now), place (the places gazetteer,
// reading/places: "в Подмосковье", "in New York"), guests ("гостей ~60", "человек 50", "около сотни",
// "about 120 people") and budget with its currency ("миллион рублей", "2,5 млн", "$40k", "до 400
// тыс."), format and wishes. Numbers and money come from the shared reader (reading/index.ts).
import { findMoney, findNumbers } from '../../reading/index';
import { findPlace, placeNamed, type Place } from '../../reading/places/match';
import type { PackLanguage } from '../types';
import { eventDateOf, monthOf } from './event-date';

export const eventTypes = [
  'corporate',
  'wedding',
  'conference',
  'birthday',
  'anniversary',
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
  /** The place's name in the request's language (the gazetteer's, else as written). */
  city?: string;
  /** The place as the gazetteer knows it (a region or a city), when it does. */
  place?: Place;
  guests?: number;
  budget?: { amount: number; currency: string };
  format?: EventFormat;
  wishes: string[];
  language: PackLanguage;
};

/** Event types by the words that name them, the most specific first ("юбилей компании" before "юбилей"). */
const typeWords: [EventType, RegExp][] = [
  [
    'anniversary',
    /(?:д(?:ень|ня|нем|не) рождени\p{L}*|юбиле\p{L}*|годовщин\p{L}*|\d+[-\s]?(?:лети\p{L}*|лет(?:ие|ия|ию)))\s+(?:нашей\s+|нашего\s+)?(?:компани|фирм|агентств|банк|завод|организаци|бренд|холдинг|предприяти|магазин|ресторан|студи|офис|клиник|школ|групп|бизнес)|годовщин\p{L}*|(?:company|firm|business|agency|brand|corporate)(?:'s)?\s+(?:\d+(?:st|nd|rd|th)\s+)?(?:anniversary|birthday|jubilee)|anniversary\s+of\s+(?:the|our|my)\s+(?:company|firm|business|agency)|anniversary|jubilee|(?:компани\p{L}*|фирм\p{L}*)\s+(?:исполняется|\d+\s+лет)|\d+\s+лет\s+(?:компани|фирм|агентств|банк)|company\s+turns\s+\d+/iu,
  ],
  ['wedding', /свадьб|венчан|wedding/iu],
  ['conference', /конференц|форум|семинар|конгресс|conference|summit|forum|seminar|congress|convention\b/iu],
  ['teambuilding', /тимбилдинг|тим-билдинг|team[- ]?building|offsite|off-site|retreat|командообразован/iu],
  ['birthday', /д(?:ень|ня|нем|не) рождени|д\.\s?р\.|юбиле|birthday|b-?day/iu],
  [
    'corporate',
    /корпоратив|корпоратн|новогодн\S* (?:вечер|праздник)|corporate|christmas party|holiday party|office party|staff party|summer party|year-end party/iu,
  ],
  ['launch', /презентаци\S* продукт|запуск продукт|product launch|launch party/iu],
  ['graduation', /выпускн|graduation|prom\b/iu],
  ['teambuilding', /выездн/iu],
  ['other', /банкет|фуршет|вечеринк|праздник|мероприяти|гала|banquet|party|event|reception|gala/iu],
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

/** Each sum the text states with a currency or a multiplier ("150 000 ₽", "£3,500", "1,2 млн"), in order. */
export function moneyIn(text: string): { amount: number; currency?: string; index: number }[] {
  return findMoney(text)
    .filter((m) => m.amount > 0)
    .map((m) => ({
      amount: Math.round(m.amount * 100) / 100,
      ...(m.currency ? { currency: m.currency } : {}),
      index: m.start,
    }));
}

/** The currency a request's place pays in, when the team's estimate can use it (no budget's currency). */
const countryCurrency: Record<string, string> = { RU: 'RUB', GB: 'GBP', US: 'USD' };
const euro = new Set([
  'DE',
  'FR',
  'IT',
  'ES',
  'PT',
  'NL',
  'BE',
  'AT',
  'IE',
  'FI',
  'GR',
  'CY',
  'MT',
  'LU',
  'SK',
  'SI',
  'LV',
  'LT',
  'EE',
  'HR',
  'MC',
  'ME',
]);
export const placeCurrency = (place: Place | undefined): string | undefined =>
  place ? (countryCurrency[place.country] ?? (euro.has(place.country) ? 'EUR' : undefined)) : undefined;

/** Words that make an amount the budget ("бюджет до 400 тыс.", "up to $40k"), just before it. */
const budgetWord =
  /(?:бюджет\p{L}*|budget|до|не\s+(?:более|больше|дороже)|максимум|в\s+пределах|в\s+районе|порядка|up\s+to|within|no\s+more\s+than|max(?:imum)?|spend|cost|стоимост\p{L}*|готовы\s+потратить|рассчитываем\s+на)[\s:—–-]*(?:~|≈|около|примерно|где-то|about|around|of|is|roughly)?[\s:~≈—–-]*$/iu;
/** Words after an amount that make it a price per guest ("5 000 ₽ на человека", "$100 per head"). */
const perGuest =
  /^\s*(?:на|за|с|per|a|each)\s+(?:человека|гостя|персону|участника|head|person|guest|pax|cover)(?!\p{L})/iu;

function budgetOf(
  text: string,
  language: PackLanguage,
  guests: number | undefined,
  place: Place | undefined,
): EventRequest['budget'] {
  const found = findMoney(text)
    .filter((m) => m.amount > 0)
    .map((m) => ({
      ...m,
      near: budgetWord.test(text.slice(Math.max(0, m.start - 30), m.start)),
      each: perGuest.test(text.slice(m.end, m.end + 20)),
    }));
  const best = found.find((f) => f.near) ?? found.find((f) => f.currency) ?? found[0];
  if (!best) return undefined;
  // A range's ceiling is the budget ("бюджет 300–400 тыс.").
  let amount = best.upTo ?? best.amount;
  if (best.each) {
    if (!guests) return undefined;
    amount *= guests;
  }
  const stated = best.currency ?? found.find((f) => f.currency)?.currency;
  const currency =
    stated ??
    (language === 'ru' ? 'RUB' : /£|gbp|pound/iu.test(text) ? 'GBP' : (placeCurrency(place) ?? 'USD'));
  return { amount: Math.round(amount * 100) / 100, currency };
}

/** Words for the people an event is for ("гостей", "человек", "people", "delegates"). */
const guestNoun = String.raw`(?:человек\p{L}*|чел\.?|люд\p{L}*|гост\p{L}*|участник\p{L}*|персон\p{L}*|сотрудник\p{L}*|делегат\p{L}*|приглаш[её]нн\p{L}*|коллег\p{L}*|партн[её]р\p{L}*|дилер\p{L}*|клиент\p{L}*|дет\p{L}*|ребят\p{L}*|ребен\p{L}*|пар(?!\p{L})|душ(?!\p{L})|pax|people|persons?|guests?|attendees?|participants?|staff|delegates?|employees?|colleagues?|invitees?|visitors?|heads|kids|children|adults|members|partners|clients|dealers|couples?)`;
const nounAfter = new RegExp(String.raw`^\s*[-–—]?\s*(?:(?:\p{L}+)\s+){0,2}?${guestNoun}(?!\p{L})`, 'iu');
const nounBefore = new RegExp(
  String.raw`${guestNoun}\s*(?:будет|будут|ожидается|ожидаем|planned|expected|will be|of|—|–|-|:)?\s*(?:около|примерно|порядка|где-то|до|about|around|roughly|up to)?\s*[~≈]?\s*$`,
  'iu',
);
/** What a number is counting when it is not guests: money, time, age, ordinals, things. */
const notGuests =
  /^\s*(?:[-–]?\s*(?:го|е|й|th|st|nd|rd)(?!\p{L})|%|процент|лет|год|years?|yrs|месяц|month|недел|week|дн|day|час|hour|минут|minute|этаж|floor|км|km|м(?!\p{L})|m(?!\p{L})|метр|meter|звезд|star|\p{Sc}|руб|р\.|usd|eur|gbp|долл|евро|фунт|dollar|euro|pound|тыс|млн|k(?!\p{L})|к(?!\p{L})|thousand|million|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/iu;

function guestsOf(text: string): number | undefined {
  const money = findMoney(text);
  const candidates = findNumbers(text)
    .filter((n) => Number.isInteger(n.value) && n.value >= 1 && n.value <= 100_000)
    .filter((n) => !money.some((m) => n.start < m.end && m.start < n.end))
    .map((n) => {
      const after = text.slice(n.end, n.end + 40);
      const before = text.slice(Math.max(0, n.start - 40), n.start);
      const strong = nounAfter.test(after) || nounBefore.test(before);
      // "на 120", "for 120", "120 pax": a count with no unit, after "на"/"for".
      // "нас будет около 60", "about 60, please": a round count with nothing after it.
      const weak =
        (/(?:^|\s)(?:на|for|для)\s*$/iu.test(before) ||
          (/(?:около|примерно|порядка|about|around|roughly)\s*$/iu.test(before) &&
            /^\s*(?:[,;.!?)]|$)/u.test(after))) &&
        !notGuests.test(after);
      return { n, strong, weak: weak && !strong };
    });
  const best = candidates.find((c) => c.strong) ?? candidates.find((c) => c.weak);
  if (!best) return undefined;
  // A range ("80–100 гостей") is planned for its high end.
  return best.n.upTo !== undefined && Number.isInteger(best.n.upTo) ? best.n.upTo : best.n.value;
}

/** The request's place: the gazetteer's (its name in the request's language), else a capitalised
 * name after "в"/"in" that the gazetteer does not know. */
function placeOf(text: string, language: PackLanguage): { place?: Place; city?: string } {
  const found = findPlace(text);
  if (found) return { place: found.place, city: found.place[language] };
  const m =
    language === 'ru'
      ? text.match(/(?:^|\s)(?:в|во)\s+(?:г\.\s*|городе\s+)?([А-ЯЁ][а-яё-]{2,})/u)
      : text.match(/\bin\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)/u);
  const word = m?.[1];
  if (!word || monthOf(word) >= 0 || /^(?:The|Our|My|We|A|An|This|That|Next|Our)$/u.test(word)) return {};
  return { city: word };
}

/** A city's names in both languages (as extractEvent writes them), for matching a directory. */
export function cityForms(city: string | undefined): string[] {
  if (!city) return [];
  const known = placeNamed(city);
  return known ? [known.ru, known.en, ...known.names] : [city];
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
  const date = eventDateOf(text, now);
  const { place, city } = placeOf(text, language);
  const guests = guestsOf(text);
  const budget = budgetOf(text, language, guests, place);
  const format = formatOf(text);
  const wishes = wishWords.filter((w) => w.match.test(text)).map((w) => w[language]);
  return {
    ...(type ? { type } : {}),
    ...(date ? { date } : {}),
    ...(city ? { city } : {}),
    ...(place ? { place } : {}),
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
