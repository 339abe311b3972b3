// `_changes` through the gateway: feed=normal streams straight from CouchDB; feed=longpoll is held at
// most LONGPOLL_MAX_MS (enforced here, since express-pouchdb ignores `timeout` when nothing changes),
// with newline heartbeats while waiting. Filters other than `_doc_ids` are refused: express-pouchdb
// dies on unknown filters, and design-doc filters could read outside what replication needs.
// A long-poll whose session ends while it waits (the member removed, their role or password changed)
// is ended at once with 401 `token-revoked` (an empty answer once heartbeats have begun), and an
// answer is sent only after the session is checked again. Clients waiting with the same question on
// the same database share one store long-poll (shared-polls.ts).
import type { Request, Response } from 'express';
import { DomainError, errorBody } from '@app/shared/errors';
import type { Forwarder } from './forward';
import { forwardParams } from './params';
import { showsChange, withoutDocs, type HistoryFilter } from './history';
import { pollKey, type PollAnswer, type SharedPolls } from './shared-polls';

export type ChangesOptions = {
  longpollMaxMs: number;
  longPolls: Set<() => void>;
  /** Long-polls asking the same question share one store request (shared-polls.ts). */
  polls: SharedPolls;
  /** The caller's session: `watch` calls back when it ends, `check` throws once it has. */
  session?: { watch(onEnded: () => void): () => void; check(): void | Promise<void> };
  /** What the team's plan leaves out of this collection's history (history.ts), if anything. */
  history?: HistoryFilter;
};

const bad = (message: string) => new DomainError('bad-request', message);

function docIdsFromBody(body: unknown): string[] | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) throw bad('The body must be a JSON object');
  const { doc_ids: ids, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw bad(`Unsupported _changes body field ${Object.keys(rest)[0]}`);
  if (ids === undefined) return undefined;
  if (
    !Array.isArray(ids) ||
    ids.length > 10_000 ||
    ids.some((i) => typeof i !== 'string' || i.length > 256)
  ) {
    throw bad('doc_ids must be an array of at most 10000 ids');
  }
  return ids as string[];
}

/**
 * Design docs (CouchDB's mango indexes live in them) are not replicated to clients: RxDB would try to
 * store them as domain docs. The answer is rewritten only when one is present.
 */
export function withoutDesignDocs(text: string): string {
  if (!text.includes('"_design/')) return text;
  const body = JSON.parse(text) as { results?: Array<{ id?: unknown }> };
  if (Array.isArray(body.results)) {
    body.results = body.results.filter((r) => typeof r.id !== 'string' || !r.id.startsWith('_design/'));
  }
  return JSON.stringify(body);
}

/** Largest batch one `_changes` answer carries (the answer is held in memory to filter it). */
export const MAX_CHANGES_LIMIT = 10_000;

type ChangesBody = { results: ChangeRow[]; last_seq: unknown; pending?: unknown };

type ChangeRow = { id?: unknown; seq?: unknown; deleted?: unknown; doc?: unknown };
const isDesign = (r: { id?: unknown }) => typeof r.id === 'string' && r.id.startsWith('_design/');

/** What one answer keeps of the store's changes: no design docs, and the plan's history (history.ts). */
function keeper(history: HistoryFilter | undefined) {
  return (r: ChangeRow) => !isDesign(r) && (!history || showsChange(history, r));
}

/**
 * One batch of the normal feed. When results are left out of a full batch (design docs, changes
 * before the plan's history), the next changes top it up, because clients read a short batch as the
 * end of the feed (RxDB), and an empty one before the end as nothing to pull, keeping its checkpoint
 * for ever. Topping up for the history reads the store a thousand changes at a time, each with its own
 * `seq`, and ends the batch at the last change it keeps.
 */
