// The Store: nano over CouchDB (the embedded express-pouchdb server or Apache CouchDB 3 given by
// COUCHDB_URL), with idempotent setup of system and team databases, indexes and `_security` docs.
// Only documented CouchDB APIs are used: PUT /db, PUT /db/_security, POST /db/_index, DELETE /db.
import { setTimeout as delay } from 'node:timers/promises';
import nano, { type DocumentScope } from 'nano';
import type { Logger } from 'pino';
import type { Store, SystemDb, TeamCollection } from '../context';
import { DB_PREFIX_PATTERN, systemDbs, teamCollections, teamDbName } from './db-names';
import { createIndex, missingIndexes, systemIndexes, teamIndexes, type IndexDef } from './indexes';
import { coalescingScope, type CoalescingOptions } from './coalescing-scope';
import { statusOf } from './couch-errors';
import { createIngestNotes } from './ingest-notes';
import { createIntakeLoad } from './intake-load';
import { storeFetch } from './store-fetch';

/** Only server admins may read or write app databases; clients reach them through the gateway. */
const adminOnlySecurity = {
  admins: { names: [], roles: ['_admin'] },
  members: { names: [], roles: ['_admin'] },
};

/** A store request as sent: the method (lower case) and the URL without its query string. */
export type StoreRequestHook = (method: string, url: string) => void;

export type CouchStore = Store & {
  /** Creates the system databases; idempotent. */
  setup(): Promise<void>;
  /** Answers when CouchDB answers `GET /`. */
  ping(): Promise<boolean>;
};

type CouchStoreOptions = {
  url: string;
  log: Logger;
  onClose?: () => Promise<void>;
  /** Group commit of single-doc reads and writes per database (coalescing-scope.ts); false: off. */
  coalescing?: CoalescingOptions | false;
  /** Put before every database name (db-names.ts): deployments or test runs sharing one CouchDB. */
  prefix?: string;
  /** Called with each HTTP request sent to the store (benches count round trips by kind). */
  onRequest?: StoreRequestHook;
  /** Shards (`q`) of each database created on Apache CouchDB; unset: CouchDB's own default. */
  shards?: number;
};

/** nano over the store's own client, telling `onRequest` of each request. */
function nanoClient(url: string, fetch: ReturnType<typeof storeFetch>, onRequest?: StoreRequestHook) {
  return nano({
    url,
    // nano's option from patches/nano+11.0.7.patch (not in its types): a lighter client than fetch.
    ...({ fetch } as object),
    // nano calls `log` with each request ({ method, url }) and again with each answer.
    ...(onRequest
      ? {
          log: (e: unknown) => {
            const r = e as { method?: unknown; url?: unknown };
            if (typeof r.method === 'string' && typeof r.url === 'string') onRequest(r.method, r.url);
          },
        }
      : {}),
  });
}

/** Creates a database (or finds it there), makes it admin-only and adds its missing indexes. */
async function setUpDb(
  server: nano.ServerScope,
  name: string,
  indexes: IndexDef[],
  shards: number | undefined,
): Promise<void> {
  try {
    await server.db.create(name, shards ? { q: shards } : undefined);
  } catch (e) {
    // 412 file_exists: already there (another server instance may have just created it).
    // Two processes creating one database at the same instant may instead get
    // 500 {"error":"error","reason":"conflict"} from the loser (apache/couchdb#2613, still seen
    // on 3.5): the database is there all the same, which a HEAD confirms.
    if (statusOf(e) !== 412 && !(await createdByAnother(server, name, e))) throw e;
  }
  await server.request({ db: name, method: 'PUT', path: '_security', body: adminOnlySecurity });
  const db = server.use(name);
  for (const ix of await missingIndexes(db, indexes)) await createIndex(db, ix);
}

async function createdByAnother(server: nano.ServerScope, name: string, e: unknown): Promise<boolean> {
  if (statusOf(e) !== 500 || (e as { reason?: string }).reason !== 'conflict') return false;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const found = await server.request({ db: name, method: 'HEAD' }).then(
      () => true,
      () => false,
    );
    if (found) return true;
    await delay(50 * attempt);
  }
  return false;
}

