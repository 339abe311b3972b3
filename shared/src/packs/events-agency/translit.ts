// A Russian request typed in Latin letters (issue 61, since events10: "Zdravstvuyte! Nuzhen korporativ na 50
// chelovek 19 dekabrya v Moskve, byudzhet 1 mln rub."): recognised by its Russian words in common
// transliteration and read back in Cyrillic, so the Russian readers (numbers, money, dates, places) apply.

/** Russian words as people transliterate them; two different ones (and no Cyrillic) make a text Russian. */
const cues =
  /(?<![a-z])(?:zdravstvuy(?:te)?|dobr(?:yi|yy|iy|yj)|nuzhen|nuzhna|nuzhno|chelovek|gostey|gosti|byudzhet|budzhet|korporativ\p{L}*|svadb[ayu]|den\s+rozhdeniya|tysyach\p{L}*|rubley|dekabrya|yanvarya|fevralya|marta|aprelya|iyunya|iyulya|avgusta|sentyabrya|oktyabrya|noyabrya|privet|spasibo|pozhaluysta|khotim|khochu|zvonite|meropriyatie|v\s+moskve|v\s+pitere)(?![a-z])/giu;

export function isTransliteratedRussian(text: string): boolean {
  if (/[а-яё]/iu.test(text)) return false;
  const found = new Set([...text.matchAll(cues)].map((m) => m[0].toLowerCase()));
  return found.size >= 2;
}

const pairs: [string, string][] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['yo', 'ё'],
  ['ye', 'е'],
];
const single: Record<string, string> = {
  a: 'а',
  b: 'б',
  v: 'в',
  g: 'г',
  d: 'д',
  e: 'е',
  z: 'з',
  i: 'и',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  f: 'ф',
  h: 'х',
  c: 'к',
  w: 'в',
  x: 'кс',
  j: 'й',
  q: 'к',
};
const vowels = /[aeiouy]/u;

/** One Latin word in Cyrillic: «y» after a vowel «й», else «ы»; «e» starting a word «э». */
function wordToCyrillic(word: string): string {
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length;) {
    const pair = pairs.find(([lat]) => lower.startsWith(lat, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
      continue;
    }
    const ch = lower[i]!;
    if (ch === 'y') out += i > 0 && vowels.test(lower[i - 1]!) ? 'й' : 'ы';
    else if (ch === 'e' && i === 0) out += 'э';
    else if (ch === "'" || ch === '’') out += 'ь';
    else out += single[ch] ?? ch;
    i++;
  }
  return word[0] !== lower[0] ? out[0]!.toUpperCase() + out.slice(1) : out;
}

/** The text in Cyrillic, letter for letter (digits, signs and codes like "USD" kept). */
export function toCyrillic(text: string): string {
  return text.replace(/[A-Za-z]+(?:['’][A-Za-z]+)?/gu, (w) =>
    /^[A-Z]{2,}$/u.test(w) ? w : wordToCyrillic(w),
  );
}
