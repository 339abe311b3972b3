// Text normalisation for the mood and abuse checks: lower case, ё → е, disguised letters (digits, symbols,
// Latin look-alikes inside Cyrillic words) put back, runs of a repeated letter collapsed, and a word spelled
// with spaces or dots ("х у й", "f.u.c.k") joined.

const cyr = /[а-яё]/;
const lat = /[a-z]/;
/** Latin look-alikes of Cyrillic letters, used inside a word that has Cyrillic letters. */
const latToCyr: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  u: 'и',
  n: 'п',
  r: 'г',
  // Not look-alikes but sound-alikes of disguised obscenity ("пиzдец", "пиzdец").
  z: 'з',
  d: 'д',
  // Latin letters with no Cyrillic look-alike are read by sound ("еbaло", "пidор", "бlядь"); a lower-case
  // b is б (a capital B looks like В and stays в: "Bата").
  l: 'л',
  i: 'и',
  s: 'с',
  v: 'в',
  f: 'ф',
  g: 'г',
};
const symToCyr: Record<string, string> = {
  '0': 'о',
  '3': 'з',
  '4': 'ч',
  '6': 'б',
  '@': 'а',
  $: 'с',
  '1': 'и',
  '€': 'е',
  '9': 'я',
};
const symToLat: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '8': 'b',
};

export type Token = {
  /** As written (for the rep). */
  raw: string;
  /** Normalised letters; '*' kept as a wildcard for one masked letter. */
  norm: string;
  /**
   * `norm` with every run of a repeated letter collapsed to one (the model's and the word classes' form; the
   * lexicon reads `collapseDisguise`).
   */
  collapsed: string;
  script: 'cyr' | 'lat' | 'other';
};

const strip = /^[^\p{L}\p{N}@$*]+|[^\p{L}\p{N}@$*!]+$/gu;

/** A lower-case Latin b inside a word with Cyrillic letters is б ("еbaло"); a capital B is В ("Bата"). */
const lowerB = (raw: string) => (/[а-яё]/i.test(raw) ? raw.replace(/b/g, 'б') : raw);

