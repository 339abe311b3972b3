// How closely a query says what one of a passage's learned phrasings says (issue 61: customers' questions
// the passage's article answered, learned-phrasings.ts). Scored per phrasing, not over the phrasings
// pooled as one text: a new question that repeats an earlier one in other words shares most of its rare
// words with that one phrasing, while a pooled field would reward any article that has learned many
// questions for sharing a word or two with each. The similarity is the cosine of the two texts' sets of
// content stems weighed by IDF (1 for a copy, 0 for nothing in common); a passage's score is its best
// phrasing's.
import { contentTerms } from './tokenizer';

/** IDF-weighted cosine of two sets of stems. */
export function stemSimilarity(
  a: ReadonlySet<string>,
  b: ReadonlySet<string>,
  idf: (t: string) => number,
): number {
  let shared = 0;
  let left = 0;
  let right = 0;
  for (const t of a) {
    const w = idf(t);
    left += w * w;
    if (b.has(t)) shared += w * w;
  }
  for (const t of b) right += idf(t) ** 2;
  return left > 0 && right > 0 ? shared / Math.sqrt(left * right) : 0;
}

/** The best similarity of the query's content stems to any of the phrasings (0 without phrasings). */
export function learnedMatch(
  queryTerms: ReadonlySet<string>,
  phrasings: readonly string[] | undefined,
  idf: (t: string) => number,
): number {
  let best = 0;
  for (const p of phrasings ?? [])
    best = Math.max(best, stemSimilarity(queryTerms, new Set(contentTerms(p)), idf));
  return best;
}
