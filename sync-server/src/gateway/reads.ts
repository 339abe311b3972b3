// The read endpoints of the gateway besides `_changes`: db info, `_all_docs`, `_bulk_get`,
// `_revs_diff`, single docs and attachments. Bodies are checked for shape and size, then forwarded.
import type { Request, Response } from 'express';
import { DomainError } from '@app/shared/errors';
import type { TeamCollection } from '../context';
import type { Forwarder } from './forward';
import { assertShown, filterAllDocs, filterBulkGet, type HistoryFilter } from './history';
import { forwardParams, revPattern } from './params';

const MAX_KEYS = 10_000;
const bad = (message: string) => new DomainError('bad-request', message);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdList = (v: unknown) =>
  Array.isArray(v) && v.length <= MAX_KEYS && v.every((k) => typeof k === 'string' && k.length <= 256);

export async function handleDbInfo(res: Response, db: string, collection: TeamCollection, fwd: Forwarder) {
  const up = await fwd.call('db-info', { method: 'GET', path: `/${db}` });
  if (up.statusCode !== 200) return fwd.pipe('db-info', up, res);
  const info = (await fwd.json(up)) as Record<string, unknown>;
  res.json({ ...info, db_name: collection });
}

/**
 * Sends a store answer on, through `rewrite` when there is one (the plan's history, history.ts): then
 * the answer is read whole and an error of the store passes unchanged.
 */
async function answer(
  kind: string,
  up: Awaited<ReturnType<Forwarder['call']>>,
  res: Response,
  fwd: Forwarder,
  rewrite?: (text: string) => string,
) {
  if (!rewrite || up.statusCode !== 200) return fwd.pipe(kind, up, res);
  const text = await fwd.upstream.readText(up);
  res.status(200).type('application/json').send(rewrite(text));
}

export async function handleAllDocs(
  req: Request,
  res: Response,
  db: string,
  fwd: Forwarder,
  history?: HistoryFilter,
) {
  const params = forwardParams('all-docs', req.query as Record<string, unknown>);
  let body: string | undefined;
  if (req.method === 'POST') {
    if (!isObject(req.body)) throw bad('The body must be a JSON object');
    const { keys, ...opts } = req.body;
    for (const [name, value] of Object.entries(opts)) {
      // RxDB sends `deleted: "ok"`, which CouchDB does not define; other options become parameters.
      if (name === 'deleted') continue;
      if (['include_docs', 'conflicts', 'descending'].includes(name) && typeof value === 'boolean') {
        params.set(name, String(value));
      } else if (['limit', 'skip'].includes(name) && Number.isInteger(value) && (value as number) >= 0) {
        params.set(name, String(value));
      } else throw bad(`Unsupported _all_docs body field ${name}`);
    }
    if (keys !== undefined) {
      if (!isIdList(keys)) throw bad(`keys must be an array of at most ${MAX_KEYS} ids`);
      body = JSON.stringify({ keys });
    }
  }
  // The plan's history is judged on the docs: the store is asked for them.
  const wantsDocs = params.get('include_docs') === 'true';
  if (history) params.set('include_docs', 'true');
  const up = await fwd.call('all-docs', {
    method: body ? 'POST' : 'GET',
    path: `/${db}/_all_docs`,
    query: params,
    body,
  });
  const byKeys = body !== undefined || params.has('keys');
  await answer(
    'all-docs',
    up,
    res,
    fwd,
    history && ((text) => filterAllDocs(history, text, { withDocs: wantsDocs, byKeys })),
  );
}

