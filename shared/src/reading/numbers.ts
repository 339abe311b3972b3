// Numbers in a customer's text, Russian and English: digits as people write them ("1 500", "1,500",
// "2,5", "1.5", "400к", "3 тысячи") and numerals in words in every case and gender ("пятнадцать",
// "двадцати", "сорока", "двое", "полсотни", "полтора десятка", "сто двадцать пять", "twenty-five",
// "a dozen", "half a dozen", "a couple of", "a couple of dozen", "half a million"). Each is marked
// approximate when the text says so ("~60", "около 30", "about 120", "50+", "человек 50": a counted
// noun before the number). Dates, times, phone
// numbers and article codes ("WP-1") are not numbers. Words that count but give no number ("несколько",
// "several", "десятки") and misspelt numerals are found by numberLike, so a reader can ask instead of
// guessing. Pure string code.
import { numeral as tableNumeral, numeralForms, vaguePlurals, vagueWords, type Numeral } from './numerals';
import { ordinalWord } from './ordinals';

/** Money slang multipliers: «лям» (a million: «полтора ляма», «3 ляма»), «косарь» (a thousand: «50 косарей»). */
const slang = new Map<string, Numeral>();
for (const f of 'лям ляма лямов ляму лямом лямы лямам лямами лямах'.split(' '))
  slang.set(f, { kind: 'mult', value: 1e6, lang: 'ru' });
for (const f of 'косарь косаря косарей косарю косарем косари косарям косарями'.split(' '))
  slang.set(f, { kind: 'mult', value: 1000, lang: 'ru' });
/** Whether a word is a money slang multiplier («ляма», «косарей»): it counts money only, never things. */
export const isSlangMultiplier = (word: string): boolean => slang.has(lower(word));
/** A numeral word (numerals.ts) or a slang multiplier. */
const numeral = (word: string): Numeral | undefined => tableNumeral(word) ?? slang.get(word);

export type FoundNumber = {
  value: number;
  /** Offsets in the text as given. */
  start: number;
  end: number;
  approximate: boolean;
  /** Written (at least partly) in words. */
  words: boolean;
  /** A range ("20-30", "от 20 до 30"): value is its low end, upTo its high end. */
  upTo?: number;
  /** The multiplier written after the number ("тыс", "млн", "k", "million"), if any. */
  multiplier?: number;
};

export type NumberLike = {
  text: string;
  start: number;
  end: number;
  reason: 'vague' | 'typo';
  /** A misspelt cardinal one letter from forms of one number only ("дватцать", "twleve"): that number. */
  value?: number;
};

const lower = (text: string) => text.toLowerCase().replace(/ё/g, 'е');

/** Dates, times, phone numbers: masked before numbers are read. */
const notNumbers = [
  /\+\d[\d\s()\u00a0-]{6,}\d/gu,
  // "8 (495) 123-45-67", "8 (4012) 55-66-77", "(812) 555-44-33": a city code of 3 to 5 digits in brackets.
  /(?<![\p{L}\p{N}])(?:[78][\s-]?)?\(\d{3,5}\)[\s-]?\d[\d\s-]{3,}\d/gu,
  // "8-812-555-44-33", "8 916 555 12 34", "89161234567": a Russian number without "+".
  /(?<![\p{L}\p{N}])[78][\s-]\d{3,4}[\s-]\d{2,3}[\s-]\d{2}[\s-]\d{2}(?!\p{N})/gu,
  /(?<![\p{L}\p{N}])[78]9\d{9}(?!\p{N})/gu,
  /(?<![\p{N}])\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?![\p{N}])/gu,
  /(?<![\p{N}])\d{1,2}:\d{2}(?![\p{N}])/gu,
];

function masked(text: string): string {
  let out = text;
  for (const re of notNumbers) out = out.replace(re, (m) => ' '.repeat(m.length));
  return out;
}

const space = '[ \\u00a0\\u202f\\u2009]';
/**
 * A number in digits: grouped thousands ("1 500", "1,500", "1.500.000", and since events10 the Swiss
 * apostrophe "1'500'000", "85’000"), then an optional fraction.
 */