async function normalFeed(
  fwd: Forwarder,
  q: { method: string; path: string; params: URLSearchParams; body: string | undefined },
  history: HistoryFilter | undefined,
  wantsDocs: boolean,
): Promise<string | { status: number; body: string }> {
  const limit = Number(q.params.get('limit'));
  const keep = keeper(history);
  if (history) q.params.delete('seq_interval');
  let merged: ChangesBody | undefined;
  let since = q.params.get('since');
  for (;;) {
    const wanted = limit - (merged?.results.length ?? 0);
    const asked = history ? Math.max(wanted, 1000) : wanted;
    q.params.set('limit', String(asked));
    const up = await fwd.call('changes', { method: q.method, path: q.path, query: q.params, body: q.body });
    const text = await fwd.upstream.readText(up);
    if (up.statusCode !== 200) return { status: up.statusCode ?? 502, body: text };
    if (!merged && !history && !text.includes('"_design/')) return text;
    const batch = JSON.parse(text) as ChangesBody;
    const kept = batch.results.filter(keep);
    const cut = kept.length > wanted ? kept[wanted - 1]!.seq : undefined;
    const results = [...(merged?.results ?? []), ...(cut === undefined ? kept : kept.slice(0, wanted))];
    merged = { ...batch, results, ...(cut === undefined ? {} : { last_seq: cut }) };
    const ended = batch.results.length < asked || String(batch.last_seq) === since;
    if (ended || results.length >= limit) break;
    since = String(batch.last_seq);
    q.params.set('since', since);
  }
  // The docs were asked for only to judge the history: the client gets them when it asked.
  return JSON.stringify(history && !wantsDocs ? withoutDocs(merged!) : merged);
}

/** `last_seq` of an empty answer: the `since` the client gave, as a number when it is one. */
const seqValue = (since: string) => (/^\d+$/.test(since) ? Number(since) : since);

/** The client's `_changes` request as the store is asked it; refuses feeds, filters and styles not served. */
function readChangesRequest(req: Request, db: string) {
  const params = forwardParams('changes', req.query as Record<string, unknown>);
  const feed = params.get('feed') ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll') throw bad('Only feed=normal and feed=longpoll are supported');
  const filter = params.get('filter');
  if (filter !== null && filter !== '_doc_ids') throw bad('Only the _doc_ids filter is supported');
  const style = params.get('style');
  if (style !== null && style !== 'main_only' && style !== 'all_docs')
    throw bad('style must be main_only or all_docs');
  const docIds = req.method === 'POST' ? docIdsFromBody(req.body) : undefined;
  if (filter === '_doc_ids' && !docIds && !params.has('doc_ids'))
    throw bad('The _doc_ids filter needs doc_ids');
  const body = docIds ? JSON.stringify({ doc_ids: docIds }) : undefined;
  const method = body ? 'POST' : 'GET';
  return { params, feed, body, method, path: `/${db}/_changes` };
}

/** Answers the normal feed: one batch, an upstream error passed on (a 5xx as 502). */
async function answerNormal(
  res: Response,
  fwd: Forwarder,
  q: { method: string; path: string; params: URLSearchParams; body: string | undefined },
  history: HistoryFilter | undefined,
  wantsDocs: boolean,
) {
  q.params.delete('heartbeat');
  q.params.delete('timeout');
  const text = await normalFeed(fwd, q, history, wantsDocs);
  if (typeof text === 'string') res.type('application/json').send(text);
  else
    res
      .status(text.status >= 500 ? 502 : text.status)
      .type('application/json')
      .send(text.body);
}

/** A concrete `since` (resolving `now` to the database's newest seq), so an empty answer can hand it back. */
async function concreteSince(fwd: Forwarder, db: string, params: URLSearchParams): Promise<string> {
  const since = params.get('since') ?? '0';
  if (since !== 'now') return since;
  const info = (await fwd.json(await fwd.call('db-info', { method: 'GET', path: `/${db}` }))) as {
    update_seq?: unknown;
  };
  const seq = String(info.update_seq ?? '0');
  params.set('since', seq);
  return seq;
}

