// Sentiment of a social mention, offline, in English and Russian: the `sentiment` package (AFINN-165
// with its English negators) for English; for Russian the same package with this project's lexicon
// (ru-lexicon.ts) registered as a language, each word stemmed first (the search's Snowball stemmer) so a
// lexicon entry covers its forms, and a negator up to two words before a word turning its score around.
// A score below zero is negative, above zero positive.
import Sentiment from 'sentiment';
import { normalizeWord, stemWord } from '@app/shared/search';
import type { SentimentLabel } from '@app/shared/schemas';
import { ruLexicon, ruNegators } from './ru-lexicon';

export type MentionSentiment = {
  label: SentimentLabel;
  score: number;
  words: string[];
  language: 'en' | 'ru';
};

const stem = (word: string) => stemWord(normalizeWord(word));
const negators = new Set(ruNegators);
const labels = Object.fromEntries(Object.entries(ruLexicon).map(([w, s]) => [stem(w), s]));

const analyzer = new Sentiment();
analyzer.registerLanguage('ru', {
  labels,
  scoringStrategy: {
    apply: (tokens, cursor, score) =>
      tokens.slice(Math.max(0, cursor - 2), cursor).some((t) => negators.has(t)) ? -score : score,
  },
});

export const languageOf = (text: string): 'en' | 'ru' =>
  (text.match(/[а-яё]/giu)?.length ?? 0) >= (text.match(/[a-z]/giu)?.length ?? 0) ? 'ru' : 'en';

/** Russian words as the lexicon reads them: negators as they are, the rest stemmed. */
const ruTokens = (text: string) =>
  (text.match(/\p{L}+/gu) ?? []).map((w) => (negators.has(normalizeWord(w)) ? normalizeWord(w) : stem(w)));

export function sentimentOf(text: string): MentionSentiment {
  const language = languageOf(text);
  const r =
    language === 'ru'
      ? analyzer.analyze(ruTokens(text).join(' '), { language: 'ru' })
      : analyzer.analyze(text);
  const label: SentimentLabel = r.score < 0 ? 'negative' : r.score > 0 ? 'positive' : 'neutral';
  return { label, score: r.score, words: [...r.positive, ...r.negative].slice(0, 30), language };
}
