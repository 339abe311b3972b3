// Server-side ingestion of an uploaded knowledge file: the original (an attachment in the team's
// `files` db) is parsed and chunked in a worker thread (knowledge-parser.ts: limits, time and memory
// budgets), the chunks are written all or nothing, and the source doc says how it went (ready with
// its chunk count, or failed with a readable reason). First the source is measured by what is stored
// (knowledge-measure.ts) and held against the plan's knowledge size (over it, the source is failed with
// the plan's reason and its original and chunks are deleted: nothing over the plan stays stored); a
// source without an original (a device's Q&A pair) is its chunks, counted as they are. The team's knowledge index follows the chunks
// by itself, and serves only those of a ready source. Re-running it for a source replaces the source's
// chunks, so it is safe after a crash mid-way; each run counts an attempt on the source, and a source
// left `indexing` by as many runs as allowed (the server stopped each time) is failed at start instead
// of being run again forever.
import { defaultKnowledgeLimits, type PageInfo } from '@app/shared/knowledge';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config';
import type { PlanPolicy, Store } from '../context';
import { fromCouch, toCouch } from '../store/couch-docs';
import { teamData, teamStored, type StoredDocs } from '../store/data';
import { sourceChunks } from '../store/queries';
import { measureSource, type StoredSize } from './knowledge-measure';
import { createKnowledgeParser, type KnowledgeParser } from './knowledge-parser';

/** Chunk docs per bulk write: small writes keep each JSON encoding short. */
const WRITE_BATCH = 200;

export type IngestOutcome =
  | { status: 'ready'; chunks: number; page?: PageInfo }
  | { status: 'failed'; error: string }
  | { status: 'missing' }
  /** Nothing of the source is stored yet (a device's file or chunks on their way): left pending. */
  | { status: 'waiting' }
  /** Another run took the source first (it was no longer as `only` said). */
  | { status: 'taken' };

/** The state a run may take the source in: its status (and attempts) as the caller last read them. */
export type ClaimIf = { status: string; attempts?: number };

export type IngestDeps = {
  parser: KnowledgeParser;
  /** Runs one source may start; at start, a source left `indexing` this often is failed. */
  maxAttempts: number;
  /**
   * The team's plan (billing): a source that would take the team over its knowledge size is
   * `failed` with the plan's reason, and its stored original and chunks are deleted (a file pushed
   * from a device offline, a device's Q&A pair too): failed sources hold no bytes.
   */
  plans?: Pick<PlanPolicy, 'assertKnowledge'>;
};

export const DEFAULT_MAX_ATTEMPTS = 3;

let fallback: IngestDeps | undefined;
/** For callers without a composition root of their own (one parser with the default budgets). */
const defaultDeps = (): IngestDeps =>
  (fallback ??= { parser: createKnowledgeParser(), maxAttempts: DEFAULT_MAX_ATTEMPTS });

class IngestFailure extends Error {}
/** Over the plan's knowledge size: what the source stored (its original, its chunks) is deleted. */
class PlanFailure extends IngestFailure {}

/**
 * Indexes a source: measured by what is stored (knowledge-measure.ts) and held against the plan, then
 * its original parsed into chunks, or, without an original (a Q&A pair), its chunks counted as they
 * are. `only`: a run that may find the source taken up already (the intake, a resume) takes it only in
 * that state, and leaves one whose content has not arrived yet pending.
 */
