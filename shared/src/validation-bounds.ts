// The size bounds of a collection's documents, read from its schema, and a cheap check of a value
// against them that runs before the schema validator (issue 60): a doc's JSON length, its arrays'
// lengths and its objects' key counts. The check walks at most about `maxBytes` of the value, so an
// array of millions of items or a 15 MB doc is refused in microseconds, whatever ajv would make of it.

/** One problem of a doc: where (its path) and what. */
export type ValidationIssue = { path: string; message: string };

export type DocBounds = {
  /** A doc's JSON at most this long (UTF-8 bytes; in memory, UTF-16 units, never more than bytes). */
  maxBytes: number;
  /** No array longer, no object with more keys. */
  maxItems: number;
  maxKeys: number;
};

/** No domain doc's JSON is larger than this, whatever its schema allows (the files' are a matter of files.ts). */
export const MAX_DOC_BYTES = 1024 * 1024;
const MIN_DOC_BYTES = 64 * 1024;
/** Room above the longest doc the schema allows: a character is up to 3 UTF-8 bytes, escapes longer. */
const MARGIN = 3;
/** Floors of the item and key bounds, for CouchDB's own fields (`_revisions.ids`: 1000) and free objects. */
const MIN_ITEMS = 1000;

type Schema = Record<string, unknown>;
type Extent = { chars: number; items: number; keys: number };

const typesOf = (s: Schema): unknown[] => (Array.isArray(s.type) ? s.type : [s.type]);
const maxOf = (a: Extent, b: Extent): Extent => ({
  chars: Math.max(a.chars, b.chars),
  items: Math.max(a.items, b.items),
  keys: Math.max(a.keys, b.keys),
});

/** The longest JSON a value of the schema can have (Infinity where it is unbounded), its arrays' and objects' largest counts. */
function extent(s: Schema): Extent {
  let out: Extent = { chars: 0, items: 0, keys: 0 };
  if (Array.isArray(s.enum)) {
    return { chars: Math.max(...s.enum.map((v) => JSON.stringify(v).length)), items: 0, keys: 0 };
  }
  const types = typesOf(s);
  if (s.properties || types.includes('object')) {
    const props = Object.entries((s.properties ?? {}) as Record<string, Schema>);
    let chars = 2;
    let inner: Extent = { chars: 0, items: 0, keys: props.length };
    for (const [key, value] of props) {
      const e = extent(value);
      chars += key.length + 4 + e.chars;
      inner = maxOf(inner, e);
    }
    const extra = s.additionalProperties;
    if (typeof extra === 'object' && extra !== null) {
      const max = typeof s.maxProperties === 'number' ? s.maxProperties : Infinity;
      const e = extent(extra as Schema);
      chars += max * (e.chars + 260); // a key of up to 256 characters
      inner = maxOf(inner, { ...e, keys: props.length + max });
    } else if (extra !== false) chars = Infinity;
    out = maxOf(out, { ...inner, chars });
  }
  if (types.includes('array') || s.items) {
    const max = typeof s.maxItems === 'number' ? s.maxItems : Infinity;
    const e = s.items ? extent(s.items as Schema) : { chars: Infinity, items: 0, keys: 0 };
    out = maxOf(out, { ...e, chars: 2 + max * (e.chars + 1), items: Math.max(max, e.items) });
  }
  if (types.includes('string')) {
    const bounded = typeof s.maxLength === 'number' ? s.maxLength : s.format === 'date-time' ? 40 : Infinity;
    out = maxOf(out, { chars: 2 + bounded, items: 0, keys: 0 });
  }
  if (types.includes('number') || types.includes('integer'))
    out = maxOf(out, { chars: 24, items: 0, keys: 0 });
  if (types.includes('boolean') || types.includes('null')) out = maxOf(out, { chars: 5, items: 0, keys: 0 });
  for (const k of ['anyOf', 'oneOf']) {
    for (const branch of (s[k] as Schema[] | undefined) ?? []) out = maxOf(out, extent(branch));
  }
  return out;
}

/** The bounds of a collection's docs: three times the longest JSON its schema allows, within 64 KB..1 MB. */
export function schemaBounds(schema: object): DocBounds {
  const e = extent(schema as Schema);
  return {
    maxBytes: Math.min(MAX_DOC_BYTES, Math.max(MIN_DOC_BYTES, MARGIN * e.chars)),
    maxItems: Math.max(MIN_ITEMS, Number.isFinite(e.items) ? e.items : MIN_ITEMS),
    maxKeys: Math.max(MIN_ITEMS, Number.isFinite(e.keys) ? e.keys : MIN_ITEMS),
  };
}

const pathOf = (parent: string, key: string) => (parent === '(document)' ? key : `${parent}.${key}`);

/**
 * The first bound `value` breaks, or its JSON length (about: in UTF-16 units) and how many array
 * items it holds in all. Iterative (no recursion
 * on deep values) and stops as soon as the length passes `maxBytes`, so it costs O(min(size, maxBytes)).
 */
export function measure(
  value: unknown,
  bounds: DocBounds,
): { issue: ValidationIssue } | { chars: number; items: number } {
  let chars = 0;
  let items = 0;
  const stack: Array<[unknown, string]> = [[value, '(document)']];
  const tooLarge = {
    path: '(document)',
    message: `is too large (more than ${Math.round(bounds.maxBytes / 1024)} KB of JSON)`,
  };
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') chars += v.length + 2;
    else if (typeof v === 'number') chars += String(v).length;
    else if (v === null || typeof v !== 'object') chars += 5;
    else if (Array.isArray(v)) {
      if (v.length > bounds.maxItems)
        return { issue: { path, message: `has too many items (more than ${bounds.maxItems})` } };
      chars += 2 + v.length;
      items += v.length;
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else {
      const keys = Object.keys(v);
      if (keys.length > bounds.maxKeys)
        return { issue: { path, message: `has too many fields (more than ${bounds.maxKeys})` } };
      chars += 2;
      for (let i = keys.length - 1; i >= 0; i--) {
        chars += keys[i]!.length + 3;
        stack.push([(v as Record<string, unknown>)[keys[i]!], pathOf(path, keys[i]!)]);
      }
    }
    if (chars > bounds.maxBytes) return { issue: tooLarge };
  }
  return { chars, items };
}
