// The embedded store's close() leaves no LevelDB open in its folder: neither a database, nor its Mango
// index's, nor one a request under way at the close opens again afterwards. An open one would go on
// compacting into a folder its owner removes next (a test's temp folder, a restore), and LevelDB's
// "IO error: ….ldb: No such file or directory" then fails the whole process (a CI run lost three
// files of one worker to it).
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import leveldown from 'leveldown';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedCouchApp } from './embedded-couch-app';
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

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'store-close-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('embedded store close', () => {
  it('closes every LevelDB it opened: databases, their indexes and the list of databases', async () => {
    const dir = tempDir();
    const { factory, dbs } = recording();
    const app = await createEmbeddedCouchApp({
      dir: join(dir, 'couch'),
      adminPassword: 'pw',
      leveldown: factory,
    });
    const server = createServer(app.handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as { port: number };
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}`,
          'content-type': 'application/json',
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }).then((r) => r.status);
    expect(await call('PUT', '/t1')).toBe(201);
    expect(await call('POST', '/t1/_index', { index: { fields: ['a'] } })).toBe(200);
    expect(await call('POST', '/t1', { a: 1 })).toBe(201);
    expect(await call('POST', '/t1/_find', { selector: { a: 1 } })).toBe(200);
    await new Promise<void>((r) => server.close(() => r()));
    await app.close();
    expect(dbs.some((d) => d.location.includes('-mrview-'))).toBe(true);
    expect(dbs.filter((d) => d.db.status !== 'closed').map((d) => d.location)).toEqual([]);
  });

  it('closes a LevelDB opened after the close as soon as it is open', async () => {
    const dir = tempDir();
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
