// One website crawl at a time per team (issue 60: each add started a crawl of its own, side by side):
// adds while one runs wait their turn, a site already waiting is not queued twice, the schedule's pass
// takes its turn too, and other teams are not held up.
import { describe, expect, it } from 'vitest';
import { createCrawlQueue } from './crawl-queue';

const log = { warn: () => undefined };

/** A crawl that runs until released, recording how many of one team ran at once. */
function recorder() {
  const running = new Map<string, number>();
  const most = new Map<string, number>();
  const order: string[] = [];
  const releases: Array<() => void> = [];
  const crawl = async (teamId: string, siteId: string) => {
    const now = (running.get(teamId) ?? 0) + 1;
    running.set(teamId, now);
    most.set(teamId, Math.max(most.get(teamId) ?? 0, now));
    order.push(`${teamId}:${siteId}`);
    await new Promise<void>((r) => releases.push(r));
    running.set(teamId, running.get(teamId)! - 1);
  };
  const releaseAll = async () => {
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { crawl, most, order, releases, releaseAll };
}

describe('the crawl queue', () => {
  it("runs a team's crawls one after another, each site once, other teams beside them", async () => {
    const r = recorder();
    const queue = createCrawlQueue(r.crawl, log);
    queue.add('t1', 'a');
    queue.add('t1', 'b');
    queue.add('t1', 'b'); // waiting already: not twice
    queue.add('t1', 'c');
    queue.add('t2', 'x');
    const pass = queue.run('t1', async () => 'scheduled');
    await new Promise((res) => setTimeout(res, 10));
    // One of t1 runs, t2's runs beside it.
    expect(r.order).toEqual(['t1:a', 't2:x']);
    const poll = setInterval(() => void r.releaseAll(), 2);
    await queue.idle();
    clearInterval(poll);
    expect(r.order).toEqual(['t1:a', 't2:x', 't1:b', 't1:c']);
    expect(r.most.get('t1')).toBe(1);
    expect(await pass).toBe('scheduled');
  });

  it('goes on after a crawl that failed', async () => {
    let runs = 0;
    const queue = createCrawlQueue(async (_t, site) => {
      runs++;
      if (site === 'bad') throw new Error('boom');
    }, log);
    queue.add('t', 'bad');
    queue.add('t', 'good');
    await queue.idle('t');
    expect(runs).toBe(2);
  });
});
