// A follower's stop ends its long-poll at once even when the request does not hear the abort, as
// happens with Node 20's fetch after a garbage collection (store/abortable.ts). The server here never
// answers and ignores every signal: the old follower, which relied on fetch's signal, waited forever.
import type { ServerScope } from 'nano';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { boundedRequest, RequestBoundExpired } from '../abortable';
import { createChangeFollower } from './change-follower';

/** A nano server whose every request hangs, deaf to its signal; counts the requests. */
function deafServer() {
  const calls: unknown[] = [];
  const server = {
    request: (opts: unknown) => {
      calls.push(opts);
      return new Promise(() => {});
    },
  } as unknown as ServerScope;
  return { server, calls };
}

describe('bounded store requests', () => {
  it('a stop ends the wait for a request that ignores its signal', async () => {
    const stop = new AbortController();
    const waiting = boundedRequest(() => new Promise(() => {}), stop.signal, 60_000);
    stop.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
  });

  it('the time bound ends it too, as RequestBoundExpired, and the request is told to abort', async () => {
    let heard: AbortSignal | undefined;
    const waiting = boundedRequest(
      (signal) => ((heard = signal), new Promise(() => {})),
      new AbortController().signal,
      30,
    );
    await expect(waiting).rejects.toBeInstanceOf(RequestBoundExpired);
    expect(heard?.aborted).toBe(true);
  });

  it('an answer in time is passed through, and a stop already given refuses at once', async () => {
    await expect(boundedRequest(async () => 7, new AbortController().signal, 1_000)).resolves.toBe(7);
    const stopped = new AbortController();
    stopped.abort(new Error('gone'));
    let called = false;
    await expect(boundedRequest(async () => (called = true), stopped.signal, 1_000)).rejects.toThrow('gone');
    expect(called).toBe(false);
  });
});

describe('change follower stop', () => {
  it('returns promptly while its long-poll hangs deaf to the abort', async () => {
    const { server, calls } = deafServer();
    const follower = createChangeFollower({
      server,
      dbName: 'quiet',
      log: pino({ level: 'silent' }),
      pollMs: 60_000,
      handle: async () => {},
    });
    follower.start();
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    await follower.stop();
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('a poll that outlives its bound counts as nothing changed, and the next poll follows', async () => {
    // Reads to the end answer at once (nothing there); long-polls hang, deaf to their abort.
    const calls: { qs?: { feed?: string } }[] = [];
    const server = {
      request: (opts: { qs?: { feed?: string } }) => {
        calls.push(opts);
        return opts.qs?.feed ? new Promise(() => {}) : Promise.resolve({ results: [], last_seq: '0' });
      },
    } as unknown as ServerScope;
    const follower = createChangeFollower({
      server,
      dbName: 'quiet',
      log: pino({ level: 'silent' }),
      pollMs: 20,
      live: 'longpoll',
      handle: async () => {},
    });
    follower.start();
    await follower.caughtUp;
    while (calls.filter((c) => c.qs?.feed === 'longpoll').length < 2)
      await new Promise((r) => setTimeout(r, 5));
    await follower.stop();
  });
});

describe('change follower checkpoint', () => {
  /** A feed with nothing in it, answered at once; long-polls hang until their stop. */
  const emptyServer = () =>
    ({
      request: (opts: { qs?: { feed?: string } }) =>
        opts.qs?.feed ? new Promise(() => {}) : Promise.resolve({ results: [], last_seq: '0' }),
    }) as unknown as ServerScope;

  it('a checkpoint read that fails is tried again, and the feed follows once it answers', async () => {
    let reads = 0;
    const checkpoints = {
      get: async () => {
        reads++;
        if (reads < 3) throw Object.assign(new Error('store busy'), { statusCode: 503 });
        return { _id: 'cp:busy', _rev: '1-a', since: '0', updatedAt: '' };
      },
      insert: async () => ({ rev: '2-b' }),
    };
    const follower = createChangeFollower({
      server: emptyServer(),
      dbName: 'busy',
      log: pino({ level: 'silent' }),
      retryMs: 5,
      checkpoints: checkpoints as never,
      handle: async () => {},
    });
    follower.start();
    await follower.caughtUp;
    expect(reads).toBe(3);
    await follower.stop();
  });

  it('a checkpoint read cut off by the store closing at a stop leaves no rejection behind', async () => {
    const unhandled: unknown[] = [];
    const listen = (e: unknown) => void unhandled.push(e);
    process.on('unhandledRejection', listen);
    try {
      let fail: (e: Error) => void = () => {};
      const checkpoints = {
        get: () => new Promise((_, reject) => (fail = reject)),
        insert: async () => ({ rev: '1-a' }),
      };
      const follower = createChangeFollower({
        server: emptyServer(),
        dbName: 'closing',
        log: pino({ level: 'silent' }),
        checkpoints: checkpoints as never,
        handle: async () => {},
      });
      follower.start();
      // The store closes under the read (its client destroyed), before anyone stops the follower.
      fail(new Error('The client is destroyed'));
      await new Promise((r) => setTimeout(r, 50));
      await follower.stop();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listen);
    }
  });
});
