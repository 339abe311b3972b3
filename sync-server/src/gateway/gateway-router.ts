// The sync gateway `/sync/<collection>/...`: the CouchDB HTTP subset RxDB's replicateCouchDB and
// PouchDB replication use, mapped onto the caller's team database. It authenticates the bearer token
// first, parses bodies only after that (with per-collection size limits), checks every pushed doc
// against the shared access table (bulk-docs.ts, writes.ts, access.ts), and refuses every path it
// does not know before anything reaches CouchDB.
import express, {
  Router,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { can, canWrite, refusal, type Role } from '@app/shared/access';
import { HISTORY_HEADER } from '@app/shared/billing';
import { DomainError } from '@app/shared/errors';
import type { PlanPolicy, Store, TeamCollection } from '../context';
import { MAX_JSON_DEPTH, parseJsonBody } from '../http/body';
import { refuseHeavyJson } from '../http/json-shape';
import { authOf } from '../http/route';
import type { SessionGuard } from '../auth/session-guard';
import type { Metrics } from '../ops/metrics';
import { forbidden } from './access';
import { handleBulkDocs, MAX_BULK_DOCS, pushBounds } from './bulk-docs';
import { handleChanges } from './changes';
import { assertFilesFit } from './files';
import { historyOf, type HistoryFilter } from './history';
import { createForwarder } from './forward';
import { createSharedPolls } from './shared-polls';
import { parseGatewayPath, type GatewayOp } from './paths';
import { handleAllDocs, handleBulkGet, handleDbInfo, handleGet, handleRevsDiff } from './reads';
import type { Upstream } from './upstream';
import { forwardDelete, handleDelete, handlePutDoc, handlePutLocal } from './writes';

export type GatewayOptions = {
  store: Store;
  upstream: Upstream;
  metrics: Metrics;
  requireAuth: RequestHandler;
  /** Ends a waiting long-poll when the caller's session ends. */
  guard: SessionGuard;
  longpollMaxMs: number;
  longPolls: Set<() => void>;
  jsonLimit: string;
  filesJsonLimit: string;
  /** The teams' plans: what their history leaves out of conversations and messages (history.ts). */
  plans?: PlanPolicy;
  now?: () => Date;
};

/**
 * The shape of gateway bodies other than `_bulk_docs`: `_all_docs`, `_bulk_get`, `_revs_diff` and
 * `_changes` take at most 10,000 ids, a doc's arrays are fewer still (docBounds).
 */
const readShape = refuseHeavyJson({ maxDepth: MAX_JSON_DEPTH, maxItems: MAX_BULK_DOCS, maxValues: 200_000 });

/** The methods each gateway endpoint answers (others: 404); the fuzz benchmark sends every one. */
export const gatewayMethods: Record<GatewayOp['kind'], string[]> = {
  'db-info': ['GET', 'HEAD', 'PUT'],
  changes: ['GET', 'POST'],
  'bulk-docs': ['POST'],
  'all-docs': ['GET', 'POST'],
  'bulk-get': ['POST'],
  'revs-diff': ['POST'],
  'ensure-full-commit': ['POST'],
  local: ['GET', 'PUT', 'DELETE'],
  doc: ['GET', 'PUT', 'DELETE'],
  attachment: ['GET'],
};

function run(mw: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((ok, fail) => mw(req, res, (err?: unknown) => (err ? fail(err) : ok())));
}

/**
 * Reads a request's body before it is forwarded. Bodies other than a `_bulk_docs` (which
 * bulk-body.ts reads a piece at a time) are parsed at once: their shape is checked first
 * (http/json-shape.ts), so a body of millions of tiny values is refused before JSON.parse spends
 * seconds on it, and a doc's PUT is held to its collection's size.
 */
function createBodyReader(opts: GatewayOptions) {
  const parseJson = parseJsonBody({ limit: opts.jsonLimit, type: () => true, verify: readShape });
  const parseFilesJson = parseJsonBody({ limit: opts.filesJsonLimit, type: () => true, verify: readShape });
  const parseBulk = express.raw({ limit: opts.jsonLimit, type: () => true });
  const parseFilesBulk = express.raw({ limit: opts.filesJsonLimit, type: () => true });
  const parseDoc = new Map<TeamCollection, RequestHandler>();
  /** A doc's PUT: at most its collection's size bounds (and room for CouchDB's fields). */
  const docParser = (collection: TeamCollection) => {
    let parse = parseDoc.get(collection);
    if (!parse) {
      const bytes =
        collection === 'files' ? opts.filesJsonLimit : pushBounds(collection).maxBytes + 64 * 1024;
      parse = parseJsonBody({ limit: bytes, type: () => true, verify: readShape });
      parseDoc.set(collection, parse);
    }
    return parse;
  };
  return async (req: Request, res: Response, collection: TeamCollection, op: GatewayOp) => {
    if (op.kind === 'bulk-docs') {
      assertUtf8(req);
      await run(collection === 'files' ? parseFilesBulk : parseBulk, req, res);
    } else if (op.kind === 'doc' && req.method === 'PUT') await run(docParser(collection), req, res);
    else if (req.method === 'POST' || req.method === 'PUT') {
      await run(collection === 'files' ? parseFilesJson : parseJson, req, res);
    }
  };
}

/**
 * A `_bulk_docs` body is read as raw bytes (bulk-body.ts), so the charset express.json checks on
 * every other body is checked here: UTF-8 (or none said) only, as CouchDB itself reads JSON.
 */
function assertUtf8(req: Request) {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset))
    throw new DomainError('bad-request', 'Unsupported body encoding or charset; send UTF-8');
}

