// English texts that were written into components or modules before issue 17's scan
// (hardcoded-text.test.ts) and moved here (part of en.ts).
export const uiEn = {
  'knowledge.engineName.orama': 'Orama full text (shared search)',
  'knowledge.engineName.placeholder': 'simple BM25 (Orama did not load)',
};
