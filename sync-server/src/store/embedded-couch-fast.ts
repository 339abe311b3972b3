// Short ways through the embedded store for the requests the server makes most (reading one doc,
// writing one doc, `_bulk_docs`, long-polled `_changes`: embedded-couch-changes.ts, and a file's bytes
// as a standalone attachment: embedded-couch-attachments.ts), straight to PouchDB: express-pouchdb's
// routing, database lookup and wrappers cost about 0.7 ms of a ~1 ms request. The answers are
// express-pouchdb's own (same PouchDB calls, same bodies, statuses and error mapping; a long-poll that
// times out is answered, as CouchDB does); any request with something more (a query string other than
// a long-poll's or an attachment's `rev`, a special `_…` id, a JSON body of unknown size or over 1 MiB,
// a missing database) goes the long way, through express-pouchdb.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database, PouchStatic } from 'pouchdb';
import { MAX_SHORT_ATTACHMENT, putAttachment } from './embedded-couch-attachments';
import { createLongpollChanges } from './embedded-couch-changes';
import { readJson, send, sendError, type PouchError } from './embedded-couch-http';

/** What express-pouchdb's database lookup leaves as it is (sanitize-filename changes nothing). */
const plainDbName = /^[a-z][a-z0-9_$()+-]{0,200}$/;
const MAX_BODY = 1024 * 1024;

export type FastRoutes = ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>) & {
  /** Ends the long-poll feeds (the store closes). */
  close(): void;
};

/** `POST /db`, `PUT /db/id` or `POST /db/_bulk_docs`: the JSON body written, answered as express-pouchdb does. */
async function writeDocs(
  req: IncomingMessage,
  res: ServerResponse,
  db: Database,
  id: string | undefined,
  bulk: boolean,
): Promise<boolean> {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    send(req, res, 400, { error: 'bad_request', reason: 'invalid_json' });
    return true;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const reason = bulk ? 'Request body must be a JSON object' : 'Document must be a JSON object';
    send(req, res, 400, { error: 'bad_request', reason });
    return true;
  }
  const input = body as Record<string, unknown>;
  if (bulk) {
    if (!input.docs) {
      send(req, res, 400, { error: 'bad_request', reason: "Missing JSON list of 'docs'" });
      return true;
    }
    const opts = 'new_edits' in input ? { new_edits: input.new_edits } : {};
    await db.bulkDocs(input as never, opts).then(
      (rows) =>
        send(
          req,
          res,
          201,
          (rows as Array<Record<string, unknown> & PouchError & { id?: string; error?: unknown }>).map((r) =>
            r.error ? { id: r.id, error: r.name, reason: r.message } : r,
          ),
        ),
      (err: unknown) => sendError(req, res, err),
    );
    return true;
  }
  // As express-pouchdb: the body's `_id` first; a created doc without one gets a new uuid.
  input._id = input._id || id || randomUUID().replaceAll('-', '');
  await db.put(input as never).then(
    (r) => send(req, res, 201, r, r.rev),
    (err: unknown) => sendError(req, res, err),
  );
  return true;
}

/** Answers the request and resolves true, or resolves false without touching it. */
export function createFastRoutes(Pouch: PouchStatic): FastRoutes {
  /** One instance per database (they share LevelDB and its write queue with express-pouchdb's). */
  const dbs = new Map<string, Database>();
  const longpoll = createLongpollChanges();
  Pouch.on('destroyed', (name) => {
    dbs.delete(String(name));
    longpoll.close(String(name));
  });

  async function dbFor(name: string): Promise<Database | undefined> {
    const known = dbs.get(name);
    if (known) return known;
    // Never creates one: a missing database answers as express-pouchdb does, the long way.
    if (!(await Pouch.allDbs()).includes(name)) return undefined;
    const db = new Pouch(name);
    dbs.set(name, db);
    return db;
  }

  /** `/<db>/_changes?feed=longpoll…`: one live feed per database for every waiting request. */
  async function changes(req: IncomingMessage, res: ServerResponse, path: string, search: string) {
    const parts = path.split('/');
    if (parts.length !== 3 || parts[0] !== '' || parts[2] !== '_changes') return false;
    if (req.method !== 'GET' && req.method !== 'POST') return false;
    let dbName: string;
    try {
      dbName = decodeURIComponent(parts[1]!);
    } catch {
      return false;
    }
    if (!plainDbName.test(dbName)) return false;
    const query = new URLSearchParams(search);
    if (query.get('feed') !== 'longpoll') return false;
    if (req.method === 'POST') {
      const length = Number(req.headers['content-length']);
      if (!(length > 0 && length <= MAX_BODY)) return false;
      if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return false;
    }
    const db = await dbFor(dbName);
    if (!db) return false;
    return longpoll.route(req, res, dbName, db, query, () => readJson(req));
  }

  /** `PUT /<db>/<doc>/<attachment>[?rev=…]` of a plain doc, its length known: embedded-couch-attachments.ts. */
  async function attachment(req: IncomingMessage, res: ServerResponse, path: string, search: string) {
    const parts = path.split('/');
    if (req.method !== 'PUT' || parts.length !== 4 || parts[0] !== '') return false;
    let dbName: string, id: string, name: string;
    try {
      [dbName, id, name] = parts.slice(1).map(decodeURIComponent) as [string, string, string];
    } catch {
      return false;
    }
    if (!plainDbName.test(dbName) || !id || id.startsWith('_') || !name) return false;
    const query = new URLSearchParams(search);
    if ([...query.keys()].some((k) => k !== 'rev')) return false;
    const header = req.headers['content-length'];
    const length = Number(header);
    if (!header || !(length >= 0 && length <= MAX_SHORT_ATTACHMENT)) return false;
    const db = await dbFor(dbName);
    if (!db) return false;
    await putAttachment(req, res, db, id, name, query.get('rev') ?? undefined, length);
    return true;
  }

  const routes = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q >= 0 ? url.slice(0, q) : url;
    if (req.method === 'PUT' && path.split('/').length === 4)
      return attachment(req, res, path, q >= 0 ? url.slice(q + 1) : '');
    if (q >= 0) return url.includes('/_changes?') ? changes(req, res, path, url.slice(q + 1)) : false;
    const parts = url.split('/');
    if (parts[0] !== '' || parts.length < 2 || parts.length > 3) return false;
    let dbName: string;
    let id: string | undefined;
    try {
      dbName = decodeURIComponent(parts[1]!);
      id = parts.length === 3 ? decodeURIComponent(parts[2]!) : undefined;
    } catch {
      return false;
    }
    if (!plainDbName.test(dbName) || id === '') return false;
    const bulk = id === '_bulk_docs';
    // `POST /db` creates a doc (nano's insert); `GET|PUT /db/id`; `POST /db/_bulk_docs`.
    const create = id === undefined;
    if (create ? req.method !== 'POST' : id!.startsWith('_') && !(bulk && req.method === 'POST'))
      return false;
    if (!create && !bulk && req.method !== 'GET' && req.method !== 'PUT') return false;
    const hasBody = req.method !== 'GET';
    if (hasBody) {
      const length = Number(req.headers['content-length']);
      if (!(length > 0 && length <= MAX_BODY)) return false;
      if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return false;
    }
    const db = await dbFor(dbName);
    if (!db) return false;

    if (req.method === 'GET') {
      await db.get(id!).then(
        (doc) => send(req, res, 200, doc),
        (err: unknown) => sendError(req, res, err),
      );
      return true;
    }
    return writeDocs(req, res, db, id, bulk);
  };
  return Object.assign(routes, { close: () => longpoll.close() });
}
