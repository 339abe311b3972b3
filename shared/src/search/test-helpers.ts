// Test helpers: a counting wrapper around an embedder (to prove what is and is not re-embedded).
import type { EmbedOptions, EmbeddingProvider } from '../embeddings/types';

export function countingEmbedder(inner: EmbeddingProvider) {
  const calls: string[][] = [];
  const provider: EmbeddingProvider & { calls: string[][] } = {
    id: inner.id,
    get model() {
      return inner.model;
    },
    dims: inner.dims,
    ...(inner.minScore === undefined ? {} : { minScore: inner.minScore }),
    ...(inner.maxQueryDims === undefined ? {} : { maxQueryDims: inner.maxQueryDims }),
    calls,
    async embed(texts: string[], options?: EmbedOptions) {
      if (options?.kind !== 'query') calls.push(texts);
      return inner.embed(texts, options);
    },
  };
  return provider;
}
