// The embedded store's close() leaves no LevelDB open in its folder: neither a database, nor its Mango
// index's, nor one a request under way at the close opens again afterwards. An open one would go on
// compacting into a folder its owner removes next (a test's temp folder, a restore), and LevelDB's
// "IO error: ….ldb: No such file or directory" then fails the whole process (a CI run lost three
// files of one worker to it).
import { join } from 'node:path';
import leveldown from 'leveldown';
import nano from 'nano';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers';
import { startEmbeddedCouch } from './embedded-couch';
import { trackLevelDbs } from './embedded-couch-compact';
import type { LevelDownFactory } from './fail-stop-leveldown';

type Level = { status?: string; open(cb: (err?: Error) => void): void };
const real = leveldown as LevelDownFactory;

/** The real binding, remembering every LevelDB opened through it. */
function recording() {
  const dbs: Array<{ location: string; db: Level }> = [];
  const factory = function leveldown(location: string) {
    const db = real(location);
    dbs.push({ location, db: db as unknown as Level });
    return db;
  } as unknown as LevelDownFactory;
  Object.assign(factory, { destroy: real.destroy.bind(real), repair: real.repair.bind(real) });
  return { factory, dbs };
}

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});
const folder = () => {
  const d = tempDir('store-close-');
  dirs.push(d);
  return d.path;
};

describe('embedded store close', () => {
  it('closes every LevelDB it opened: databases, their indexes and the list of databases', async () => {
    const { factory, dbs } = recording();
    const couch = await startEmbeddedCouch({
      dataDir: folder(),
      adminPassword: 'pw',
      log: pino({ level: 'silent' }),
      leveldown: factory,
    });
    const server = nano(couch.url);
    await server.db.create('t1');
    const db = server.use<{ a: number }>('t1');
    await db.createIndex({ index: { fields: ['a'] } });
    await db.insert({ a: 1 });
    expect((await db.find({ selector: { a: 1 } })).docs).toHaveLength(1);
    await couch.close();
    expect(dbs.some((d) => d.location.includes('-mrview-'))).toBe(true);
    expect(dbs.filter((d) => d.db.status !== 'closed').map((d) => d.location)).toEqual([]);
  });

  it('closes a LevelDB opened after the close as soon as it is open', async () => {
    const dir = folder();
    const levels = trackLevelDbs(real);
    const before = levels.leveldown(join(dir, 'a')) as unknown as Level;
    await new Promise<void>((ok, fail) => before.open((e) => (e ? fail(e) : ok())));
    await levels.closeAll();
    expect(before.status).toBe('closed');
    // A request that was under way opens a database again.
    const late = levels.leveldown(join(dir, 'b')) as unknown as Level;
    await new Promise<void>((ok, fail) => late.open((e) => (e ? fail(e) : ok())));
    await expect.poll(() => late.status, { timeout: 5_000 }).toBe('closed');
  });
});
