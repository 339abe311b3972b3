// `POST /<db>/_compact` on the embedded store, so that it means on disk what erasure needs it to mean.
// PouchDB's compact() deletes the bodies of non-leaf revisions, but LevelDB only marks them deleted:
// the bytes stay in its write-ahead log (`*.log`) and table files (`*.ldb`) until LevelDB compacts
// those keys, which may be never for a quiet database. So after PouchDB's compaction this compacts
// the database's whole LevelDB (and those of its Mango indexes): the memtable is written out, the old
// log deleted, and the tables rewritten without the deleted values (see the order in compactRoute). The answer (202, as CouchDB)
// comes when that is done, so a caller that waited for it knows the bytes are gone.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from 'pouchdb';
import type { LevelDownFactory } from './fail-stop-leveldown';

type LevelDb = {
  status?: string;
  compactRange(start: Buffer, end: Buffer, callback: (err?: Error | null) => void): void;
  close(callback: (err?: Error | null) => void): void;
  _open(options: unknown, callback: (err?: Error | null) => void): void;
};

/** Keys sort below this (PouchDB's keys are short strings; no real key is 1 KiB of 0xff). */
const lastKey = Buffer.alloc(1024, 0xff);
const firstKey = Buffer.from([0]);

export type LevelDbs = {
  /** For PouchDB's `db` option: `base`, remembering every LevelDB it opens by its folder. */
  leveldown: LevelDownFactory;
  /** Compacts every open LevelDB whose folder is `location` or one of its index folders. */
  compact(location: string): Promise<number>;
  /** Whether a LevelDB was opened in folder `location` through `leveldown`. */
  has(location: string): boolean;
  /**
   * Closes every LevelDB still open, once the store's own close is done: one a request under way at
   * the close opened again (the store's port is shut, but its handlers run on) would otherwise go on
   * compacting into a folder its owner removes next, and fail the process with LevelDB's "IO error".
   * One that opens after this is closed as soon as it is open.
   */
  closeAll(): Promise<void>;
};

const closeQuietly = (db: LevelDb) =>
  new Promise<void>((done) => {
    if (db.status !== 'open') return done();
    db.close(() => done());
  });

export function trackLevelDbs(base: LevelDownFactory): LevelDbs {
  const open = new Map<string, LevelDb>();
  let shut = false;
  // Named as leveldown is: PouchDB keys its table of open stores, and its `backend_adapter`, by it.
  const factory = function leveldown(location: string) {
    const db = base(location);
    const level = db as unknown as LevelDb;
    const openLevel = level._open.bind(level);
    level._open = (options, callback) =>
      openLevel(options, (err) => {
        callback(err);
        // Opened after the store closed: by a request that was under way.
        if (!err && shut) setImmediate(() => void closeQuietly(level));
      });
    open.set(location, level);
    return db;
  } as unknown as LevelDownFactory;
  Object.assign(factory, { destroy: base.destroy.bind(base), repair: base.repair.bind(base) });
  return {
    leveldown: factory,
    async compact(location) {
      const mine = [...open].filter(
        ([path, db]) => (path === location || path.startsWith(`${location}-mrview-`)) && db.status === 'open',
      );
      for (const [, db] of mine)
        await new Promise<void>((ok, fail) =>
          db.compactRange(firstKey, lastKey, (err) => (err ? fail(err) : ok())),
        );
      return mine.length;
    },
    has: (location) => open.has(location),
    async closeAll() {
      shut = true;
      await Promise.all([...open.values()].map(closeQuietly));
    },
  };
}

const route = /^\/([^/_?][^/?]*)\/_compact\/?(?:\?.*)?$/;

/**
 * Answers `POST /<db>/_compact` of an existing database itself (true), else leaves the request alone
 * (false). `dir` is the PouchDB prefix the store's databases live under (ends with `/`).
 */
export function compactRoute(Pouch: new (name: string) => Database, levels: LevelDbs, dir: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const match = req.method === 'POST' ? route.exec(req.url ?? '') : null;
    if (!match) return false;
    const name = decodeURIComponent(match[1]!);
    // A database that is not there (or a name that is not one folder) is express-pouchdb's to answer.
    if (name.includes('/') || name.startsWith('.') || !existsSync(`${dir}${name}`)) return false;
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify(body)}\n`);
    };
    try {
      // LevelDB's CompactRange rewrites the levels above the deepest one holding the range, into it;
      // it writes the memtable out first, into the deepest level it does not overlap. So a value and
      // its deletion written since the last flush would land side by side in a table that is never
      // rewritten. Hence: the values out to a table first, then PouchDB's deletions, then those
      // deletions (a table above the values) merged into the values' level, which drops both.
      const location = `${dir}${name}`;
      await levels.compact(location);
      await (new Pouch(name) as Database & { compact(): Promise<unknown> }).compact();
      await levels.compact(location);
      await levels.compact(location);
      send(202, { ok: true });
    } catch (error) {
      send(500, { error: 'compaction_failed', reason: String(error) });
    }
    return true;
  };
}
