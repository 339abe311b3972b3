// The classifier's own "unknown" threshold: calibrated in training from the training data alone (leave
// some intents out), stored with the model, and applied by predict.
import { describe, expect, it } from 'vitest';
import { trainIntentClassifier } from './intent-classifier';
import { calibrateUnknown, pickUnknownThreshold, wilsonLowerBound } from './unknown-threshold';

const topics: Record<string, string[]> = {
  weather: ['rain', 'snow', 'sunny', 'wind', 'storm', 'cloudy', 'fog', 'heat'],
  food: ['pizza', 'pasta', 'soup', 'salad', 'bread', 'cheese', 'rice', 'cake'],
  travel: ['flight', 'hotel', 'train', 'visa', 'luggage', 'airport', 'ticket', 'cruise'],
  music: ['guitar', 'piano', 'concert', 'song', 'drums', 'album', 'violin', 'singer'],
  sport: ['football', 'tennis', 'swimming', 'running', 'hockey', 'golf', 'boxing', 'cycling'],
};
const examples = Object.entries(topics).flatMap(([label, words]) =>
  words
    .flatMap((w) => [`tell me about ${w}`, `i love ${w} so much`, `what do you think of ${w}`])
    .map((text) => ({ text, label })),
);

/** A scored calibration question. */
const q = (confidence: number, unknown: boolean, right = !unknown) => ({ confidence, unknown, right });

describe("the classifier's calibrated 'unknown' threshold", () => {
  const clf = trainIntentClassifier(examples, { epochs: 20 });

  it('is calibrated in training, stored with the model and applied by predict', () => {
    expect(clf.calibration).toMatchObject({ folds: 5, repeats: 2, goal: 0.85 });
    expect(clf.unknownBelow).toBe(clf.calibration!.below);
    expect(clf.unknownBelow).toBeGreaterThan(0);
    expect(clf.calibration!.inScopeAccuracy).toBeGreaterThanOrEqual(0.85);
    for (const text of ['tell me about pizza', 'a question on tax returns', 'zzz']) {
      const p = clf.predict(text);
      expect(p.unknown).toBe(p.confidence < clf.unknownBelow);
    }
    expect(clf.predict('i love snow so much').unknown).toBe(false);
    expect(clf.predict('how do I file my tax return').unknown).toBe(true);
  });

  it('is the same for the same data, and the model is the same with or without it', () => {
    const again = trainIntentClassifier(examples, { epochs: 20 });
    expect(again.unknownBelow).toBe(clf.unknownBelow);
    const bare = trainIntentClassifier(examples, { epochs: 20, unknown: false });
    expect(bare.unknownBelow).toBe(0);
    expect(bare.predict('how do I file my tax return')).toEqual({
      ...clf.predict('how do I file my tax return'),
      unknown: false,
    });
  });

  it('leaves a classifier of fewer than three intents uncalibrated: nothing is unknown', () => {
    const two = trainIntentClassifier(examples.filter((e) => e.label === 'food' || e.label === 'music'));
    expect(two.unknownBelow).toBe(0);
    expect(two.predict('how do I file my tax return').unknown).toBe(false);
  });

  it('trains the fold models without the left-out intents and without the held-out examples', () => {
    const seen: string[][] = [];
    let step = 0;
    const rand = () => ((step = (step * 7 + 3) % 101), step / 101);
    calibrateUnknown(
      examples,
      (train) => {
        seen.push([...new Set(train.map((e) => e.label))]);
        return { predict: () => ({ label: 'food', confidence: 0.5 }) };
      },
      rand,
      { folds: 5, repeats: 1 },
    );
    expect(seen).toHaveLength(5);
    // Each fold model knows 4 of the 5 intents; each intent is left out once.
    for (const labels of seen) expect(labels).toHaveLength(4);
    for (const label of Object.keys(topics)) expect(seen.filter((l) => !l.includes(label))).toHaveLength(1);
  });
});

describe('pickUnknownThreshold', () => {
  // 100 in scope at 0.01..1.00 (all right), 20 unknown at 0.005..0.1.
  const scored = [
    ...Array.from({ length: 100 }, (_, i) => q((i + 1) / 100, false)),
    ...Array.from({ length: 20 }, (_, i) => q((i + 1) / 200, true)),
  ];

  it('takes the best unknown recall whose in-scope accuracy keeps the goal with 95% confidence', () => {
    const picked = pickUnknownThreshold(scored, 0.85, 0.05);
    // Every unknown is below 0.105; flagging the in-scope ones below 0.11 costs 10 of 100 (0.90, whose
    // Wilson lower bound on 100 questions is 0.826 < 0.85): the goal holds only with fewer flagged.
    expect(wilsonLowerBound(picked.inScopeAccuracy, 100)).toBeGreaterThanOrEqual(0.85);
    expect(picked.inScopeAccuracy).toBeGreaterThan(0.9);
    expect(picked.unknownRecall).toBeLessThan(1);
    // Measured as is (a huge sample), the goal allows more.
    const many = [...Array(50)].flatMap(() => scored);
    expect(pickUnknownThreshold(many, 0.85, 0.05).unknownRecall).toBe(1);
    // Repeated deals score the same examples again: confidence counts the distinct ones.
    expect(pickUnknownThreshold(many, 0.85, 0.05, 50).below).toBe(picked.below);
  });

  it('lets a classifier below the goal lose at most maxLoss of its accuracy', () => {
    // Only 70% of in scope are right (2,000 of them): the 0.85 goal is out of reach, 0.65 is asked.
    const weak = [...Array(20)].flatMap(() =>
      scored.map((s, i) => (i < 100 && i % 10 >= 7 ? { ...s, right: false } : s)),
    );
    const picked = pickUnknownThreshold(weak, 0.85, 0.05);
    expect(picked.goal).toBeCloseTo(0.65, 10);
    expect(picked.below).toBeGreaterThan(0);
    expect(picked.inScopeAccuracy).toBeLessThan(0.7);
    expect(wilsonLowerBound(picked.inScopeAccuracy, 2000)).toBeGreaterThanOrEqual(0.65);
    // No loss allowed: 0.70 measured is not 0.70 with confidence, and nothing is flagged.
    expect(pickUnknownThreshold(weak, 0.85, 0).below).toBe(0);
  });
});
