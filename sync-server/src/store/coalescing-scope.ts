// Group commit for one CouchDB database: single-doc reads (`get(id)`), writes (`insert(doc)`) and small
// `bulk` writes that callers make while earlier ones to the same database are still under way are
// sent together, as one `POST /db/_all_docs?include_docs=true` with their keys or one
// `POST /db/_bulk_docs`, and each caller gets the answer its own request would have had: the doc or a
// 404, the new revision or a 409, its own rows of the bulk answer. What one turn of the event loop
// asks goes at the turn's end, together (a feed batch that starts many runs); with few requests under
// way nothing else waits (a lone request goes as it is); under load, requests queue while
// `maxInFlight` are out (writes: one, inserts and bulks in one queue), and the queue leaves as one
// batch. A burst of customer messages then costs the store a few dozen requests instead of several
// per message, and LevelDB one write per batch: the store's cost per request (HTTP on both sides,
// routing, a LevelDB write) is most of its cost per doc.
//
// What a batch cannot answer for one doc (an error other than not-found or a conflict, or a batch
// refused as a whole for what one doc holds) is asked again alone, so a caller never gets another
// caller's error.
// A batch never holds two writes of one doc (the later one goes in the next batch), so writes of a
// doc keep their order and each is checked against the revision it names, as alone.
import type { DocumentInsertResponse, DocumentScope } from 'nano';
import { claimMany, claimOne } from './claim-write';
import { couchError, statusOf } from './couch-errors';

export type CoalescingOptions = {
  /** Requests of one kind (reads, writes) out at once per database; more wait and go as one batch. */
  maxInFlight?: number;
  /**
   * Writes out at once per database (default: `maxInFlight` when given, else one): while one is out
   * the next ones gather, so a burst's writes make few commits.
   */
  maxWritesInFlight?: number;
  /** Docs per batch (a merged `bulk` holds calls of up to a quarter of this many docs each). */
  maxBatch?: number;
};

const rowStatus: Record<string, number> = { conflict: 409, forbidden: 403, unauthorized: 401 };

type Pending<I, O> = { item: I; resolve(value: O): void; reject(error: unknown): void };

/** What a batch answers for one item: its value, its error, or `undefined`: ask again alone. */
type Outcome<O> = { value: O } | { error: unknown } | undefined;

