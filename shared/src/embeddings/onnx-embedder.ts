// A local transformer embedding model (e.g. an ONNX export of intfloat/multilingual-e5-small) run in
// this process: texts are tokenized (tokenizer.json), cut to the model's longest input, batched with
// padding, run, mean-pooled over the attention mask and L2-normalised. The runtime and the tokenizer
// come from a loader (`@app/shared/node`'s `createOnnxEmbedder` reads a model folder with
// onnxruntime-node and @huggingface/tokenizers), called once, on the first `embed` or on `warm()`,
// so building the embedder costs nothing and no renderer bundle ever pulls the runtime in.
import { DomainError } from '../errors';
import type { EmbedOptions, EmbeddingProvider } from './types';

/** One tokenized text: ids with the model's special tokens, as `tokenizer.encode` gives them. */
export type OnnxTokenizer = { encode(text: string): { ids: number[] } };

/** Input tensors by name; int64 ids [batch, seq]. */
export type OnnxFeeds = Record<string, { data: BigInt64Array; dims: [number, number] }>;
/** An output tensor: float data and its dims ([batch, seq, dim] hidden states or [batch, dim]). */
export type OnnxOutput = { data: Float32Array; dims: readonly number[] };

export type OnnxModel = {
  tokenizer: OnnxTokenizer;
  /** The model's input names (input_ids, attention_mask, token_type_ids: only those it declares get fed). */
  inputNames: readonly string[];
  /** Pad token id (the tokenizer's [PAD] / <pad>; 0 when it has none). */
  padId: number;
  run(feeds: OnnxFeeds): Promise<OnnxOutput>;
};

export type OnnxEmbedderOptions = {
  /** Recorded with every vector: the model's name plus whatever changes its vectors. */
  model: string;
  /** Vector size when known beforehand (config.json's hidden_size); else learnt from the first run. */
  dims?: number;
  /** Longest input in tokens, special tokens included; longer texts are cut (e5: 512). */
  maxTokens?: number;
  /** Texts per model run. */
  batchSize?: number;
  /** e5 wants `query: ` before a question and `passage: ` before a document; other models nothing. */
  queryPrefix?: string;
  documentPrefix?: string;
  /** Cosine below which a vector hit is noise for this model. */
  minScore?: number;
  load: () => Promise<OnnxModel>;
};

export class OnnxEmbedder implements EmbeddingProvider {
  readonly id = 'onnx';
  readonly model: string;
  readonly minScore?: number;
  dims: number;
  private readonly options: OnnxEmbedderOptions;
  private loaded: Promise<OnnxModel> | undefined;
  /** Model runs one at a time: a run already uses the cores it was given. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: OnnxEmbedderOptions) {
    this.options = options;
    this.model = options.model;
    this.dims = options.dims ?? 0;
    if (options.minScore !== undefined) this.minScore = options.minScore;
  }

  /** Loads the model now (off the hot path, e.g. at server start); a failed load is tried again later. */
  warm(): Promise<OnnxModel> {
    this.loaded ??= this.options.load().catch((error: unknown) => {
      this.loaded = undefined;
      throw error instanceof DomainError
        ? error
        : new DomainError('llm-unavailable', `onnx embeddings: ${(error as Error).message}`, {
            cause: error,
          });
    });
    return this.loaded;
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<number[][]> {
    const model = await this.warm();
    const prefix = (options.kind === 'query' ? this.options.queryPrefix : this.options.documentPrefix) ?? '';
    const batch = Math.max(1, this.options.batchSize ?? 16);
    const out: number[][] = [];
    for (let at = 0; at < texts.length; at += batch) {
      options.signal?.throwIfAborted();
      const ids = texts.slice(at, at + batch).map((text) => this.tokenize(model, prefix + text));
      const run = this.queue.then(() => this.runBatch(model, ids));
      this.queue = run.catch(() => undefined);
      out.push(...(await run));
    }
    return out;
  }

  /** Token ids of one text, cut to `maxTokens` (keeping the closing special token). */
  private tokenize(model: OnnxModel, text: string): number[] {
    const max = Math.max(2, this.options.maxTokens ?? 512);
    // A word is at least one token: characters far past the limit never reach the tokenizer.
    const ids = model.tokenizer.encode(text.slice(0, max * 16) || ' ').ids;
    return ids.length <= max ? ids : [...ids.slice(0, max - 1), ids[ids.length - 1]!];
  }

  private async runBatch(model: OnnxModel, batch: number[][]): Promise<number[][]> {
    const rows = batch.length;
    const seq = Math.max(1, ...batch.map((ids) => ids.length));
    const inputIds = new BigInt64Array(rows * seq).fill(BigInt(model.padId));
    const mask = new BigInt64Array(rows * seq);
    batch.forEach((ids, row) =>
      ids.forEach((id, col) => {
        inputIds[row * seq + col] = BigInt(id);
        mask[row * seq + col] = 1n;
      }),
    );
    const dims: [number, number] = [rows, seq];
    const all: OnnxFeeds = {
      input_ids: { data: inputIds, dims },
      attention_mask: { data: mask, dims },
      token_type_ids: { data: new BigInt64Array(rows * seq), dims },
    };
    const feeds: OnnxFeeds = {};
    for (const name of model.inputNames) {
      const feed = all[name];
      if (!feed) throw new DomainError('llm-bad-response', `onnx embeddings: unknown model input "${name}"`);
      feeds[name] = feed;
    }
    const output = await model.run(feeds);
    const vectors = pool(output, mask, rows, seq);
    for (const vector of vectors) {
      if (!this.dims) this.dims = vector.length;
      if (vector.length !== this.dims) {
        throw new DomainError(
          'llm-bad-response',
          `onnx embeddings: expected ${this.dims} dims, got ${vector.length}`,
        );
      }
    }
    return vectors;
  }
}

/** Mean of the hidden states of the real (unmasked) tokens, L2-normalised; a pooled output as is. */
export function pool(output: OnnxOutput, mask: BigInt64Array, rows: number, seq: number): number[][] {
  const { data, dims } = output;
  if (dims.length === 2 && dims[0] === rows) {
    const dim = dims[1]!;
    return Array.from({ length: rows }, (_, row) =>
      normalize(Array.from(data.subarray(row * dim, (row + 1) * dim))),
    );
  }
  if (dims.length !== 3 || dims[0] !== rows || dims[1] !== seq) {
    throw new DomainError(
      'llm-bad-response',
      `onnx embeddings: unexpected output shape [${dims.join(', ')}]`,
    );
  }
  const dim = dims[2]!;
  const vectors: number[][] = [];
  for (let row = 0; row < rows; row++) {
    const sum = new Array<number>(dim).fill(0);
    let count = 0;
    for (let col = 0; col < seq; col++) {
      if (mask[row * seq + col] === 0n) continue;
      count++;
      const base = (row * seq + col) * dim;
      for (let d = 0; d < dim; d++) sum[d]! += data[base + d]!;
    }
    vectors.push(normalize(sum.map((value) => value / Math.max(1, count))));
  }
  return vectors;
}

function normalize(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((total, value) => total + value * value, 0));
  return norm > 0 ? vector.map((value) => value / norm) : vector;
}
