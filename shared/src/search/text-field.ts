// The inverted index of one full-text property (title or text), on typed arrays:
// - a postings list per stem: internal doc ids (ascending) and term frequencies, in growable typed
//   arrays, so BM25 scans sequential memory and 100k chunks take tens of MB, not hundreds;
// - each doc's length, for BM25's length normalisation;
// - the vocabulary, sorted, for prefix and typo lookups (new stems wait in a side list and are merged
//   in at the next lookup, so indexing never re-sorts);
// - a snapshot of a few typed arrays and one string, which a structured clone (IndexedDB,
//   v8.serialize, postMessage) copies as flat memory and `restore` wraps without copying: a cold start
//   splits one string, and a stem's postings become an object only when a query or a change reads them.

/**
 * Postings of one stem. A restored list is a view into the snapshot's arrays (`view`) until it first
 * changes: then it gets arrays of its own, so the snapshot is never written to.
 */
type Postings = { ids: Int32Array; tfs: Uint16Array; n: number; view?: true };

export type TextFieldSnapshot = {
  /** Stems in sorted order, joined by "\n" (the tokenizer never yields a newline). */
  terms: string;
  /** How many postings each stem has, in `terms` order. */
  counts: Int32Array;
  /** Internal doc ids of every stem's postings, concatenated. */
  ids: Int32Array;
  tfs: Uint16Array;
  /** Length (stems counted with repeats) by internal doc id. */
  lengths: Uint32Array;
  docs: number;
  total: number;
};

const maxTf = 0xffff;

