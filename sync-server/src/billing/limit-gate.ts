// One creation at a time per team and limit, across server processes: what makes the seat and channel
// limits hold when requests come together. A limit is checked by counting what the team holds, then
// the thing is written; two requests at the edge would both count the same and both write, one over
// the plan. So the count and the write happen holding the team's gate of that limit: a doc in
// `app_runtime` (`billing:gate:<team>:<limit>`) taken by a compare-and-swap on its revision
// (store/claim-write.ts: of two processes exactly one wins, on a CouchDB cluster too) and given back
// (expired in place, as leases are) once the write is done. Another request waits, asking again every
// few milliseconds. A gate whose holder died is taken over after `holdMs`, far longer than a count and
// a write take; what a slow holder does after its write (an invite's mail) no longer needs the gate.
// Expiry compares wall clocks, as the runtime's leases do (servers keep their clocks synchronised).
import { randomUUID } from 'node:crypto';
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { claimWrite } from '../store/claim-write';
import { statusOf } from '../store/couch-errors';

type GateDoc = { _id: string; _rev?: string; type: 'billing-gate'; holder: string; until: number };

export type LimitGate = {
  /**
   * Runs `work` holding the team's gate of `limit`; 409 `conflict` when the gate could not be had
   * within `waitMs` (a holder that never let go and kept it alive).
   */
  hold<T>(teamId: string, limit: string, work: () => Promise<T>): Promise<T>;
};

export const gateDocId = (teamId: string, limit: string) => `billing:gate:${teamId}:${limit}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createLimitGate(deps: {
  store: Store;
  /** A gate older than this is taken over (its holder died). */
  holdMs?: number;
  /** How long a request waits for the gate. */
  waitMs?: number;
  now?: () => number;
  log?: Logger;
}): LimitGate {
  const holdMs = deps.holdMs ?? 30_000;
  const waitMs = deps.waitMs ?? holdMs + 5_000;
  const now = deps.now ?? Date.now;
  const db = () => deps.store.systemDb<GateDoc>('app_runtime');

  async function read(id: string): Promise<GateDoc | undefined> {
    try {
      return await db().get(id);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  /** Takes the gate (a write on the revision read, while nobody holds it); its revision. */
  async function take(id: string, holder: string): Promise<string> {
    const giveUpAt = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      const current = await read(id);
      const at = now();
      if (!current || current.until <= at) {
        const rev = await claimWrite(db(), {
          _id: id,
          ...(current?._rev ? { _rev: current._rev } : {}),
          type: 'billing-gate',
          holder,
          until: at + holdMs,
        });
        if (rev) return rev;
      }
      if (Date.now() >= giveUpAt)
        throw new DomainError('conflict', 'Another change of the team is under way; try again');
      await sleep(Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random()));
    }
  }

  async function giveBack(id: string, holder: string, rev: string): Promise<void> {
    // Lost (taken over after `holdMs`) or not written: it expires by itself.
    await claimWrite(db(), { _id: id, _rev: rev, type: 'billing-gate', holder, until: 0 }).catch(
      (err: unknown) => deps.log?.warn({ err, id }, 'giving a limit gate back failed'),
    );
  }

  return {
    async hold(teamId, limit, work) {
      const id = gateDocId(teamId, limit);
      const holder = randomUUID();
      const rev = await take(id, holder);
      try {
        return await work();
      } finally {
        await giveBack(id, holder, rev);
      }
    },
  };
}
