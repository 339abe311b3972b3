// A product's unit as the customer reads it, in the reply's language: the product's own word for that
// language (`units.ru`, `units.en`, like `names`), else the common units known here ("seat" ⇄ «место»,
// "pcs" ⇄ «шт.», "hour" ⇄ «час», "day" ⇄ «день», "sq m" ⇄ «кв. м», "kg" ⇄ «кг») in the form a number
// asks for ("от 10 мест", "from 10 seats"), else the word as the team wrote it. No unit at all reads as
// pieces. The same table gives the reader (../reading/quantities.ts) every form of each unit's word in
// a customer's message ("16 квадратных метров", «на трое суток», "12 kg", "10 sq m") and the measure a
// product is sold by (`measureOf`): one list of unit words, here.
import type { ProductDoc } from '../schemas/products';

export type UnitLanguage = 'ru' | 'en';

/**
 * What a product's quantity counts: pieces (also seats, users, licences, sets: a count of things), or
 * a measure: hours, days, nights, weeks, months, years, square metres, metres, kilograms, tonnes,
 * litres, or people (`head`: a product sold per person or guest).
 */
export type Measure =
  | 'piece'
  | 'hour'
  | 'minute'
  | 'day'
  | 'night'
  | 'week'
  | 'month'
  | 'year'
  | 'sqm'
  | 'sotka'
  | 'cum'
  | 'm'
  | 'km'
  | 'kg'
  | 'tonne'
  | 'litre'
  | 'head'
  /** A product's own countable noun, not a general measure ("окно", "tree"): `own:` and the noun. */
  | `own:${string}`;

/**
 * Measures a quantity of may be a fraction ("2,5 кг", "1.5 m", "полтора часа"): weights, lengths, areas,
 * volumes and hours. Pieces, people, nights, days and longer periods are whole.
 */
export const fractional = (m: Measure): boolean =>
  ['hour', 'sqm', 'sotka', 'cum', 'm', 'km', 'kg', 'tonne', 'litre'].includes(m);

/** Whether a product is sold in this quantity: a whole count, or a fraction of a measure that divides. */
export const takesQuantity = (p: UnitSource, quantity: number): boolean =>
  Number.isInteger(quantity) || fractional(measureOf(p));

/**
 * Russian forms after a number (one, few, many: 1 место, 2 места, 5 мест); English singular, plural;
 * `aliases`: other ways a team writes the unit in its catalog; `text`: every form of the unit's word in a
 * customer's message (a regular expression, case-insensitive, matched before a non-letter).
 */
type UnitWords = {
  measure: Measure;
  ru: [string, string, string];
  en: [string, string];
  aliases: string[];
  text: string;
};

const S = String.raw`[\s\u00a0]*`;
const S1 = String.raw`[\s\u00a0]+`;

