// The events pack's intent accuracy on a held-out split of its examples (both languages): every
// fourth example of each intent and language is held out, the classifier is trained on the rest with
// the pack's options, and the held-out ones are predicted. Printed for the evaluation report.
// Measured: 0.726 on 84 held-out (ru 0.762, en 0.690), below the 0.90 target: the set is
// small (~20 examples per intent and language) and the intents close (a change vs. a vendor question);
// hyperparameters do not move it (0.72-0.74). The bound below guards against regressions.
import { describe, expect, it } from 'vitest';
import { trainIntentClassifier, type LabelledExample } from '../../llm/offline/intent-classifier';
import { packTrainOptions } from '../classifier';
import { detectLanguage } from './extract';
import { eventExamples } from './intents';

function heldOutSplit(examples: readonly LabelledExample[]) {
  const seen = new Map<string, number>();
  const train: LabelledExample[] = [];
  const test: LabelledExample[] = [];
  for (const e of examples) {
    const key = `${e.label}:${detectLanguage(e.text)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (n % 4 === 3 ? test : train).push(e);
  }
  return { train, test };
}

describe('events intents', () => {
  it('classifies the held-out split (both languages) at 0.70 or better', () => {
    const { train, test } = heldOutSplit(eventExamples);
    const clf = trainIntentClassifier(train, packTrainOptions);
    const wrong = test.filter((e) => clf.predict(e.text).label !== e.label);
    const byLang = (lang: string) => {
      const part = test.filter((e) => detectLanguage(e.text) === lang);
      return (part.length - wrong.filter((e) => detectLanguage(e.text) === lang).length) / part.length;
    };
    const accuracy = (test.length - wrong.length) / test.length;
    console.info(
      `events intents: accuracy ${accuracy.toFixed(3)} on ${test.length} held-out (ru ${byLang('ru').toFixed(3)}, en ${byLang('en').toFixed(3)}); trained on ${train.length}`,
      wrong.map((e) => `${e.label} <- ${clf.predict(e.text).label}: ${e.text}`),
    );
    expect(test.length).toBeGreaterThanOrEqual(30);
    expect(accuracy).toBeGreaterThanOrEqual(0.7);
  });
});
