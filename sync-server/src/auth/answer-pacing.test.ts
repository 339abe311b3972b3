// A paced answer comes no sooner than the budget after the request, however fast the work was; work
// slower than the budget is not delayed further (and says by how much it was over).
import { describe, expect, it } from 'vitest';
import { answerNoSooner, createAnswerPacer } from './answer-pacing';

describe('answer pacing', () => {
  it('waits out the rest of the budget, and not at all once it has passed', async () => {
    let clock = 1000;
    const slept: number[] = [];
    const opts = {
      now: () => clock,
      sleep: async (ms: number) => {
        slept.push(ms);
        clock += ms;
      },
    };
    expect(await answerNoSooner(900, 500, opts)).toBe(0); // 100 ms of work, 400 to wait
    expect(slept).toEqual([401]);
    expect(clock - 900).toBeGreaterThanOrEqual(500);
    clock = 2000;
    expect(await answerNoSooner(1200, 500, opts)).toBe(300); // 800 ms of work: 300 over, no wait
    expect(slept).toEqual([401]);
  });

  it('really waits (real timers)', async () => {
    const started = performance.now();
    await answerNoSooner(started, 60);
    expect(performance.now() - started).toBeGreaterThanOrEqual(60);
  });
});

describe('the learning pacer (password reset)', () => {
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
