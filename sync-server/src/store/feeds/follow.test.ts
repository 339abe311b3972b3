// A team collection followed through the store (followTeam) against the test's store (embedded, or
// Apache CouchDB in the CouchDB pass): with a position id, a follower started again goes on after what
// the last one handled (the position kept by the store); without, it reads the feed from the start;
// a selector hands over only the docs it matches.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, until, type TestStore } from '../../../test/helpers';
import { teamStored } from '../data';
import type { Change } from './change-follower';
import { followTeam } from './follow';

const log = pino({ level: 'silent' });
const team = 'follow1';
let t: TestStore;
const contacts = () => teamStored<{ _id: string; name: string; vip?: boolean }>(t.store, team, 'contacts');

beforeAll(async () => {
  t = await startTestStore('follow-', log);
  await t.store.ensureTeam(team);
});

afterAll(async () => {
  await t?.close();
});

/** Follows the team's contacts until `count` changes came, then stops; answers their ids. */
async function follow(count: number, opts: { checkpointId?: string; selector?: Record<string, unknown> }) {
  const seen: string[] = [];
  const follower = followTeam(t.store, team, 'contacts', {
    ...opts,
    log,
    handle: async (changes: Change[]) => {
      seen.push(...changes.filter((c) => !c.id.startsWith('_design/')).map((c) => c.id));
    },
  });
  follower.start();
  await until(() => seen.length >= count);
  await follower.caughtUp;
  await follower.stop();
  // Apache CouchDB's feed merges its shards' feeds: the order across docs is not promised.
  return seen.sort();
}

describe('followTeam', () => {
  it('keeps a position with an id in the store, and reads from the start without one', async () => {
    await contacts().bulk([
      { _id: 'a', name: 'Anna' },
      { _id: 'b', name: 'Boris' },
    ]);
    expect(await follow(2, { checkpointId: 'cp:follow-test' })).toEqual(['a', 'b']);
    await contacts().bulk([{ _id: 'c', name: 'Chen' }]);
    // Started again with the same id: only what came after the position.
    expect(await follow(1, { checkpointId: 'cp:follow-test' })).toEqual(['c']);
    // In memory: everything again.
    expect(await follow(3, {})).toEqual(['a', 'b', 'c']);
  });

  it('hands over only the docs its selector matches', async () => {
    await contacts().bulk([
      { _id: 'v1', name: 'Vera', vip: true },
      { _id: 'n1', name: 'Nick' },
      { _id: 'v2', name: 'Vlad', vip: true },
    ]);
    const seen = await follow(2, { selector: { vip: true } });
    expect(seen).toEqual(['v1', 'v2']);
  });
});
