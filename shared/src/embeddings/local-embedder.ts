// The local default embedder: no model download, no network. A text becomes hashed features (word
// stems, stem bigrams and character n-grams of the stems, so Russian endings and typos still overlap),
// weighted by sublinear term frequency times an IDF learnt from the corpus (`fit`), signed-hashed into
// `dims` buckets and L2-normalised. The fitted IDF is part of the model: its fingerprint is in `model`,
// so vectors made with other weights are recognised and re-embedded; a new document after `fit` is
// embedded with the frozen weights (unseen features get the highest IDF).
import { base64ToBytes, bytesToBase64 } from '../search/base64';
import { fnv1a } from '../search/hash';
import { scanWords, wordOf } from '../search/tokenizer';
import type { EmbedOptions, EmbeddingProvider } from './types';

export type LocalEmbedderOptions = {
  dims?: number;
  /** Character n-gram sizes taken from each stem (with boundary marks). */
  ngrams?: number[];
  /** Total weight of a word's n-grams relative to the word itself. */
  charWeight?: number;
  bigramWeight?: number;
};

export type LocalEmbedderState = {
  version: 1;
  options: Required<LocalEmbedderOptions>;
  /** Documents seen by `fit` and the base64 document-frequency table (Uint32 per hashed feature). */
  docs: number;
  df?: string;
};

const dfBits = 18;
const dfMask = (1 << dfBits) - 1;
const defaults: Required<LocalEmbedderOptions> = {
  dims: 1024,
  ngrams: [3, 4, 5],
  charWeight: 1,
  bigramWeight: 0.5,
};

/**
 * A text's hashed features, in the order first seen: `keys[i]` occurred `counts[i]` times, each
 * occurrence weighing `units[i]`. Reused between calls (embedding is synchronous): no allocation per
 * feature, which was most of the time and garbage of indexing a corpus.
 */
type Features = { n: number; keys: Uint32Array; counts: Uint32Array; units: Float64Array };

/**
 * What a stem contributes on its own: its word feature and its character n-grams (hashed); `id` is its
 * slot in the per-text count arrays, `bigramSeed` is FNV-1a's state after "b:<stem> " (a bigram's hash
 * goes on from it with the next stem, as `fnv1a("b:<stem> <next>")`, without building that string).
 */
type StemFeatures = { id: number; term: string; word: number; grams: Uint32Array; bigramSeed: number };
const stemFeatureLimit = 200_000;

/** Open-addressing table: feature key -> its index in the features buffer, for one call's `generation`. */
type FeatureTable = { keys: Uint32Array; slots: Int32Array; generations: Uint32Array };

export class LocalEmbedder implements EmbeddingProvider {
  readonly id = 'local';
  /** Unrelated texts score about 0 to 0.05 (hash collisions); below that a hit is noise. */
  readonly minScore = 0.05;
  /** A query has ~100-200 non-zero dimensions; the 48 largest rank as well (measured on the eval sets). */
  readonly maxQueryDims = 48;
  readonly dims: number;
  private readonly options: Required<LocalEmbedderOptions>;
  private df: Uint32Array | undefined;
  private idfs: Float64Array | undefined;
  private docs = 0;
  private fingerprint = '';

  constructor(options: LocalEmbedderOptions = {}) {
    this.options = { ...defaults, ...options };
    this.dims = this.options.dims;
  }

  get model(): string {
    const o = this.options;
    const base = `hash-ngram-v2-d${o.dims}-n${o.ngrams.join('')}-c${o.charWeight}-b${o.bigramWeight}`;
    return this.df ? `${base}-idf${this.fingerprint}` : base;
  }

  /** Learns document frequencies from a corpus; changes `model` (everything embedded before is stale). */
  fit(texts: Iterable<string>): void {
    const df = new Uint32Array(dfMask + 1);
    let docs = 0;
    for (const text of texts) {
      docs++;
      const { n, keys } = this.features(text);
      for (let i = 0; i < n; i++) df[keys[i]! & dfMask]!++;
    }
    this.df = df;
    this.idfs = undefined;
    this.docs = docs;
    this.fingerprint = fnv1a(`${docs}:${df.slice(0, 4096).join(',')}`).toString(36);
  }