export function createCouchStore(opts: CouchStoreOptions): CouchStore {
  const prefix = opts.prefix ?? '';
  if (prefix && !DB_PREFIX_PATTERN.test(prefix)) throw new RangeError(`bad database prefix: ${prefix}`);
  const fetch = storeFetch();
  const server = nanoClient(opts.url, fetch, opts.onRequest);
  const dbName = (teamId: string, collection: TeamCollection) => teamDbName(teamId, collection, prefix);
  const systemDbName = (name: SystemDb) => `${prefix}${name}`;
  /** One scope per database, so that its callers' requests meet in one queue. */
  const scopes = new Map<string, DocumentScope<object>>();
  const scope = <T extends object>(name: string): DocumentScope<T> => {
    if (opts.coalescing === false) return server.use<T>(name);
    let s = scopes.get(name);
    if (!s) {
      s = coalescingScope(server.use<object>(name), opts.coalescing ?? {});
      scopes.set(name, s);
    }
    return s as unknown as DocumentScope<T>;
  };
  const ready = new Set<string>();
  const dropped = new Map<string, number>();

  /** Databases being set up now: a second caller (registration and the runtime) waits for the first. */
  const settingUp = new Map<string, Promise<void>>();

  function ensureDb(name: string, indexes: IndexDef[]): Promise<void> {
    if (ready.has(name)) return Promise.resolve();
    let running = settingUp.get(name);
    if (!running) {
      running = setUpDb(server, name, indexes, opts.shards)
        .then(() => void ready.add(name))
        .finally(() => settingUp.delete(name));
      settingUp.set(name, running);
    }
    return running;
  }

  const store: CouchStore = {
    server,
    couchUrl: opts.url,
    ingestNotes: createIngestNotes(),
    intakeLoad: createIntakeLoad(),
    dbName,
    systemDbName,
    teamDb<T extends object>(teamId: string, collection: TeamCollection): DocumentScope<T> {
      return scope<T>(dbName(teamId, collection));
    },
    systemDb<T extends object>(name: SystemDb): DocumentScope<T> {
      return scope<T>(systemDbName(name));
    },
    async setup() {
      for (const name of systemDbs) await ensureDb(systemDbName(name), systemIndexes[name]);
      // An install that skipped npm's scripts has nano unpatched: it works, over Node's fetch.
      if (fetch.requests === 0)
        opts.log.warn('nano did not take the store client (patches/ not applied: run npm install)');
    },
    async ensureTeam(teamId: string) {
      for (const c of teamCollections) await ensureDb(dbName(teamId, c), teamIndexes(c));
    },
    async dropTeam(teamId: string, keep: readonly TeamCollection[] = []) {
      for (const c of teamCollections) {
        if (keep.includes(c)) continue;
        const name = dbName(teamId, c);
        ready.delete(name);
        scopes.delete(name);
        // Odd while the drop is under way (see `incarnation`).
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        try {
          await server.db.destroy(name).catch((e: unknown) => {
            if (statusOf(e) !== 404) throw e;
          });
        } finally {
          dropped.set(name, (dropped.get(name) ?? 0) + 1);
        }
      }
    },
    forgetTeam(teamId: string) {
      for (const c of teamCollections) {
        const name = dbName(teamId, c);
        ready.delete(name);
        scopes.delete(name);
        // Even: not being dropped here, but not the databases this process knew.
        dropped.set(name, (dropped.get(name) ?? 0) + 2);
      }
    },
    incarnation: (name) => dropped.get(name) ?? 0,
    async ping() {
      try {
        await server.info();
        return true;
      } catch (e) {
        opts.log.warn({ err: e }, 'CouchDB did not answer');
        return false;
      }
    },
    async close() {
      await opts.onClose?.();
      await fetch.close();
    },
  };
  return store;
}