const known: UnitWords[] = [
  {
    measure: 'piece',
    ru: ['шт.', 'шт.', 'шт.'],
    en: ['pc', 'pcs'],
    aliases: [
      'шт',
      'штука',
      'штуки',
      'штук',
      'piece',
      'pieces',
      'item',
      'items',
      'unit',
      'units',
      'ед',
      'единица',
    ],
    text: String.raw`шт\.?|штук\p{L}*|pcs\.?|pieces?|units?|items?|единиц\p{L}*|ед\.|экземпляр\p{L}*`,
  },
  {
    measure: 'piece',
    ru: ['место', 'места', 'мест'],
    en: ['seat', 'seats'],
    aliases: [],
    text: String.raw`мест\p{L}*|seats?`,
  },
  {
    measure: 'piece',
    ru: ['пользователь', 'пользователя', 'пользователей'],
    en: ['user', 'users'],
    aliases: [],
    text: String.raw`пользовател\p{L}*|users?`,
  },
  {
    measure: 'piece',
    ru: ['лицензия', 'лицензии', 'лицензий'],
    en: ['license', 'licenses'],
    aliases: ['licence', 'licences'],
    text: String.raw`лицензи\p{L}*|licen[cs]es?`,
  },
  {
    measure: 'piece',
    ru: ['комплект', 'комплекта', 'комплектов'],
    en: ['set', 'sets'],
    aliases: ['компл', 'набор', 'kit', 'kits'],
    text: String.raw`комплект\p{L}*|компл\.|набор(?:а|ов)?|sets?|kits?`,
  },
  {
    measure: 'hour',
    ru: ['час', 'часа', 'часов'],
    en: ['hour', 'hours'],
    aliases: ['ч', 'h', 'hr', 'hrs'],
    text: String.raw`час\p{L}*|ч\.?|hours?|hrs?|h`,
  },
  {
    // The minute, a time measure like the hour (never read as one): «90 минут», «150 мин», "35 min".
    measure: 'minute',
    ru: ['мин.', 'мин.', 'мин.'],
    en: ['minute', 'minutes'],
    aliases: ['мин', 'минута', 'минуты', 'минут', 'min', 'mins'],
    text: String.raw`минут(?:а|ы|у|ой|ам|ами|ах)?|мин\.?|minutes?|mins?\.?`,
  },
  {
    measure: 'day',
    ru: ['день', 'дня', 'дней'],
    en: ['day', 'days'],
    aliases: ['дн', 'd'],
    text: String.raw`день|дн(?:я|ей|ям|ями|ях)|д[её]н[её]?к\p{L}*|деньк\p{L}*|дн\.|days?`,
  },
  {
    measure: 'day',
    ru: ['сутки', 'суток', 'суток'],
    en: ['day', 'days'],
    aliases: ['сут', 'суток'],
    text: String.raw`сут(?:ки|ок|кам|ками|ках)|сут\.?`,
  },
  {
    measure: 'night',
    ru: ['ночь', 'ночи', 'ночей'],
    en: ['night', 'nights'],
    aliases: [],
    text: String.raw`ноч(?:ь|ей|ам|ами|ах)|nights?`,
  },
  {
    measure: 'week',
    ru: ['неделя', 'недели', 'недель'],
    en: ['week', 'weeks'],
    aliases: ['нед', 'wk', 'wks'],
    text: String.raw`недел\p{L}*|нед\.|weeks?|wks?`,
  },
  {
    measure: 'month',
    ru: ['месяц', 'месяца', 'месяцев'],
    en: ['month', 'months'],
    aliases: ['мес', 'mo'],
    text: String.raw`месяц\p{L}*|мес\.?|months?|mo`,
  },
  {
    measure: 'year',
    ru: ['год', 'года', 'лет'],
    en: ['year', 'years'],
    aliases: ['yr', 'yrs'],
    text: String.raw`год(?:а|ов|у|ом)?|лет|years?|yrs?`,
  },
  {
    measure: 'sqm',
    ru: ['кв. м', 'кв. м', 'кв. м'],
    en: ['sq m', 'sq m'],
    aliases: [
      'кв.м',
      'кв м',
      'м2',
      'м²',
      'm2',
      'm²',
      'sqm',
      'sq. m',
      'sq.m',
      'квадратный метр',
      'square metre',
      'square meter',
      'square metres',
      'square meters',
    ],
    text:
      String.raw`квадратн\p{L}*${S1}метр\p{L}*|метр\p{L}*${S1}квадратн\p{L}*|квадрат(?:а|ов|ы|ам|ами|ах)?|` +
      String.raw`кв\.?${S}м(?:етр\p{L}*)?\.?|м²|м2|m²|m2|sq\.?${S}m(?:etres?|eters?)?\.?|sqm|` +
      String.raw`square${S1}(?:metres?|meters?|m)`,
  },
  {
    measure: 'sotka',
    ru: ['сотка', 'сотки', 'соток'],
    en: ['sotka', 'sotkas'],
    aliases: ['сот', 'сотки', 'соток', 'sotok', 'sotki'],
    text: String.raw`сот(?:к(?:а|и|е|у|ой|ам|ами|ах)|ок)|сот\.|sotk(?:a|as|i)|sotok`,
  },
  {
    measure: 'cum',
    ru: ['куб. м', 'куб. м', 'куб. м'],
    en: ['cu m', 'cu m'],
    aliases: [
      'куб',
      'куб.м',
      'куб м',
      'м3',
      'м³',
      'm3',
      'm³',
      'кубометр',
      'кубический метр',
      'cbm',
      'cubic metre',
      'cubic meter',
      'cubic metres',
      'cubic meters',
    ],
    text:
      String.raw`кубическ\p{L}*${S1}метр\p{L}*|кубометр\p{L}*|куб\.?${S}м(?:етр\p{L}*)?\.?|куб(?:а|ов|ы|ам|ами|ах|ик\p{L}*)?|куб\.|` +
      String.raw`м³|м3|m³|m3|cu\.?${S}m(?:etres?|eters?)?\.?|cbm|cubic${S1}(?:metres?|meters?|m)`,
  },
  {
    // The kilometre, a distance a ride or a delivery is sold by: «12 км», «двадцать семь километров», "30km".
    measure: 'km',
    ru: ['км', 'км', 'км'],
    en: ['km', 'km'],
    aliases: [
      'километр',
      'километра',
      'километров',
      'kilometre',
      'kilometres',
      'kilometer',
      'kilometers',
      'kms',
    ],
    text: String.raw`километр(?:а|ов|ам|ами|ах|е|у|ом)?|км\.?|kilomet(?:re|er)s?|kms?`,
  },
  {
    measure: 'm',
    ru: ['м', 'м', 'м'],
    en: ['m', 'm'],
    aliases: ['метр', 'метра', 'метров', 'пог. м', 'п.м.', 'meter', 'metre', 'meters', 'metres'],
    text: String.raw`погонн\p{L}*${S1}метр\p{L}*|пог\.?${S}м\.?|метр(?:а|ов|ам|ами|ах)?|м\.?|metres?|meters?|m`,
  },
  {
    measure: 'kg',
    ru: ['кг', 'кг', 'кг'],
    en: ['kg', 'kg'],
    aliases: ['килограмм', 'кило', 'kilo', 'kilos', 'kilogram', 'kilograms', 'kgs'],
    text: String.raw`кг\.?|килограм\p{L}*|кило|kgs?|kilos?|kilogram(?:me)?s?`,
  },
  {
    measure: 'tonne',
    ru: ['т', 'т', 'т'],
    en: ['t', 't'],
    aliases: ['тонна', 'тонн', 'tonne', 'tonnes', 'ton', 'tons'],
    text: String.raw`тонн\p{L}*|tonnes?|tons?`,
  },
  {
    measure: 'litre',
    ru: ['л', 'л', 'л'],
    en: ['l', 'l'],
    aliases: ['литр', 'литра', 'литров', 'litre', 'litres', 'liter', 'liters'],
    text: String.raw`литр\p{L}*|л\.?|litres?|liters?|ltrs?`,
  },
  {
    measure: 'head',
    ru: ['человек', 'человека', 'человек'],
    en: ['person', 'people'],
    aliases: ['чел', 'persons', 'персона', 'pax'],
    text: String.raw`человек\p{L}*|чел\.|людей|персон\p{L}*|people|persons?|pax`,
  },
  {
    measure: 'head',
    ru: ['гость', 'гостя', 'гостей'],
    en: ['guest', 'guests'],
    aliases: [],
    text: String.raw`гост\p{L}*|guests?`,
  },
];

