// A product's unit as the customer reads it, in the reply's language: the product's own word for that
// language (`units.ru`, `units.en`, like `names`), else the common units known here ("seat" ⇄ «место»,
// "pcs" ⇄ «шт.», "hour" ⇄ «час») in the form a number asks for ("от 10 мест", "from 10 seats"), else the
// word as the team wrote it. No unit at all reads as pieces.
import type { ProductDoc } from '../schemas/products';

export type UnitLanguage = 'ru' | 'en';

/** Russian forms after a number (one, few, many: 1 место, 2 места, 5 мест); English singular, plural. */
type UnitWords = { ru: [string, string, string]; en: [string, string]; aliases: string[] };

const known: UnitWords[] = [
  {
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
  },
  { ru: ['место', 'места', 'мест'], en: ['seat', 'seats'], aliases: [] },
  { ru: ['час', 'часа', 'часов'], en: ['hour', 'hours'], aliases: ['ч', 'h', 'hr', 'hrs'] },
  { ru: ['пользователь', 'пользователя', 'пользователей'], en: ['user', 'users'], aliases: [] },
  { ru: ['лицензия', 'лицензии', 'лицензий'], en: ['license', 'licenses'], aliases: ['licence', 'licences'] },
  { ru: ['месяц', 'месяца', 'месяцев'], en: ['month', 'months'], aliases: ['мес'] },
  { ru: ['день', 'дня', 'дней'], en: ['day', 'days'], aliases: [] },
  { ru: ['человек', 'человека', 'человек'], en: ['person', 'people'], aliases: ['чел', 'persons'] },
  { ru: ['гость', 'гостя', 'гостей'], en: ['guest', 'guests'], aliases: [] },
  { ru: ['кг', 'кг', 'кг'], en: ['kg', 'kg'], aliases: ['килограмм'] },
];

const byWord = new Map<string, UnitWords>();
for (const u of known) {
  for (const w of [...u.ru, ...u.en, ...u.aliases]) byWord.set(w.toLowerCase().replace(/\.$/, ''), u);
}

const plural = { ru: new Intl.PluralRules('ru-RU'), en: new Intl.PluralRules('en-US') };

/** Which form a count asks for: `after` a number ("5 мест"), or `from` it ("от 1 места", "from 1 seat"). */
function form(u: UnitWords, language: UnitLanguage, count: number, from: boolean): string {
  if (language === 'en') return count === 1 ? u.en[0] : u.en[1];
  const cat = plural.ru.select(count);
  // After «от» the genitive: singular (= the few form of these nouns) for one, plural for the rest.
  if (from) return cat === 'one' ? u.ru[1] : u.ru[2];
  return cat === 'one' ? u.ru[0] : cat === 'few' ? u.ru[1] : u.ru[2];
}

type UnitSource = { unit?: string; units?: ProductDoc['units'] };

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
  const k = byWord.get(raw.toLowerCase().replace(/\.$/, ''));
  if (k) return form(k, language, count, opts.from === true);
  // A word not known here is kept as the team wrote it (a "box" is never re-read as a piece): the
  // product's `units` field is where a team gives it in each language.
  return raw;
}