const digitNumber = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?<![\p{L}_]-)(?<![\p{N}][/.:])(\d{1,3}(?:${space}\d{3})+(?!\d)|\d{1,3}(?:['’]\d{3})+(?![\d'’])|\d{1,3}(?:,\d{3})+(?![\d])|[1-9]\d{0,2}(?:\.\d{3})+(?![\d.,])|\d+)(?:[.,](\d+))?`,
  'gu',
);

function digitValue(whole: string, fraction: string | undefined): number {
  const w = Number(whole.replace(/\D/g, ''));
  return fraction ? Number(`${w}.${fraction}`) : w;
}

const approxBefore =
  /(?:~|≈|(?<![\p{L}])(?:около|примерно|приблизительно|порядка|где-то|где\s+то|ориентировочно|плюс-минус|почти|about|around|approximately|approx\.?|roughly|circa|ca\.|nearly|almost|some)\s*)$/iu;
const approxAfter =
  /^(?:\+|\s*(?:или\s+около\s+того|или\s+так|с\s+лишним|or\s+so|-ish|ish\b|give\s+or\s+take))/iu;
/** Counted nouns a Russian speaker puts before an approximate number ("человек 50", "штук двадцать"). */
const invertedNouns =
  /(?:^|[^\p{L}])(?:человек|людей|штук|гостей|участников|персон|мест|единиц|экземпляров|комплектов|сотрудников|пользователей|лицензий)(?:\s+(?:под|на))?\s*$/iu;

type Word = { word: string; start: number; end: number };

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of lower(text).matchAll(/\p{L}+/gu))
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

const joinable = (gap: string) => /^[\s\u00a0\u202f-]*$/u.test(gap);

/** Words allowed alone as a multiplier ("тысяча кресел", "миллион рублей"). */
const aloneMultipliers = new Set([
  'тысяча',
  'тысячу',
  'тысячей',
  'тыща',
  'тыщу',
  'thousand',
  'миллион',
  'миллиона',
  'миллиард',
  'лям',
  'полтысячи',
  'полутысячи',
  'полмиллиона',
  'полумиллиона',
]);

/** "около сотни", "порядка тысячи", "до сотни": a genitive after these is one hundred, one thousand. */
const approxWords = new Set([
  'около',
  'порядка',
  'примерно',
  'приблизительно',
  'до',
  'почти',
  'свыше',
  'более',
  'менее',
]);
const afterApprox = (words: Word[], j: number) =>
  j > 0 && approxWords.has(words[j - 1]!.word) && /^(сотни|тысячи|дюжины)$/u.test(words[j]!.word);

type Parsed = { value: number; last: number; multiplier?: number };

/** How many words "and a half" / "с половиной" takes at words[j] (0: none). */
function halfAfterNoun(words: Word[], text: string, j: number): number {
  const tail = words.slice(j, j + 3).map((w) => w.word);
  const n =
    tail[0] === 'and' && tail[1] === 'a' && tail[2] === 'half'
      ? 3
      : tail[0] === 'с' && tail[1] === 'половиной'
        ? 2
        : 0;
  for (let k = j + 1; k < j + n; k++) if (!joinable(text.slice(words[k - 1]!.end, words[k]!.start))) return 0;
  return n;
}

/** A numeral being read word by word: the thousands and more so far, the group below them, the last kind. */
type NumeralState = {
  total: number;
  group: number;
  last?: Numeral['kind'];
  multiplier?: number;
  /** "пол"/"half" read, waiting for its noun or multiplier ("half a dozen", "пол тысячи"). */
  halfPending: boolean;
};

/** Kinds that make a numeral a count (an article or "half" alone does not). */
const countingKinds = new Set<Numeral['kind']>([
  'collective',
  'unit',
  'teen',
  'ten',
  'hundreds',
  'mult',
  'noun',
  'pair',
  'oneAndHalf',
]);

/** A numeral in words starting at words[i] (see numerals.ts), or none. */
function parseWords(words: Word[], text: string, i: number, seed?: number): Parsed | undefined {
  const s: NumeralState = {
    total: 0,
    group: seed ?? 0,
    last: seed !== undefined ? 'unit' : undefined,
    halfPending: false,
  };
  let lastIndex = i - 1;
  let counted = seed !== undefined;
  for (let j = i; j < words.length; j++) {
    const w = words[j]!;
    if (j > i && !joinable(text.slice(words[j - 1]!.end, w.start))) break;
    // "два с половиной миллиона", "two and a half million": a half before a multiplier of 1000 or more.
    const halfMult = s.last && digitKinds.has(s.last) ? halfAfterNoun(words, text, j) : 0;
    if (halfMult && multiplierAt(words, text, j + halfMult - 1)) {
      s.group += 0.5;
      lastIndex = j + halfMult - 1;
      j = lastIndex;
      continue;
    }
    // "три с половиной килограмма", "four and a half kilos": the half ends the number (issue 61).
    if (halfMult && !s.multiplier && s.total === 0) {
      s.group += 0.5;
      lastIndex = j + halfMult - 1;
      break;
    }
    // "a dozen and a half", "two dozen and a half", "десяток с половиной": half the counted noun more.
    const half = s.last === 'noun' ? halfAfterNoun(words, text, j) : 0;
    if (half) {
      s.group += numeral(words[lastIndex]!.word)!.value / 2;
      lastIndex = j + half - 1;
      j = lastIndex;
      continue;
    }
    // "one hundred and twenty", "тысяча и один" are rare: "and" joins only after a hundred or thousand.
    if (
      (w.word === 'and' || w.word === 'и') &&
      (s.last === 'mult' || s.last === 'hundreds') &&
      j + 1 < words.length
    ) {
      if (andJoins(words, text, j)) continue;
      break;
    }
    // "a couple of dozen", "a couple of hundred": "of" joins a pair to a dozen or a multiplier after it.
    if (w.word === 'of' && s.last === 'pair' && counted && pairOfMultiplier(words, text, j)) continue;
    if (w.word === 'of' && (s.last === 'pair' || s.last === 'noun') && counted) break;
    const n = numeral(w.word);
    if (!n || !addNumeral(s, n, words, j)) break;
    if (countingKinds.has(n.kind)) counted = true;
    s.last = n.kind;
    lastIndex = j;
    if (n.kind === 'collective') break;
  }
  if (!counted || s.halfPending || lastIndex < i) return undefined;
  // A trailing article ("two a") belongs to what follows.
  while (lastIndex >= i && numeral(words[lastIndex]!.word)?.kind === 'article') lastIndex--;
  if (lastIndex < i && seed === undefined) return undefined;
  // «лям двести», «миллион триста», «два миллиона пятьсот»: hundreds said after a Russian million are
  // its thousands (1 200 000), as people say money; «миллион двести тысяч» read the thousand above.
  if (
    s.multiplier === 1e6 &&
    s.group >= 100 &&
    s.group < 1000 &&
    numeral(words[lastIndex]!.word)?.kind !== 'mult' &&
    /[а-я]/u.test(words[lastIndex]!.word)
  )
    s.group *= 1000;
  const value = s.total + s.group;
  return value > 0 || numeral(words[i]!.word)?.value === 0
    ? { value, last: lastIndex, ...(s.multiplier ? { multiplier: s.multiplier } : {}) }
    : undefined;
}

const digitKinds = new Set<Numeral['kind']>(['unit', 'teen', 'ten', 'hundreds']);

/** Whether the word after words[k] is a multiplier of 1000 or more, joined to it ("… с половиной миллиона"). */
function multiplierAt(words: Word[], text: string, k: number): boolean {
  const next = words[k + 1];
  if (!next || !joinable(text.slice(words[k]!.end, next.start))) return false;
  const n = numeral(next.word);
  return !!n && n.kind === 'mult' && n.value >= 1000;
}

/** "of" at words[j] after "a couple" is followed by a dozen, hundred, thousand or million ("a couple of dozen"). */
function pairOfMultiplier(words: Word[], text: string, j: number): boolean {
  const next = words[j + 1];
  if (!next || !joinable(text.slice(words[j]!.end, next.start))) return false;
  return /^(?:dozen|hundred|thousand|million)$/u.test(next.word);
}

/** "and"/"и" at words[j] joins a hundred or thousand to the unit, teen or ten right after it. */
function andJoins(words: Word[], text: string, j: number): boolean {
  const next = numeral(words[j + 1]!.word);
  return (
    !!next &&
    ['unit', 'teen', 'ten'].includes(next.kind) &&
    joinable(text.slice(words[j]!.end, words[j + 1]!.start))
  );
}

/** Adds the numeral word words[j], read as `n`, to `s`; false when it does not go on the numeral. */
function addNumeral(s: NumeralState, n: Numeral, words: Word[], j: number): boolean {
  switch (n.kind) {
    case 'unit':
    case 'teen':
    case 'ten':
    case 'hundreds':
      return addDigitWord(s, n);
    case 'mult':
      return addMultiplier(s, n, words, j);
    case 'noun':
      if (vaguePlurals.has(words[j]!.word) && s.group === 0 && !s.halfPending && !afterApprox(words, j))
        return false;
      s.group = (s.halfPending ? 0.5 : s.group || 1) * n.value;
      s.halfPending = false;
      return true;
    case 'article':
      if (s.group !== 0 && !s.halfPending) return false;
      if (!s.halfPending) s.group = 1;
      return true;
    case 'collective':
      if (s.last !== undefined) return false;
      s.group = n.value;
      return true;
    case 'half':
      s.halfPending = s.last === undefined;
      return s.halfPending;
    case 'oneAndHalf':
    case 'pair':
      if (!(s.last === undefined || (s.last === 'article' && s.group === 1))) return false;
      s.group = n.kind === 'pair' ? 2 : 1.5;
      return true;
  }
}

/** A unit, teen, ten or hundreds word: added to the group where its place is free ("сто двадцать пять"). */
function addDigitWord(s: NumeralState, n: Numeral): boolean {
  const { last, group } = s;
  if (n.kind === 'hundreds') {
    if (group !== 0 || !(last === undefined || last === 'mult')) return false;
    s.group = n.value;
    return true;
  }
  if (n.kind === 'ten') {
    if (!((last === undefined || last === 'hundreds' || last === 'mult') && group % 100 === 0)) return false;
    s.group += n.value;
    return true;
  }
  if (n.value >= 50) {
    // "полсотни", "полдюжины"
    if (group !== 0 || s.total !== 0) return false;
    s.group = n.value;
    return true;
  }
  const fits =
    (last === 'ten' && n.kind === 'unit' && group % 10 === 0 && n.value > 0) ||
    ((last === 'hundreds' || (last === 'mult' && group === 0) || last === undefined) && group % 100 === 0) ||
    (last === 'mult' && group % 100 === 0 && n.value > 0);
  if (fits) s.group += n.value;
  return fits;
}

/** "сто", "тысяча", "million" after a group: multiplies it ("двести тысяч"), alone only some words. */
function addMultiplier(s: NumeralState, n: Numeral, words: Word[], j: number): boolean {
  if (n.value === 100) {
    if (!(s.group > 0 && s.group < 100)) return false;
    s.group *= 100;
    return true;
  }
  if (
    s.group === 0 &&
    s.last === undefined &&
    !aloneMultipliers.has(words[j]!.word) &&
    !afterApprox(words, j)
  )
    return false;
  // "half a million": the article after "half" is no count of its own.
  if (s.group === 0 && s.last !== undefined && s.last !== 'half' && !s.halfPending) return false;
  const factor = s.halfPending ? 0.5 : s.group || 1;
  s.total += factor * n.value;
  s.group = 0;
  s.halfPending = false;
  s.multiplier = n.value;
  return true;
}

/** Thousands of roubles abbreviated after digits: "т.р.", "т. р.", "тр", "тыс.р.", "тыс. руб.", "к.р.", "тыр". */
export const thousandRoubles =
  /^[ \u00a0\u202f]*(?:т\.?[ \u00a0]?р\.?|к\.[ \u00a0]?р\.?|тр\.?|тыс\.?[ \u00a0]?р(?:уб)?\.?|тыр)(?![\p{L}\p{N}])/iu;

const halfBeforeMultiplier =
  /^[ \u00a0\u202f]+(?:с[ \u00a0]+половиной|and[ \u00a0]+a[ \u00a0]+half)(?=[ \u00a0\u202f]+\p{L})/iu;

/**
 * A multiplier written before its number, Russian ("тысяч 150", "тысячи три", "миллиона полтора",
 * "лямов 5"): approximate. The word's case agrees with the number: the genitive singular («тысячи»,
 * «миллиона», «ляма») with 1.5 or a number ending in 2 to 4 (not 12 to 14), the plural («тысяч»,
 * «миллионов», «лямов») with 5 and more.
 */
const invertedMultipliers: Record<string, { value: number; few: boolean }> = {
  тысячи: { value: 1000, few: true },
  тыщи: { value: 1000, few: true },
  тысяч: { value: 1000, few: false },
  тыщ: { value: 1000, few: false },
  миллиона: { value: 1e6, few: true },
  ляма: { value: 1e6, few: true },
  миллионов: { value: 1e6, few: false },
  лямов: { value: 1e6, few: false },
};
function agrees(value: number, few: boolean): boolean {
  if (few) return value === 1.5 || ([2, 3, 4].includes(value % 10) && ![12, 13, 14].includes(value % 100));
  return Number.isInteger(value) && value >= 5;
}

export type FindNumbersOptions = {
  /** Read "1.5m", "2m" as millions (money: "m" is metres elsewhere). */
  mSuffix?: boolean;
};

function approximateAt(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  return (
    approxBefore.test(before) || approxAfter.test(text.slice(end, end + 24)) || invertedNouns.test(before)
  );
}

/** Every number in the text (see the file's comment), in order. */
export function findNumbers(text: string, options: FindNumbersOptions = {}): FoundNumber[] {
  const src = masked(text);
  const words = wordsOf(src);
  const out: FoundNumber[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && a < e);
  // Digits, with a multiplier after them ("400 тыс.", "2,5 млн", "3 тысячи", "2 десятка", "40k").
  for (const m of src.matchAll(digitNumber)) {
    const start = m.index;
    let end = start + m[0].length;
    let value = digitValue(m[1]!, m[2]);
    let multiplier: number | undefined;
    const suffix = /^([kкКK]|[mмMМ](?!\p{L})|mm|MM|bn|BN)(?![\p{L}\p{N}])/u.exec(src.slice(end));
    const roubles = thousandRoubles.exec(src.slice(end));
    if (roubles) {
      // "150 т.р.", "150 тр", "150 тыс.р.", "150 к.р.": thousands of roubles (money.ts reads the RUB).
      multiplier = 1000;
      value *= multiplier;
      end += roubles[0].length;
    } else if (suffix && (/^[kкКK]$/u.test(suffix[1]!) || options.mSuffix)) {
      multiplier = /^[kкКK]$/u.test(suffix[1]!) ? 1000 : /^bn$/iu.test(suffix[1]!) ? 1e9 : 1e6;
      value *= multiplier;
      end += suffix[0].length;
    } else {
      // "2 с половиной млн", "2 and a half million": the half joins only a multiplier of 1000 or more.
      const half = halfBeforeMultiplier.exec(src.slice(end));
      const at = end + (half?.[0].length ?? 0);
      const next = words.find((w) => w.start >= at);
      if (next && /^[\s\u00a0\u202f]*$/u.test(src.slice(at, next.start))) {
        const n = numeral(next.word);
        if (
          ((n && (n.kind === 'mult' || n.kind === 'noun') && n.value >= 10 && next.word !== 'grand') ||
            next?.word === 'grand') &&
          (!half || (n!.kind === 'mult' && n!.value >= 1000))
        ) {
          if (half) value += 0.5;
          multiplier = n!.value;
          value *= n!.value;
          end = next.end;
          if (src[end] === '.' && /^(тыс|млн|млрд|mln|mio)$/u.test(next.word)) end += 1;
        } else if (half && Number.isInteger(value)) {
          // "3 с половиной кг", "4 and a half kg": a half with no multiplier after it (issue 61).
          value += 0.5;
          end += half[0].length;
        }
      }
    }
    value = Math.round(value * 1e6) / 1e6;
    out.push({ value, start, end, approximate: false, words: false, ...(multiplier ? { multiplier } : {}) });
    taken.push([start, end]);
  }
  // Numerals in words.
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!free(w.start, w.end) || !numeral(w.word)) continue;
    // A word right after digits is their multiplier (taken above) or not a part of them.
    const parsed = parseWords(words, src, i);
    if (!parsed) continue;
    let end = words[parsed.last]!.end;
    if (!free(w.start, end)) continue;
    // «двадцать третьего», "twenty second": a ten before an ordinal unit is the ordinal's (a day), no number.
    const after = words[parsed.last + 1];
    if (
      numeral(words[parsed.last]!.word)?.kind === 'ten' &&
      after &&
      /^[\s\u00a0-]{1,2}$/u.test(src.slice(end, after.start)) &&
      (ordinalWord(after.word) ?? 10) < 10
    ) {
      i = parsed.last + 1;
      continue;
    }
    let value = parsed.value;
    let multiplier = parsed.multiplier;
    // "forty k", "fifty k us dollars": a thousand said as "k" after a numeral in words (voice-to-text).
    const k = multiplier ? null : /^[ \u00a0]+[kK](?![\p{L}\p{N}'’-])/u.exec(src.slice(end));
    if (k) {
      value *= 1000;
      multiplier = 1000;
      end += k[0].length;
    }
    out.push({
      value: Math.round(value * 1e6) / 1e6,
      start: w.start,
      end,
      approximate: false,
      words: true,
      ...(multiplier ? { multiplier } : {}),
    });
    taken.push([w.start, end]);
    i = parsed.last;
  }
  out.sort((a, b) => a.start - b.start);
  // "1 млн 200 тыс.", "2 million 500 thousand": a smaller multiplied number right after a larger one is
  // its lower part (1 200 000), as people write money in parts.
  for (let k = out.length - 1; k > 0; k--) {
    const [hi, lo] = [out[k - 1]!, out[k]!];
    if (
      hi.multiplier &&
      lo.multiplier &&
      hi.multiplier >= 1e6 &&
      lo.multiplier < hi.multiplier &&
      lo.value < hi.multiplier &&
      /^[ \u00a0\u202f]+$/u.test(src.slice(hi.end, lo.start))
    ) {
      hi.value = Math.round((hi.value + lo.value) * 1e6) / 1e6;
      hi.end = lo.end;
      hi.words ||= lo.words;
      out.splice(k, 1);
    }
  }
  const dropped = new Set<FoundNumber>();
  for (const n of out) {
    if (n.multiplier || dropped.has(n)) continue;
    const k = words.findIndex(
      (w) => w.end <= n.start && /^[ \u00a0\u202f]+$/u.test(src.slice(w.end, n.start)),
    );
    const w = words[k];
    const inverted = w && invertedMultipliers[w.word];
    if (!w || !inverted || !agrees(n.value, inverted.few)) continue;
    // The word read alone as its multiplier («миллиона» is a million alone) joins this number instead.
    const other = out.find((o) => o !== n && !dropped.has(o) && o.start < w.end && w.start < o.end);
    if (other && !(other.start === w.start && other.end === w.end)) continue;
    if (other) dropped.add(other);
    n.value = Math.round(n.value * inverted.value * 1e6) / 1e6;
    n.multiplier = inverted.value;
    n.start = w.start;
    n.approximate = true;
  }
  // Ranges: "20-30", "20 – 30", "20...30", "от 20 до 30", "20 to 30", "between 20 and 30", "20 или 30".
  const merged: FoundNumber[] = [];
  for (const n of out.filter((o) => !dropped.has(o))) {
    const prev = merged[merged.length - 1];
    if (prev && prev.upTo === undefined) {
      const gap = src.slice(prev.end, n.start);
      if (/^\s*(?:[-–—]|\.\.\.?|…|до|to|or|или|and|и)\s*$/iu.test(gap) && n.value > prev.value) {
        const before = src.slice(Math.max(0, prev.start - 8), prev.start);
        const fromWord = /(?:^|[^\p{L}])(?:от|from|between)\s*$/iu.test(before);
        const betweenWord = /(?:^|[^\p{L}])(?:между|between)\s*$/iu.test(before);
        if (
          /^\s*(?:[-–—]|\.\.\.?|…)\s*$/u.test(gap) ||
          (fromWord && !/^\s*(?:and|и)\s*$/iu.test(gap)) ||
          (betweenWord && /^\s*(?:and|и)\s*$/iu.test(gap)) ||
          /^\s*(?:или|or|to)\s*$/iu.test(gap)
        ) {
          // A range's high end written without its multiplier ("2-3 тыс.") carries it.
          prev.upTo = n.value;
          prev.end = n.end;
          prev.approximate = true;
          if (n.multiplier && !prev.multiplier && prev.value * n.multiplier <= n.value) {
            prev.value *= n.multiplier;
            prev.multiplier = n.multiplier;
          }
          continue;
        }
      }
    }
    merged.push(n);
  }
  for (const n of merged) if (approximateAt(src, n.start, n.end)) n.approximate = true;
  return merged;
}

/** Optimal string alignment distance, stopping early past `max` (then `max + 1`). */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

let longForms: string[] | undefined;
/** Common words one letter away from a numeral, never read as one. */
const notTypos = new Set([
  'weight',
  'eighth',
  'seventh',
  'ninth',
  'sixth',
  'fifth',
  'tenth',
  'there',
  'семья',
  'семьи',
  'шерсть',
  'сорока',
  'fourth',
  'thirsty',
]);

const plainKinds = new Set<Numeral['kind']>(['unit', 'teen', 'ten', 'hundreds']);

/** The number a misspelt cardinal stands for, when every form one letter away is that number. */
function typoValue(word: string): number | undefined {
  const values = new Set<number>();
  for (const f of longForms!)
    if (f[0] === word[0] && distance(word, f, 1) <= 1) {
      const n = numeral(f)!;
      if (!plainKinds.has(n.kind)) return undefined;
      values.add(n.value);
    }
  return values.size === 1 ? [...values][0] : undefined;
}

/**
 * Number-like words that are no number: vague counts ("несколько", "several", "десятки" with no
 * number before) and misspelt numerals ("пятнацать", "twelwe"), in order.
 */
export function numberLike(text: string): NumberLike[] {
  const words = wordsOf(text);
  const numbers = findNumbers(text);
  const inNumber = (w: Word) => numbers.some((n) => w.start < n.end && n.start < w.end);
  longForms ??= numeralForms().filter((f) => f.length >= 6);
  const out: NumberLike[] = [];
  words.forEach((w, i) => {
    if (inNumber(w)) return;
    const prev = words[i - 1];
    if (vagueWords.has(w.word) || vaguePlurals.has(w.word)) {
      // "a few", "a lot": the article is a part of them; "lot" alone ("a lot of") too.
      if (w.word === 'few' && prev?.word !== 'a') return;
      if (w.word === 'lot' && prev?.word !== 'a') return;
      // "how many chairs", "how much": the question, not a count.
      if ((w.word === 'many' || w.word === 'much') && prev?.word === 'how') return;
      out.push({ text: text.slice(w.start, w.end), start: w.start, end: w.end, reason: 'vague' });
      return;
    }
    if (w.word === 'пару' || w.word === 'пара') return;
    if (w.word.length >= 5 && !numeral(w.word) && !notTypos.has(w.word)) {
      const typo = longForms!.some((f) => f[0] === w.word[0] && distance(w.word, f, 1) <= 1);
      if (!typo) return;
      const value = typoValue(w.word);
      out.push({
        text: text.slice(w.start, w.end),
        start: w.start,
        end: w.end,
        reason: 'typo',
        ...(value !== undefined ? { value } : {}),
      });
    }
  });
  // Hyphenated vague counts: "пару-тройку", "пять-шесть" are found as two numbers by findNumbers.
  return out;
}