export async function ingestKnowledgeSource(
  store: Store,
  teamId: string,
  sourceId: string,
  log: Logger,
  deps: IngestDeps = defaultDeps(),
  /** The stored original, when the caller has it in hand (an upload just stored); taken, not copied. */
  original?: Uint8Array,
  only?: ClaimIf,
): Promise<IngestOutcome> {
  const sources = teamStored(store, teamId, 'knowledge_sources');
  const raw = await sources.get(sourceId);
  if (!raw) return { status: 'missing' };
  if (only && !holds(raw, only)) return { status: 'taken' };
  const source = fromCouch<KnowledgeSourceDoc>(raw);
  const stored = await measureSource(store, teamId, source, original);
  if (!stored && only) return { status: 'waiting' };
  const setStatus = (patch: Partial<KnowledgeSourceDoc>) =>
    sources.update(sourceId, (doc) => ({
      ...withoutError(doc),
      ...patch,
      updatedAt: new Date().toISOString(),
    }));

  if (!(await claim(sources, sourceId, only, stored))) return { status: only ? 'taken' : 'missing' };
  let written: string[] = [];
  try {
    await withinPlan(deps, teamId);
    if (!source.fileDocId) return await countChunks(stored, setStatus, { log, teamId, sourceId });
    const bytes = original ?? (await teamData(store, teamId).files.original(source.fileDocId));
    const parsed = await deps.parser.parse({
      sourceId,
      name: source.fileName ?? source.title,
      title: source.title,
      bytes,
      ...(source.mimeType ? { mimeType: source.mimeType } : {}),
      // A website's page: its title, links and robots meta are read in the same thread.
      ...(source.kind === 'url' && source.url ? { page: { url: source.url } } : {}),
    });
    if (!parsed.ok) throw new IngestFailure(parsed.message);
    written = await writeChunks(store, teamId, sourceId, parsed.chunks);
    const done = await setStatus({
      status: 'ready',
      chunkCount: parsed.chunks.length,
      ...(parsed.language ? { language: parsed.language } : {}),
      ...(parsed.page?.title ? { title: parsed.page.title } : {}),
    });
    if (!done) {
      // Deleted while this run indexed it: nothing of it may stay behind.
      await removeChunks(store, teamId, sourceId, new Set(), written);
      return { status: 'missing' };
    }
    log.info({ teamId, sourceId, chunks: parsed.chunks.length }, 'knowledge source indexed');
    return { status: 'ready', chunks: parsed.chunks.length, ...(parsed.page ? { page: parsed.page } : {}) };
  } catch (err) {
    // Nothing half-indexed remains: the chunks written by this run go, and the reason is shown. (A
    // device's own chunks stay, unsearched while the source is not ready: team-knowledge.ts.)
    const partial = (err as { written?: string[] }).written ?? written;
    await removeChunks(store, teamId, sourceId, new Set(), partial).catch(() => undefined);
    if (err instanceof PlanFailure) {
      // Over the plan: nothing of it stays stored (its original, a device's chunks); the source says why.
      await dropStored(store, teamId, source).catch(() => undefined);
      const at = new Date().toISOString();
      await sources.update(sourceId, (doc) => {
        // Its measured `size` stays (what it would take); a failed source is not counted.
        const { error: _e, fileDocId: _f, ...rest } = doc;
        return { ...rest, status: 'failed', error: err.message.slice(0, 1000), chunkCount: 0, updatedAt: at };
      });
      log.warn({ teamId, sourceId }, 'knowledge source over the plan: its file and chunks deleted');
      return { status: 'failed', error: err.message.slice(0, 1000) };
    }
    const message = (err as Error).message;
    const reason = (err instanceof IngestFailure ? message : `could not index the file: ${message}`).slice(
      0,
      1000,
    );
    await setStatus({ status: 'failed', error: reason, chunkCount: 0 });
    log.warn({ teamId, sourceId, reason }, 'knowledge source failed');
    return { status: 'failed', error: reason };
  }
}

/**
 * Marks the source `indexing` (one attempt more), if it is still as `only` says; the claim records
 * what the server measured, so every later check of the plan counts it. Whether it was taken.
 */
async function claim(
  sources: StoredDocs<Record<string, unknown>>,
  sourceId: string,
  only: ClaimIf | undefined,
  stored: StoredSize | undefined,
): Promise<boolean> {
  const claimed = await sources.update(sourceId, (doc) =>
    only && !holds(doc, only)
      ? undefined
      : {
          ...withoutError(doc),
          status: 'indexing',
          attempts: (typeof doc.attempts === 'number' ? doc.attempts : 0) + 1,
          ...(stored ? { size: stored.bytes } : {}),
          updatedAt: new Date().toISOString(),
        },
  );
  return claimed !== undefined;
}

/** Whether the source is still in the state a run may take it in. */
const holds = (doc: Record<string, unknown>, only: ClaimIf) =>
  doc.status === only.status &&
  (only.attempts === undefined || (typeof doc.attempts === 'number' ? doc.attempts : 0) === only.attempts);

