// A paced answer takes about as long as the slow branch it stands in for.
import { describe, expect, it } from 'vitest';
import { createAnswerPacer } from './answer-pacing';

describe('answer pacing', () => {
  it('pads the fast branch to the moving average of the slow one, with some spread', async () => {
    let clock = 0;
    const slept: number[] = [];
    let r = 0.5;
    const pacer = createAnswerPacer({
      initialMs: 300,
      now: () => clock,
      random: () => r,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    await pacer.pad(0);
    expect(slept.pop()).toBe(300);
    clock = 1000;
    pacer.done(0); // the first slow branch took 1 s
    expect(pacer.typicalMs).toBe(1000);
    clock = 1200;
    pacer.done(1000); // 200 ms: averaged in
    expect(pacer.typicalMs).toBe(600);
    clock = 5000;
    r = 0;
    await pacer.pad(4900); // 100 ms gone of 0.85 * 600
    expect(slept.pop()).toBeCloseTo(410);
    r = 1;
    await pacer.pad(0); // already past 1.15 * 600: no wait
    expect(slept).toEqual([]);
  });
});
