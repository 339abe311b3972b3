// Server-side ingestion of an uploaded knowledge file: the original (an attachment in the team's
// `files` db) is parsed and chunked by the shared ingestion, the chunks are written all or nothing,
// and the source doc says how it went (ready with its chunk count, or failed with a readable reason).
// The team's knowledge index follows the chunks by itself. Re-running it for a source replaces the
// source's chunks, so it is safe after a crash mid-way.
import { isDomainError } from '@app/shared/errors';
import { parseKnowledgeFile } from '@app/shared/knowledge';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { fromCouch, getDoc, readAttachment, toCouch, updateDoc } from './couch-docs';

const ORIGINAL = 'original';

type Outcome =
  { status: 'ready'; chunks: number } | { status: 'failed'; error: string } | { status: 'missing' };

export async function ingestKnowledgeSource(
  store: Store,
  teamId: string,
  sourceId: string,
  log: Logger,
): Promise<Outcome> {
  const sources = store.teamDb<Record<string, unknown>>(teamId, 'knowledge_sources');
  const chunksDb = store.teamDb<Record<string, unknown>>(teamId, 'knowledge_chunks');
  const raw = await getDoc(sources, sourceId);
  if (!raw) return { status: 'missing' };
  const source = fromCouch<KnowledgeSourceDoc>(raw);
  const setStatus = (patch: Partial<KnowledgeSourceDoc>) =>
    updateDoc(sources, sourceId, (doc) => {
      const { error: _e, ...rest } = doc;
      return { ...rest, ...patch, updatedAt: new Date().toISOString() };
    });

  await setStatus({ status: 'indexing' });
  let written: string[] = [];
  try {
    if (!source.fileDocId) throw new Error('the source has no stored file');
    const bytes = await readAttachment(store.teamDb(teamId, 'files'), source.fileDocId, ORIGINAL);
    const parsed = await parseKnowledgeFile(
      {
        name: source.fileName ?? source.title,
        data: bytes,
        ...(source.mimeType ? { mimeType: source.mimeType } : {}),
        title: source.title,
      },
      { sourceId: () => sourceId },
    );
    // Replace the source's earlier chunks (a re-upload or a re-run after a crash).
    await removeChunks(store, teamId, sourceId, new Set(parsed.chunks.map((c) => c.id)));
    const existing = await chunksDb.fetch({ keys: parsed.chunks.map((c) => c.id) });
    const revs = new Map(
      existing.rows.flatMap((r) =>
        'value' in r && r.value && !('deleted' in r.value && r.value.deleted)
          ? [[r.key, r.value.rev] as const]
          : [],
      ),
    );
    const docs = parsed.chunks.map((c: KnowledgeChunkDoc) => ({
      ...toCouch(c),
      ...(revs.has(c.id) ? { _rev: revs.get(c.id) } : {}),
    }));
    const results = await chunksDb.bulk({ docs });
    written = results.filter((r) => !r.error).map((r) => r.id);
    const failed = results.filter((r) => r.error);
    if (failed.length > 0)
      throw new Error(
        `could not store ${failed.length} of ${docs.length} chunks (${failed[0]?.error ?? 'error'})`,
      );
    await setStatus({
      status: 'ready',
      chunkCount: parsed.chunks.length,
      ...(parsed.source.language ? { language: parsed.source.language } : {}),
    });
    log.info({ teamId, sourceId, chunks: parsed.chunks.length }, 'knowledge source indexed');
    return { status: 'ready', chunks: parsed.chunks.length };
  } catch (err) {
    // Nothing half-indexed remains: the chunks written by this run go, and the reason is shown.
    await removeChunks(store, teamId, sourceId, new Set(), written).catch(() => undefined);
    const reason = (
      isDomainError(err) ? err.message : `could not index the file: ${(err as Error).message}`
    ).slice(0, 1000);
    await setStatus({ status: 'failed', error: reason, chunkCount: 0 });
    log.warn({ teamId, sourceId, reason }, 'knowledge source failed');
    return { status: 'failed', error: reason };
  }
}

/** Deletes the source's chunks except `keep` (or exactly `only`, when given). */
async function removeChunks(
  store: Store,
  teamId: string,
  sourceId: string,
  keep: Set<string>,
  only?: string[],
): Promise<void> {
  const db = store.teamDb<Record<string, unknown>>(teamId, 'knowledge_chunks');
  const targets = only
    ? (await db.fetch({ keys: only })).rows.flatMap((r) =>
        'value' in r && r.value && !('deleted' in r.value && r.value.deleted)
          ? [{ _id: r.key, _rev: r.value.rev }]
          : [],
      )
    : (await db.find({ selector: { sourceId }, fields: ['_id', '_rev'], limit: 100_000 })).docs
        .filter((d) => !keep.has(d._id))
        .map((d) => ({ _id: d._id, _rev: d._rev }));
  if (targets.length === 0) return;
  await db.bulk({ docs: targets.map((d) => ({ ...d, _deleted: true })) });
}

/** Sources left `pending` or `indexing` (a crash, or uploaded while no server ran the hook): run again. */
export async function resumeKnowledgeIngestion(store: Store, teamId: string, log: Logger): Promise<number> {
  const { docs } = await store.teamDb<Record<string, unknown>>(teamId, 'knowledge_sources').find({
    selector: { status: { $in: ['pending', 'indexing'] } },
    fields: ['_id'],
    limit: 1000,
  });
  for (const d of docs) await ingestKnowledgeSource(store, teamId, d._id, log);
  return docs.length;
}
