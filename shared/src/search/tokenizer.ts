// A tokenizer for Russian and English in the same text. Orama's default tokenizer drops Cyrillic, so
// every word is lower-cased (ё -> е) and stemmed by the stemmer of its script: "доставкой" and
// "доставка" both become "доставк", "deliveries" and "delivery" both "deliveri". The full-text index
// keeps stop words (`tokenize`): "what is" and "how do I" tell FAQ questions apart, and BM25's IDF
// already weighs them little; queries may weigh them down further (`queryWeights`), never drop them.
// The local embedder, proximity and snippets look at content words only (`analyze`, `contentTerms`).
// The same stems feed all of them, so they always agree on what a word is.
import type { Tokenizer } from '@orama/orama';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as russianStopwords } from '@orama/stopwords/russian';

export type Script = 'cyrl' | 'latn' | 'other';

/** One word of a text: its stem (`term`) and where it stands in the original text. */
export type Token = { term: string; word: string; start: number; end: number; script: Script };

/** What a word is (the scanner below matches it character by character). */
export const wordPattern = /[\p{L}\p{N}]+/gu;
const cyrillic = /[\u0400-\u04ff]/;
const latin = /[a-z\u00c0-\u024f]/;

const ruStop = new Set(russianStopwords.map((w) => w.replace(/ё/g, 'е')));
const enStop = new Set(englishStopwords.map((w) => w.replace(/[’']/g, '')));

export const scriptOf = (word: string): Script =>
  cyrillic.test(word) ? 'cyrl' : latin.test(word) ? 'latn' : 'other';

/** Lower-cases one word the way the index does (ё and е are one letter in practice). */
export const normalizeWord = (word: string): string => word.toLowerCase().replace(/ё/g, 'е');

export const isStopword = (word: string, script: Script = scriptOf(word)): boolean =>
  script === 'cyrl' ? ruStop.has(word) : script === 'latn' ? enStop.has(word) : false;

/**
 * Orama's Porter stemmer (3.1.x) drops the `s` or `t` before a removed `-ion` (`u = e?.[1] ?? "" + e?.[2]`
 * binds as `e[1] ?? ("" + e[2])`): "connection" became "connec" while "connect" stays "connect", so
 * the two never matched. Porter keeps that letter; it is put back here. Steps 1-3 only rewrite the
 * end of a word, so the dropped letter is the word's letter right after the stem.
 */
export function englishPorter(word: string): string {
  const stem = englishStemmer(word);
  if (!stem || !word.startsWith(stem)) return stem;
  return /^[st]ion/.test(word.slice(stem.length)) ? stem + word[stem.length] : stem;
}

const stemCache = new Map<string, string>();
const stemCacheLimit = 200_000;

/** The stem of one normalized word, by the stemmer of its script; digits and other scripts stay. */
export function stemWord(word: string, script: Script = scriptOf(word)): string {
  if (script === 'other' || word.length < 3) return word;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = script === 'cyrl' ? russianStemmer(word) : englishPorter(word);
    if (!stem) stem = word;
    if (stemCache.size >= stemCacheLimit) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

export type AnalyzeOptions = {
  keepStopwords?: boolean;
  /** Also the joined word of each two-part hyphenated compound (below); default true. */
  compounds?: boolean;
};

/** The hyphens that join the two halves of a compound ("Wi-Fi", "e-mail", "add-on", "онлайн-касса"). */
const isHyphen = (c: string | undefined) => c === '-' || c === '\u2010' || c === '\u2011';

/**
 * The words of a text with their stems and offsets (stop words left out unless asked). A compound of
 * two halves joined by a hyphen also counts as the word they make written together, after its halves
 * ("Wi-Fi": "wi", "fi", then "wifi"), so "wifi" finds "Wi-Fi" and "e-mail" finds "email", while each
 * half still matches on its own. Chains of three or more halves ("state-of-the-art") and numbers
 * ("10-15") are left as they are. The local embedder reads the written words only (`compounds: false`).
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Token[] {
  const tokens: Token[] = [];
  const compounds = options.compounds ?? true;
  let prev: { raw: string; start: number; end: number } | undefined;
  const push = (raw: string, start: number, end: number) => {
    const w = wordOf(raw);
    if (!options.keepStopwords && w.stop) return;
    tokens.push({ term: w.term, word: w.word, start, end, script: w.script });
  };
  scanWords(text, (raw, start, end) => {
    push(raw, start, end);
    // The compound's second half: joined when no hyphen comes before its first half or after it and
    // both halves are words, not numbers ("10-15" stays a range).
    if (
      compounds &&
      prev &&
      prev.end + 1 === start &&
      isHyphen(text[prev.end]) &&
      !isHyphen(text[prev.start - 1]) &&
      !isHyphen(text[end]) &&
      wordOf(prev.raw).script !== 'other' &&
      wordOf(raw).script !== 'other'
    )
      push(prev.raw + raw, prev.start, end);
    prev = { raw, start, end };
  });
  return tokens;
}

/** Each word of a text as written, with its offsets, in order (what `analyze` reads). */
export function scanWords(text: string, onWord: (raw: string, start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(text, i)) i += charLength(text, i);
    if (i >= n) break;
    const start = i;
    while (i < n && isWordChar(text, i)) i += charLength(text, i);
    onWord(text.slice(start, i), start, i);
  }
}

// The scanner behind `analyze`: the words of `wordPattern`, without a regex match
// object per word (that was most of the time of tokenizing a corpus). Each BMP code unit is classified
// once by the same Unicode property test and remembered; astral characters are tested each time.
const wordChar = /^[\p{L}\p{N}]$/u;
const bmpClass = new Uint8Array(0x10000); // 0 unknown, 1 word, 2 not

/** A surrogate pair starts at `i`. */
const isPair = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
};
const charLength = (text: string, i: number) => (isPair(text, i) ? 2 : 1);

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (isPair(text, i)) return wordChar.test(text.slice(i, i + 2));
  let k = bmpClass[c]!;
  if (k === 0) bmpClass[c] = k = wordChar.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/** What `analyze` needs of a word as written, cached: most words of a corpus repeat. */
export type WordInfo = { word: string; term: string; script: Script; stop: boolean };
const words = new Map<string, WordInfo>();
const wordCacheLimit = 200_000;

/** A word as written: its normalized form, stem, script and whether it is a stop word (cached). */
export function wordOf(raw: string): WordInfo {
  let info = words.get(raw);
  if (info) return info;
  const word = normalizeWord(raw);
  const script = scriptOf(word);
  info = { word, term: stemWord(word, script), script, stop: isStopword(word, script) };
  if (words.size >= wordCacheLimit) words.clear();
  words.set(raw, info);
  return info;
}

/** The stems of a text, in order, stop words included: what the full-text index holds and looks up. */
export function tokenize(text: string): string[] {
  return analyze(text, { keepStopwords: true }).map((t) => t.term);
}

/** The stems of a text's content words, stop words left out; a text of stop words only keeps them. */
export function contentTerms(text: string): string[] {
  const terms = analyze(text).map((t) => t.term);
  if (terms.length > 0) return terms;
  return tokenize(text);
}

/**
 * A query's stems with their weights: stop words weigh `stopWeight` (a tunable, chosen on the tuning
 * splits), every other word 1. A stem that is both (a stop word and a content word stemming alike)
 * keeps the larger weight.
 */
export function queryWeights(text: string, stopWeight: number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of analyze(text, { keepStopwords: true })) {
    const w = isStopword(t.word, t.script) ? stopWeight : 1;
    weights.set(t.term, Math.max(w, weights.get(t.term) ?? 0));
  }
  return weights;
}

/**
 * Orama's tokenizer component over `tokenize`. When indexing a property, each stem is returned once and
 * its count is handed to the index component on the side (`termCounts`, see bm25-index.ts).
 */
export function createMixedTokenizer(termCounts?: WeakMap<string[], Map<string, number>>): Tokenizer {
  return {
    language: 'russian-english',
    normalizationCache: new Map(),
    tokenize: (raw: string, _language?: string, prop?: string) => {
      if (typeof raw !== 'string') return [];
      const terms = tokenize(raw);
      if (!prop || !termCounts) return terms;
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      const unique = [...counts.keys()];
      termCounts.set(unique, counts);
      return unique;
    },
  };
}
