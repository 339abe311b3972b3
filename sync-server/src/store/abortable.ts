// A store request that a stop or a time bound really ends. Node 20's fetch (undici) follows a
// request's AbortSignal through a WeakRef to an internal controller; once a garbage collection has
// taken that controller (nothing else holds it while the request waits), aborting the signal no
// longer ends the request (nodejs/node#55428, nodejs/undici#4984). A long-poll of a quiet database
// then outlived its follower's stop by minutes. So the caller's wait is bounded here by its own
// strongly held controller and timer, and the request is still told to abort (when undici hears it,
// the socket is freed; when not, the request ends with the store's answer or fetch's own 5-minute
// limit, and its answer is dropped).

/** Why a bounded request ended early: the bound's time ran out (not the caller's stop). */
export class RequestBoundExpired extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'RequestBoundExpired';
  }
}

/**
 * Runs `request` with a signal that aborts when `stop` aborts or after `ms`, and settles as soon as
 * either happens, whether or not the request heard it: rejects with `stop.reason` on a stop, and
 * with a RequestBoundExpired after `ms`.
 */
export async function boundedRequest<T>(
  request: (signal: AbortSignal) => Promise<T>,
  stop: AbortSignal,
  ms: number,
): Promise<T> {
  if (stop.aborted) throw stop.reason;
  const controller = new AbortController();
  let fail: (reason: unknown) => void = () => {};
  const ended = new Promise<never>((_, reject) => (fail = reject));
  const end = (reason: unknown) => {
    fail(reason);
    controller.abort(reason);
  };
  const onStop = () => end(stop.reason);
  const timer = setTimeout(() => end(new RequestBoundExpired(ms)), ms);
  stop.addEventListener('abort', onStop, { once: true });
  try {
    return await Promise.race([request(controller.signal), ended]);
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}
