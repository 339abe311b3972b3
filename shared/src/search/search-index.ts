// The hybrid search index: Orama for BM25 full text (Russian + English stemming, typo tolerance,
// filters, facets) and a typed-array vector store for embeddings, fused per query. Incremental: docs
// are upserted and removed by id, and a doc whose content hash has not changed costs nothing; a doc
// whose text has not changed keeps its vector. `serialize`/`restore` keep both indexes and every
// vector, so a cold start re-embeds nothing.
import { create, getByID, insert, load, remove, save, search as oramaSearch } from '@orama/orama';
import type { AnyOrama, RawData, Results } from '@orama/orama';
import { LocalEmbedder } from '../embeddings/local-embedder';
import { isCurrentVector, type EmbeddingProvider } from '../embeddings/types';
import {
  bm25Scores,
  type FieldModel,
  createBm25Index,
  externalId,
  termCounts,
  termIdf,
  topScores,
  whereIds,
  type Allowed,
} from './bm25-index';
import { faqQuestionOf, type SearchDoc } from './docs';
import { toOramaWhere } from './filters';
import { fuse, fusionWeightsFor, type FusedHit, type FusionWeights } from './fusion';
import { contentHash } from './hash';
import { oramaSchema } from './search-types';
import type {
  Bm25Params,
  FacetField,
  Facets,
  SearchHit,
  SearchIndexOptions,
  SearchIndexSnapshot,
  SearchOptions,
  SearchResult,
  UpsertStats,
} from './search-types';
import {
  defaultProximity,
  proximityScore,
  sentenceScore,
  TermCache,
  type ProximityOptions,
} from './proximity';
import { createPackedDocumentsStore } from './packed-docs';
import { bestPhrasingMatch, IdfMemo, LearnedStems } from './learned-match';
import { makeSnippet, queryTerms } from './snippet';
import { contentTerms, createMixedTokenizer, queryWeights } from './tokenizer';
import { VectorStore } from './vector-store';

export type * from './search-types';

/** What the vector of a doc is computed from. */
export const embeddingText = (doc: Pick<SearchDoc, 'title' | 'text'>) =>
  doc.title ? `${doc.title}\n${doc.text}` : doc.text;

/**
 * The version of the text analysis the full-text index was built with (2: stop words indexed; 3: English
 * stems keep the s/t before a removed -ion, tokenizer.ts; 4: the FAQ question field; 5: a two-part
 * hyphenated compound also as one word, "Wi-Fi" as "wifi"; 6: the learned phrasings field). A
 * snapshot made by another version is re-indexed from its stored text on restore (no re-embedding).
 */
export const analyzerVersion = 6;

/** Docs embedded and indexed together by `upsert` (bounds the fresh vectors held at once). */
const upsertBatch = 1024;

/** The snapshot format (2: full-text postings and vectors as typed arrays, for a structured clone). */
export const snapshotVersion = 2;

const docHashOf = ({ vector: _vector, ...doc }: SearchDoc) => contentHash(JSON.stringify(doc));

/**
 * What Orama stores and indexes of a doc: the doc without its vector, with its FAQ question field and,
 * only when the learned field weighs something (`learnedBoost`, a tuning option, off by default), its
 * learned phrasings as one text, a phrasing a line.
 */
type StoredDoc = Omit<SearchDoc, 'vector'> & { faqQuestion?: string; learned?: string };
const toStored = ({ vector: _vector, ...doc }: SearchDoc, learnedField: boolean): StoredDoc => {
  const faqQuestion = faqQuestionOf(doc);
  const learned = learnedField && doc.type === 'knowledge' ? doc.phrasings?.join('\n') : undefined;
  return { ...doc, ...(faqQuestion ? { faqQuestion } : {}), ...(learned ? { learned } : {}) };
};

