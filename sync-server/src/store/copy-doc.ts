// A deep copy of a JSON document (what CouchDB gives and takes: objects, arrays, strings, numbers,
// booleans, null), for the runtime's hot paths that hand each caller its own copy of a doc they may
// change (the agent runs' store port, the mirrors and thread cache). structuredClone serialises the
// value and reads it back: ~5.5 µs for a message doc against ~1 µs walked here, and an agent run copies
// dozens of docs (issue 13). Anything that is not plain JSON (a Date, a Map, a typed array) is left to
// structuredClone, so the copy is never shallower than before.
export function copyDoc<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyDoc) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyDoc((value as Record<string, unknown>)[key]);
  return out as T;
}
