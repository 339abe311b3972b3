// A flat vector index on typed arrays, faster than a general ANN structure at the sizes a team's
// workspace reaches (tens of thousands of chunks):
// - vectors are L2-normalised and stored dimension-major, so a query adds one dimension's column at a
//   time into a score array (sequential memory, no per-document calls), and dimensions where the query
//   is zero cost nothing, which makes the sparse local vectors very cheap;
// - by default each vector is quantised to int8 with its own scale (4x less memory than float32,
//   cosine error around 1%);
// - filters are applied before ranking (`accept`), so a filtered search still returns `limit` hits.
import { topK } from './top-k';

export type VectorHit = { id: string; score: number };
export type VectorPrecision = 'int8' | 'float32';
type Values = Int8Array | Float32Array;

export type VectorStoreSnapshot = {
  dims: number;
  precision: VectorPrecision;
  ids: string[];
  /** Dimension-major values of the `ids.length` rows (Int8Array for int8, Float32Array for float32). */
  data: Values;
  /** int8 only: the scale of each row. */
  scales?: Float32Array;
};

export class VectorStore {
  readonly dims: number;
  readonly precision: VectorPrecision;
  private capacity: number;
  private data: Values;
  private scales: Float32Array;
  private ids: string[] = [];
  private rows = new Map<string, number>();
  private scores: Float32Array;
  /** The data array is a snapshot's (see `restore`). */
  private borrowed = false;

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
    this.own();
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
      this.own();
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
    const dims: number[] = [];
    for (let d = 0; d < this.dims; d++) {
      if (query[d] === 0 || (floor > 0 && Math.abs(query[d]!) < floor)) continue;
      dims.push(d);
    }
    // Four dimensions per pass over the scores: a quarter of the score reads and writes.
    let t = 0;
    for (; t + 4 <= dims.length; t += 4) {
      const [d0, d1, d2, d3] = [dims[t]!, dims[t + 1]!, dims[t + 2]!, dims[t + 3]!];
      const [q0, q1, q2, q3] = [query[d0]! * inv, query[d1]! * inv, query[d2]! * inv, query[d3]! * inv];
      const [b0, b1, b2, b3] = [d0 * cap, d1 * cap, d2 * cap, d3 * cap];
      for (let i = 0; i < n; i++)
        scores[i]! += q0 * data[b0 + i]! + q1 * data[b1 + i]! + q2 * data[b2 + i]! + q3 * data[b3 + i]!;
    }
    for (; t < dims.length; t++) {
      const q = query[dims[t]!]! * inv;
      const base = dims[t]! * cap;
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
      data: packed,
      ...(this.precision === 'int8' ? { scales: this.scales.slice(0, n) } : {}),
    };
  }

  /**
   * A store over a snapshot's arrays. The packed layout is the store's own with room for exactly the
   * snapshot's rows, so nothing is copied: the store reads the snapshot's memory until its first
   * change, which copies (the snapshot itself is never written to).
   */
  static restore(snapshot: VectorStoreSnapshot): VectorStore {
    const n = snapshot.ids.length;
    const precision = snapshot.precision ?? 'float32';
    const packed = snapshot.data;
    const expected = precision === 'int8' ? Int8Array : Float32Array;
    if (!(packed instanceof expected) || packed.length !== n * snapshot.dims)
      throw new Error(`vector snapshot: expected ${n * snapshot.dims} ${precision} values`);
    if (precision === 'int8' && snapshot.scales?.length !== n)
      throw new Error(`vector snapshot: expected ${n} scales`);
    const store = new VectorStore(snapshot.dims, { precision, capacity: 0 });
    store.capacity = n;
    store.data = packed;
    store.borrowed = true;
    store.scales = precision === 'int8' ? snapshot.scales!.slice() : new Float32Array(n).fill(1);
    store.scores = new Float32Array(n);
    store.ids = [...snapshot.ids];
    store.ids.forEach((id, row) => store.rows.set(id, row));
    return store;
  }

  /** Gives a restored store arrays of its own before its first change. */
  private own(): void {
    if (!this.borrowed) return;
    this.data = this.data.slice();
    this.borrowed = false;
  }

  private alloc(size: number): Values {
    return this.precision === 'int8' ? new Int8Array(size) : new Float32Array(size);
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const data = this.alloc(this.dims * capacity);
    for (let d = 0; d < this.dims; d++) {
      data.set(this.data.subarray(d * this.capacity, d * this.capacity + this.ids.length), d * capacity);
    }
    const scales = new Float32Array(capacity);
    scales.set(this.scales);
    this.data = data;
    this.borrowed = false;
    this.scales = scales;
    this.capacity = capacity;
    this.scores = new Float32Array(capacity);
  }
}