const key = (w: string) =>
  w
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/\.$/u, '')
    .replace(/[\s\u00a0]+/gu, ' ');

/**
 * Common unit abbreviations a team writes in its catalog, as their nouns: «стр.» a page («страница»),
 * «док.» a document, «экз.» a copy, «уп.» a pack; "pg" a page, "doc" a document. The product's own
 * noun is made from the noun (the reader then counts «12 страниц», "11 documents").
 */
const abbreviations: Record<string, string> = {
  стр: 'страница',
  док: 'документ',
  экз: 'экземпляр',
  уп: 'упаковка',
  упак: 'упаковка',
  компл: 'комплект',
  шт: 'штука',
  пач: 'пачка',
  кор: 'коробка',
  бут: 'бутылка',
  рул: 'рулон',
  меш: 'мешок',
  лист: 'лист',
  мин: 'минута',
  pg: 'page',
  pp: 'page',
  doc: 'document',
  docs: 'document',
  min: 'minute',
  mins: 'minute',
  pkg: 'package',
  ctn: 'carton',
  btl: 'bottle',
};

/** A unit as written, its abbreviation («стр.», "pg") expanded to its noun; else as it is. */
const expanded = (w: string): string => abbreviations[key(w)] ?? w;

const byWord = new Map<string, UnitWords>();
for (const u of known) {
  for (const w of [...u.ru, ...u.en, ...u.aliases]) if (!byWord.has(key(w))) byWord.set(key(w), u);
}

