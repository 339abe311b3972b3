// All labelled examples for the offline intent classifier, both languages.
import type { LabelledExample } from '../../llm/offline/intent-classifier';
import { examplesEn } from './examples-en';
import { examplesRu } from './examples-ru';

export { salesIntents, isSalesIntent, type SalesIntent } from './sales-intents';

export const intentExamples: LabelledExample[] = [examplesRu, examplesEn].flatMap((set) =>
  Object.entries(set).flatMap(([label, texts]) => texts.map((text) => ({ text, label }))),
);
