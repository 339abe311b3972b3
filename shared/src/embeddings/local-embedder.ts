// The local default embedder: no model download, no network. A text becomes hashed features (word
// stems, stem bigrams and character n-grams of the stems, so Russian endings and typos still overlap),
// weighted by sublinear term frequency times an IDF learnt from the corpus (`fit`), signed-hashed into
// `dims` buckets and L2-normalised. The fitted IDF is part of the model: its fingerprint is in `model`,
// so vectors made with other weights are recognised and re-embedded; a new document after `fit` is
// embedded with the frozen weights (unseen features get the highest IDF).
import { base64ToBytes, bytesToBase64 } from '../search/base64';
import { fnv1a } from '../search/hash';
import { analyze } from '../search/tokenizer';
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

/** Hashed feature -> [count in the text, weight of one occurrence]. */
type Features = Map<number, [number, number]>;

export class LocalEmbedder implements EmbeddingProvider {
  readonly id = 'local';
  /** Unrelated texts score about 0 to 0.05 (hash collisions); below that a hit is noise. */
  readonly minScore = 0.05;
  /** A query has ~100-200 non-zero dimensions; the 48 largest rank as well (measured on the eval sets). */
  readonly maxQueryDims = 48;
  readonly dims: number;
  private readonly options: Required<LocalEmbedderOptions>;
  private df: Uint32Array | undefined;
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
      for (const key of this.features(text).keys()) df[key & dfMask]!++;
    }
    this.df = df;
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

  /** The vector of one text, synchronously (queries in a hot path). */
  embedOne(text: string): Float32Array {
    const { dims } = this.options;
    const out = new Float32Array(dims);
    for (const [key, [tf, unit]] of this.features(text)) {
      const weight = unit * (1 + Math.log(tf)) * this.idf(key);
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
    const df = this.df[key & dfMask]!;
    return Math.log((this.docs + 1) / (df + 1)) + 1;
  }

  private features(text: string): Features {
    const { ngrams, charWeight, bigramWeight } = this.options;
    const features: Features = new Map();
    const add = (key: string, w: number) => {
      const h = fnv1a(key);
      const f = features.get(h);
      if (f) f[0]++;
      else features.set(h, [1, w]);
    };
    // A stem of average length gives about this many n-grams: each weighs charWeight / gramsPerWord.
    const gramsPerWord = ngrams.reduce((sum, n) => sum + Math.max(1, 9 - n), 0);
    const addHash = (h: number, w: number) => {
      const f = features.get(h);
      if (f) f[0]++;
      else features.set(h, [1, w]);
    };
    const gramWeight = charWeight / gramsPerWord;
    const codes: number[] = [];
    let previous: string | undefined;
    for (const { term } of analyze(text)) {
      add(`w:${term}`, 1);
      if (bigramWeight > 0 && previous !== undefined) add(`b:${previous} ${term}`, bigramWeight);
      previous = term;
      if (charWeight > 0 && term.length > 2) {
        // N-grams of "<stem>", hashed straight from the char codes (no substrings).
        codes.length = 0;
        codes.push(60);
        for (let i = 0; i < term.length; i++) codes.push(term.charCodeAt(i));
        codes.push(62);
        for (const n of ngrams) {
          for (let i = 0; i + n <= codes.length; i++) {
            let h = (0x811c9dc5 ^ n) >>> 0;
            for (let j = i; j < i + n; j++) h = Math.imul(h ^ codes[j]!, 0x01000193);
            addHash(h >>> 0, gramWeight);
          }
        }
      }
    }
    return features;
  }
}