const withoutError = (doc: Record<string, unknown>) => {
  const { error: _e, ...rest } = doc;
  return rest;
};

/**
 * The team's plan with this source (measured in the claim): over its knowledge size, the run fails
 * with the plan's reason in English and Russian (who reads it is not known here).
 */
async function withinPlan(deps: IngestDeps, teamId: string): Promise<void> {
  try {
    await deps.plans?.assertKnowledge(teamId, 0);
  } catch (err) {
    const said = (err as { details?: { messages?: { en?: unknown; ru?: unknown } } }).details?.messages;
    const both = typeof said?.en === 'string' && typeof said.ru === 'string';
    throw new PlanFailure(both ? `${said.en}\n${said.ru}` : (err as Error).message);
  }
}

/** A source without an original (a Q&A pair): its stored chunks are what it holds, counted as ready. */
async function countChunks(
  stored: StoredSize | undefined,
  setStatus: (patch: Partial<KnowledgeSourceDoc>) => Promise<unknown>,
  at: { log: Logger; teamId: string; sourceId: string },
): Promise<IngestOutcome> {
  if (!stored?.chunks) throw new IngestFailure('the source has no stored file and no chunks');
  if (!(await setStatus({ status: 'ready', chunkCount: stored.chunks }))) return { status: 'missing' };
  at.log.info(
    { teamId: at.teamId, sourceId: at.sourceId, chunks: stored.chunks },
    'knowledge source counted',
  );
  return { status: 'ready', chunks: stored.chunks };
}

/** Replaces the source's chunks with `chunks`, in small bulks; the ids written. Throws on a failed write. */
async function writeChunks(
  store: Store,
  teamId: string,
  sourceId: string,
  chunks: KnowledgeChunkDoc[],
): Promise<string[]> {
  const db = teamStored(store, teamId, 'knowledge_chunks');
  // Replace the source's earlier chunks (a re-upload or a re-run after a crash).
  await removeChunks(store, teamId, sourceId, new Set(chunks.map((c) => c.id)));
  const written: string[] = [];
  for (let at = 0; at < chunks.length; at += WRITE_BATCH) {
    const batch = chunks.slice(at, at + WRITE_BATCH);
    const existing = await db.byIds(batch.map((c) => c.id));
    const revs = new Map(existing.map((d) => [d._id, d._rev] as const));
    const docs = batch.map((c) => ({ ...toCouch(c), ...(revs.has(c.id) ? { _rev: revs.get(c.id) } : {}) }));
    const results = await db.bulk(docs);
    written.push(...results.filter((r) => !r.error).map((r) => r.id));
    const failed = results.filter((r) => r.error);
    if (failed.length > 0) {
      const error = new Error(
        `could not store ${failed.length} of ${docs.length} chunks (${failed[0]?.error ?? 'error'})`,
      );
      throw Object.assign(error, { written });
    }
  }
  return written;
}

/** Deletes the source's chunks except `keep` (or exactly `only`, when given). */
async function removeChunks(
  store: Store,
  teamId: string,
  sourceId: string,
  keep: Set<string>,
  only?: string[],
): Promise<void> {
  const db = teamStored(store, teamId, 'knowledge_chunks');
  const targets = only
    ? (await db.byIds(only)).map((d) => ({ _id: d._id, _rev: d._rev }))
    : (await db.find({ selector: sourceChunks(sourceId), fields: ['_id', '_rev'], limit: 100_000 }))
        .filter((d) => !keep.has(d._id))
        .map((d) => ({ _id: d._id, _rev: d._rev }));
  if (targets.length === 0) return;
  await db.bulk(targets.map((d) => ({ ...d, _deleted: true })));
}

/** Deletes the source's chunks and its stored original, keeping the source doc. */
async function dropStored(store: Store, teamId: string, source: { id: string; fileDocId?: unknown }) {
  await removeChunks(store, teamId, source.id, new Set());
  if (typeof source.fileDocId !== 'string' || !source.fileDocId) return;
  await removeFile(store, teamId, source.fileDocId);
}

