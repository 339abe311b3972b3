// The full-text tunables the tuner chooses (tune-retrieval.ts), the value that turns each component off,
// (the rule that keeps a component only when it clearly helps is search/sign-test.ts).

export type TextParams = {
  stopWeight: number;
  k: number;
  b: number;
  titleBoost: number;
  questionBoost: number;
  prefixWeight: number;
  typoTolerance: number;
  proximityWeight: number;
  window: number;
  sentenceWeight: number;
  /** 1: the title and FAQ question scored as one field (BM25F, `fieldModel: 'headings'`); 0: each on its own. */
  pooledHeadings: number;
};

/**
 * Each component beyond BM25 and the value that turns it off (weight 0, or the plain value: stop words
 * weigh like any word, the title like the body). In this order the rule tries them.
 */
export const offValues: Partial<TextParams> = {
  pooledHeadings: 0,
  sentenceWeight: 0,
  proximityWeight: 0,
  prefixWeight: 0,
  typoTolerance: 0,
  questionBoost: 0,
  titleBoost: 1,
  stopWeight: 1,
};
