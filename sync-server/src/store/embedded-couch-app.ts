// The embedded CouchDB-compatible store's HTTP handler: express-pouchdb (Express 4 inside it) on
// PouchDB + LevelDB under `<DATA_DIR>/couch`, behind a front door that admits only the server admin's
// Basic credentials (compared in constant time) and answers everyone else 401, as CouchDB does for
// wrong credentials. Runs inline (in the server's process) or in its own process
// (embedded-couch-process.ts); embedded-couch.ts starts and supervises it.
//
// Why a front door: express-pouchdb's own authentication (pouchdb-auth) costs, on every request,
// two `_users` reads, a PBKDF2 in plain JS, two HMACs and a walk of the `_users` folder for its size
// (pouchdb-size) — about two thirds of the CPU of a small request. Only the sync server talks to the
// store, always as the admin, so the front door checks the one credential and hands express-pouchdb
// the admin's session. The per-database `_security` objects are still stored and served (PUT/GET
// `/db/_security`, as on Apache CouchDB); reads of them are cached, since only this process writes them.
//
// The most frequent requests take a short way to PouchDB (embedded-couch-fast.ts).
//
// The front door also gives `_changes` CouchDB's selector filter (`POST /db/_changes?filter=_selector`
// with `{"selector": ...}`), which express-pouchdb does not read from the body (PouchDB filters by
// it when it comes as an option), and answers 400 to every other named filter: express-pouchdb
// crashes its process on a filter whose design doc is missing.
//
// Fail-stop (fail-stop-leveldown.ts): after a LevelDB write error (a full disk) the store acknowledges
// no further write. It answers the requests already under way (the one that failed gets its error),
// refuses new ones with 503, then calls `onFault`: its owner reopens it from disk.
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { join } from 'node:path';
import expressPouchDB from 'express-pouchdb';
import leveldown from 'leveldown';
import PouchDB, { type Database } from 'pouchdb';
import { EMBEDDED_ADMIN } from './embedded-admin';
import { compactRoute, trackLevelDbs } from './embedded-couch-compact';
import { createDatabaseGates, gatedRequest } from './embedded-couch-gate';
import { createFastRoutes } from './embedded-couch-fast';
import { failStopLeveldown, type LevelDownFactory } from './fail-stop-leveldown';

/** express-pouchdb parts we leave out: UIs, replication daemons, rewrites, stats, compression, auth. */
const excluded = [
  'compression',
  'disk-size',
  'routes/all-dbs',
  'replicator',
  'routes/active-tasks',
  'routes/authentication',
  'routes/authorization',
  'routes/cluster',
  'routes/cluster-rewrite',
  'routes/config',
  'routes/db-updates',
  'routes/ddoc-info',
  'routes/fauxton',
  'routes/http-log',
  'routes/list',
  'routes/log',
  'routes/replicate',
  'routes/rewrite',
  'routes/session',
  'routes/show',
  'routes/special-test-auth',
  'routes/stats',
  'routes/temp-views',
  'routes/update',
  'routes/vhosts',
  'validation',
];

export type EmbeddedCouchApp = {
  handler: RequestListener;
  /** Closes every LevelDB the store opened and releases the data folder's lock. */
  close(): Promise<void>;
};

