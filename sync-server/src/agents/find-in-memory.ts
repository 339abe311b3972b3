// A StorePort find answered in memory (the run's conversation, its own writes, mirrored
// collections): Mango equality on top-level fields, which is all StoreSelector allows, then the
// sort and limit of FindOptions.
/** Mango equality on top-level fields (what StoreSelector allows). */
export function matches(doc: object, selector: object): boolean {
  return Object.entries(selector).every(([k, v]) => (doc as Record<string, unknown>)[k] === v);
}

export function sorted<T>(
  docs: T[],
  options: { sortBy?: string; descending?: boolean; limit?: number },
): T[] {
  let out = docs;
  if (options.sortBy) {
    const field = options.sortBy;
    const dir = options.descending ? -1 : 1;
    out = [...docs].sort((a, b) => {
      const x = (a as Record<string, unknown>)[field] as string | number;
      const y = (b as Record<string, unknown>)[field] as string | number;
      return x === y ? 0 : x < y ? -dir : dir;
    });
  }
  return options.limit ? out.slice(0, options.limit) : out;
}
