// The places gazetteer (issue 61): Russian federal subjects, Russian cities over ~100k people and large
// world cities and event destinations, each with its English and Russian names (data.ts, sources in
// README.md), found in a message in their grammatical forms: "в Подмосковье", "под Казанью", "из
// Екатеринбурга", "в Нижнем Новгороде", "in New York", "NYC". A Russian name's word is kept as a stem
// and the endings its declension allows ("Москв" + а/ы/е/у/ой), so a word of the message is looked up
// once per ending it could have (a map lookup each), never by a regular expression per place.
import { placeTable } from './data';

export type PlaceKind = 'region' | 'city';
export type Place = Readonly<{
  /** The canonical English name ("Moscow Oblast", "New York City"). */
  en: string;
  /** The canonical Russian name ("Московская область", "Нью-Йорк"). */
  ru: string;
  kind: PlaceKind;
  /** ISO 3166 country code (RU for the regions). */
  country: string;
  /** Every name in both languages, the canonical ones first. */
  names: readonly string[];
}>;
export type PlaceMatch = { place: Place; index: number; end: number; text: string };

/** A name's word: its stem and the endings the word may take (only "" for a Latin or fixed word). */
type Word = { stem: string; endings: readonly string[] };
type Name = { place: Place; words: Word[]; ambiguous: boolean; caseSensitive: boolean; raw: string };

const adjM = ['ый', 'ий', 'ой', 'ого', 'его', 'ому', 'ему', 'ым', 'им', 'ом', 'ем'];
const adjF = ['ая', 'яя', 'ой', 'ей', 'ую', 'юю', 'ою'];
const adjN = ['ое', 'ее', 'ого', 'его', 'ому', 'ему', 'ым', 'им', 'ом', 'ем'];
const adjPl = ['ые', 'ие', 'ых', 'их', 'ым', 'им', 'ыми', 'ими'];
const plural = ['ы', 'и', 'ах', 'ях', 'ам', 'ям', 'ами', 'ями', 'ых', 'ым', 'ов'];
/** Declension classes by the nominative's ending, longest first; a consonant takes the last. */
const classes: [string, string[]][] = [
  ['ый', adjM],
  ['ий', adjM],
  ['ой', adjM],
  ['ая', adjF],
  ['яя', adjF],
  ['ое', adjN],
  ['ее', adjN],
  ['ые', adjPl],
  ['ие', adjPl],
  ['ье', ['ье', 'ья', 'ью', 'ьем', 'ьи']],
  ['ия', ['ия', 'ии', 'ию', 'ией', 'ие']],
  ['ья', ['ья', 'ьи', 'ье', 'ью', 'ьей']],
  ['а', ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою']],
  ['я', ['я', 'и', 'е', 'ю', 'ей', 'ею']],
  ['ь', ['ь', 'и', 'ью', 'я', 'ю', 'е', 'ем']],
  ['й', ['й', 'я', 'ю', 'е', 'ем']],
  ['о', ['о', 'а', 'у', 'е', 'ом']],
  ['ы', plural],
  ['и', plural],
];
const consonant = ['', 'а', 'у', 'е', 'ом'];
/** Every ending any class allows (a message's word is split at each it ends with, 3 letters at most). */
const allEndings = new Set([...classes.flatMap(([, e]) => e), ...consonant]);

const cyrillic = /[а-я]/u;
/** A word as it is compared: lower case, ё as е, Latin without accents, a possessive 's dropped. */
export function normWord(word: string): string {
  let w = word.toLowerCase();
  if (w.includes('ё')) w = w.replace(/ё/gu, 'е');
  if (cyrillic.test(w)) return w;
  if (w.includes('’')) w = w.replace(/’/gu, "'");
  // Latin: accents dropped only when there are any (NFD is the slow part).
  if (/[^\p{ASCII}]/u.test(w)) w = w.normalize('NFD').replace(/\p{M}/gu, '');
  return w.endsWith("'s") ? w.slice(0, -2) : w;
}

function wordOf(token: string, fixed: boolean): Word {
  const w = normWord(token);
  if (fixed || !cyrillic.test(w) || w.length <= 2) return { stem: w, endings: [''] };
  const found = classes.find(([end]) => w.endsWith(end) && w.length - end.length >= 2);
  if (found) return { stem: w.slice(0, -found[0].length), endings: found[1] };
  if (/[аеиоуыэюяь]$/u.test(w)) return { stem: w, endings: [''] };
  return { stem: w, endings: consonant };
}

const tokenRe = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
/** A word of the message: as written, as compared, where, and what stands between it and the last. */
type Token = { raw: string; norm: string; index: number; end: number; gap: string };
function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(tokenRe.source, 'gu');
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    tokens.push({ raw: m[0], norm: normWord(m[0]), index: m.index, end, gap: text.slice(last, m.index) });
    last = end;
  }
  return tokens;
}

