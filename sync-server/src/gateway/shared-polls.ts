// One store long-poll for every client asking the same question. After a change, every device of a
// team that replicates the collection asks the gateway again within milliseconds, with the same
// `since` (the answer's last_seq) and the same parameters; each would hold a long-poll of its own on
// the store and be answered with the same bytes. Here the first of them sends the request, the others
// wait on it, and each gets the answer; it is cancelled when the last of its waiters has gone. Only
// waiting requests are shared: once answered, the next question with the same words is sent anew.
// Nothing here knows who asks: the caller's key names the database, so teams never share a poll, and
// each caller still checks its own session before it passes the answer on.

export type PollAnswer = { status: number; text: string };

export type SharedPolls = {
  /**
   * The answer to the question `key`, from a request under way if one is, else from `ask` (called with
   * a signal that aborts once no caller waits any more). Rejects with `signal`'s reason when the caller
   * stops waiting first.
   */
  wait(
    key: string,
    ask: (signal: AbortSignal) => Promise<PollAnswer>,
    signal: AbortSignal,
  ): Promise<PollAnswer>;
  /** Questions with a request under way. */
  readonly open: number;
};

type Entry = { answer: Promise<PollAnswer>; waiters: number; abort: AbortController };

export function createSharedPolls(opts: { onAsk?: () => void } = {}): SharedPolls {
  const open = new Map<string, Entry>();
  const start = (key: string, ask: (signal: AbortSignal) => Promise<PollAnswer>): Entry => {
    const abort = new AbortController();
    opts.onAsk?.();
    const answer = ask(abort.signal).finally(() => {
      if (open.get(key)?.abort === abort) open.delete(key);
    });
    // Each waiter handles the outcome; one left by all its waiters must not count as unhandled.
    answer.catch(() => undefined);
    const entry: Entry = { answer, waiters: 0, abort };
    open.set(key, entry);
    return entry;
  };
  return {
    get open() {
      return open.size;
    },
    wait(key, ask, signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      const entry = open.get(key) ?? start(key, ask);
      entry.waiters++;
      return new Promise<PollAnswer>((resolve, reject) => {
        const leave = () => {
          entry.waiters--;
          if (entry.waiters === 0 && open.get(key) === entry) {
            open.delete(key);
            entry.abort.abort();
          }
          reject(signal.reason);
        };
        signal.addEventListener('abort', leave, { once: true });
        entry.answer.then(
          (answer) => {
            signal.removeEventListener('abort', leave);
            entry.waiters--;
            resolve(answer);
          },
          (e: unknown) => {
            signal.removeEventListener('abort', leave);
            entry.waiters--;
            reject(e);
          },
        );
      });
    },
  };
}

/** The question a `_changes` request asks: method, database path, parameters in order, body. */
export function pollKey(
  method: string,
  path: string,
  params: URLSearchParams,
  body: string | undefined,
): string {
  const sorted = new URLSearchParams(params);
  sorted.sort();
  return `${method} ${path}?${sorted.toString()}\n${body ?? ''}`;
}
