// The embedding provider contract: texts in, one vector per text out, with the provider and model that
// made them recorded next to every vector (vectors of different models are never compared).

export type EmbedKind = 'document' | 'query';

export type EmbedOptions = {
  /** Some models embed queries and documents differently (e5 prefixes, the local IDF weighting). */
  kind?: EmbedKind;
  signal?: AbortSignal;
};

export type EmbeddingProvider = {
  /** Who made the vector: `local`, `openai-compatible`, ... */
  readonly id: string;
  /** The exact model, including anything that changes the vectors (dims, fitted weights). */
  readonly model: string;
  readonly dims: number;
  /** Cosine similarity below which a hit is noise for this model (dropped from vector results). */
  readonly minScore?: number;
  /** Sparse models: scanning this many of a query's largest dimensions ranks as well as all of them. */
  readonly maxQueryDims?: number;
  embed(texts: string[], options?: EmbedOptions): Promise<number[][]>;
  /**
   * The same vectors as typed arrays, where the provider computes them in memory (the local embedder):
   * the search index takes these and skips a plain array per vector, most of indexing's garbage.
   */
  embedTyped?(texts: string[], options?: EmbedOptions): Promise<Float32Array[]>;
};

/** What a stored vector records (the shape of the schemas' `vectorSchema`). */
export type StoredVector = { provider: string; model: string; contentHash?: string; values: number[] };

/** True when a stored vector was made by this provider's model for this content. */
export const isCurrentVector = (
  vector: StoredVector | undefined,
  provider: Pick<EmbeddingProvider, 'id' | 'model' | 'dims'>,
  contentHash?: string,
): vector is StoredVector =>
  vector !== undefined &&
  vector.provider === provider.id &&
  vector.model === provider.model &&
  vector.values.length === provider.dims &&
  (contentHash === undefined || vector.contentHash === undefined || vector.contentHash === contentHash);