/** Deletes a stored file (its doc and bytes), if it is there: on its current revision. */
async function removeFile(store: Store, teamId: string, fileDocId: string): Promise<void> {
  const file = await teamStored(store, teamId, 'files').get(fileDocId);
  if (file) await teamData(store, teamId).files.remove(file._id, file._rev);
}

/**
 * Deletes a source with its chunks and its stored original: the API's delete, and a website's page that
 * is gone. `known`: the source doc as the caller read it (its file), else it is read here.
 */
export async function removeKnowledgeSource(
  store: Store,
  teamId: string,
  sourceId: string,
  known?: Record<string, unknown>,
): Promise<void> {
  const sources = teamStored(store, teamId, 'knowledge_sources');
  const doc = known ?? (await sources.get(sourceId));
  if (!doc) return;
  const chunks = teamStored(store, teamId, 'knowledge_chunks');
  const own = await chunks.find({
    selector: sourceChunks(sourceId),
    fields: ['_id', '_rev'],
    limit: 1_000_000,
  });
  if (own.length) await chunks.bulk(own.map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true })));
  if (doc.fileDocId) await removeFile(store, teamId, String(doc.fileDocId));
  // An indexing run may have changed the source since it was read (its status): the delete wins, on
  // the current revision (`update` retries on a conflict); the run then finds the source gone and
  // removes what it wrote.
  await sources.update(sourceId, () => ({ _deleted: true }));
}

/**
 * Sources left `pending` or `indexing` (a crash, or uploaded while no server ran the hook) run again,
 * one by one; one whose attempts are used up is failed with the reason instead, one whose content has
 * not arrived yet stays pending (knowledge-intake.ts looks again). Returns the runs.
 */
export async function resumeKnowledgeIngestion(
  store: Store,
  teamId: string,
  log: Logger,
  deps: IngestDeps = defaultDeps(),
): Promise<number> {
  const sources = teamStored(store, teamId, 'knowledge_sources');
  const docs = await sources.find({
    selector: { status: { $in: ['pending', 'indexing'] } },
    fields: ['_id', 'status', 'attempts', 'kind'],
    limit: 1000,
  });
  let runs = 0;
  for (const d of docs) {
    // A website is crawled on its schedule (website-crawl.ts), not parsed: its claim goes stale there.
    if (d.kind === 'website') continue;
    const attempts = typeof d.attempts === 'number' ? d.attempts : 0;
    if (attempts >= deps.maxAttempts) {
      const error = `gave up after ${attempts} attempts: the server stopped each time while reading the file`;
      await sources.update(d._id, (doc) =>
        doc.status === 'pending' || doc.status === 'indexing'
          ? { ...doc, status: 'failed', error, chunkCount: 0, updatedAt: new Date().toISOString() }
          : undefined,
      );
      log.warn({ teamId, sourceId: d._id, attempts }, 'knowledge source given up');
      continue;
    }
    // Taken only as it was read: a source the intake took up meanwhile is not run twice.
    const only = { status: String(d.status), attempts };
    const outcome = await ingestKnowledgeSource(store, teamId, d._id, log, deps, undefined, only);
    if (outcome.status !== 'waiting' && outcome.status !== 'taken') runs++;
  }
  return runs;
}

/** The parser and retry bound from the server's config (KNOWLEDGE_* variables). */
export function knowledgeIngestFromConfig(config: ServerConfig): IngestDeps {
  return {
    parser: createKnowledgeParser({
      maxBytes: config.KNOWLEDGE_MAX_UPLOAD_BYTES,
      limits: {
        ...defaultKnowledgeLimits,
        maxUnpackedBytes: config.KNOWLEDGE_MAX_UNPACKED_BYTES,
        maxPages: config.KNOWLEDGE_MAX_PDF_PAGES,
        maxChars: config.KNOWLEDGE_MAX_CHARS,
      },
      timeoutMs: config.KNOWLEDGE_PARSE_TIMEOUT_MS,
      memoryMb: config.KNOWLEDGE_PARSE_MEMORY_MB,
      concurrency: config.KNOWLEDGE_PARSE_CONCURRENCY,
      nice: config.KNOWLEDGE_PARSE_NICE,
    }),
    maxAttempts: config.KNOWLEDGE_INGEST_ATTEMPTS,
  };
}