const createOrama = () =>
  create({
    schema: oramaSchema,
    // Only browsing sorts (by date). Orama would otherwise keep every string property sorted with
    // localeCompare, the texts included: a copy of every text in the snapshot and a sorted insert per doc.
    sort: { unsortableProperties: Object.keys(oramaSchema).filter((p) => p !== 'date') },
    components: {
      tokenizer: createMixedTokenizer(termCounts),
      index: createBm25Index(),
      documentsStore: createPackedDocumentsStore(),
    },
  });

/**
 * The full-text tunables, chosen on the pooled tuning splits of stackfaq, its question view, xquad-ru
 * and xquad-en (2438 queries): `npm run tune:retrieval -w shared -- --data ../shared/data/retrieval/stackfaq
 * --data ../shared/data/retrieval/xquad-ru --data ../shared/data/retrieval/xquad-en` (issue 35). Ascent
 * from the earlier defaults (pooled hit@1 0.8314): FAQ question field 1 (0.8474; stackfaq 0.746 ->
 * 0.808), prefix 0.3, proximity window 20, sentence 0.5 (0.8507). Then the rule (a component stays only
 * if it beats "off" by a sign test, wins - losses >= 2 sqrt(wins + losses), tune-retrieval.ts): kept the
 * sentence score (+22 -2 queries), proximity (+28 -12), prefix words (+16 -3), typo tolerance (+10 -1),
 * the question field (+70 -9); turned off the title boost (no tuning set has titles: +0 -0) and the
 * stop-word down-weighting (+15 -7, not clear). Chosen: pooled hit@1 0.8474.
 * The field model since 2026-12-06 (issue 61): 'headings', the title and the FAQ question scored as one
 * field (BM25F, bm25-index.ts); every tuning set's hit@1 the same or better (faq-ru 0.610 -> 0.619,
 * faq-en 0.660 -> 0.670), and with the answer evidence refitted on its hits more tuning questions
 * resolved (0.758 against 0.740, tune-answers.ts). `npm run eval:retrieval -- --field-model sum` is the
 * one before.
 * The learned phrasings (issue 61): `npx tsx shared/src/cli/tune-learned.ts --boosts 0,0.25 --matches
 * 0,0.5,1,2,4 --floors 0.3,0.5,0.7` (half of each tuning split learned, the other half searched; 2026-12-07):
 * as a pooled BM25 field they cost (weight 1: mean top-1 0.758 -> 0.690, best three articles 0.910 ->
 * 0.888; the articles that learned anything draw every question sharing a word with them), so the field
 * weighs 0 and is then not indexed at all (`learnedBoost` > 0 indexes it, for tuning); the best single
 * phrasing's similarity (learned-match.ts) at weight 0.5 above 0.5 is the best of the grid, and within
 * noise of none (top-1 0.760, best three 0.911).
 * The stem-prefix words (issue 61, 2026-12-07; bm25-index.ts `stemPrefix`): per set, the tuning split's
 * top-1 article and right article among the first three articles of the best 10 passages, weights 0, 0.3,
 * 0.6, 1 (the FAQ sets: mean top-3 0.786 -> 0.788, 0.793, 0.798; stackfaq, xquad-ru and banking77: 0.928
 * -> 0.931 at 0.6, top-1 0.842 -> 0.843, 0.839 at 1); 0.6, then `npm run eval:answers` on the tuning
 * splits: resolved 0.758 -> 0.760, faq2-en 0.603 -> 0.612, faq2-ru 0.579 -> 0.587, faq-ru 0.691 -> 0.699
 * (banking77's precision 0.851 -> 0.850, one more wrong answer). Tried and left out, on the same
 * measures: stop words at 0.5 with it (more resolved, but banking77's tuning precision 0.847 under the
 * calibrated threshold), the title and question at 0.5 or 2, b 0.75, prefix words 0.6, splitting "23kg"
 * into "23" and "kg" (no change), pseudo-relevance feedback (RM3 style, 3 passages, 5-20 words at 0.15-0.3:
 * FAQ mean top-3 0.786 -> 0.747-0.774).
 */
