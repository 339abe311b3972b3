// A deep copy of a JSON document (what CouchDB gives and takes: objects, arrays, strings, numbers,
// booleans, null), for the runtime's hot paths that hand each caller its own copy of a doc they may
// change (the agent runs' store port, the mirrors and thread cache). structuredClone serialises the
// value and reads it back: ~5.5 µs for a message doc against ~1 µs walked here, and an agent run copies
// dozens of docs (issue 13). Anything that is not plain JSON (a Date, a Map, a typed array) is left to
// structuredClone, so the copy is never shallower than before. A doc's own `__proto__` key (JSON.parse
// makes one from a pushed doc that has it) stays a key: assigning it would set the copy's prototype.
export function copyDoc<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => copyDoc(v)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copied = copyDoc((value as Record<string, unknown>)[key]);
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: copied,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = copied;
  }
  return out as T;
}
