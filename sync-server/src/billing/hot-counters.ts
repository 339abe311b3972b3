// What the agents ask billing on every customer message, kept in memory so that it costs the store
// nothing per message (policy.ts): each team's plan in force (trusted for `ttlMs`, so another
// process's change shows within that; dropped at once by `forget` when this process changes it) and
// the replies this process counted (a limited plan's are reserved in the store instead,
// reply-reservations.ts), written every `flushMs` as one addition to its own counter doc
// (usage.ts), and by `flush()` before the store closes. A count not yet written is lost with a kill -9
// (at most `flushMs` of replies): the limit is a soft one.
import type { PlanLimits } from '@app/shared/billing';
import type { Logger } from 'pino';
import type { Store } from '../context';
import type { PlanInForce } from './team-plan';
import { addAiReply, monthOf } from './usage';

type PlanWithLimits = PlanInForce & { limits: PlanLimits };

/** One team's month in this process: replies counted, and how many of them are written. */
type Tally = { teamId: string; month: string; instanceId: string; counted: number; written: number };

export function createHotCounters(deps: {
  store: Store;
  now: () => Date;
  planOf(teamId: string): Promise<PlanWithLimits>;
  ttlMs: number;
  flushMs: number;
  log?: Logger;
}) {
  const plans = new Map<string, { at: number; value: Promise<PlanWithLimits> }>();
  const tallies = new Map<string, Tally>();
  const keyOf = (teamId: string, month: string) => `${teamId}\n${month}`;
  const fresh = (at: number) => Date.now() - at < deps.ttlMs;

  /** Remembers `value` under `key` until it fails. */
  function kept<T extends { value: Promise<unknown> }>(map: Map<string, T>, key: string, entry: T): T {
    map.set(key, entry);
    entry.value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    return entry;
  }

  function plan(teamId: string): Promise<PlanWithLimits> {
    const known = plans.get(teamId);
    if (known && fresh(known.at)) return known.value;
    return kept(plans, teamId, { at: Date.now(), value: deps.planOf(teamId) }).value;
  }

  function countReply(teamId: string, instanceId: string): void {
    const month = monthOf(deps.now());
    const key = keyOf(teamId, month);
    const tally = tallies.get(key) ?? { teamId, month, instanceId, counted: 0, written: 0 };
    tally.counted++;
    tallies.set(key, tally);
  }

  /** Replies counted here and not yet written, this month. */
  function unwritten(teamId: string, now: Date): number {
    const tally = tallies.get(keyOf(teamId, monthOf(now)));
    return tally ? tally.counted - tally.written : 0;
  }

  async function writeAll(): Promise<void> {
    const month = monthOf(deps.now());
    for (const [key, tally] of tallies) {
      const n = tally.counted - tally.written;
      if (n > 0) {
        try {
          await addAiReply(
            deps.store,
            tally.teamId,
            new Date(`${tally.month}-01T00:00:00Z`),
            tally.instanceId,
            n,
          );
          tally.written += n;
        } catch (err) {
          deps.log?.warn(
            { err, teamId: tally.teamId },
            'writing the AI-reply count failed; kept for the next try',
          );
          continue;
        }
      }
      if (tally.month !== month) tallies.delete(key);
    }
  }
  /** One flush at a time; a call during one waits for it and then writes what came since. */
  let chain = Promise.resolve();
  function flush(): Promise<void> {
    const next = chain.then(writeAll);
    chain = next.catch(() => undefined);
    return next;
  }
  const timer = setInterval(() => void flush().catch(() => undefined), deps.flushMs);
  timer.unref();

  return {
    plan,
    countReply,
    unwritten,
    flush,
    /** No more periodic writes; what is counted is written now. */
    close(): Promise<void> {
      clearInterval(timer);
      return flush();
    },
    forget(teamId: string) {
      plans.delete(teamId);
    },
  };
}
