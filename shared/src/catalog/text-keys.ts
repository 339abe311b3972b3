// Words of product names and customer messages as comparable keys, for Russian and English alike:
// lower case, a light Russian inflection stemmer ("виджета", "виджетов" -> "виджет"), English plurals,
// Cyrillic transliterated to Latin and reduced to a sound skeleton, so "виджет" and "Widget" meet
// (both become "fjt"). Pure string code: it runs in the renderer, the server and the benchmarks.

export type Token = {
  /** The word as written, lower case (ё as е). */
  raw: string;
  /** The comparable key (see `wordKey`). */
  key: string;
  start: number;
  end: number;
};

const wordPattern = /[\p{L}\p{N}]+/gu;

/** Russian endings, longest first; stripped only from words long enough to keep a stem of 3+. */
const ruEndings = [
  'ами',
  'ями',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ов',
  'ев',
  'ей',
  'ой',
  'ых',
  'их',
  'ым',
  'им',
  'ое',
  'ее',
  'ам',
  'ям',
  'ах',
  'ях',
  'ом',
  'ем',
  'ую',
  'ые',
  'ий',
  'ый',
  'ая',
  'а',
  'я',
  'ы',
  'и',
  'у',
  'ю',
  'е',
];

const translit: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

const cyrillic = /[\u0400-\u04ff]/u;

function stemRussian(word: string): string {
  if (word.length < 5) return word;
  for (const ending of ruEndings) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length);
  }
  return word;
}

/** Latin letters reduced to how they sound: one spelling per consonant, voiced as voiceless, no vowels. */
function skeleton(latin: string): string {
  const s = latin
    .replace(/dzh|dg|zh|j/g, 'J')
    .replace(/ch|tch/g, 'C')
    .replace(/sh/g, 'S')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/kh/g, 'h')
    .replace(/ck|q|c(?![eiy])/g, 'k')
    .replace(/c/g, 's')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/b/g, 'p')
    .replace(/d/g, 't')
    .replace(/g/g, 'k')
    .replace(/z/g, 's')
    .replace(/v/g, 'f')
    .replace(/(.)\1+/g, '$1');
  const first = s[0] ?? '';
  return (first + s.slice(1).replace(/[aeiouy]/g, '')).toLowerCase();
}

/** An English plural's singular: "arms" -> "arm", "boxes" -> "box", "accessories" -> "accessory". */
export function englishSingular(word: string): string {
  if (word.length < 4 || !word.endsWith('s') || /(ss|us|is)$/.test(word)) return word;
  if (word.length >= 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** Keys already made: catalogs and messages repeat their words (bounded: cleared when full). */
const keys = new Map<string, string>();

/** The comparable key of one lower-case word (digits stay as written). */
export function wordKey(word: string): string {
  let key = keys.get(word);
  if (key === undefined) {
    if (keys.size >= 100_000) keys.clear();
    keys.set(word, (key = keyOf(word)));
  }
  return key;
}

function keyOf(word: string): string {
  if (/\d/.test(word)) return word;
  if (cyrillic.test(word)) {
    const stem = stemRussian(word);
    return skeleton([...stem].map((ch) => translit[ch] ?? ch).join(''));
  }
  return skeleton(englishSingular(word));
}

/** A lower-case word in Latin letters ("кресел" -> "kresel"), to compare how two words begin. */
export const latinOf = (word: string): string => [...word].map((ch) => translit[ch] ?? ch).join('');

export const lowerText = (text: string): string => text.toLowerCase().replace(/ё/g, 'е');

/** The words of a text with their keys and places (offsets in the text as given). */
export function tokenize(text: string): Token[] {
  const lower = lowerText(text);
  const out: Token[] = [];
  for (const m of lower.matchAll(wordPattern)) {
    const start = m.index;
    out.push({ raw: m[0], key: wordKey(m[0]), start, end: start + m[0].length });
  }
  return out;
}

/** An article number as compared: letters and digits only, lower case ("WP-1", "wp 1", "WP1" -> "wp1"). */
export const compactSku = (sku: string): string => lowerText(sku).replace(/[^\p{L}\p{N}]+/gu, '');
