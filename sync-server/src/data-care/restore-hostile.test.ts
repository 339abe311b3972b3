// Hostile restore files through the real route (issue 34): a newline bomb used to abort the whole
// process (V8's "invalid size" in split), one line of 300 MB of spaces held the event loop for seconds,
// deeply nested lines and gzip bombs must be refused too. Each is answered with a 4xx naming the limit,
// /healthz keeps answering meanwhile, and the team's data is left as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from '../../test/api-kit';
import { dump, seed } from '../../test/data-care-seed';
import { attachmentBomb, longLine, nestedLines, newlineBomb } from '../../test/hostile-backups';
import { BACKUP_LIMITS, shapeProblem } from './backup-lines';
import { parseBackup } from './restore';

let t: ApiTestServer;
let team: TestTeam;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Hostile restore');
  await seed(t.server.store, team.teamId);
}, 60_000);
afterAll(() => t?.close());

/** Restores `body` while /healthz is polled: the answer and the slowest /healthz. */
async function restoreWhileProbing(body: Buffer) {
  let done = false;
  const restore = fetch(`${t.base}/api/v1/admin/restore?confirm=replace`, {
    method: 'POST',
    headers: { authorization: `Bearer ${team.admin}`, 'content-type': 'application/gzip' },
    body,
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as Loose }));
  void restore.finally(() => (done = true));
  let worst = 0;
  let probes = 0;
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(`${t.base}/healthz`);
    await res.arrayBuffer();
    worst = Math.max(worst, performance.now() - t0);
    probes++;
    await new Promise((r) => setTimeout(r, 20));
  }
  const health = await fetch(`${t.base}/healthz`);
  return { ...(await restore), worst, probes, healthAfter: health.status };
}

describe('hostile restore files', () => {
  it('refuses a newline bomb (header, then 160 MiB of newlines) with 422 and stays up', async () => {
    const before = await dump(t.server.store, team.teamId);
    const bomb = newlineBomb(160);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const res = await restoreWhileProbing(bomb);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'file-over-limit',
      message: expect.stringContaining('more than the limit of 4,000,000 lines') as unknown,
    });
    expect(res.healthAfter).toBe(200);
    expect(await dump(t.server.store, team.teamId)).toEqual(before);
  }, 60_000);

  it('refuses one line of 300 MB of spaces without holding the event loop', async () => {
    const before = await dump(t.server.store, team.teamId);
    const res = await restoreWhileProbing(longLine(300));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'file-over-limit',
      message: expect.stringMatching(/line 2 is longer than the limit of [\d,]+ bytes/) as unknown,
    });
    expect(res.probes).toBeGreaterThan(0);
    // Before the fix: the whole file inflated and split at once, /healthz frozen for seconds.
    expect(res.worst, `slowest /healthz: ${Math.round(res.worst)} ms`).toBeLessThan(500);
    expect(res.healthAfter).toBe(200);
    expect(await dump(t.server.store, team.teamId)).toEqual(before);
  }, 60_000);

  it('refuses lines nested deeper than the limit before parsing them', async () => {
    const res = await restoreWhileProbing(nestedLines(50, 1_000_000));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'file-over-limit',
      message: expect.stringContaining('line 2: it is nested deeper than the limit of 64 levels') as unknown,
    });
    expect(res.healthAfter).toBe(200);
  }, 60_000);

  it('refuses a gzip bomb at the unpacked limit (413), reading it as a stream', async () => {
    const bomb = attachmentBomb(12, 8);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const limits = { ...BACKUP_LIMITS, maxUnpackedBytes: 64 * 1024 * 1024 };
    await expect(parseBackup(bomb, limits)).rejects.toMatchObject({
      code: 'file-too-large',
      message: expect.stringContaining('larger than the limit of 67,108,864 bytes unpacked') as unknown,
    });
  }, 60_000);

  it('counts nesting and values outside strings only', () => {
    const limits = { maxDepth: 3, maxValues: 5 };
    const line = (s: string) => Buffer.from(s);
    expect(shapeProblem(line('{"a":[[1]],"b":"[[[[[\\"[[[["}'), limits)).toBeNull();
    expect(shapeProblem(line('{"a":[[[1]]]}'), limits)).toMatch(/deeper than the limit of 3/);
    expect(shapeProblem(line('{"a":"\\\\","b":[[[[1]]]]}'), limits)).toMatch(/deeper/);
    expect(shapeProblem(line('[1,2,3,4,5,6]'), limits)).toMatch(/more than the limit of 5 values/);
    expect(shapeProblem(line('["unterminated'), limits)).toBeNull();
  });

  it('refuses a line with an array or object over the items limit before it is parsed (issue 60)', () => {
    const limits = { maxDepth: 8, maxValues: 1_000_000, maxItems: 3 };
    const line = (s: string) => Buffer.from(s);
    expect(shapeProblem(line('{"tags":[1,2,3],"b":{"x":1,"y":[1,2]}}'), limits)).toBeNull();
    expect(shapeProblem(line('{"tags":[1,2,3,4]}'), limits)).toMatch(/more than the limit of 3 items/);
    expect(shapeProblem(line('{"a":1,"b":2,"c":3,"d":4}'), limits)).toMatch(/limit of 3 items/);
    // The default: a contact of 400,000 wrong-typed tags, as the issue pushed, is refused unparsed.
    const tags = Buffer.from(`{"_id":"c1","tags":[${'1,'.repeat(400_000)}1]}`);
    expect(shapeProblem(tags, BACKUP_LIMITS)).toMatch(/limit of 10,000 items/);
  });
});