function writeConfig(path: string, adminPassword: string): void {
  const current = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  // A plain-text admin password is hashed by express-pouchdb when it loads the file.
  const next = { ...current, admins: { [EMBEDDED_ADMIN]: adminPassword }, log: { level: 'error' } };
  // Atomic (write + rename), so a crash mid-write never leaves a broken config behind.
  writeFileSync(`${path}.tmp`, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/**
 * One store per data folder: a LevelDB of its own whose lock is held while the store runs. It is taken
 * before any database opens and given back after they all closed; a process that dies gives it back
 * with its locks. A store whose previous process is still closing (its parent was killed) waits for it.
 */
async function lockFolder(dir: string, waitMs: number): Promise<() => Promise<void>> {
  const lock = leveldown(join(dir, 'store.lock'));
  const deadline = Date.now() + waitMs;
  for (;;) {
    const error = await new Promise<Error | undefined>((ok) => lock.open((e) => ok(e ?? undefined)));
    if (!error) return () => new Promise<void>((ok) => lock.close(() => ok()));
    // Anything but LevelDB's lock being held (a full disk: opening writes a new MANIFEST) fails now,
    // rather than after `waitMs` as if another store had the folder.
    if (!/^IO error: lock /.test(error.message))
      throw new Error(`the store's folder ${dir} cannot be opened: ${error.message}`);
    if (Date.now() >= deadline)
      throw new Error(`the store's folder ${dir} is in use by another process (${error.message})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const securityId = '_local/_security';

/** `getSecurity`/`putSecurity` as pouchdb-security stores them, with the read cached per database. */
function cachedSecurity() {
  const cache = new WeakMap<Database, Promise<Record<string, unknown>>>();
  const read = (db: Database) =>
    db.get(securityId).then(
      (doc) => (doc.security ?? {}) as Record<string, unknown>,
      () => ({}),
    );
  const settle = <T>(promise: Promise<T>, args: unknown[]) => {
    const callback = args.find((a) => typeof a === 'function') as
      ((err: unknown, value?: T) => void) | undefined;
    if (callback) promise.then((v) => callback(null, v), callback);
    return promise;
  };
  return {
    getSecurity(this: Database, ...args: unknown[]) {
      let cached = cache.get(this);
      if (!cached) {
        cached = read(this);
        cache.set(this, cached);
        cached.catch(() => cache.delete(this));
      }
      return settle(
        cached.then((s) => structuredClone(s)),
        args,
      );
    },
    putSecurity(this: Database, security: Record<string, unknown>, ...args: unknown[]) {
      // As CouchDB: the last writer wins (two at once must not make one of them fail).
      const write = async (): Promise<{ ok: true }> => {
        for (let attempt = 0; ; attempt++) {
          const doc = await this.get(securityId).catch(() => ({ _id: securityId }));
          try {
            await this.put({ ...doc, security });
            cache.set(this, Promise.resolve(structuredClone(security)));
            return { ok: true };
          } catch (e) {
            if ((e as { status?: number }).status !== 409 || attempt >= 20) throw e;
          }
        }
      };
      const written = write();
      written.catch(() => cache.delete(this));
      return settle(written, args);
    },
  };
}

/** The admin's session as express-pouchdb's routes expect it on `req.couchSession`. */
const adminSession = () => ({
  ok: true,
  userCtx: { name: EMBEDDED_ADMIN, roles: ['_admin'] },
  info: { authenticated: 'default', authentication_db: '_users', authentication_handlers: ['default'] },
});

const digest = (s: string) => createHash('sha256').update(s).digest();

type PouchEvents = Pick<typeof PouchDB, 'on' | 'removeListener'>;

/**
 * Every PouchDB class of the process, `defaults()` ones included, shares one event emitter: a listener
 * that this store's class (or express-pouchdb and pouchdb-all-dbs on it) adds hears every other store's
 * databases too, and outlives close() unless removed. This keeps what is added through `Pouch.on` and
 * answers a function that removes it all: a store closed in a long-lived process (a restart, a test
 * worker) leaves nothing behind that writes to its folder.
 */
function ownListeners(Pouch: PouchEvents, mine: (name: string) => boolean): () => void {
  const added: Array<[string, (...args: unknown[]) => void]> = [];
  const on = Pouch.on.bind(Pouch);
  Pouch.on = ((event: string, listener: (...args: unknown[]) => void) => {
    // A database's 'created' or 'destroyed' reaches this store's listeners only when it is this
    // store's: pouchdb-all-dbs would otherwise write every other store's names into this folder, and
    // after close() into a folder being removed.
    const perDatabase = event === 'created' || event === 'destroyed';
    const own = perDatabase
      ? (...args: unknown[]) => {
          if (typeof args[0] === 'string' && !mine(args[0])) return;
          listener(...args);
        }
      : listener;
    added.push([event, own]);
    return on(event as 'created', own);
  }) as PouchEvents['on'];
  return () => {
    for (const [event, listener] of added.splice(0)) Pouch.removeListener(event as 'created', listener);
  };
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(body)}\n`);
}

/** Reads a small request body (a `_changes` selector). */
function readBody(req: IncomingMessage, max = 64 * 1024): Promise<string> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.destroy();
        fail(new Error('body too large'));
      } else parts.push(c);
    });
    req.on('end', () => ok(Buffer.concat(parts).toString('utf8')));
    req.on('error', fail);
  });
}

/**
 * `_changes` filters: `_doc_ids` and `_selector` pass (a POSTed selector moves into the query, where
 * express-pouchdb hands it to PouchDB), any other is refused. Answers false when it answered itself.
 */
async function changesFilter(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://store');
  if (!/^\/[^/]+\/_changes$/.test(url.pathname)) return true;
  const filter = url.searchParams.get('filter');
  if (filter === null || filter === '_doc_ids') return true;
  if (filter !== '_selector') {
    sendJson(res, 400, { error: 'bad_request', reason: `unsupported filter: ${filter.slice(0, 100)}` });
    return false;
  }
  if (req.method !== 'POST') return true;
  let selector: unknown;
  try {
    selector = (JSON.parse(await readBody(req)) as { selector?: unknown }).selector;
  } catch {
    selector = undefined;
  }
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) {
    sendJson(res, 400, { error: 'bad_request', reason: 'filter=_selector needs a selector object' });
    return false;
  }
  url.searchParams.set('selector', JSON.stringify(selector));
  req.method = 'GET';
  req.url = `${url.pathname}?${url.searchParams.toString()}`;
  delete req.headers['content-length'];
  delete req.headers['content-type'];
  delete req.headers['transfer-encoding'];
  return true;
}

