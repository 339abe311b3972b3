// How closely a query says what one of a passage's learned phrasings says (issue 61: customers' questions
// the passage's article answered, learned-phrasings.ts). Scored per phrasing, not over the phrasings
// pooled as one text: a new question that repeats an earlier one in other words shares most of its rare
// words with that one phrasing, while a pooled field would reward any article that has learned many
// questions for sharing a word or two with each. The similarity is the cosine of the two texts' sets of
// content stems weighed by IDF (1 for a copy, 0 for nothing in common); a passage's score is its best
// phrasing's. `LearnedStems` keeps each passage's phrasings stemmed, so a query stems only itself, and
// `IdfMemo` their IDFs until the index changes.
import { DocCache } from './doc-cache';
import { contentTerms } from './tokenizer';

/** A passage's learned phrasings, each as its set of content stems. */
export type PhrasingStems = ReadonlyArray<ReadonlySet<string>>;

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

/** The phrasings as sets of content stems. */
export const stemPhrasings = (phrasings: readonly string[] | undefined): PhrasingStems =>
  (phrasings ?? []).map((p) => new Set(contentTerms(p)));

/** The best similarity of the query's content stems to any of the stemmed phrasings (0 without any). */
export function bestPhrasingMatch(
  queryTerms: ReadonlySet<string>,
  phrasings: PhrasingStems,
  idf: (t: string) => number,
): number {
  let best = 0;
  for (const p of phrasings) best = Math.max(best, stemSimilarity(queryTerms, p, idf));
  return best;
}

/**
 * Each passage's phrasings stemmed once, by passage id, until the passage changes (`forget`): a query
 * then stems only itself, not every candidate's phrasings again. A passage without phrasings is
 * remembered as such, so it is not read from the store again either. `stemmed` counts the phrasings
 * stemmed (tests and benches: it grows with the passages, not with the queries).
 */
export class LearnedStems extends DocCache<PhrasingStems> {
  stemmed = 0;

  /** The passage's stemmed phrasings; `phrasings` is read only the first time. */
  of(id: string, phrasings: () => readonly string[] | undefined): PhrasingStems {
    return this.get(id, () => {
      const texts = phrasings();
      const stems = texts?.length ? stemPhrasings(texts) : none;
      this.stemmed += stems.length;
      return stems;
    });
  }
}

const none: PhrasingStems = [];

/**
 * The phrasings' stems' IDFs, memoised until the index changes (a new `version`); `computed` counts the
 * ones worked out (tests and benches).
 */
export class IdfMemo {
  private version = -1;
  private values = new Map<string, number>();
  computed = 0;

  get(term: string, version: number, compute: (term: string) => number): number {
    if (version !== this.version) {
      this.version = version;
      this.values = new Map();
    }
    let idf = this.values.get(term);
    if (idf === undefined) {
      idf = compute(term);
      this.computed++;
      this.values.set(term, idf);
    }
    return idf;
  }
}