export function normWord(raw: string): Token | undefined {
  let w = lowerB(raw).toLowerCase().replace(/ё/g, 'е').replace(strip, '');
  // "3.14" spells "пи" before Cyrillic letters ("3.14здец").
  w = w.replace(/3[.,]14(?=[а-яё*])/g, 'пи');
  // A run of dots, or a % or # between letters, stands for a masked letter ("с..ка", "зае%ал", "пи...да").
  w = w.replace(/(?<=\p{L})(?:\.{2,}|[%#]+)(?=\p{L})/gu, '*');
  // Dots, dashes, underscores and apostrophes inside a word ("х.у.й", "f-u-c-k", "don't") are dropped.
  w = w.replace(/[._\-'’`]+/g, '');
  w = w.replace(/!+$/, '');
  if (!w) return undefined;
  const nCyr = [...w].filter((ch) => cyr.test(ch)).length;
  const nLat = [...w].filter((ch) => lat.test(ch)).length;
  const script = nCyr > 0 ? 'cyr' : nLat > 0 ? 'lat' : 'other';
  if (script === 'cyr') w = [...w].map((ch) => latToCyr[ch] ?? symToCyr[ch] ?? ch).join('');
  else if (script === 'lat' && /[0-9@$!|]/.test(w) && (w.match(/[0-9]/g) ?? []).length * 2 <= nLat)
    w = [...w].map((ch) => symToLat[ch] ?? ch).join('');
  w = w.replace(/[^\p{L}\p{N}*]/gu, '');
  if (!w) return undefined;
  const norm = w.replace(/(\p{L})\1{2,}/gu, '$1');
  return { raw, norm, collapsed: w.replace(/(\p{L})\1+/gu, '$1'), script };
}

/**
 * `norm` with the doubled letters that are a disguise collapsed ("гниида", "мраазь", "biiatch", "ссученыш"):
 * a doubled vowel (in Latin words a, i, u, y only: English spells "ee" and "oo", as in "looser") and, in a
 * Cyrillic word, a doubled first letter. A doubled consonant inside a word is how real words are spelled
 * ("Twatt", "Mad Hatter", «дурра», a sorghum), so it stays. Runs of three or more are collapsed in `norm`.
 */
export function collapseDisguise(norm: string, script: Token['script']): string {
  if (script === 'cyr') return norm.replace(/^(\p{L})\1/u, '$1').replace(/([аеиоуыэюя])\1/gu, '$1');
  if (script === 'lat') return norm.replace(/([aiuy])\1/g, '$1');
  return norm;
}

/** The message's words, normalised, in order. */
export function tokenise(text: string): Token[] {
  const parts = text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u00ad]/g, '')
    // One or two letters in brackets inside a word ("хо(х)луш", "пи(з)дец") are part of it.
    .replace(/(?<=\p{L})\((\p{L}{1,2})\)(?=\p{L})/gu, '$1')
    .split(/[\s,;:()«»"“”[\]{}<>/\\?|+=~^]+/u);
  const out: Token[] = [];
  for (const p of parts) {
    const t = normWord(p);
    if (t) out.push(t);
  }
  return out;
}

/**
 * Runs of single letters ("х у й", "f u c k") joined into candidate words, with the raw text they came from.
 * Only runs of three letters or more are joined; callers keep a joined word only when it is a known one.
 */
export function spacedWords(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length >= 3) {
      const norm = run.map((t) => t.norm).join('');
      out.push({
        raw: run.map((t) => t.raw).join(' '),
        norm,
        collapsed: norm.replace(/(\p{L})\1+/gu, '$1'),
        script: run[0]!.script,
      });
    }
    run = [];
  };
  for (const t of tokens) {
    if ([...t.norm].length === 1 && t.script !== 'other') run.push(t);
    else flush();
  }
  flush();
  return out;
}

/**
 * The forms of a masked word ("х*й", "с*ка", "f*ck"): one '*' tried as each letter of its script, two as
 * each vowel (at most 2 masks).
 */
export function unmask(word: string, script: Token['script']): string[] {
  const n = (word.match(/\*/g) ?? []).length;
  if (n === 0) return [word];
  if (n > 2) return [];
  const vowels =
    n === 1
      ? script === 'cyr'
        ? 'абвгдежзийклмнопрстуфхцчшщъыьэюя'
        : 'abcdefghijklmnopqrstuvwxyz'
      : script === 'cyr'
        ? 'аеиоуыяюэй'
        : 'aeiouy';
  // Two masks in a Cyrillic word of four letters or more ("е**ный", "п**дец"): any letter for each.
  const letters =
    n === 2 && script === 'cyr' && word.length >= 5 ? 'абвгдежзийклмнопрстуфхцчшщъыьэюя' : vowels;
  let forms = [word];
  for (let i = 0; i < n; i++) forms = forms.flatMap((f) => [...letters].map((v) => f.replace('*', v)));
  return forms;
}

/** Russian written in Latin letters ("vy tam vse debily, blyat"): a few function words give it away. */
const translitHint =
  /(?:^|[^a-z])(?:vy|ty|tam|vse|vsem|vas|tebya|menya|nu|eto|kak|chto|idi|idite|poshel|poshli|pashol|blin|davai|zakaz|gde|kogda|tut|uzhe|opyat|voobshche|nahui|nahuy|nakhui|suka|blya|blyat|blyad)(?=$|[^a-z])/;
const translitPairs: [string, string][] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ya', 'я'],
  ['ia', 'я'],
  ['yu', 'ю'],
  ['iu', 'ю'],
  ['yo', 'е'],
  ['jo', 'е'],
  ['ye', 'е'],
  ['a', 'а'],
  ['b', 'б'],
  ['v', 'в'],
  ['g', 'г'],
  ['d', 'д'],
  ['e', 'е'],
  ['z', 'з'],
  ['i', 'и'],
  ['j', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['f', 'ф'],
  ['h', 'х'],
  ['c', 'ц'],
  ['w', 'в'],
  ['q', 'к'],
  ['x', 'кс'],
  ["'", 'ь'],
];

/** A Latin word read as Russian transliteration, or undefined when the text shows no sign of it. */
export function translitRu(word: string, text: string): string | undefined {
  if (!/^[a-z']+$/.test(word) || !translitHint.test(text.toLowerCase())) return undefined;
  let out = '';
  for (let i = 0; i < word.length;) {
    // y: й after a vowel at the end of a word ("nahuy", "tvoy"), ы otherwise ("debily", "vy").
    if (word[i] === 'y' && !/^y[aueo]/.test(word.slice(i))) {
      out += i > 0 && /[aeiouy]/.test(word[i - 1]!) ? 'й' : 'ы';
      i++;
      continue;
    }
    const pair = translitPairs.find(([l]) => word.startsWith(l, i));
    if (!pair) return undefined;
    out += pair[1];
    i += pair[0].length;
  }
  return out;
}
