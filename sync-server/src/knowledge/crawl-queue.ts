// One website crawl at a time per team: a crawl asked for while another of the team's runs (a website
// just added, a re-index, the schedule's pass) waits its turn instead of running beside it, and a site
// already waiting is not queued twice. Each add was a crawl of its own before, so a member adding
// sites one after another ran as many crawls side by side (issue 60).
import type { Logger } from 'pino';

export type CrawlQueue = {
  /** Crawls the site after the team's runs before it (errors are logged). */
  add(teamId: string, siteId: string): void;
  /** Runs `task` (the schedule's pass over the team's due sites) in the team's turn. */
  run<T>(teamId: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when the team's queue (or every team's) has nothing left. */
  idle(teamId?: string): Promise<void>;
};

export function createCrawlQueue(
  /** `askedAt`: when the crawl was asked for; a site run since (by the schedule's pass) is skipped. */
  crawl: (teamId: string, siteId: string, askedAt: Date) => Promise<unknown>,
  log: Pick<Logger, 'warn'>,
  now: () => Date = () => new Date(),
): CrawlQueue {
  const tails = new Map<string, Promise<unknown>>();
  /** Sites waiting for their turn, by `team\nsite`. */
  const waiting = new Set<string>();

  function run<T>(teamId: string, task: () => Promise<T>): Promise<T> {
    const before = tails.get(teamId) ?? Promise.resolve();
    const mine = before.then(task, task);
    const tail = mine.catch(() => undefined);
    tails.set(teamId, tail);
    void tail.then(() => {
      if (tails.get(teamId) === tail) tails.delete(teamId);
    });
    return mine;
  }

  return {
    add(teamId, siteId) {
      const key = `${teamId}\n${siteId}`;
      if (waiting.has(key)) return;
      waiting.add(key);
      const askedAt = now();
      void run(teamId, () => {
        waiting.delete(key);
        return crawl(teamId, siteId, askedAt);
      }).catch((err: unknown) => log.warn({ err, teamId, siteId }, 'website crawl failed'));
    },
    run,
    async idle(teamId) {
      for (;;) {
        const pending = teamId ? [tails.get(teamId)] : [...tails.values()];
        const live = pending.filter((p): p is Promise<unknown> => p !== undefined);
        if (live.length === 0) return;
        await Promise.all(live);
      }
    },
  };
}
