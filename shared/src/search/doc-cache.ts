// A small LRU of what the search index works out per passage (its stems for proximity, its learned
// phrasings' stems), by passage id: worked out on first use, forgotten when the passage changes, so a
// query does not redo it for every candidate.
export class DocCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly size = 4000) {}

  /** The passage's value, worked out by `compute` only when not kept (the most recent ones are). */
  get(id: string, compute: () => T): T {
    let value = this.entries.get(id);
    if (value !== undefined) {
      this.entries.delete(id);
    } else {
      value = compute();
      if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(id, value);
    return value;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