/**
 * A Russian region's other names, added to its line: "Leningrad Oblast" is also "the Leningrad region"
 * and "Leningrad Province", "Krasnodar Krai" also "Krasnodar region" and "Krasnodar Territory";
 * «Ленинградская область» and «Краснодарский край» are also «Ленинградский регион», «Краснодарский
 * регион». In place: names already there are not repeated.
 */
function regionForms(en: string[], ru: string[]): void {
  const add = (list: string[], name: string) => {
    if (!list.some((x) => normWord(x) === normWord(name))) list.push(name);
  };
  for (const name of [...en]) {
    const base = /^(.+) (Oblast|Krai|Region)$/u.exec(name);
    if (!base) continue;
    for (const kind of ['Region', 'Oblast', ...(base[2] === 'Krai' ? ['Territory'] : ['Province'])])
      add(en, `${base[1]} ${kind}`);
  }
  for (const name of [...ru]) {
    const adjective = /^(\p{L}+)(?:ая область|ий край|ый край|ой край)$/u.exec(name);
    if (adjective) add(ru, `${adjective[1]}ий регион`);
  }
}

function parseTable(): { places: Place[]; index: Map<string, Name[]> } {
  const places: Place[] = [];
  const index = new Map<string, Name[]>();
  for (const line of placeTable.split('\n')) {
    const m = line.match(/^([rc]) ([A-Z]{2})\|([^|]+)\|(.+)$/u);
    if (!m) continue;
    const en = m[3]!.split(';').map((s) => s.trim());
    const ru = m[4]!.split(';').map((s) => s.trim());
    if (m[1] === 'r') regionForms(en, ru);
    const bare = (s: string) => s.replace(/[=?!]+$/u, '');
    const place: Place = {
      en: bare(en[0]!),
      ru: bare(ru[0]!),
      kind: m[1] === 'r' ? 'region' : 'city',
      country: m[2]!,
      names: [...en, ...ru].map(bare),
    };
    places.push(place);
    for (const raw of [...en, ...ru]) {
      const flags = raw.match(/[=?!]*$/u)![0];
      const tokens = [...bare(raw).matchAll(tokenRe)].map((t) => t[0]);
      if (!tokens.length) continue;
      const name: Name = {
        place,
        words: tokens.map((t) => wordOf(t, flags.includes('='))),
        ambiguous: flags.includes('?'),
        caseSensitive: flags.includes('!'),
        raw: bare(raw),
      };
      const key = name.words[0]!.stem;
      index.set(key, [...(index.get(key) ?? []), name]);
    }
  }
  return { places, index };
}

let table: ReturnType<typeof parseTable> | undefined;
const gazetteer = () => (table ??= parseTable());

/** Every place of the gazetteer (a table test's, and a directory's, view). */
export const allPlaces = (): readonly Place[] => gazetteer().places;

