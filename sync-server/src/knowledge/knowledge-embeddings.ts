// What a team's knowledge index knows of its vectors, and the guard around a (remote) embedder:
// - `EmbeddingTally`: which provider and model made each chunk's stored vector, the chunks still
//   waiting for one (their provider failed), and the last failure: the status the API and the Settings
//   screen show (how many chunks are embedded with which model);
// - `guardIndexEmbedder`: the embedder the in-memory index is given. Chunks are embedded before they
//   are indexed (team-knowledge.ts); the index embeds only what that left out (a source's new title):
//   a failure there, or a batch whose embedding just failed, gives empty vectors (they match no query)
//   instead of stopping the index. Queries are bounded in time and checked (count, size, finite
//   numbers), so a provider that hangs or sends junk fails fast and the search falls back to full text.
import { DomainError } from '@app/shared/errors';
import type { EmbedOptions, EmbeddingProvider } from '@app/shared/embeddings';

export type EmbeddingFailure = { at: string; stage: 'document' | 'query'; message: string };

export type EmbeddingStatus = {
  /** The embedder of the index: its provider id and model (`none`: full text only). */
  provider: string;
  model: string;
  /** Chunks in the index; of them, with a vector of the embedder above. */
  chunks: number;
  current: number;
  /** Stored vectors per provider and model (a provider change shows the old ones going). */
  byModel: Array<{ provider: string; model: string; chunks: number }>;
  /** Chunks whose embedding failed, retried in the background (searched by full text meanwhile). */
  pending: number;
  /** Questions answered by full text because the provider failed them. */
  queryFallbacks: number;
  lastError?: EmbeddingFailure;
};

const sep = '\u0000';

export type EmbeddingTally = {
  /** A chunk's stored vector (undefined: none yet). */
  set(chunkId: string, vector: { provider: string; model: string } | undefined): void;
  delete(chunkId: string): void;
  failed(stage: EmbeddingFailure['stage'], err: unknown): EmbeddingFailure;
  queryFellBack(): void;
  status(active: { provider: string; model: string }, pending: number): EmbeddingStatus;
};

export function createEmbeddingTally(now: () => Date = () => new Date()): EmbeddingTally {
  const vectors = new Map<string, string>();
  let lastError: EmbeddingFailure | undefined;
  let queryFallbacks = 0;
  return {
    set(chunkId, vector) {
      vectors.set(chunkId, vector ? `${vector.provider}${sep}${vector.model}` : '');
    },
    delete(chunkId) {
      vectors.delete(chunkId);
    },
    failed(stage, err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 300);
      lastError = { at: now().toISOString(), stage, message };
      return lastError;
    },
    queryFellBack() {
      queryFallbacks++;
    },
    status(active, pending) {
      const counts = new Map<string, number>();
      for (const key of vectors.values()) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      const activeKey = `${active.provider}${sep}${active.model}`;
      return {
        ...active,
        chunks: vectors.size,
        current: counts.get(activeKey) ?? 0,
        byModel: [...counts]
          .map(([key, chunks]) => {
            const [provider = '', model = ''] = key.split(sep);
            return { provider, model, chunks };
          })
          .sort((a, b) => b.chunks - a.chunks),
        pending,
        queryFallbacks,
        ...(lastError ? { lastError } : {}),
      };
    },
  };
}

/** Vectors as asked: one per text, of the embedder's size, finite numbers (else llm-bad-response). */
export function checkVectors(vectors: unknown, count: number, dims: number, who: string): number[][] {
  const ok =
    Array.isArray(vectors) &&
    vectors.length === count &&
    vectors.every(
      (v) =>
        Array.isArray(v) &&
        (dims === 0 || v.length === dims) &&
        v.every((x) => typeof x === 'number' && Number.isFinite(x)),
    );
  if (!ok)
    throw new DomainError('llm-bad-response', `${who}: the embeddings are not ${count} vectors of numbers`);
  return vectors as number[][];
}

/** The embedder as the index uses it (see the file's comment). */
export function guardIndexEmbedder(
  embedder: EmbeddingProvider,
  queryTimeoutMs: number,
  documents: { skip(): boolean; failed(err: unknown): void },
): EmbeddingProvider {
  const who = `embeddings ${embedder.id}/${embedder.model}`;
  const empty = (texts: string[]) => texts.map(() => new Array<number>(embedder.dims).fill(0));
  return {
    id: embedder.id,
    model: embedder.model,
    get dims() {
      return embedder.dims;
    },
    ...(embedder.minScore !== undefined ? { minScore: embedder.minScore } : {}),
    ...(embedder.maxQueryDims !== undefined ? { maxQueryDims: embedder.maxQueryDims } : {}),
    async embed(texts: string[], options: EmbedOptions = {}) {
      if (options.kind !== 'query') {
        if (documents.skip()) return empty(texts);
        try {
          return checkVectors(await embedder.embed(texts, options), texts.length, embedder.dims, who);
        } catch (err) {
          documents.failed(err);
          return empty(texts);
        }
      }
      const timeout = AbortSignal.timeout(queryTimeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      const vectors = await embedder.embed(texts, { ...options, signal });
      return checkVectors(vectors, texts.length, embedder.dims, who);
    },
  };
}