function createBatcher<I, O>(opts: {
  maxInFlight: number;
  maxBatch: number;
  /** The request for one item alone (also when the queue holds just one). */
  single(item: I): Promise<O>;
  many(items: I[]): Promise<Outcome<O>[]>;
  /** Items that share a key never share a batch. */
  keysOf?(item: I): string[];
  /** A batch holds at most `maxBatch` of this (default: one per item). */
  weightOf?(item: I): number;
}) {
  const queue: Pending<I, O>[] = [];
  let inFlight = 0;

  const settle = (p: Pending<I, O>, run: Promise<O>) => run.then(p.resolve, p.reject);

  async function send(batch: Pending<I, O>[]): Promise<void> {
    if (batch.length === 1) return settle(batch[0]!, opts.single(batch[0]!.item));
    let outcomes: Outcome<O>[];
    try {
      outcomes = await opts.many(batch.map((p) => p.item));
    } catch (e) {
      const status = statusOf(e);
      // Refused as a whole for what one item holds (a malformed doc, too large; the embedded store
      // answers 500 to a doc with an unknown `_` field): each alone. A store that is down or full
      // (502-507) or out of reach answers all of them alike.
      if (status !== undefined && status >= 400 && status <= 500) outcomes = batch.map(() => undefined);
      else {
        for (const p of batch) p.reject(e);
        return;
      }
    }
    await Promise.all(
      batch.map((p, i) => {
        const o = outcomes[i];
        if (o === undefined) return settle(p, opts.single(p.item));
        if ('value' in o) p.resolve(o.value);
        else p.reject(o.error);
      }),
    );
  }

  function take(): Pending<I, O>[] {
    const batch: Pending<I, O>[] = [];
    const keys = new Set<string>();
    let weight = 0;
    for (let i = 0; i < queue.length;) {
      const item = queue[i]!.item;
      const w = opts.weightOf?.(item) ?? 1;
      if (batch.length > 0 && weight + w > opts.maxBatch) break;
      const itemKeys = opts.keysOf?.(item) ?? [];
      if (itemKeys.some((k) => keys.has(k))) {
        i++;
        continue;
      }
      for (const k of itemKeys) keys.add(k);
      weight += w;
      batch.push(queue.splice(i, 1)[0]!);
    }
    return batch;
  }

  function pump(): void {
    while (inFlight < opts.maxInFlight && queue.length > 0) {
      inFlight++;
      void send(take()).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  /** Whether a pump is due at the end of this turn of the event loop. */
  let due = false;

  return (item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // What this turn of the event loop asks goes together (a feed batch starting many runs, each
      // writing): the pump runs once the turn is done.
      if (due) return;
      due = true;
      setImmediate(() => {
        due = false;
        pump();
      });
    });
}

type AllDocsRow = {
  key: string;
  error?: string;
  value?: { rev: string; deleted?: boolean };
  doc?: Record<string, unknown> | null;
};
type BulkRow = { id?: string; rev?: string; ok?: boolean; error?: string; reason?: string };

/** What a `_bulk_docs` row answers for one inserted doc, as `insert` alone would (undefined: ask alone). */
function insertOutcome(
  doc: Record<string, unknown>,
  row: BulkRow | undefined,
): Outcome<DocumentInsertResponse> {
  if (!row || row.id !== doc._id) return undefined;
  if (row.rev && !row.error) return { value: { ok: true, id: doc._id as string, rev: row.rev } };
  const status = row.error ? rowStatus[row.error] : undefined;
  if (status === undefined) return undefined;
  return { error: couchError(status, row.error!, row.reason ?? row.error!) };
}

/** Only plain docs: special ids (`_local/…`, `_design/…`) and inline attachments go alone. */
const plainId = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && !id.startsWith('_');

/**
 * The database `scope` with `get(id)` and `insert(doc)` coalesced as above; every other method, and
 * calls with options, go straight through.
 */
export function coalescingScope<T extends object>(
  scope: DocumentScope<T>,
  options: CoalescingOptions = {},
): DocumentScope<T> {
  const maxInFlight = options.maxInFlight ?? 2;
  const writesInFlight = options.maxWritesInFlight ?? options.maxInFlight ?? 1;
  const maxBatch = options.maxBatch ?? 200;
  const raw = scope as unknown as DocumentScope<Record<string, unknown>>;

  const get = createBatcher<string, Record<string, unknown>>({
    maxInFlight,
    maxBatch,
    single: (id) => raw.get(id) as Promise<Record<string, unknown>>,
    async many(ids) {
      const { rows } = (await raw.fetch({ keys: ids })) as unknown as { rows: AllDocsRow[] };
      return ids.map((id, i) => {
        const row = rows[i];
        if (!row || row.key !== id) return undefined;
        if (row.error === 'not_found') return { error: couchError(404, 'not_found', 'missing') };
        if (row.value?.deleted) return { error: couchError(404, 'not_found', 'deleted') };
        return row.doc ? { value: row.doc } : undefined;
      });
    },
  });

  type Docs = Record<string, unknown>[];
  /** A write: one doc from `insert`, or the docs of a small `bulk`. */
  type WriteCall = { docs: Docs; insert: boolean };
  /**
   * Inserts and small bulks (an agent run's writes, the channels' single docs) to one database share
   * one queue and go as one `_bulk_docs`: each request is a commit of the database file, which costs
   * CouchDB most of what a write costs, so two kinds in two queues were two commits where one does.
   */
  const write = createBatcher<WriteCall, DocumentInsertResponse | BulkRow[]>({
    maxInFlight: writesInFlight,
    maxBatch,
    keysOf: (call) => call.docs.map((d) => d._id as string),
    weightOf: (call) => call.docs.length,
    single: (call) =>
      call.insert ? raw.insert(call.docs[0]!) : (raw.bulk({ docs: call.docs }) as Promise<BulkRow[]>),
    async many(calls) {
      const docs = calls.flatMap((call) => call.docs);
      const rows = (await raw.bulk({ docs })) as BulkRow[];
      if (rows.length !== docs.length) return calls.map(() => undefined);
      let at = 0;
      return calls.map((call) => {
        const own = rows.slice(at, (at += call.docs.length));
        return call.insert ? insertOutcome(call.docs[0]!, own[0]) : { value: own };
      });
    },
  });
  /** Claims (claim-write.ts): a compare-and-swap each, the claims of one turn in one `_bulk_docs`. */
  type ClaimDoc = Record<string, unknown> & { _id: string; _rev?: string };
  const claim = createBatcher<ClaimDoc, string | undefined>({
    maxInFlight,
    maxBatch,
    keysOf: (doc) => [doc._id],
    single: (doc) => claimOne(scope, doc),
    async many(docs) {
      const outcomes = await claimMany(scope, docs);
      return outcomes.map((o) => ('value' in o ? o : undefined));
    },
  });

  /** Only bulks that a batch can hold, of plain docs with ids, without attachments, go together. */
  const mergeable = (body: unknown): body is { docs: Docs } => {
    const b = body as { docs?: unknown } | null;
    if (!b || Object.keys(b).length !== 1 || !Array.isArray(b.docs)) return false;
    const docs = b.docs as unknown[];
    return (
      docs.length > 0 &&
      docs.length <= maxBatch / 4 &&
      docs.every((d) => {
        const doc = d as Record<string, unknown> | null;
        return typeof doc === 'object' && doc !== null && plainId(doc._id) && doc._attachments === undefined;
      })
    );
  };

  return new Proxy(scope, {
    get(target, prop, receiver) {
      if (prop === 'get')
        return (id: unknown, ...rest: unknown[]) =>
          rest.length === 0 && plainId(id) ? get(id) : target.get(id as string, ...(rest as []));
      if (prop === 'insert')
        return (doc: unknown, ...rest: unknown[]) => {
          const d = doc as Record<string, unknown> | null;
          return rest.length === 0 && d && plainId(d._id) && d._attachments === undefined
            ? (write({ docs: [d], insert: true }) as Promise<DocumentInsertResponse>)
            : target.insert(doc as T, ...(rest as []));
        };
      if (prop === 'claim')
        return (doc: ClaimDoc) =>
          plainId(doc._id) && doc._attachments === undefined ? claim(doc) : claimOne(target, doc);
      if (prop === 'bulk')
        return (body: unknown, ...rest: unknown[]) =>
          rest.length === 0 && mergeable(body)
            ? (write({ docs: body.docs, insert: false }) as Promise<BulkRow[]>)
            : target.bulk(body as never, ...(rest as []));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