/** First index in `from..to` whose item is not below `key` (code-unit order, as `Array#sort`). */
function lowerBound(items: string[], key: string, from = 0, to = items.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index from `from` whose item does not start with `prefix` (the items from `from` on do, then not). */
function endOfPrefix(items: string[], prefix: string, from: number): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A restored snapshot: sorted stems and where each one's postings start in `ids`/`tfs`. */
type Base = { terms: string[]; starts: Float64Array; ids: Int32Array; tfs: Uint16Array };

export class TextField {
  /**
   * Postings read or changed since the restore, and every stem added since. An emptied list stays
   * (n = 0) until the next vocabulary merge, so a removed stem never falls back to the snapshot's list.
   */
  private postings = new Map<string, Postings>();
  private base: Base | undefined;
  private lengths = new Uint32Array(1024);
  private docCount = 0;
  private total = 0;
  private vocab: string[] = [];
  private fresh: string[] = [];
  private dropped = 0;

  get docs(): number {
    return this.docCount;
  }

  get avgLength(): number {
    return this.docCount > 0 ? this.total / this.docCount : 0;
  }

  length(iid: number): number {
    return this.lengths[iid] ?? 0;
  }

  /** Doc lengths by internal id (read-only; for the scoring loop). Covers every indexed id. */
  get lengthTable(): Uint32Array {
    return this.lengths;
  }

  list(term: string): Postings | undefined {
    const p = this.lookup(term);
    return p && p.n > 0 ? p : undefined;
  }

  /** Documents containing the stem. */
  df(term: string): number {
    return this.lookup(term)?.n ?? 0;
  }

  /** The stem's postings (possibly emptied), from the snapshot on first use. */
  private lookup(term: string): Postings | undefined {
    const known = this.postings.get(term);
    if (known || !this.base) return known;
    const p = this.fromBase(term);
    if (p) this.postings.set(term, p);
    return p;
  }

  /** The snapshot's postings of a stem, as views (not cached). */
  private fromBase(term: string): Postings | undefined {
    const base = this.base;
    if (!base) return undefined;
    const i = lowerBound(base.terms, term);
    if (base.terms[i] !== term) return undefined;
    const start = base.starts[i]!;
    const end = base.starts[i + 1]!;
    return {
      ids: base.ids.subarray(start, end),
      tfs: base.tfs.subarray(start, end),
      n: end - start,
      view: true,
    };
  }

  insert(iid: number, counts: Map<string, number>): void {
    let length = 0;
    for (const [term, count] of counts) {
      length += count;
      this.add(term, iid, Math.min(count, maxTf));
    }
    if (iid >= this.lengths.length) {
      const bigger = new Uint32Array(Math.max(iid + 1, this.lengths.length * 2));
      bigger.set(this.lengths);
      this.lengths = bigger;
    }
    this.lengths[iid] = length;
    this.docCount++;
    this.total += length;
  }

  /** Removes a doc; `terms` are the stems it was indexed with (the tokenizer gives them again). */
  remove(iid: number, terms: Iterable<string>): void {
    for (const term of new Set(terms)) {
      const p = this.lookup(term);
      if (!p) continue;
      const at = this.position(p, iid);
      if (at >= p.n || p.ids[at] !== iid) continue;
      if (p.view) this.own(p, p.n);
      p.ids.copyWithin(at, at + 1, p.n);
      p.tfs.copyWithin(at, at + 1, p.n);
      p.n--;
      if (p.n === 0) this.dropped++;
    }
    if (iid < this.lengths.length) {
      this.total -= this.lengths[iid]!;
      this.lengths[iid] = 0;
    }
    this.docCount = Math.max(0, this.docCount - 1);
  }

  private position(p: Postings, iid: number): number {
    let lo = 0;
    let hi = p.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p.ids[mid]! < iid) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private add(term: string, iid: number, tf: number): void {
    let p = this.lookup(term);
    if (!p) {
      p = { ids: new Int32Array(2), tfs: new Uint16Array(2), n: 0 };
      this.postings.set(term, p);
    }
    if (p.n === 0) this.fresh.push(term);
    // Appends are the common case (internal ids grow); a re-indexed doc goes back to its place.
    const at = p.n > 0 && p.ids[p.n - 1]! >= iid ? this.position(p, iid) : p.n;
    if (at < p.n && p.ids[at] === iid) {
      if (p.view) this.own(p, p.n);
      p.tfs[at] = tf;
      return;
    }
    if (p.view || p.n === p.ids.length) this.own(p, Math.max(4, p.n * 2));
    if (at < p.n) {
      p.ids.copyWithin(at + 1, at, p.n);
      p.tfs.copyWithin(at + 1, at, p.n);
    }
    p.ids[at] = iid;
    p.tfs[at] = tf;
    p.n++;
  }

  /** Gives a list arrays of its own with room for `capacity` postings. */
  private own(p: Postings, capacity: number): void {
    const ids = new Int32Array(capacity);
    const tfs = new Uint16Array(capacity);
    ids.set(p.ids.subarray(0, p.n));
    tfs.set(p.tfs.subarray(0, p.n));
    p.ids = ids;
    p.tfs = tfs;
    delete p.view;
  }

  /** The stems in the index, sorted (merging stems added since the last call, dropping emptied ones). */
  private sorted(): string[] {
    if (this.fresh.length === 0 && this.dropped === 0) return this.vocab;
    const fresh = this.fresh.sort();
    // Stems the map does not hold are untouched snapshot stems: still there.
    const present = (t: string) => (this.postings.get(t)?.n ?? 1) > 0;
    const merged: string[] = [];
    const push = (t: string) => {
      if (merged[merged.length - 1] !== t && present(t)) merged.push(t);
    };
    let i = 0;
    let j = 0;
    while (i < this.vocab.length || j < fresh.length) {
      if (j >= fresh.length || (i < this.vocab.length && this.vocab[i]! <= fresh[j]!)) push(this.vocab[i++]!);
      else push(fresh[j++]!);
    }
    if (this.dropped > 0) {
      for (const [t, p] of this.postings) if (p.n === 0 && !this.fromBase(t)) this.postings.delete(t);
    }
    this.vocab = merged;
    this.fresh = [];
    this.dropped = 0;
    return merged;
  }

  /** Indexed stems that start with `term` (not `term` itself), at most `max`, in sorted order. */
  prefixWords(term: string, max: number): string[] {
    const vocab = this.sorted();
    const out: string[] = [];
    for (let i = lowerBound(vocab, term); i < vocab.length && out.length < max; i++) {
      const w = vocab[i]!;
      if (!w.startsWith(term)) break;
      if (w !== term) out.push(w);
    }
    return out;
  }

  /**
   * Indexed stems within `tolerance` edits of `term` (Levenshtein). The sorted vocabulary is walked
   * like a trie: rows of the edit-distance table are kept for the prefix a stem shares with the one
   * before it, and once every cell of a row exceeds the tolerance, all stems with that prefix are
   * skipped with a binary search.
   */
  fuzzyWords(term: string, tolerance: number): string[] {
    const vocab = this.sorted();
    const m = term.length;
    const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, j) => j)];
    const out: string[] = [];
    let previous = '';
    let depth = 0;
    let i = 0;
    while (i < vocab.length) {
      const w = vocab[i]!;
      let shared = 0;
      const limit = Math.min(depth, w.length);
      while (shared < limit && w.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
      let dead = -1;
      for (let d = shared; d < w.length; d++) {
        const up = rows[d]!;
        const row = (rows[d + 1] ??= new Int32Array(m + 1));
        const ch = w.charCodeAt(d);
        row[0] = d + 1;
        let best = row[0];
        for (let j = 1; j <= m; j++) {
          const v = Math.min(
            row[j - 1]! + 1,
            up[j]! + 1,
            up[j - 1]! + (term.charCodeAt(j - 1) === ch ? 0 : 1),
          );
          row[j] = v;
          if (v < best) best = v;
        }
        if (best > tolerance) {
          dead = d;
          break;
        }
      }
      previous = w;
      if (dead >= 0) {
        depth = dead;
        i = endOfPrefix(vocab, w.slice(0, dead + 1), i + 1);
        continue;
      }
      depth = w.length;
      if (rows[w.length]![m]! <= tolerance) out.push(w);
      i++;
    }
    return out;
  }

  snapshot(): TextFieldSnapshot {
    const terms = this.sorted();
    const counts = new Int32Array(terms.length);
    let size = 0;
    const peek = (t: string) => (this.postings.get(t) ?? this.fromBase(t))!;
    terms.forEach((t, i) => (size += counts[i] = peek(t).n));
    const ids = new Int32Array(size);
    const tfs = new Uint16Array(size);
    let at = 0;
    for (const t of terms) {
      const p = peek(t);
      ids.set(p.ids.subarray(0, p.n), at);
      tfs.set(p.tfs.subarray(0, p.n), at);
      at += p.n;
    }
    let last = this.lengths.length;
    while (last > 0 && this.lengths[last - 1] === 0) last--;
    return {
      terms: terms.join('\n'),
      counts,
      ids,
      tfs,
      lengths: this.lengths.slice(0, last),
      docs: this.docCount,
      total: this.total,
    };
  }

  static restore(s: TextFieldSnapshot): TextField {
    const field = new TextField();
    const terms = s.terms === '' ? [] : s.terms.split('\n');
    if (terms.length !== s.counts.length) throw new Error('text index snapshot: terms and counts differ');
    const starts = new Float64Array(terms.length + 1);
    let at = 0;
    for (let i = 0; i < terms.length; i++) {
      starts[i] = at;
      at += s.counts[i]!;
    }
    starts[terms.length] = at;
    if (at !== s.ids.length || at !== s.tfs.length)
      throw new Error('text index snapshot: postings cut short');
    field.base = { terms, starts, ids: s.ids, tfs: s.tfs };
    field.vocab = terms;
    field.lengths = new Uint32Array(Math.max(1024, s.lengths.length));
    field.lengths.set(s.lengths);
    field.docCount = s.docs;
    field.total = s.total;
    return field;
  }
}