export async function createEmbeddedCouchApp(opts: {
  /** The store's folder (`<DATA_DIR>/couch`). */
  dir: string;
  adminPassword: string;
  /** How long to wait for a previous store on this folder to let go. */
  lockWaitMs?: number;
  /**
   * Called once after a LevelDB error, when the requests under way got their answers (or after 2 s):
   * the store acknowledges no more writes and must be closed and opened again.
   */
  onFault?: (err: Error) => void;
  /** For tests: the LevelDB binding (a wrapped leveldown that makes writes fail). */
  leveldown?: LevelDownFactory;
}): Promise<EmbeddedCouchApp> {
  const { dir } = opts;
  mkdirSync(dir, { recursive: true });
  const unlock = await lockFolder(dir, opts.lockWaitMs ?? 10_000);
  const configPath = join(dir, 'config.json');
  try {
    writeConfig(configPath, opts.adminPassword);
  } catch (e) {
    // A full disk: the lock goes back, so that a later attempt (inline: in this process) can take it.
    await unlock();
    throw e;
  }
  // Requests under way: after a fault they get their answers before the owner closes the store.
  const inFlight = new Set<ServerResponse>();
  let drained: (() => void) | undefined;
  const failStop = failStopLeveldown({
    ...(opts.leveldown ? { base: opts.leveldown } : {}),
    onFault: (err) => {
      const report = () => {
        drained = undefined;
        clearTimeout(timer);
        opts.onFault?.(err);
      };
      const timer = setTimeout(report, 2_000);
      drained = report;
      if (inFlight.size === 0) report();
    },
  });
  // `_compact` also compacts LevelDB's files (embedded-couch-compact.ts): erasure needs the bytes gone.
  const levels = trackLevelDbs(failStop.leveldown);
  const Pouch = PouchDB.defaults({ prefix: `${dir}/`, db: levels.leveldown });
  const stopListening = ownListeners(Pouch, (name) => levels.has(`${dir}/${name}`));
  // Every database the store opens, so close() can release LevelDB's locks (restart in one process).
  const opened = new Set<string>();
  const onCreated = (name: unknown) => {
    if (typeof name === 'string') opened.add(name);
  };
  Pouch.on('created', onCreated);
  const app = expressPouchDB(Pouch, {
    mode: 'fullCouchDB',
    configPath,
    logPath: join(dir, 'log.txt'),
    overrideMode: { exclude: excluded },
  });
  // Registered after express-pouchdb's own daemons, so it replaces pouchdb-security's two methods.
  app.daemonManager?.registerDaemon({ start: (P) => void P.plugin(cachedSecurity()) });
  const fast = createFastRoutes(Pouch);
  const gates = createDatabaseGates();
  const compact = compactRoute(Pouch, levels, `${dir}/`);

  const expected = digest(
    `Basic ${Buffer.from(`${EMBEDDED_ADMIN}:${opts.adminPassword}`).toString('base64')}`,
  );
  const handler = (req: IncomingMessage & { couchSession?: unknown }, res: ServerResponse) => {
    if (!timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.setHeader('www-authenticate', 'Basic realm="server"');
      sendJson(res, 401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
      return;
    }
    if (failStop.fault) {
      res.setHeader('connection', 'close');
      sendJson(res, 503, {
        error: 'service_unavailable',
        reason: `The store stopped after a LevelDB error and is reopening: ${failStop.fault.message}`,
      });
      return;
    }
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) drained?.();
    });
    // A fresh object each time: express-pouchdb writes the database name into it.
    req.couchSession = adminSession();
    const longWay = () => {
      if (!req.url?.includes('/_changes')) return app(req, res);
      changesFilter(req, res).then(
        (pass) => pass && app(req, res),
        () => sendJson(res, 400, { error: 'bad_request', reason: 'unreadable request body' }),
      );
    };
    const dispatch = () =>
      fast(req, res)
        .then(async (handled) => handled || (await compact(req, res)))
        .then(
          (handled) => handled || longWay(),
          (err: unknown) => {
            if (!res.headersSent) sendJson(res, 500, { error: 'internal', reason: String(err) });
          },
        );
    // A database's deletion and its other requests, one side at a time (embedded-couch-gate.ts).
    const gated = gatedRequest(req);
    if (!gated) return void dispatch();
    void gates.enter(gated.db, gated.kind).then((pass) => {
      res.once('close', pass.release);
      if (res.writableEnded || res.destroyed || req.socket.destroyed) return pass.release();
      return dispatch();
    });
  };

  let closing: Promise<void> | undefined;
  const close = async () => {
    stopListening();
    fast.close();
    // Opening a name again shares its LevelDB handle; closing that closes the shared handle.
    await Promise.allSettled([...opened].map((name) => new Pouch(name).close()));
    await levels.closeAll();
    // express-pouchdb keeps its log file open (a store reopened in this process would leak it).
    (app as { couchLogger?: { _stream?: { end(): void } } }).couchLogger?._stream?.end();
    await unlock();
  };
  return { handler, close: () => (closing ??= close()) };
}