/** Every unit's words in a message, each measure a named group: "16 квадратных метров", "10 sq m", "5 суток". */
const anyUnit = known.map((u, i) => `(?<u${i}>${u.text})`).join('|');
const unitAtStart = new RegExp(String.raw`^[\s\u00a0]*(?:${anyUnit})(?!\p{L})`, 'iu');
const unitAtEnd = new RegExp(String.raw`(?:^|[^\p{L}])(?:${anyUnit})[\s\u00a0]*$`, 'iu');

const measureIn = (m: RegExpExecArray): Measure => {
  const i = Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined)![0];
  return known[Number(i.slice(1))]!.measure;
};

/**
 * The unit word a text starts with (after spaces), as its measure and length: "суток на свадьбу" →
 * day, " kg of dry ice" → kg, " шт." → piece. None when the text starts with another word.
 */
export function unitWordAt(text: string): { measure: Measure; length: number } | undefined {
  const m = unitAtStart.exec(text);
  return m ? { measure: measureIn(m), length: m[0].length } : undefined;
}

/** The unit word a text ends with (before spaces): "часов " → hour ("часов пять"), "суток " → day. */
export function unitWordBefore(text: string): Measure | undefined {
  const m = unitAtEnd.exec(text);
  return m ? measureIn(m) : undefined;
}

/** The words a measure is written with, as the table gives them (forms and aliases, lower case). */
export function unitWords(measure: Measure): string[] {
  return [
    ...new Set(
      known.filter((u) => u.measure === measure).flatMap((u) => [...u.ru, ...u.en, ...u.aliases].map(key)),
    ),
  ];
}

type UnitSource = { unit?: string; units?: ProductDoc['units'] };

/**
 * What a product's quantity counts, by its `unit` (or its `units.en`, `units.ru`): "day", «сутки» →
 * day, "sq m", "м2" → sqm, «сотка» → sotka, "cu m", «куб. м» → cum, "kg" → kg, "guest", «человек» →
 * head; a noun not known here ("window", «окно», "box") → `own:` with its nouns in each language
 * (`own:window|окно`: the reader counts "4 windows", «9 окон» for it); pieces when it has none.
 */
export function measureOf(p: UnitSource): Measure {
  for (const raw of [p.unit, p.units?.en, p.units?.ru]) {
    const w = raw?.trim() && expanded(raw.trim());
    if (!w) continue;
    const k = byWord.get(key(w)) ?? byWord.get(key(w.replace(/^(?:per|за|на)\s+/iu, '')));
    if (k) return k.measure;
    const m = unitAtStart.exec(w);
    if (m && m[0].trim().length === w.length) return measureIn(m);
  }
  const own = ownNouns(p);
  return own.length ? `own:${own.join('|')}` : 'piece';
}

/**
 * A product's own unit when it is no unit known here, in each language it gives: one noun of 3+
 * letters ("window" and «окно», "tree" and «дерево»; "sotka (100 sq m)" is a known one), its comment in
 * brackets and "per", «за» left out; lower case, «ё» as «е». None for several words or a word known
 * here (then the product is sold by that measure).
 */
export function ownNouns(p: UnitSource): string[] {
  const out: string[] = [];
  for (const raw of [p.unit, p.units?.en, p.units?.ru]) {
    const w = key(
      expanded(
        (raw ?? '')
          .replace(/\([^)]*\)/gu, ' ')
          .replace(/^[\s\u00a0]*(?:per|за|на|a|an)[\s\u00a0]+/iu, '')
          .trim(),
      ),
    );
    if (!w || byWord.has(w) || unitAtStart.exec(w)?.[0].trim().length === w.length) continue;
    if (/^\p{L}{3,}$/u.test(w) && !out.includes(w)) out.push(w);
    // «стр.» as written too («8 стр.»), beside its noun («12 страниц»).
    const abbr = key(raw ?? '');
    if (abbreviations[abbr] === w && abbr !== w && !out.includes(abbr)) out.push(abbr);
  }
  return out;
}