/** The names a message's word may be the first word of: its stem at each ending it could have. */
function namesStartingAt(word: string): Name[] {
  const { index } = gazetteer();
  const found: Name[] = [];
  const fixed = index.get(word);
  if (fixed) for (const n of fixed) if (n.words[0]!.endings.includes('')) found.push(n);
  if (!cyrillic.test(word)) return found;
  for (let k = 1; k <= 3 && k < word.length; k++) {
    const ending = word.slice(-k);
    if (!allEndings.has(ending)) continue;
    const names = index.get(word.slice(0, -k));
    if (names) for (const n of names) if (n.words[0]!.endings.includes(ending)) found.push(n);
  }
  return found;
}

const wordFits = (w: Word, token: string) =>
  w.endings.some(
    (e) =>
      token.length >= e.length && token.endsWith(e) && token.slice(0, token.length - e.length) === w.stem,
  );

/** Words a place named by a common word or a person's name must follow ("в Орле", "in Nice"). */
const placePrepositions = new Set([
  'в',
  'во',
  'из',
  'под',
  'около',
  'возле',
  'близ',
  'город',
  'городе',
  'города',
  'г',
  'на',
  'до',
  'от',
  'in',
  'at',
  'near',
  'from',
  'to',
  'around',
  'outside',
  'city',
]);

function nameAt(tokens: Token[], i: number, name: Name, lowercase = false): number {
  const first = tokens[i]!;
  if (name.caseSensitive && first.raw !== name.raw.split(/[\s-]/u)[0]) return 0;
  // An ambiguous name ("Nice", "Austin", "Phoenix") only capitalised after a place preposition; in a
  // message with no capital letter at all (voice-to-text, lowercase chat) a Latin one after the
  // preposition alone ("in phoenix"; not «на нижнем этаже»).
  if (name.ambiguous) {
    const before = tokens[i - 1];
    if (
      !((lowercase && /^[a-z]/u.test(first.raw)) || /^\p{Lu}/u.test(first.raw)) ||
      !before ||
      !placePrepositions.has(before.norm)
    )
      return 0;
  }
  for (let k = 1; k < name.words.length; k++) {
    const t = tokens[i + k];
    // The words of a name stand together: a space, a hyphen or a dot between them, no more.
    if (!t || !/^[\s.\-‐–]{1,3}$/u.test(t.gap) || !wordFits(name.words[k]!, t.norm)) return 0;
  }
  return name.words.length;
}

/** Every place the text names, in order, the longest name at each position ("Нижний Новгород"). */
export function findPlaces(text: string): PlaceMatch[] {
  const tokens = tokensOf(text);
  const lowercase = !/\p{Lu}/u.test(text);
  const found: PlaceMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let best: { name: Name; length: number } | undefined;
    for (const name of namesStartingAt(tokens[i]!.norm)) {
      const length = nameAt(tokens, i, name, lowercase);
      if (length > (best?.length ?? 0)) best = { name, length };
    }
    if (!best) continue;
    const end = tokens[i + best.length - 1]!.end;
    found.push({
      place: best.name.place,
      index: tokens[i]!.index,
      end,
      text: text.slice(tokens[i]!.index, end),
    });
    i += best.length - 1;
  }
  return found;
}

/** Words before a place that make it where someone comes from, not where the event is. */
const fromWords = new Set(['из', 'от', 'from']);

/**
 * The place a request is for: the first place named that is not where someone comes from ("из
 * Екатеринбурга"), else the first named.
 */
export function findPlace(text: string): PlaceMatch | undefined {
  const found = findPlaces(text);
  const before = (m: PlaceMatch) =>
    text
      .slice(Math.max(0, m.index - 6), m.index)
      .toLowerCase()
      .trim()
      .split(/\s+/u)
      .at(-1) ?? '';
  return found.find((m) => !fromWords.has(before(m))) ?? found[0];
}

/** The place one of whose names is exactly this ("Москва", "Moscow", "Saint Petersburg"), if any. */
export function placeNamed(name: string): Place | undefined {
  const n = normWord(name.trim());
  return allPlaces().find((p) => p.names.some((x) => normWord(x) === n));
}
