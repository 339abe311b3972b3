// The AI-reply limit held across server processes. On a plan that limits AI replies (never on
// Unlimited, the default, which asks the store nothing per message), a reply is reserved before the
// agents answer: the month's counter docs are read (one range read), and if the sum is under the
// limit the shared doc (`billing:replies:<team>:<month>:shared`) is written one higher on the
// revision read, a compare-and-swap: of two processes at the edge only one gets the last reply, the
// other reads again and is paused. The reservation is the count: the reply it was taken for is not
// counted again (`consume`). One not used (the agents handed the conversation over instead) is given
// back (`release`, or after `releaseAfterMs` when nobody said), so the count stays what was sent.
import { fits } from '@app/shared/billing';
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import { addAiReply, monthOf, repliesDocs, repliesPrefix, type RepliesDoc } from './usage';

const SHARED = 'shared';
const ATTEMPTS = 10;

type Open = { month: string; timer: NodeJS.Timeout };

export type ReplyReservations = ReturnType<typeof createReplyReservations>;

export function createReplyReservations(deps: {
  store: Store;
  now: () => Date;
  releaseAfterMs: number;
  log?: Logger;
}) {
  /** Reservations taken here and not yet used, oldest first, per team. */
  const open = new Map<string, Open[]>();

  /** Gives one reservation of `month` back: the shared doc one lower. */
  async function giveBack(teamId: string, month: string): Promise<void> {
    await addAiReply(deps.store, teamId, new Date(`${month}-01T00:00:00Z`), SHARED, -1).catch(
      (err: unknown) => deps.log?.warn({ err, teamId }, 'giving an AI-reply reservation back failed'),
    );
  }

  function remember(teamId: string, month: string): void {
    const list = open.get(teamId) ?? [];
    const entry: Open = {
      month,
      timer: setTimeout(() => {
        const at = list.indexOf(entry);
        if (at >= 0) list.splice(at, 1);
        void giveBack(teamId, month);
      }, deps.releaseAfterMs),
    };
    entry.timer.unref();
    list.push(entry);
    open.set(teamId, list);
  }

  function take(teamId: string): Open | undefined {
    const entry = open.get(teamId)?.shift();
    if (entry) clearTimeout(entry.timer);
    return entry;
  }

  return {
    /**
     * One reply of `limit` for the team's month, or the count that stops it. `unwritten`: replies this
     * process counted and has not written yet.
     */
    async reserve(
      teamId: string,
      limit: number,
      unwritten: number,
    ): Promise<{ ok: true } | { ok: false; used: number }> {
      const month = monthOf(deps.now());
      const id = repliesPrefix(teamId, month) + SHARED;
      for (let attempt = 1; ; attempt++) {
        const docs = await repliesDocs(deps.store, teamId, month);
        const used = docs.reduce((n, d) => n + (d.count ?? 0), 0) + unwritten;
        if (!fits(limit, used, 1)) return { ok: false, used };
        const shared = docs.find((d) => d._id === id);
        const rev = await systemDocs<RepliesDoc>(deps.store, 'app_runtime').put({
          _id: id,
          type: 'billing-replies',
          teamId,
          month,
          count: (shared?.count ?? 0) + 1,
          ...(shared?._rev ? { _rev: shared._rev } : {}),
        });
        if (rev) {
          remember(teamId, month);
          return { ok: true };
        }
        if (attempt >= ATTEMPTS)
          throw new DomainError('conflict', 'The reply count keeps changing; try again');
      }
    },
    /** A reply was sent: the oldest open reservation was its count (false: none was open). */
    consume: (teamId: string): boolean => take(teamId) !== undefined,
    /** No reply came of the oldest open reservation: it is given back. */
    async release(teamId: string): Promise<void> {
      const entry = take(teamId);
      if (entry) await giveBack(teamId, entry.month);
    },
    /** Before the store closes: every open reservation given back. */
    async close(): Promise<void> {
      const all = [...open].flatMap(([teamId, list]) => list.map((e) => ({ teamId, e })));
      open.clear();
      for (const { e } of all) clearTimeout(e.timer);
      await Promise.all(all.map(({ teamId, e }) => giveBack(teamId, e.month)));
    },
  };
}