export const defaultTextParams = {
  bm25: { k: 1.2, b: 0.9, d: 0 },
  titleBoost: 1,
  questionBoost: 1,
  learnedBoost: 0,
  learnedMatch: 0.5,
  learnedFloor: 0.5,
  typoTolerance: 1,
  prefixWeight: 0.3,
  stemPrefixWeight: 0.6,
  stopWeight: 1,
  fieldModel: 'headings' as FieldModel,
};

export class SearchIndex {
  readonly embedder: EmbeddingProvider | undefined;
  private db: AnyOrama;
  private vectors: VectorStore | undefined;
  private hashes = new Map<string, { doc: string; embed: string }>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly bm25: Bm25Params;
  private readonly titleBoost: number;
  private readonly questionBoost: number;
  private readonly learnedBoost: number;
  private readonly learnedMatch: number;
  private readonly learnedFloor: number;
  private readonly typoTolerance: number;
  private readonly prefixWeight: number;
  private readonly stemPrefixWeight: number;
  private readonly stopWeight: number;
  private readonly fieldModel: FieldModel;
  private readonly maxQueryDims: number;
  private readonly proximity: ProximityOptions;
  private readonly termCache = new TermCache();
  /** Each passage's learned phrasings, stemmed once (learned-match.ts). */
  private readonly learnedStems = new LearnedStems();
  /** The IDF of the learned phrasings' stems, memoised until the docs change (`generation`). */
  private readonly learnedIdfs = new IdfMemo();
  private readonly weights: FusionWeights;
  private readonly candidates: number;
  /** Bumped by every change of the indexed docs; filter results of another generation are stale. */
  private generation = 0;
  private filters = new Map<
    string,
    { generation: number; allowed: Allowed | undefined; rows?: Uint8Array }
  >();

  constructor(options: SearchIndexOptions = {}) {
    this.embedder = options.embedder;
    this.db = createOrama();
    this.vectors = options.embedder
      ? new VectorStore(options.embedder.dims, { precision: options.vectorPrecision ?? 'int8' })
      : undefined;
    // Chosen on the tuning splits (npm run tune:retrieval; held-out figures: npm run eval:retrieval).
    this.bm25 = { ...defaultTextParams.bm25, ...options.bm25 };
    this.titleBoost = options.titleBoost ?? defaultTextParams.titleBoost;
    this.questionBoost = options.questionBoost ?? defaultTextParams.questionBoost;
    this.learnedBoost = options.learnedBoost ?? defaultTextParams.learnedBoost;
    this.learnedMatch = options.learnedMatch ?? defaultTextParams.learnedMatch;
    this.learnedFloor = options.learnedFloor ?? defaultTextParams.learnedFloor;
    this.typoTolerance = options.typoTolerance ?? defaultTextParams.typoTolerance;
    this.prefixWeight = options.prefixWeight ?? defaultTextParams.prefixWeight;
    this.stemPrefixWeight = options.stemPrefixWeight ?? defaultTextParams.stemPrefixWeight;
    this.stopWeight = options.stopWeight ?? defaultTextParams.stopWeight;
    this.fieldModel = options.fieldModel ?? defaultTextParams.fieldModel;
    this.maxQueryDims = options.maxQueryDims ?? options.embedder?.maxQueryDims ?? Infinity;
    this.proximity = { ...defaultProximity, ...options.proximity };
    this.weights = { ...fusionWeightsFor(options.embedder), ...options.fusion };
    this.candidates = options.fusion?.candidates ?? 100;
  }

  get size(): number {
    return this.hashes.size;
  }

  has(id: string): boolean {
    return this.hashes.has(id);
  }

  get(id: string): SearchDoc | undefined {
    const stored = getByID(this.db, id) as StoredDoc | undefined;
    if (!stored) return undefined;
    const { faqQuestion: _faqQuestion, learned: _learned, ...doc } = stored;
    return doc;
  }

  ids(): string[] {
    return [...this.hashes.keys()];
  }