/** Refuses an operation the gateway does not serve, or the member's role may not do. */
function assertAllowed(req: Request, role: Role, collection: TeamCollection, op: GatewayOp) {
  if (!gatewayMethods[op.kind].includes(req.method)) {
    throw new DomainError('route-not-found', `${req.method} is not supported here`);
  }
  // Replicating a collection at all needs reading it; checkpoints, writing some doc of it.
  if (!can(role, collection, 'read')) {
    throw new DomainError('role-forbidden', refusal(role, collection, 'read'));
  }
  if (op.kind === 'local' && req.method !== 'GET' && !canWrite(role, collection)) {
    throw new DomainError('role-forbidden', `${refusal(role, collection, 'update')}: read only`);
  }
}

/** The caller's session as requireAuth verified it, for long-polls to watch. */
function sessionOf(guard: SessionGuard, res: Response) {
  const { userId } = authOf(res);
  const version = res.locals.tokenVersion as number;
  return {
    watch: (onEnded: () => void) => guard.watch(userId, version, onEnded),
    check: () => guard.check(userId, version),
  };
}

export function createGatewayRouter(opts: GatewayOptions): Router {
  const fwd = createForwarder(opts.upstream, opts.metrics);
  const polls = createSharedPolls({ onAsk: () => opts.metrics.longpollStoreRequests.inc() });
  const readBody = createBodyReader(opts);
  const r = Router();
  r.use(opts.requireAuth);
  r.use((req: Request, res: Response, next: NextFunction) => {
    handle(req, res).catch(next);
  });

  async function handle(req: Request, res: Response): Promise<void> {
    const auth = authOf(res);
    const parsed = parseGatewayPath(req.path);
    if (!parsed.ok) {
      throw new DomainError(parsed.status === 400 ? 'bad-request' : 'route-not-found', parsed.message);
    }
    const { collection, op } = parsed;
    res.locals.metricRoute = `/sync/:collection/${op.kind}`;
    opts.metrics.syncRequests.inc({ collection, endpoint: op.kind });
    assertAllowed(req, auth.role, collection, op);
    // A role that may write nothing of the collection is refused a doc's PUT before its body is read.
    if (op.kind === 'doc' && req.method === 'PUT' && !canWrite(auth.role, collection)) {
      res.status(403).json(forbidden(refusal(auth.role, collection, 'update')));
      return;
    }
    await readBody(req, res, collection, op);
    // New file bytes within the plan's storage (files.ts), for a member who may write files at all.
    if (collection === 'files' && (op.kind === 'bulk-docs' || op.kind === 'doc') && req.method !== 'GET')
      if (canWrite(auth.role, collection)) await assertFilesFit(opts.plans, auth.teamId, req.body);
    const db = opts.store.dbName(auth.teamId, collection);
    // Pushed leads are checked against the team's pipelines (gateway/lead-stages.ts).
    const pipelinesDb = collection === 'leads' ? opts.store.dbName(auth.teamId, 'pipelines') : undefined;
    // Every collection's answers name the plan's history, so that a device learns of a change from
    // its next periodic pull, not only from its long-polls' next answer.
    const { header, filter: history } = await teamHistory(auth.teamId, collection);
    res.setHeader(HISTORY_HEADER, header);
    await dispatch(
      req,
      res,
      {
        role: auth.role,
        userId: auth.userId,
        db,
        collection,
        ...(pipelinesDb ? { pipelinesDb } : {}),
        ...(history ? { history } : {}),
      },
      op,
    );
  }

  /** The history the team's plan shows, and what it leaves out of the collection, from the plan as last read. */
  function teamHistory(teamId: string, collection: TeamCollection) {
    const planOf = opts.plans?.recentPlanOf ?? opts.plans?.planOf;
    return historyOf(planOf ? { planOf } : undefined, teamId, collection, (opts.now ?? (() => new Date()))());
  }

  async function dispatch(
    req: Request,
    res: Response,
    target: {
      role: Role;
      userId?: string;
      db: string;
      collection: TeamCollection;
      pipelinesDb?: string;
      history?: HistoryFilter;
    },
    op: GatewayOp,
  ) {
    const { db, collection, history } = target;
    switch (op.kind) {
      case 'db-info':
        if (req.method === 'PUT') {
          res.status(412).json({ error: 'file_exists', reason: 'The database already exists.' });
          return;
        }
        return handleDbInfo(res, db, collection, fwd);
      case 'changes':
        return handleChanges(req, res, db, fwd, {
          longpollMaxMs: opts.longpollMaxMs,
          longPolls: opts.longPolls,
          polls,
          session: sessionOf(opts.guard, res),
          ...(history ? { history } : {}),
        });
      case 'bulk-docs':
        return handleBulkDocs(req, res, target, fwd, () => undefined);
      case 'all-docs':
        return handleAllDocs(req, res, db, fwd, history);
      case 'bulk-get':
        return handleBulkGet(req, res, db, fwd, history);
      case 'revs-diff':
        return handleRevsDiff(req, res, db, fwd);
      case 'ensure-full-commit':
        res.status(201).json({ ok: true, instance_start_time: '0' });
        return;
      case 'local': {
        const path = `/${db}/_local/${encodeURIComponent(op.id)}`;
        if (req.method === 'GET') return handleGet(req, res, 'local', path, fwd);
        if (req.method === 'PUT') return handlePutLocal(req, res, path, fwd);
        return forwardDelete(req, res, 'local', path, fwd);
      }
      case 'doc': {
        const path = `/${db}/${encodeURIComponent(op.id)}`;
        if (req.method === 'GET') return handleGet(req, res, 'doc', path, fwd, history);
        if (req.method === 'PUT') return handlePutDoc(req, res, { ...target, id: op.id }, fwd);
        return handleDelete(req, res, { ...target, id: op.id }, fwd);
      }
      case 'attachment': {
        const name = op.name.split('/').map(encodeURIComponent).join('/');
        return handleGet(req, res, 'attachment', `/${db}/${encodeURIComponent(op.id)}/${name}`, fwd);
      }
    }
  }
  return r;
}
