// The search index's public shapes: options, queries, hits, snapshots.
import type { RawData } from '@orama/orama';
import type { LocalEmbedderState } from '../embeddings/local-embedder';
import type { EmbeddingProvider } from '../embeddings/types';
import type { SearchDoc } from './docs';
import type { SearchFilters } from './filters';
import type { FieldModel } from './bm25-index';
import type { FusionWeights } from './fusion';
import type { ProximityOptions } from './proximity';
import type { Snippet } from './snippet';
import type { VectorPrecision, VectorStoreSnapshot } from './vector-store';

export type SearchMode = 'fulltext' | 'vector' | 'hybrid';
export type FacetField = 'type' | 'stage' | 'ownerId' | 'language' | 'tags' | 'sourceId';
export type Bm25Params = { k: number; b: number; d: number };

export type SearchIndexOptions = {
  /** Without one, only full-text search is available. */
  embedder?: EmbeddingProvider;
  bm25?: Partial<Bm25Params>;
  /** Weight of the title against the body in full text. */
  titleBoost?: number;
  /**
   * Weight of a knowledge chunk's question field (a Q&A import's question, a Markdown FAQ's heading:
   * `faqQuestionOf` in docs.ts) against the body; 0 leaves the field out of ranking.
   */
  questionBoost?: number;
  /**
   * Weight of a knowledge chunk's learned phrasings (its source's `phrasings`: customers' questions it
   * answered) as a BM25 field against the body. A tuning option, off (0) by default: the field is then
   * neither indexed nor scored, and the phrasings count only through `learnedMatch`.
   */
  learnedBoost?: number;
  /**
   * Weight of a knowledge chunk's best learned phrasing's similarity to the query (learned-match.ts),
   * added to its full-text score as a share of the best candidate's; 0 turns it off.
   */
  learnedMatch?: number;
  /** The similarity a learned phrasing must exceed to count (0..1). */
  learnedFloor?: number;
  /** Edit distance allowed for query words the index does not know, unless a search says otherwise. */
  typoTolerance?: number;
  /** Weight of indexed words a query word is a prefix of (0 turns prefix matching off). */
  prefixWeight?: number;
  /** Weight of indexed words sharing all but the last two letters of a long query stem (0 = off; bm25-index.ts). */
  stemPrefixWeight?: number;
  /** Weight of a query's stop words (kept in the index, never dropped; 1 = like any word). */
  stopWeight?: number;
  /** How a word's matches in the title, text and question fields combine (bm25-index.ts). */
  fieldModel?: FieldModel;
  fusion?: Partial<FusionWeights> & { candidates?: number };
  /** Re-ranking of full-text candidates by how close the query's words stand (weight 0 = off). */
  proximity?: Partial<ProximityOptions>;
  /** Scan only this many of the query vector's largest dimensions (speed over exactness). */
  maxQueryDims?: number;
  /** How vectors are kept in memory: int8 (default, 4x smaller) or float32. */
  vectorPrecision?: VectorPrecision;
};

export type SearchOptions = {
  limit?: number;
  offset?: number;
  mode?: SearchMode;
  filters?: SearchFilters;
  facets?: FacetField[];
  /** Hybrid: this search's fusion (evaluation and tuning); by default the index's. */
  fusion?: FusionWeights;
  /** Edit distance allowed for query words the index does not know (0 turns typos off). Default: the index's. */
  typoTolerance?: number;
  snippetLength?: number;
};

export type SearchHit = Omit<SearchDoc, 'vector'> & {
  score: number;
  scores: { text?: number; vector?: number };
  snippet: Snippet;
};

export type Facets = Partial<Record<FacetField, Record<string, number>>>;
export type SearchResult = { hits: SearchHit[]; facets?: Facets; elapsedMs: number };

export type SearchIndexSnapshot = {
  version: 2;
  /** The analyzer version that built `orama` (absent: 1, stop words left out). */
  analyzer?: number;
  embedder?: { id: string; model: string; dims: number };
  /** The local embedder's fitted weights, so a restore without an embedder gets the same model back. */
  localEmbedder?: LocalEmbedderState;
  orama: RawData;
  vectors?: VectorStoreSnapshot;
  /** Each doc's content hashes (16 hex digits each: the doc's, then its embedding text's), in `ids` order. */
  hashes: { ids: string[]; digests: string };
};

export type UpsertStats = { indexed: number; unchanged: number; embedded: number };

/**
 * The fields Orama indexes (full text: title, text, the FAQ question field `faqQuestion`, filled by
 * the index from `faqQuestionOf`, and `learned`, the learned phrasings one a line, filled only when
 * `learnedBoost` > 0; the rest are filters and facets).
 */
export const oramaSchema = {
  id: 'string',
  type: 'enum',
  title: 'string',
  text: 'string',
  faqQuestion: 'string',
  learned: 'string',
  sourceId: 'enum',
  stage: 'enum',
  ownerId: 'enum',
  contactId: 'enum',
  language: 'enum',
  tags: 'enum[]',
  date: 'number',
} as const;