  /** Adds or replaces docs; unchanged ones are skipped, changed text is re-embedded (in batches). */
  upsert(docs: SearchDoc[]): Promise<UpsertStats> {
    return this.serial(() => this.upsertNow(docs));
  }

  /** Removes docs by id; returns how many were there. */
  remove(ids: string[]): Promise<number> {
    return this.serial(async () => ids.filter((id) => this.removeNow(id)).length);
  }

  /** Removes every doc the predicate picks (e.g. all chunks of a deleted source). */
  removeWhere(predicate: (doc: SearchDoc) => boolean): Promise<number> {
    return this.serial(async () => {
      const ids = [...this.hashes.keys()].filter((id) => predicate(this.get(id)!));
      return ids.filter((id) => this.removeNow(id)).length;
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async upsertNow(docs: SearchDoc[]): Promise<UpsertStats> {
    const stats: UpsertStats = { indexed: 0, unchanged: 0, embedded: 0 };
    const latest = new Map(docs.map((d) => [d.id, d]));
    type Change = { doc: SearchDoc; docHash: string; embedHash: string; embed: boolean };
    const changed: Change[] = [];
    for (const doc of latest.values()) {
      const docHash = docHashOf(doc);
      const embedHash = contentHash(embeddingText(doc));
      const known = this.hashes.get(doc.id);
      const hasVector = !this.vectors || this.vectors.has(doc.id);
      if (known?.doc === docHash && hasVector) {
        stats.unchanged++;
        continue;
      }
      const embed =
        this.embedder !== undefined &&
        this.vectors !== undefined &&
        !isCurrentVector(doc.vector, this.embedder, embedHash) &&
        !(known?.embed === embedHash && this.vectors.has(doc.id));
      changed.push({ doc, docHash, embedHash, embed });
    }
    // Embedded and indexed a batch at a time, so only one batch of fresh vectors is held at once.
    for (let at = 0; at < changed.length; at += upsertBatch) {
      const batch = changed.slice(at, at + upsertBatch);
      const toEmbed = batch.filter((c) => c.embed);
      const fresh = new Map<string, ArrayLike<number>>();
      if (this.embedder && toEmbed.length > 0) {
        const texts = toEmbed.map((c) => embeddingText(c.doc));
        const vectors = this.embedder.embedTyped
          ? await this.embedder.embedTyped(texts, { kind: 'document' })
          : await this.embedder.embed(texts, { kind: 'document' });
        toEmbed.forEach((c, i) => fresh.set(c.doc.id, vectors[i]!));
        stats.embedded += toEmbed.length;
      }
      for (const { doc, docHash, embedHash } of batch) {
        if (this.hashes.has(doc.id)) await remove(this.db, doc.id);
        this.termCache.forget(doc.id);
        this.learnedStems.forget(doc.id);
        const { vector } = doc;
        await insert(this.db, toStored(doc, this.learnedBoost > 0));
        if (this.vectors && this.embedder) {
          const values =
            fresh.get(doc.id) ?? (isCurrentVector(vector, this.embedder) ? vector.values : undefined);
          if (values) this.vectors.set(doc.id, values);
        }
        this.hashes.set(doc.id, { doc: docHash, embed: embedHash });
        this.generation++;
        stats.indexed++;
      }
    }
    return stats;
  }

  private removeNow(id: string): boolean {
    if (!this.hashes.has(id)) return false;
    remove(this.db, id);
    this.termCache.forget(id);
    this.learnedStems.forget(id);
    this.vectors?.delete(id);
    this.hashes.delete(id);
    this.generation++;
    return true;
  }

  /** The vector of an indexed doc (e.g. to store it on the chunk doc). */
  vectorOf(id: string): number[] | undefined {
    const v = this.vectors?.get(id);
    return v ? Array.from(v) : undefined;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const started = performance.now();
    const limit = options.limit ?? 10;
    const offset = options.offset ?? 0;
    const wanted = offset + limit;
    const canVector = this.embedder !== undefined && this.vectors !== undefined;
    const mode = options.mode ?? (canVector ? 'hybrid' : 'fulltext');
    if (mode !== 'fulltext' && !canVector) throw new Error(`search mode ${mode} needs an embedder`);
    const where = toOramaWhere(options.filters);
    // Hybrid with vectors that weigh nothing (the local hashed vectors, fusion.ts) is full text alone.
    const weights = options.fusion ?? this.weights;
    const voting = mode === 'vector' || weights.vector > 0;
    const k = Math.max(wanted, mode === 'hybrid' && voting ? this.candidates : this.proximity.rerank);

    const filter = this.filter(where);
    const allowed = filter?.allowed;
    let text: Array<{ id: string; score: number }> = [];
    if (mode !== 'vector' || !query.trim())
      text = await this.fullText(query, where, allowed, k, options.typoTolerance ?? this.typoTolerance);
    let vector: Array<{ id: string; score: number }> = [];
    if (mode !== 'fulltext' && voting && query.trim() && allowed?.count !== 0) {
      const [q] = await this.embedder!.embed([query], { kind: 'query' });
      let accept: Uint8Array | undefined;
      if (filter && allowed && !filter.rows) {
        const ids: string[] = [];
        for (let iid = 0; iid < allowed.bits.length; iid++)
          if (allowed.bits[iid] === 1) ids.push(externalId(this.db, iid));
        filter.rows = this.vectors!.mask(ids);
      }
      if (filter) accept = filter.rows;
      const floor = this.embedder!.minScore ?? 0;
      vector = this.vectors!.search(q!, k, accept, this.maxQueryDims).filter((h) => h.score > floor);
    }
    const fused: FusedHit[] =
      mode === 'fulltext'
        ? text.map((h) => ({ id: h.id, score: h.score, text: h.score }))
        : mode === 'vector'
          ? vector.map((h) => ({ id: h.id, score: h.score, vector: h.score }))
          : fuse(text, vector, weights);
    const terms = queryTerms(query);
    const hits = fused.slice(offset, wanted).map((h) => this.toHit(h, terms, options.snippetLength));
    const result: SearchResult = { hits, elapsedMs: 0 };
    if (options.facets?.length) result.facets = await this.facets(query, where, options.facets);
    result.elapsedMs = performance.now() - started;
    return result;
  }

  /**
   * What a filter allows, remembered until the docs change: the agents filter every knowledge search
   * by type, so the same few filters come back query after query.
   */
  private filter(where: Record<string, unknown>) {
    if (Object.keys(where).length === 0) return undefined;
    const key = JSON.stringify(where);
    let entry = this.filters.get(key);
    if (entry?.generation !== this.generation) {
      if (this.filters.size >= 64) this.filters.clear();
      entry = { generation: this.generation, allowed: whereIds(this.db, where) };
      this.filters.set(key, entry);
    }
    return entry;
  }

  private async fullText(
    query: string,
    where: Record<string, unknown>,
    allowed: Allowed | undefined,
    limit: number,
    tolerance: number,
  ): Promise<Array<{ id: string; score: number }>> {
    if (!query.trim()) {
      // Browsing: the filtered docs, newest first.
      const results = (await oramaSearch(this.db, {
        term: '',
        limit,
        where: where as never,
        sortBy: { property: 'date', order: 'DESC' },
      })) as Results<SearchDoc>;
      return results.hits.map((h) => ({ id: h.id, score: 0 }));
    }
    const weights = queryWeights(query, this.stopWeight);
    const top = this.bm25Top(weights, allowed, limit, tolerance);
    return this.rerankByLearned(query, this.rerankByProximity(query, top));
  }

  /** The best `limit` passages by BM25 for the weighted query stems. */
  private bm25Top(
    weights: Map<string, number>,
    allowed: Allowed | undefined,
    limit: number,
    tolerance: number,
  ): Array<{ id: string; score: number }> {
    const scores = bm25Scores(this.db.data.index, {
      terms: [...weights.keys()],
      weights,
      props: ['title', 'text', 'faqQuestion', ...(this.learnedBoost > 0 ? ['learned'] : [])],
      boost: { title: this.titleBoost, faqQuestion: this.questionBoost, learned: this.learnedBoost },
      relevance: this.bm25,
      tolerance,
      docsCount: this.hashes.size,
      where: allowed?.bits,
      prefix: this.prefixWeight,
      stemPrefix: this.stemPrefixWeight,
      fieldModel: this.fieldModel,
    });
    return topScores(scores, limit).map(([iid, score]) => ({ id: externalId(this.db, iid), score }));
  }

  /**
   * Adds to each candidate with learned phrasings `learnedMatch` times its best phrasing's similarity to
   * the query (learned-match.ts) above `learnedFloor` (rescaled to 0..1), squared, times the best
   * candidate's score (so the weight is the same whatever the scale of the scores). The phrasings are
   * stemmed once per passage and each stem's IDF once per version of the index.
   */
  private rerankByLearned(query: string, hits: Array<{ id: string; score: number }>) {
    if (this.learnedMatch <= 0 || hits.length === 0) return hits;
    const terms = new Set(contentTerms(query));
    const idf = (t: string) => this.learnedIdf(t);
    const top = hits[0]!.score;
    let changed = false;
    for (const hit of hits) {
      const phrasings = this.learnedStems.of(hit.id, () => this.get(hit.id)?.phrasings);
      if (phrasings.length === 0) continue;
      const found = bestPhrasingMatch(terms, phrasings, idf);
      if (found <= this.learnedFloor) continue;
      const similarity = (found - this.learnedFloor) / (1 - this.learnedFloor);
      hit.score += this.learnedMatch * similarity * similarity * top;
      changed = true;
    }
    return changed ? hits.sort((a, b) => b.score - a.score) : hits;
  }

  /** A learned phrasing's stem's IDF: its largest in the indexed fields, at least 0.1 (memoised). */
  private learnedIdf(term: string): number {
    return this.learnedIdfs.get(term, this.generation, (t) => {
      const n = this.hashes.size;
      const store = this.db.data.index;
      return Math.max(...['text', 'title', 'faqQuestion'].map((prop) => termIdf(store, prop, t, n)), 0.1);
    });
  }

  /** The learned re-ranking's work so far: phrasings stemmed, IDFs worked out (tests and benches). */
  get learnedWork(): { stemmed: number; idfs: number } {
    return { stemmed: this.learnedStems.stemmed, idfs: this.learnedIdfs.computed };
  }

  /** Adds the proximity score to the best full-text candidates (see proximity.ts). */
  private rerankByProximity(query: string, hits: Array<{ id: string; score: number }>) {
    const { weight, window, rerank, sentence } = this.proximity;
    const terms = new Set(contentTerms(query));
    if ((weight <= 0 && sentence <= 0) || terms.size < 2 || hits.length === 0) return hits;
    const n = this.hashes.size;
    const store = this.db.data.index;
    const idfs = new Map(
      [...terms].map((t) => [t, Math.max(termIdf(store, 'text', t, n), termIdf(store, 'title', t, n))]),
    );
    const idf = (t: string) => idfs.get(t) ?? 0;
    for (const hit of hits.slice(0, rerank)) {
      const docTerms = this.termCache.terms(hit.id, () => {
        const doc = this.get(hit.id)!;
        return embeddingText(doc);
      });
      hit.score += weight * proximityScore(terms, docTerms.terms, idf, window);
      if (sentence > 0) hit.score += sentence * sentenceScore(terms, docTerms, idf);
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  private async facets(query: string, where: Record<string, unknown>, fields: FacetField[]): Promise<Facets> {
    const results = (await oramaSearch(this.db, {
      term: query.trim(),
      ...(query.trim() ? { properties: ['title', 'text'] } : {}),
      limit: 0,
      where: where as never,
      facets: Object.fromEntries(fields.map((f) => [f, {}])),
    })) as Results<SearchDoc>;
    const out: Facets = {};
    for (const f of fields) out[f] = (results.facets?.[f]?.values ?? {}) as Record<string, number>;
    return out;
  }

  private toHit(hit: FusedHit, terms: Set<string>, snippetLength?: number): SearchHit {
    const { vector: _vector, ...doc } = this.get(hit.id)!;
    return {
      ...doc,
      score: hit.score,
      scores: { text: hit.text, vector: hit.vector },
      snippet: makeSnippet(doc.text, terms, { length: snippetLength }),
    };
  }

  /**
   * Everything needed to restore the index without re-tokenising or re-embedding. Typed arrays and
   * strings, for a structured clone (IndexedDB, `v8.serialize`, `postMessage`), not JSON: a clone
   * copies the postings and vectors as flat memory, which is what makes a cold start fast.
   */
  async serialize(): Promise<SearchIndexSnapshot> {
    return this.serial(async () => ({
      version: snapshotVersion,
      analyzer: analyzerVersion,
      ...(this.embedder
        ? { embedder: { id: this.embedder.id, model: this.embedder.model, dims: this.embedder.dims } }
        : {}),
      ...(this.embedder instanceof LocalEmbedder ? { localEmbedder: this.embedder.exportState() } : {}),
      orama: (await save(this.db)) as RawData,
      ...(this.vectors ? { vectors: this.vectors.snapshot() } : {}),
      hashes: {
        ids: [...this.hashes.keys()],
        digests: [...this.hashes.values()].map((h) => h.doc + h.embed).join(''),
      },
    }));
  }

  /**
   * Restores a snapshot. Vectors are kept when the embedder is the one that made them; with another
   * embedder (or model) every doc is re-embedded from the restored text. Without an embedder in the
   * options, a snapshot made with the local embedder brings its fitted embedder back.
   */
  static async restore(
    snapshot: SearchIndexSnapshot,
    options: SearchIndexOptions = {},
  ): Promise<SearchIndex> {
    if (snapshot.version !== snapshotVersion)
      throw new Error(
        `search index snapshot version ${String(snapshot.version)} is not ${snapshotVersion}: rebuild the index from its docs`,
      );
    if (!options.embedder && snapshot.localEmbedder) {
      options = { ...options, embedder: LocalEmbedder.fromState(snapshot.localEmbedder) };
    }
    const index = new SearchIndex(options);
    await load(index.db, snapshot.orama);
    const { ids, digests } = snapshot.hashes;
    if (digests.length !== ids.length * 32) throw new Error('search index snapshot: hashes cut short');
    ids.forEach((id, i) =>
      index.hashes.set(id, {
        doc: digests.slice(i * 32, i * 32 + 16),
        embed: digests.slice(i * 32 + 16, i * 32 + 32),
      }),
    );
    const e = options.embedder;
    const same =
      e && snapshot.embedder && snapshot.embedder.model === e.model && snapshot.embedder.id === e.id;
    if (same && snapshot.vectors && snapshot.vectors.dims === e.dims) {
      index.vectors = VectorStore.restore(snapshot.vectors);
    } else if (e) {
      const docs = [...index.hashes.keys()].map((id) => index.get(id)!);
      index.hashes.clear();
      index.db = createOrama();
      await index.upsertNow(docs);
      return index;
    }
    if (snapshot.analyzer !== analyzerVersion) await index.reindexText();
    return index;
  }

  /** Rebuilds the full-text index from the stored docs (another analyzer made it); vectors stay. */
  private async reindexText(): Promise<void> {
    const docs = [...this.hashes.keys()].map((id) => this.get(id)!);
    this.db = createOrama();
    this.termCache.clear();
    this.learnedStems.clear();
    this.generation++;
    for (const doc of docs) await insert(this.db, toStored(doc, this.learnedBoost > 0));
  }
}