const ruVowels = 'аяоеёиыуюэй';

/**
 * Every form of a product's own noun in a message, as a regular expression's text (matched before a
 * non-letter): Russian by its stem, with the case endings and the fleeting vowel of the genitive
 * plural («окно» → окна, окон, окнами; «дерево» → деревья, деревьев; «сотка» → соток), English with
 * its plural ("tree" → trees, "box" → boxes, "copy" → copies).
 */
export function ownNounText(nouns: string): string {
  return nouns.split('|').map(nounForms).join('|');
}

function nounForms(noun: string): string {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  // An abbreviation («стр», "pg") with or without its dot, no case endings.
  if (abbreviations[noun] !== undefined && abbreviations[noun] !== noun) return `${esc(noun)}\\.?`;
  if (/\p{Script=Cyrillic}/u.test(noun)) {
    const stem = ruVowels.includes(noun.at(-1)!) || noun.endsWith('ь') ? noun.slice(0, -1) : noun;
    // «колёс», «колес»: the nouns are kept with «е» for «ё»; a message has either.
    const yo = (t: string) => esc(t).replace(/е/gu, '[её]');
    const forms = [
      yo(stem) +
        String.raw`(?:а|я|о|е|ы|и|у|ю|ой|ей|ом|ем|ам|ям|ами|ями|ах|ях|ов|ев|ью|ья|ьев|ьям|ьями|ьях|ь)?`,
    ];
    // окн → окон, сотк → соток, дерев(о) stays: two consonants at the end take a vowel between.
    const m = /^(.*[^аяоеёиыуюэй])([^аяоеёиыуюэйь])$/u.exec(stem);
    if (m && !ruVowels.includes(m[1]!.at(-1)!)) forms.push(`${yo(m[1]!)}[оеё]${esc(m[2]!)}`);
    // «4 кол.» for «колесо»: the noun cut after a consonant (3+ letters, not the whole noun), its dot.
    for (let k = 3; k < noun.length - 1; k++)
      if (!ruVowels.includes(noun[k - 1]!) && ruVowels.includes(noun[k]!))
        forms.push(`${yo(noun.slice(0, k))}\\.`);
    return forms.join('|');
  }
  const base = esc(noun);
  if (/[^aeiou]y$/u.test(noun)) return `${base}|${esc(noun.slice(0, -1))}ies`;
  return `${base}(?:s|es)?`;
}

const plural = { ru: new Intl.PluralRules('ru-RU'), en: new Intl.PluralRules('en-US') };

/** Which form a count asks for: `after` a number ("5 мест"), or `from` it ("от 1 места", "from 1 seat"). */
function form(u: UnitWords, language: UnitLanguage, count: number, from: boolean): string {
  if (language === 'en') return count === 1 ? u.en[0] : u.en[1];
  // A fraction takes the genitive singular, the few form: «1,5 часа», «2,5 метра».
  if (!Number.isInteger(count)) return u.ru[1];
  const cat = plural.ru.select(count);
  // After «от» the genitive: singular (= the few form of these nouns) for one, plural for the rest.
  if (from) return cat === 'one' ? u.ru[1] : u.ru[2];
  return cat === 'one' ? u.ru[0] : cat === 'few' ? u.ru[1] : u.ru[2];
}

/**
 * The unit after a count (`count` 1 for "per seat" / «за место»), in `language`; `from` for "from N"
 * («от 10 мест»). The product's own word for the language is taken as written.
 */
export function unitFor(
  p: UnitSource,
  language: UnitLanguage,
  count = 1,
  opts: { from?: boolean } = {},
): string {
  const own = p.units?.[language]?.trim();
  const raw = own || p.unit?.trim() || 'pcs';
  const k = byWord.get(key(raw));
  if (k) return form(k, language, count, opts.from === true);
  // A word not known here is kept as the team wrote it (a "box" is never re-read as a piece): the
  // product's `units` field is where a team gives it in each language.
  return raw;
}
