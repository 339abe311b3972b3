// The local classifier really learns: trained on the banking77 train split (77 intents, English),
// measured on its test split, read in place from ../shared/data (never copied into the project).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { banking77Dir, evaluateBanking77 } from '../../testing/banking77';

describe.skipIf(!existsSync(banking77Dir()))('intent classifier on banking77', () => {
  it('reaches a reasonable accuracy on the test split', () => {
    // A lighter setting than the benchmark's (4 epochs, n-grams 3-5: 0.889) to keep the suite fast.
    const r = evaluateBanking77({ epochs: 2, minCount: 2, charNgrams: [3, 4] });
    console.log(
      `banking77: accuracy ${r.accuracy.toFixed(4)} on ${r.test} test utterances (${r.train} train), trained in ${r.trainMs.toFixed(0)} ms`,
    );
    expect(r.test).toBeGreaterThan(3000);
    expect(r.labels).toBe(77);
    expect(r.accuracy).toBeGreaterThan(0.8);
  });
});
