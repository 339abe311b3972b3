// A pack's intent classifier: the offline classifier trained on the pack's own examples (both
// languages), once per process. The pack's agents route by it; the sales intents keep theirs.
import { trainIntentClassifier, type IntentClassifier } from '../llm/offline/intent-classifier';
import type { DomainPack } from './types';

export const packTrainOptions = { epochs: 25, learningRate: 1, unknown: false } as const;

const classifiers = new Map<string, IntentClassifier>();

export function packClassifier(pack: DomainPack): IntentClassifier {
  let c = classifiers.get(pack.id);
  if (!c) {
    c = trainIntentClassifier([...pack.examples], packTrainOptions);
    classifiers.set(pack.id, c);
  }
  return c;
}