  get fitted(): boolean {
    return this.df !== undefined;
  }

  exportState(): LocalEmbedderState {
    return {
      version: 1,
      options: this.options,
      docs: this.docs,
      ...(this.df ? { df: bytesToBase64(new Uint8Array(this.df.buffer)) } : {}),
    };
  }

  static fromState(state: LocalEmbedderState): LocalEmbedder {
    const embedder = new LocalEmbedder(state.options);
    if (state.df) {
      const bytes = base64ToBytes(state.df);
      embedder.df = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      embedder.docs = state.docs;
      embedder.fingerprint = fnv1a(`${state.docs}:${embedder.df.slice(0, 4096).join(',')}`).toString(36);
    }
    return embedder;
  }

  async embed(texts: string[], _options?: EmbedOptions): Promise<number[][]> {
    return texts.map((t) => Array.from(this.embedOne(t)));
  }

  async embedTyped(texts: string[], _options?: EmbedOptions): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  /** The vector of one text, synchronously (queries in a hot path). */
  embedOne(text: string): Float32Array {
    const { dims } = this.options;
    const out = new Float32Array(dims);
    const { n, keys, counts, units } = this.features(text);
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const weight = units[i]! * (1 + Math.log(counts[i]!)) * this.idf(key);
      const h = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) >>> 0;
      out[h % dims]! += h & 0x80000000 ? -weight : weight;
    }
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += out[i]! * out[i]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < dims; i++) out[i]! /= norm;
    return out;
  }

  private idf(key: number): number {
    if (!this.df) return 1;
    if (!this.idfs) {
      // Once per fitted model: a log per feature of every text was a fifth of embedding time.
      const df = this.df;
      this.idfs = new Float64Array(df.length);
      for (let i = 0; i < df.length; i++) this.idfs[i] = Math.log((this.docs + 1) / (df[i]! + 1)) + 1;
    }
    return this.idfs[key & dfMask]!;
  }

  private readonly stems = new Map<string, StemFeatures>();
  /** A word as written -> its stem's features, or null for a stop word (one lookup per word). */
  private readonly written = new Map<string, StemFeatures | null>();
  /** Per stem id: the call that last counted it, and its occurrences in that call's text. */
  private stemCall = new Uint32Array(4096);
  private stemCount = new Uint32Array(4096);
  private readonly uniqueStems: StemFeatures[] = [];
  /** Open-addressing table: feature key -> its index in `buffer`; entries of older calls are stale by `generation`. */
  private table: FeatureTable = {
    keys: new Uint32Array(8192),
    slots: new Int32Array(8192),
    generations: new Uint32Array(8192),
  };
  private generation = 0;
  private readonly buffer: Features = {
    n: 0,
    keys: new Uint32Array(4096),
    counts: new Uint32Array(4096),
    units: new Float64Array(4096),
  };

  private stemFeatures(term: string): StemFeatures {
    let f = this.stems.get(term);
    if (f) return f;
    const { ngrams, charWeight } = this.options;
    const grams: number[] = [];
    if (charWeight > 0 && term.length > 2) {
      // N-grams of "<stem>", hashed straight from the char codes (no substrings).
      const codes = [60];
      for (let i = 0; i < term.length; i++) codes.push(term.charCodeAt(i));
      codes.push(62);
      for (const n of ngrams) {
        for (let i = 0; i + n <= codes.length; i++) {
          let h = (0x811c9dc5 ^ n) >>> 0;
          for (let j = i; j < i + n; j++) h = Math.imul(h ^ codes[j]!, 0x01000193);
          grams.push(h >>> 0);
        }
      }
    }
    const id = this.stems.size;
    f = {
      id,
      term,
      word: fnv1a(`w:${term}`),
      grams: Uint32Array.from(grams),
      bigramSeed: fnv1a(`b:${term} `),
    };
    if (id === this.stemCall.length) {
      // Grown in the middle of a text: the stems it has counted so far keep their marks and counts.
      const calls = new Uint32Array(id * 2);
      const counts = new Uint32Array(id * 2);
      calls.set(this.stemCall);
      counts.set(this.stemCount);
      this.stemCall = calls;
      this.stemCount = counts;
    }
    this.stems.set(term, f);
    return f;
  }

  /**
   * The text's features, in the shared buffer (valid until the next call). Stems are counted first and
   * each distinct stem's word and n-grams added once with its count: a text repeats many of its stems,
   * and the n-grams were most of the work.
   */
  private features(text: string): Features {
    const { ngrams, charWeight, bigramWeight } = this.options;
    this.buffer.n = 0;
    if (++this.generation === 0xffffffff) {
      this.table.generations.fill(0);
      this.stemCall.fill(0);
      this.generation = 1;
    }
    // Stem ids index the count arrays; the cache starts over between texts, never within one.
    if (this.stems.size >= stemFeatureLimit || this.written.size >= stemFeatureLimit) {
      this.stems.clear();
      this.written.clear();
    }
    const call = this.generation;
    const unique = this.uniqueStems;
    unique.length = 0;
    let previous: StemFeatures | undefined;
    // The content words of `analyze` (stop words left out, `compounds: false`), read without a token
    // object per word.
    scanWords(text, (raw) => {
      let stem = this.written.get(raw);
      if (stem === undefined) {
        const w = wordOf(raw);
        stem = w.stop ? null : this.stemFeatures(w.term);
        this.written.set(raw, stem);
      }
      if (stem === null) return;
      if (this.stemCall[stem.id] !== call) {
        this.stemCall[stem.id] = call;
        this.stemCount[stem.id] = 0;
        unique.push(stem);
      }
      this.stemCount[stem.id]!++;
      if (bigramWeight > 0 && previous !== undefined)
        this.add(fnv1a(stem.term, previous.bigramSeed), bigramWeight, 1);
      previous = stem;
    });
    // A stem of average length gives about this many n-grams: each weighs charWeight / gramsPerWord.
    const gramsPerWord = ngrams.reduce((sum, n) => sum + Math.max(1, 9 - n), 0);
    const gramWeight = charWeight / gramsPerWord;
    for (const stem of unique) {
      const count = this.stemCount[stem.id]!;
      this.add(stem.word, 1, count);
      const { grams } = stem;
      for (let g = 0; g < grams.length; g++) this.add(grams[g]!, gramWeight, count);
    }
    return this.buffer;
  }

  /** Counts feature `h` (weighing `w` an occurrence) `count` more times in this call's buffer. */
  private add(h: number, w: number, count: number): void {
    const out = this.buffer;
    const table = this.table;
    const i = this.slotOf(table, h);
    if (table.generations[i] === this.generation) {
      out.counts[table.slots[i]!]! += count;
      return;
    }
    table.generations[i] = this.generation;
    table.keys[i] = h;
    table.slots[i] = out.n;
    if (out.n === out.keys.length) this.growBuffer();
    out.keys[out.n] = h;
    out.counts[out.n] = count;
    out.units[out.n] = w;
    out.n++;
    if (out.n * 2 > table.keys.length) this.growTable();
  }

  /** The slot of key `h` in this call's entries of `table`, or the empty slot where it goes (linear probing). */
  private slotOf(table: FeatureTable, h: number): number {
    const mask = table.keys.length - 1;
    let i = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    while (table.generations[i] === this.generation && table.keys[i] !== h) i = (i + 1) & mask;
    return i;
  }

  /** Doubles the table and re-inserts the current call's features (kept at most half full). */
  private growTable(): void {
    const size = this.table.keys.length * 2;
    const table = {
      keys: new Uint32Array(size),
      slots: new Int32Array(size),
      generations: new Uint32Array(size),
    };
    const out = this.buffer;
    for (let slot = 0; slot < out.n; slot++) {
      const h = out.keys[slot]!;
      const i = this.slotOf(table, h);
      table.generations[i] = this.generation;
      table.keys[i] = h;
      table.slots[i] = slot;
    }
    this.table = table;
  }

  private growBuffer(): void {
    const b = this.buffer;
    const size = b.keys.length * 2;
    const keys = new Uint32Array(size);
    const counts = new Uint32Array(size);
    const units = new Float64Array(size);
    keys.set(b.keys);
    counts.set(b.counts);
    units.set(b.units);
    Object.assign(b, { keys, counts, units });
  }
}
