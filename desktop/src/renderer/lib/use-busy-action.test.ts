// runBusy (the `run` of useBusyAction): busy around the action, the last message cleared first, a
// throw handed to onError (not thrown on), and whether the action finished.
import { describe, expect, it } from 'vitest';
import { runBusy } from './use-busy-action';

function recorder() {
  const log: string[] = [];
  return {
    log,
    setBusy: (b: boolean) => log.push(b ? 'busy' : 'idle'),
    opts: { onStart: () => log.push('start'), onError: (e: unknown) => log.push(`error:${String(e)}`) },
  };
}

describe('runBusy', () => {
  it('marks busy, clears first, runs the action and ends idle', async () => {
    const r = recorder();
    const done = await runBusy(r.setBusy, r.opts, async () => void r.log.push('act'));
    expect(done).toBe(true);
    expect(r.log).toEqual(['busy', 'start', 'act', 'idle']);
  });

  it('hands a throw to onError, ends idle and says it did not finish', async () => {
    const r = recorder();
    const done = await runBusy(r.setBusy, r.opts, () => Promise.reject(new Error('refused')));
    expect(done).toBe(false);
    expect(r.log).toEqual(['busy', 'start', 'error:Error: refused', 'idle']);
  });

  it('stays busy while the action waits', async () => {
    const r = recorder();
    let release!: () => void;
    const running = runBusy(
      r.setBusy,
      { onError: () => undefined },
      () => new Promise<void>((ok) => (release = ok)),
    );
    await Promise.resolve();
    expect(r.log).toEqual(['busy']);
    release();
    await running;
    expect(r.log).toEqual(['busy', 'idle']);
  });
});
