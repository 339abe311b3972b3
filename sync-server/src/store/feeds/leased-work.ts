// Work that one server process at a time does for a team (a mailbox, a VK community): it runs in the
// process holding the key's lease. Every `checkMs` the holder renews the lease and the others try to
// take it; the process that gets it starts the work, one that loses it stops the work at once
// (another process now does it), and closing stops it and gives the lease up for another to take.
import type { Logger } from 'pino';
import type { Lease, Leases } from '../leases';

export type LeasedWork<R> = {
  /** The work, while this process holds the lease. */
  readonly running: R | undefined;
  close(): Promise<void>;
};

export function startLeasedWork<R>(opts: {
  leases: Leases;
  key: string;
  log: Logger;
  /** What the log calls it ("mailbox", "VK community"). */
  what: string;
  checkMs?: number;
  start(): R;
  stop(running: R): Promise<unknown>;
}): LeasedWork<R> {
  const { log, what } = opts;
  let lease: Lease | null = null;
  let running: R | undefined;
  let closed = false;
  let busy = Promise.resolve();

  async function stop() {
    const r = running;
    running = undefined;
    if (r !== undefined) await opts.stop(r);
  }

  async function check() {
    if (closed) return;
    try {
      lease = lease ? await opts.leases.renew(lease) : await opts.leases.acquire(opts.key);
    } catch (err) {
      log.warn({ err }, `${what} lease check failed`);
      lease = null;
    }
    if (lease && running === undefined) running = opts.start();
    if (!lease && running !== undefined) {
      log.warn(`lost the ${what} lease; another process has it now`);
      await stop();
    }
  }

  const tick = () => {
    busy = busy.then(check).catch((err: unknown) => log.error({ err }, `${what} check failed`));
  };
  tick();
  const timer = setInterval(tick, opts.checkMs ?? 5_000);

  return {
    get running() {
      return running;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await busy;
      await stop();
      if (lease) await opts.leases.release(lease).catch(() => undefined);
    },
  };
}
