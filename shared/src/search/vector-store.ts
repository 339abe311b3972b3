// A flat vector index on typed arrays, faster than a general ANN structure at the sizes a team's
// workspace reaches (tens of thousands of chunks):
// - vectors are L2-normalised and stored dimension-major, so a query adds one dimension's column at a
//   time into a score array (sequential memory, no per-document calls), and dimensions where the query
//   is zero cost nothing, which makes the sparse local vectors very cheap;
// - by default each vector is quantised to int8 with its own scale (4x less memory than float32,
//   cosine error around 1%);
// - filters are applied before ranking (`accept`), so a filtered search still returns `limit` hits.
import { base64ToBytes, bytesToBase64 } from './base64';
import { topK } from './top-k';

export type VectorHit = { id: string; score: number };
export type VectorPrecision = 'int8' | 'float32';

export type VectorStoreSnapshot = {
  dims: number;
  precision: VectorPrecision;
  ids: string[];
  /** Dimension-major values of the `ids.length` rows, base64. */
  data: string;
  /** int8 only: the scale of each row, base64 float32. */
  scales?: string;
};

type Values = Int8Array | Float32Array;

export class VectorStore {
  readonly dims: number;
  readonly precision: VectorPrecision;
  private capacity: number;
  private data: Values;
  private scales: Float32Array;
  private ids: string[] = [];
  private rows = new Map<string, number>();
  private scores: Float32Array;

  constructor(dims: number, options: { precision?: VectorPrecision; capacity?: number } = {}) {
    this.dims = dims;
    this.precision = options.precision ?? 'int8';
    this.capacity = options.capacity ?? 1024;
    this.data = this.alloc(dims * this.capacity);
    this.scales = new Float32Array(this.capacity);
    this.scores = new Float32Array(this.capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  /** The stored (normalised, possibly quantised) vector. */
  get(id: string): Float32Array | undefined {
    const row = this.rows.get(id);
    if (row === undefined) return undefined;
    const out = new Float32Array(this.dims);
    const scale = this.scales[row]!;
    for (let d = 0; d < this.dims; d++) out[d] = this.data[d * this.capacity + row]! * scale;
    return out;
  }

  set(id: string, vector: ArrayLike<number>): void {
    if (vector.length !== this.dims)
      throw new Error(`vector has ${vector.length} dims, index has ${this.dims}`);
    let row = this.rows.get(id);
    if (row === undefined) {
      if (this.ids.length === this.capacity) this.grow();
      row = this.ids.length;
      this.ids.push(id);
      this.rows.set(id, row);
    }
    let norm = 0;
    let max = 0;
    for (let d = 0; d < this.dims; d++) {
      norm += vector[d]! * vector[d]!;
      max = Math.max(max, Math.abs(vector[d]!));
    }
    norm = Math.sqrt(norm);
    const int8 = this.precision === 'int8';
    // Stored value * scale = normalised component.
    const scale = norm === 0 ? 0 : int8 ? max / norm / 127 : 1;
    const factor = norm === 0 ? 0 : int8 ? 127 / max : 1 / norm;
    this.scales[row] = scale;
    for (let d = 0; d < this.dims; d++) {
      const v = vector[d]! * factor;
      this.data[d * this.capacity + row] = int8 ? Math.round(v) : v;
    }
  }

  delete(id: string): boolean {
    const row = this.rows.get(id);
    if (row === undefined) return false;
    const last = this.ids.length - 1;
    if (row !== last) {
      const moved = this.ids[last]!;
      for (let d = 0; d < this.dims; d++)
        this.data[d * this.capacity + row] = this.data[d * this.capacity + last]!;
      this.scales[row] = this.scales[last]!;
      this.ids[row] = moved;
      this.rows.set(moved, row);
    }
    this.ids.pop();
    this.rows.delete(id);
    return true;
  }

  /**
   * The `limit` most similar vectors among those `accept` lets through (cosine, highest first). With
   * `maxQueryDims`, only the query's largest components are scanned (approximate, much faster).
   */
  search(
    query: ArrayLike<number>,
    limit: number,
    accept?: ((id: string) => boolean) | Uint8Array,
    maxQueryDims = Infinity,
  ): VectorHit[] {
    const n = this.ids.length;
    if (n === 0 || limit <= 0) return [];
    const scores = this.scores;
    scores.fill(0, 0, n);
    let norm = 0;
    let nonZero = 0;
    for (let d = 0; d < this.dims; d++) {
      norm += query[d]! * query[d]!;
      if (query[d] !== 0) nonZero++;
    }
    if (norm === 0) return [];
    const inv = 1 / Math.sqrt(norm);
    let floor = 0;
    if (nonZero > maxQueryDims) {
      const magnitudes = Float32Array.from({ length: this.dims }, (_, d) => Math.abs(query[d]!)).sort();
      floor = magnitudes[this.dims - maxQueryDims]!;
    }
    const cap = this.capacity;
    const data = this.data;
    for (let d = 0; d < this.dims; d++) {
      const q = query[d]! * inv;
      if (q === 0 || (floor > 0 && Math.abs(query[d]!) < floor)) continue;
      const base = d * cap;
      for (let i = 0; i < n; i++) scores[i]! += q * data[base + i]!;
    }
    const scales = this.scales;
    for (let i = 0; i < n; i++) scores[i]! *= scales[i]!;
    const ids = this.ids;
    const keep =
      accept === undefined
        ? undefined
        : accept instanceof Uint8Array
          ? (i: number) => accept[i] === 1
          : (i: number) => accept(ids[i]!);
    return topK(scores, n, limit, keep).map((i) => ({ id: ids[i]!, score: scores[i]! }));
  }

  /** A row mask for `search` from the ids a filter allows: O(allowed), no per-row callbacks. */
  mask(ids: Iterable<string>): Uint8Array {
    const mask = new Uint8Array(this.ids.length);
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row !== undefined) mask[row] = 1;
    }
    return mask;
  }

