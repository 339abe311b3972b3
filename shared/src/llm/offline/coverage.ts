// Whether a knowledge passage covers a customer's question: the share of the question's content words
// (function words such as "сколько", "какой", "what", "how" left out) that the passage has, matched by
// stem or a common prefix (Russian inflection: "гарантии" / "гарантию", "внедрение" / "внедрению");
// a word asking for a price ("стоит", "cost") is matched by any price the passage names ("790 ₽").
// Independent of the retriever's score scale. The threshold is calibrated on the tuning splits of the
// retrieval sets (`npx tsx src/cli/tune-coverage.ts`, see there), never on the tests' questions.
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as russianStopwords } from '@orama/stopwords/russian';
import { stem, words } from './text-features';

/**
 * The share of content words at or above which a passage covers the question: the best balanced
 * accuracy ("own passage" vs "best passage of another topic") on the pooled tuning splits of xquad-ru,
 * xquad-en and stackfaq (0.824). Held out: xquad-ru 0.872, xquad-en 0.904, stackfaq 0.671.
 */
export const COVERAGE_THRESHOLD = 0.55;

/**
 * A question is in the knowledge base's scope when one of its best SCOPE_HITS hits covers it (the
 * supervisor's out-of-scope check; measured with `npm run eval:retrieval -- --intents`).
 */
export const SCOPE_HITS = 3;

const functionWords = new Set(
  [
    ...russianStopwords,
    ...englishStopwords,
    'сколько',
    'какой',
    'какая',
    'какие',
    'каков',
    'подскажите',
    'здравствуйте',
    'добрый',
    'привет',
    'hello',
    // Greetings and thanks say nothing of what is asked (a greeting's "день", "morning" may: the
    // supervisor searches without the greeting a message opens with, withoutGreeting).
    'доброе',
    'доброго',
    'приветствую',
    'спасибо',
    'hi',
    'hey',
    'thanks',
    'thank',
    // Possessives and question-word forms the stop-word lists lack ("До скольки работает ваша поддержка?").
    'скольки',
    'ваш',
    'ваша',
    'ваше',
    'ваши',
    'вашей',
    'вашего',
    'вашу',
    'ваших',
    'наш',
    'наша',
    'наше',
    'наши',
    // Words that ask rather than say what about: "Хочу узнать цену" asks about the price only.
    'хочу',
    'хотел',
    'хотела',
    'хотели',
    'хотелось',
    'хотим',
    'узнать',
    'скажите',
    'расскажите',
    'интересует',
    'пожалуйста',
    'want',
    'know',
    'like',
    'tell',
    'please',
    'wondering',
    'interested',
  ].map((w) => w.toLowerCase().replaceAll('ё', 'е')),
);

const prefixLength = 4;

const greeting =
  /^\s*(здравствуйте|здравствуй|добрый\s+(день|вечер)|доброе\s+утро|доброго\s+(дня|времени(\s+суток)?|вечера)|приветствую|привет|hi|hello|hey|good\s+(morning|afternoon|evening|day)|dear\s+(sir|madam|team|all)|hi\s+there)\b[\s,.!:;—–-]*/iu;

/**
 * The message without the greeting it opens with ("Здравствуйте! Как поменять пин-код?" → "Как поменять
 * пин-код?"): what is searched for. The message itself when it is nothing but a greeting.
 */
export function withoutGreeting(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    const m = greeting.exec(out);
    if (!m || m[0].length === 0) break;
    out = out.slice(m[0].length);
  }
  return out.trim() ? out : text;
}

/** The stems of a text's content words (numbers and one-letter words left out). */
export function contentTerms(text: string): string[] {
  return [
    ...new Set(
      words(text)
        .filter((w) => w.length > 1 && !functionWords.has(w) && !/^\d+$/.test(w))
        .map(stem),
    ),
  ];
}

/** Stems and stem prefixes of a passage, and whether it names a price, to look a question's terms up in. */
export type PassageTerms = { stems: Set<string>; prefixes: Set<string>; pricing: boolean };

export function passageTerms(text: string): PassageTerms {
  const stems = new Set(words(text).map(stem));
  const prefixes = new Set(
    [...stems].filter((s) => s.length >= prefixLength + 1).map((s) => s.slice(0, prefixLength + 1)),
  );
  return { stems, prefixes, pricing: priceMention.test(text) };
}

/** Words asking what something costs: a passage that names a price answers them. */
const priceWord = /^(стои|цен|расцен|прайс|price|pric|cost|fee)/;
const priceMention = /\d\s*(₽|руб|р\.|\$|usd|eur|€|долл)|[$€]\s*\d|(стои|цен|price|cost)/i;

const has = (p: PassageTerms, term: string) =>
  p.stems.has(term) ||
  (term.length > prefixLength && p.prefixes.has(term.slice(0, prefixLength + 1))) ||
  (priceWord.test(term) && p.pricing);

/** The share (0..1) of the question's content terms the passage has; 0 for a question without any. */
export function coverage(question: string | string[], passage: string | PassageTerms): number {
  const terms = typeof question === 'string' ? contentTerms(question) : question;
  if (terms.length === 0) return 0;
  const p = typeof passage === 'string' ? passageTerms(passage) : passage;
  return terms.filter((t) => has(p, t)).length / terms.length;
}

/**
 * The parts of a message to check one by one: a message often greets, asks and introduces the customer
 * at once ("Здравствуйте! Сколько стоит тариф? Меня зовут Анна"). Sentences with at least two content
 * words, else the whole message.
 */
function questionParts(text: string): string[][] {
  const parts = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map(contentTerms)
    .filter((t) => t.length >= 2);
  return parts.length > 1 ? parts : [contentTerms(text)];
}

/** Whether the passage (title and text) covers the question, or one of its sentences. */
export function covers(
  question: string,
  hit: { title: string; text: string },
  threshold = COVERAGE_THRESHOLD,
): boolean {
  const passage = passageTerms(`${hit.title} ${hit.text}`);
  return questionParts(question).some((terms) => coverage(terms, passage) >= threshold);
}
