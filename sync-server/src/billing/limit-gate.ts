// One creation at a time per team and limit, across server processes: what makes the seat and channel
// limits hold when requests come together. A limit is checked by counting what the team holds, then
// the thing is written; two requests at the edge would both count the same and both write, one over
// the plan. So the count and the write happen holding the team's gate of that limit: a lease
// (store/leases.ts: a doc in `app_runtime` taken by a compare-and-swap on its revision, of two
// processes exactly one wins, on a CouchDB cluster too), given back once the write is done. In this
// process the requests for one gate queue behind each other; another process's request asks again
// every few milliseconds. A gate whose holder died is taken over after `holdMs`, far longer than a
// count and a write take; what a slow holder does after its write (an invite's mail) no longer needs
// the gate. Expiry compares wall clocks, as the runtime's leases do (servers keep their clocks
// synchronised).
import { randomUUID } from 'node:crypto';
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { systemLeases } from '../store/data';
import type { Lease } from '../store/leases';

export type LimitGate = {
  /**
   * Runs `work` holding the team's gate of `limit`; 409 `conflict` when the gate could not be had
   * within `waitMs` (a holder that never let go and kept it alive).
   */
  hold<T>(teamId: string, limit: string, work: () => Promise<T>): Promise<T>;
};

const gateKey = (teamId: string, limit: string) => `billing-gate:${teamId}:${limit}`;
/** The gate's lease doc (store/leases.ts names a lease's doc `lease:<key>`). */
export const gateDocId = (teamId: string, limit: string) => `lease:${gateKey(teamId, limit)}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createLimitGate(deps: {
  store: Store;
  /** A gate older than this is taken over (its holder died). */
  holdMs?: number;
  /** How long a request waits for another process's hold. */
  waitMs?: number;
  now?: () => number;
  log?: Logger;
}): LimitGate {
  const holdMs = deps.holdMs ?? 30_000;
  const waitMs = deps.waitMs ?? holdMs + 5_000;
  const leases = systemLeases(deps.store, {
    instanceId: `limit-gate-${randomUUID()}`,
    ttlMs: holdMs,
    ...(deps.now ? { now: deps.now } : {}),
  });
  /** This process's last queued hold of each gate: the next one waits for it here. */
  const queued = new Map<string, Promise<unknown>>();

  /** Takes the gate's lease, asking again while another process holds it. */
  async function take(key: string): Promise<Lease> {
    const giveUpAt = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      const lease = await leases.acquire(key);
      if (lease) return lease;
      if (Date.now() >= giveUpAt)
        throw new DomainError('conflict', 'Another change of the team is under way; try again');
      await sleep(Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random()));
    }
  }

  return {
    hold(teamId, limit, work) {
      const key = gateKey(teamId, limit);
      const run = (queued.get(key) ?? Promise.resolve()).then(async () => {
        const lease = await take(key);
        try {
          return await work();
        } finally {
          // Lost (taken over after `holdMs`) or not written: it expires by itself.
          await leases
            .release(lease)
            .catch((err: unknown) => deps.log?.warn({ err, key }, 'giving a limit gate back failed'));
        }
      });
      const settled = run.then(
        () => undefined,
        () => undefined,
      );
      queued.set(key, settled);
      void settled.then(() => {
        if (queued.get(key) === settled) queued.delete(key);
      });
      return run;
    },
  };
}
