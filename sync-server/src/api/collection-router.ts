// CRUD with paging, filters and search for one team collection, shared by contacts, leads, agent
// settings, tasks and events. Who may read, create, update and delete is the collection's row of the
// access table (`@app/shared/access`), and each write passes its field rules as a push to the sync
// gateway does (`checkWrite`, `stampWrite`). Every doc lives in the caller's team db.
import type { Request, Router } from 'express';
import { z } from 'zod';
import { checkWrite, stampWrite, type Operation, type WriteOperation } from '@app/shared/access';
import { DomainError, type ErrorCode } from '@app/shared/errors';
import type { CollectionName } from '@app/shared/schemas';
import type { AuthContext, ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import { asCollectionDoc, type CollectionDoc } from '../store/collections';
import { apiDocs } from '../store/data';
import type { ApiDoc } from '../store/raw-docs';
import type { ListCache } from './list-cache';
import { applyPatch, buildNew, objectBody } from './doc-writes';
import { commonMatch, decodeCursor, encodeCursor, listQuery, type ListQuery } from './paging';
import type { RouteRegistry } from '../http/registry';

export type CollectionRouteOptions<C extends CollectionName = CollectionName> = {
  collection: C;
  base: string;
  tag: string;
  idPrefix: string;
  what: string;
  notFound: ErrorCode;
  defaults?: () => Record<string, unknown>;
  /** Fills a create request from other docs or the caller before it is built (e.g. a lead's first stage). */
  prepareCreate?: (
    teamId: string,
    input: Record<string, unknown>,
    auth: AuthContext,
  ) => Promise<Record<string, unknown>>;
  /**
   * Puts the fields a create or a patch gives into the form they are stored in (e.g. a contact's phones
   * in E.164), before anything else looks at them.
   */
  normalize?: (teamId: string, fields: Record<string, unknown>) => Promise<Record<string, unknown>>;
  extraQuery: z.ZodRawShape;
  /** Common list filters that the collection's docs have no field for (tasks have no tags). */
  omitQuery?: { tag?: true; channel?: true };
  /** Whose a doc is, for the `owner` filter (default: its `ownerId`). */
  ownedBy?: (doc: ApiDoc, owner: string, context: Set<string>) => boolean;
  match: (query: ListQuery & Record<string, unknown>, doc: ApiDoc, context: Set<string>) => boolean;
  /** Ids looked up once per list request for `match` (e.g. the contacts a lead search matches). */
  listContext?: (teamId: string, query: ListQuery & Record<string, unknown>) => Promise<Set<string>>;
  /**
   * Cross-doc checks before a write (e.g. a lead's contact exists in the same team); the doc and the
   * one stored before it passed the collection's schema, so they come as its type.
   */
  beforeWrite?: (teamId: string, doc: CollectionDoc<C>, previous: CollectionDoc<C> | null) => Promise<void>;
  /** Follow-up writes after a saved create or patch (e.g. only one default agent profile). */
  afterWrite?: (
    teamId: string,
    doc: CollectionDoc<C>,
    ctx: { previous: CollectionDoc<C> | null; auth: AuthContext },
  ) => Promise<void>;
  /** JSON schema of the doc, for the OpenAPI document. */
  jsonSchema: object;
  /** Serves list pages from this cache while the database is unchanged (not text searches, `q`). */
  listCache?: ListCache;
};

export const idParam = z.string().min(1).max(128);
const filtered = (q: Record<string, unknown>) =>
  Object.entries(q).some(([k, v]) => k !== 'limit' && k !== 'cursor' && v !== undefined);
const withRev = (doc: ApiDoc, rev: string) => ({ ...doc, rev });
/** The revision in `If-Match` (quoted or not); a malformed one is a 400, not a CouchDB error. */
const ifMatch = (req: Request) => {
  const value = req.get('if-match');
  if (!value) return undefined;
  const rev = value.replace(/^W\//, '').replace(/"/g, '').trim();
  if (!/^\d{1,10}-[0-9a-f]{1,64}$/.test(rev)) {
    throw new DomainError('bad-request', 'If-Match must be a revision such as "3-9f2c..."');
  }
  return rev;
};

/** The access table's field rules for one write, as the gateway asks them; the doc as stored. */
function allowWrite<T extends ApiDoc>(
  auth: AuthContext,
  collection: CollectionName,
  op: WriteOperation,
  doc: T,
  previous?: ApiDoc,
): T {
  const verdict = checkWrite(auth.role, collection, op, doc, previous, auth.userId);
  if (!verdict.ok) throw new DomainError('role-forbidden', verdict.reason);
  return op === 'delete' ? doc : stampWrite(auth.role, collection, op, doc, auth.userId);
}

/** The list route: a page in id order, the common filters and the collection's own. */
function addListRoute<C extends CollectionName>(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  o: CollectionRouteOptions<C>,
) {
  // The common filters less those omitted (a mask known at run time only), and the collection's own.
  const query = listQuery.omit(o.omitQuery ?? {}).extend(o.extraQuery);
  const db = (teamId: string) => apiDocs(deps.store, teamId, o.collection);
  const list = z.object({
    items: z.array(z.record(z.string(), z.unknown())),
    nextCursor: z.string().nullable(),
  });
  const matches = (q: ListQuery & Record<string, unknown>, d: ApiDoc, context: Set<string>) =>
    o.ownedBy
      ? commonMatch({ ...q, owner: undefined }, d) &&
        (q.owner === undefined || o.ownedBy(d, q.owner, context)) &&
        o.match(q, d, context)
      : commonMatch(q, d) && o.match(q, d, context);

  registry.add(
    router,
    {
      method: 'get',
      path: o.base,
      summary: `List ${o.tag} (paged, filtered)`,
      tag: o.tag,
      access: { resource: o.collection, op: 'read' },
      query,
      response: list,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const q = parse(query, req.query) as ListQuery & Record<string, unknown>;
      const read = async () => {
        const context = (await o.listContext?.(auth.teamId, q)) ?? new Set<string>();
        const page = await db(auth.teamId).scan({
          after: decodeCursor(q.cursor),
          limit: q.limit,
          // Without filters, one `_all_docs` read of `limit` docs answers the page.
          ...(filtered(q) ? { match: (d: ApiDoc) => matches(q, d, context) } : {}),
        });
        return {
          items: page.items.map((i) => withRev(i.doc, i.rev)),
          nextCursor: page.done ? null : encodeCursor(page.last),
        };
      };
      // A text search also reads other databases (a lead's contact): not cached.
      if (o.listCache && !q.q) {
        const key = JSON.stringify(Object.entries(q).sort(([a], [b]) => (a < b ? -1 : 1)));
        res.type('json').send(await o.listCache.page(db(auth.teamId).state, key, read));
      } else {
        res.json(await read());
      }
    }),
  );
}

export function addCollectionRoutes<C extends CollectionName>(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  o: CollectionRouteOptions<C>,
): void {
  /** A doc that passed the collection's schema (written or about to be), as its type. */
  const typed = (d: ApiDoc) => asCollectionDoc(o.collection, d);
  const db = (teamId: string) => apiDocs(deps.store, teamId, o.collection);
  const doc = { jsonSchema: o.jsonSchema, description: o.what };
  const tag = o.tag;
  const byId = `${o.base}/:id`;
  const may = (op: Operation) => ({ resource: o.collection, op });

  addListRoute(router, registry, deps, o);

  registry.add(
    router,
    { method: 'get', path: byId, summary: `Get one of ${tag}`, tag, access: may('read'), response: doc },
    route(async (req, res) => {
      const auth = authOf(res);
      const found = await db(auth.teamId).getOr404(parse(idParam, req.params.id), o.notFound, o.what);
      res.json(withRev(found.doc, found.rev));
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: o.base,
      summary: `Create one of ${tag}`,
      tag,
      access: may('create'),
      body: doc,
      response: doc,
      status: 201,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const parsed = parse(objectBody, req.body);
      const body = o.normalize ? await o.normalize(auth.teamId, parsed) : parsed;
      const input = o.prepareCreate ? await o.prepareCreate(auth.teamId, body, auth) : body;
      const built = buildNew(o.collection, input, {
        idPrefix: o.idPrefix,
        now: deps.now(),
        defaults: o.defaults?.(),
      });
      const created = allowWrite(auth, o.collection, 'create', built);
      await o.beforeWrite?.(auth.teamId, typed(created), null);
      const rev = await db(auth.teamId).save(created);
      await o.afterWrite?.(auth.teamId, typed(created), { previous: null, auth });
      res.status(201).json(withRev(created, rev));
    }),
  );

  registry.add(
    router,
    {
      method: 'patch',
      path: byId,
      summary: `Change fields of one of ${tag} (null removes a field; If-Match: rev)`,
      tag,
      access: may('update'),
      body: objectBody,
      response: doc,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const parsed = parse(objectBody, req.body);
      const patch = o.normalize ? await o.normalize(auth.teamId, parsed) : parsed;
      const expected = ifMatch(req);
      for (let attempt = 0; ; attempt++) {
        const current = await db(auth.teamId).getOr404(id, o.notFound, o.what);
        const next = applyPatch(o.collection, current.doc, patch, deps.now());
        if (!next.changed.length) {
          res.json(withRev(current.doc, current.rev));
          return;
        }
        const stored = allowWrite(auth, o.collection, 'update', next.doc, current.doc);
        const previous = typed(current.doc);
        await o.beforeWrite?.(auth.teamId, typed(stored), previous);
        try {
          const rev = await db(auth.teamId).save(stored, expected ?? current.rev);
          await o.afterWrite?.(auth.teamId, typed(stored), { previous, auth });
          res.json(withRev(stored, rev));
          return;
        } catch (error) {
          if (expected !== undefined || attempt >= 2) throw error;
        }
      }
    }),
  );

  registry.add(
    router,
    {
      method: 'delete',
      path: byId,
      summary: `Delete one of ${tag} (If-Match: rev)`,
      tag,
      access: may('delete'),
      status: 204,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const current = await db(auth.teamId).getOr404(id, o.notFound, o.what);
      allowWrite(auth, o.collection, 'delete', current.doc, current.doc);
      await db(auth.teamId).remove(id, ifMatch(req) ?? current.rev);
      res.status(204).end();
    }),
  );
}