  snapshot(): VectorStoreSnapshot {
    const n = this.ids.length;
    const packed = this.alloc(n * this.dims);
    for (let d = 0; d < this.dims; d++)
      packed.set(this.data.subarray(d * this.capacity, d * this.capacity + n), d * n);
    return {
      dims: this.dims,
      precision: this.precision,
      ids: [...this.ids],
      data: bytesToBase64(new Uint8Array(packed.buffer)),
      ...(this.precision === 'int8'
        ? { scales: bytesToBase64(new Uint8Array(this.scales.slice(0, n).buffer)) }
        : {}),
    };
  }

  static restore(snapshot: VectorStoreSnapshot): VectorStore {
    const n = snapshot.ids.length;
    const precision = snapshot.precision ?? 'float32';
    const store = new VectorStore(snapshot.dims, { precision, capacity: Math.max(1024, n) });
    const bytes = base64ToBytes(snapshot.data);
    const packed =
      precision === 'int8'
        ? new Int8Array(bytes.buffer, bytes.byteOffset, n * snapshot.dims)
        : new Float32Array(bytes.buffer, bytes.byteOffset, n * snapshot.dims);
    for (let d = 0; d < snapshot.dims; d++)
      store.data.set(packed.subarray(d * n, (d + 1) * n), d * store.capacity);
    if (precision === 'int8' && snapshot.scales) {
      const s = base64ToBytes(snapshot.scales);
      store.scales.set(new Float32Array(s.buffer, s.byteOffset, n));
    } else store.scales.fill(1, 0, n);
    snapshot.ids.forEach((id, row) => store.rows.set(id, row));
    store.ids = [...snapshot.ids];
    return store;
  }

  private alloc(size: number): Values {
    return this.precision === 'int8' ? new Int8Array(size) : new Float32Array(size);
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const data = this.alloc(this.dims * capacity);
    for (let d = 0; d < this.dims; d++) {
      data.set(this.data.subarray(d * this.capacity, d * this.capacity + this.ids.length), d * capacity);
    }
    const scales = new Float32Array(capacity);
    scales.set(this.scales);
    this.data = data;
    this.scales = scales;
    this.capacity = capacity;
    this.scores = new Float32Array(capacity);
  }
}