export async function handleChanges(
  req: Request,
  res: Response,
  db: string,
  fwd: Forwarder,
  opts: ChangesOptions,
): Promise<void> {
  const { params, feed, body, method, path } = readChangesRequest(req, db);
  const limit = Number(params.get('limit') ?? MAX_CHANGES_LIMIT);
  params.set('limit', String(Math.max(1, Math.min(limit, MAX_CHANGES_LIMIT))));
  // The plan's history is judged on the docs: the store is asked for them, the client gets them only
  // when it asked.
  const { history } = opts;
  const wantsDocs = params.get('include_docs') === 'true';
  if (history) params.set('include_docs', 'true');
  if (feed === 'normal') return answerNormal(res, fwd, { method, path, params, body }, history, wantsDocs);

  // Long-poll: its answer, shared with other clients waiting alike, is kept to the history per client.
  const shown = (text: string) => {
    if (!history) return text;
    const answer = JSON.parse(text) as ChangesBody;
    const kept = { ...answer, results: answer.results.filter(keeper(history)) };
    return JSON.stringify(wantsDocs ? kept : withoutDocs(kept));
  };
  const since = await concreteSince(fwd, db, params);
  const requested = Number(params.get('timeout') ?? opts.longpollMaxMs);
  const timeoutMs = Math.max(100, Math.min(requested || opts.longpollMaxMs, opts.longpollMaxMs));
  const heartbeatMs = Math.max(1000, Math.min(Number(params.get('heartbeat') ?? 10_000) || 10_000, 60_000));
  params.set('timeout', String(timeoutMs));
  params.delete('heartbeat');

  const abort = new AbortController();
  let done = false;
  const timers: NodeJS.Timeout[] = [];
  let unwatch: () => void = () => undefined;
  const finish = (status: number, text: string) => {
    if (done) return;
    done = true;
    unwatch();
    opts.longPolls.delete(empty);
    timers.forEach(clearTimeout);
    clearInterval(timers[1]);
    abort.abort();
    if (!res.headersSent) {
      res
        .status(status >= 500 ? 502 : status)
        .type('application/json')
        .end(text);
    } else {
      // Heartbeats already committed a 200: an upstream error becomes an empty answer.
      res.end(status === 200 ? text : JSON.stringify({ results: [], last_seq: seqValue(since) }));
    }
  };
  const empty = () => finish(200, JSON.stringify({ results: [], last_seq: seqValue(since) }) + '\n');
  const ended = (e: DomainError) => finish(e.status, JSON.stringify(errorBody(e)));
  opts.longPolls.add(empty);
  res.on('close', () => {
    opts.longPolls.delete(empty);
    unwatch();
    if (!done) {
      done = true;
      timers.forEach(clearTimeout);
      clearInterval(timers[1]);
      abort.abort();
    }
  });
  timers.push(setTimeout(empty, timeoutMs));
  timers.push(
    setInterval(() => {
      if (done) return;
      if (!res.headersSent) {
        res.status(200).type('application/json');
        res.flushHeaders();
      }
      res.write('\n');
    }, heartbeatMs),
  );
  // Last: it may call back at once, and the timers must be there to be cleared.
  unwatch =
    opts.session?.watch(() => ended(new DomainError('token-revoked', 'This session ended; sign in again'))) ??
    unwatch;
  const ask = async (signal: AbortSignal): Promise<PollAnswer> => {
    const up = await fwd.call('changes', { method, path, query: params, body, signal });
    const text = await fwd.upstream.readText(up);
    const status = up.statusCode ?? 502;
    return { status, text: status === 200 ? withoutDesignDocs(text) : text };
  };
  try {
    const answer = await opts.polls.wait(pollKey(method, path, params, body), ask, abort.signal);
    if (done) return;
    await opts.session?.check();
    finish(answer.status, answer.status === 200 ? shown(answer.text) : answer.text);
  } catch (e) {
    if (done) return;
    if (e instanceof DomainError && e.code === 'token-revoked') return ended(e);
    if ((e as Error).name === 'AbortError' || res.headersSent) return empty();
    done = true;
    unwatch();
    opts.longPolls.delete(empty);
    timers.forEach(clearTimeout);
    clearInterval(timers[1]);
    throw e;
  }
}
