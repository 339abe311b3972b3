// Claim windows (issue 36): the messages whose turns fall in one window are let through to their
// claims together, at the window's start, in one turn of the event loop; a stop while one waits
// rejects its wait. On a manual clock.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '@app/bot/testing';
import { claimWindows } from './claim-window';

describe('claim windows', () => {
  it("lets one window's turns through together at its start", async () => {
    const start = 1_000_000; // a window's start (a multiple of 250)
    const clock = createManualClock(start);
    const wait = claimWindows(250, clock);
    const signal = new AbortController().signal;
    const through: Array<{ turn: number; at: number }> = [];
    // Turns 34 ms apart, as Telegram's bot-wide limit spaces them: the window [0, 250) holds eight.
    const waits = Array.from({ length: 10 }, (_, i) =>
      wait(start + 34 * i, signal).then(() => through.push({ turn: i, at: clock.now() - start })),
    );
    await clock.advance(0);
    expect(through.map((t) => t.turn)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await clock.advance(249);
    expect(through).toHaveLength(8);
    expect(clock.sleepers()).toBe(1); // one timer for the next window
    await clock.advance(1);
    await Promise.all(waits);
    expect(through.slice(8)).toEqual([
      { turn: 8, at: 250 },
      { turn: 9, at: 250 },
    ]);
  });

  it('rejects a wait when the outbox stops, and lets a window of 0 through at once', async () => {
    const clock = createManualClock(1_000_000);
    const stop = new AbortController();
    const waits = [0, 300].map((ms) =>
      claimWindows(250, clock)(1_000_000 + ms, stop.signal).then(
        () => 'through',
        () => 'stopped',
      ),
    );
    await clock.advance(0);
    stop.abort(new Error('stopping'));
    expect(await Promise.all(waits)).toEqual(['through', 'stopped']);
    await expect(claimWindows(0, clock)(2_000_000, stop.signal)).resolves.toBeUndefined();
  });
});