export async function handleBulkGet(
  req: Request,
  res: Response,
  db: string,
  fwd: Forwarder,
  history?: HistoryFilter,
) {
  const params = forwardParams('bulk-get', req.query as Record<string, unknown>);
  const body = req.body as unknown;
  if (!isObject(body) || !Array.isArray(body.docs)) throw bad('The body must be {"docs": [...]}');
  if (body.docs.length > MAX_KEYS) throw bad(`At most ${MAX_KEYS} docs per request`);
  // express-pouchdb never answers an empty _bulk_get.
  if (body.docs.length === 0) {
    res.json({ results: [] });
    return;
  }
  const docs = body.docs.map((d: unknown) => {
    if (!isObject(d) || typeof d.id !== 'string' || d.id.length > 256)
      throw bad('Each doc needs a string id');
    if (d.rev !== undefined && (typeof d.rev !== 'string' || !revPattern.test(d.rev)))
      throw bad('rev must be a revision');
    if (d.atts_since !== undefined && !isIdList(d.atts_since)) throw bad('atts_since must be a list of revs');
    return {
      id: d.id,
      ...(d.rev ? { rev: d.rev } : {}),
      ...(d.atts_since ? { atts_since: d.atts_since } : {}),
    };
  });
  const named: Record<string, string[]> = {};
  for (const d of docs) if (d.rev) (named[d.id] ??= []).push(d.rev);
  await guardLatest(params, db, named, fwd);
  const up = await fwd.call('bulk-get', {
    method: 'POST',
    path: `/${db}/_bulk_get`,
    query: params,
    body: JSON.stringify({ docs }),
  });
  await answer('bulk-get', up, res, fwd, history && ((text) => filterBulkGet(history, text)));
}

export async function handleRevsDiff(req: Request, res: Response, db: string, fwd: Forwarder) {
  const body = req.body as unknown;
  if (!isObject(body)) throw bad('The body must be a JSON object of id -> revs');
  const entries = Object.entries(body);
  if (entries.length > MAX_KEYS) throw bad(`At most ${MAX_KEYS} ids per request`);
  for (const [id, revs] of entries) {
    if (id.length > 256 || !isIdList(revs) || !(revs as string[]).every((r) => revPattern.test(r))) {
      throw bad('Each id needs a list of revisions');
    }
  }
  const up = await fwd.call('revs-diff', {
    method: 'POST',
    path: `/${db}/_revs_diff`,
    body: JSON.stringify(body),
  });
  fwd.pipe('revs-diff', up, res);
}

/**
 * PouchDB, under the embedded store, throws from a callback (and its process dies) on `latest=true`
 * with a revision the doc never had. `latest` is forwarded only when the store knows every revision
 * the request names; otherwise the unknown ones come back as missing, as CouchDB answers them.
 */
async function guardLatest(
  params: URLSearchParams,
  db: string,
  revs: Record<string, string[]>,
  fwd: Forwarder,
) {
  if (!params.has('latest') || Object.keys(revs).length === 0) return;
  if (!Object.values(revs).every((list) => list.every((r) => revPattern.test(r)))) {
    params.delete('latest');
    return;
  }
  const up = await fwd.call('revs-diff', {
    method: 'POST',
    path: `/${db}/_revs_diff`,
    body: JSON.stringify(revs),
  });
  const missing = await fwd.json(up);
  if (up.statusCode !== 200 || !isObject(missing) || Object.keys(missing).length > 0) params.delete('latest');
}

/**
 * GET of a doc, a `_local` checkpoint, or an attachment (path already checked and encoded). A doc
 * before the plan's history (`history`) is refused with 402; asked for by `open_revs`, each revision
 * of it answers as missing.
 */
export async function handleGet(
  req: Request,
  res: Response,
  kind: string,
  path: string,
  fwd: Forwarder,
  history?: HistoryFilter,
) {
  const params = forwardParams(kind, req.query as Record<string, unknown>);
  if (kind === 'doc' && params.has('latest')) {
    const [, db, id] = path.split('/');
    const open = params.get('open_revs');
    const revs = [
      ...(params.has('rev') ? [params.get('rev')!] : []),
      ...(open && open !== '"all"' ? (JSON.parse(open) as string[]) : []),
    ];
    if (revs.length) await guardLatest(params, db!, { [decodeURIComponent(id!)]: revs }, fwd);
  }
  const up = await fwd.call(kind, { method: 'GET', path, query: params });
  const shown = history && kind === 'doc' ? history : undefined;
  await answer(kind, up, res, fwd, shown && ((text) => shownDoc(shown, text)));
}

/** A doc's answer (or `open_revs`' list of them) with what lies before the plan's history left out. */
function shownDoc(history: HistoryFilter, text: string): string {
  const body = JSON.parse(text) as unknown;
  if (!Array.isArray(body)) {
    assertShown(history, body);
    return text;
  }
  const revs = body as Array<{ ok?: Record<string, unknown> }>;
  return JSON.stringify(revs.map((r) => (r.ok && !history.shows(r.ok) ? { missing: r.ok._rev } : r)));
}
