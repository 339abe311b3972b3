// An agent step's input, output or error as a line a person reads: the log keeps them as JSON text
// (shared/agents/activity-log.ts); this writes `key: value` pairs, lists and plain text instead, short
// enough for one row.
const MAX_VALUE = 80;
const MAX_PAIRS = 4;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** How keys and plain values are named (the UI's language); by default as they are. */
export type Words = {
  key(name: string): string;
  value(key: string, value: string | boolean): string;
  /** A number by its key (a confidence as a percentage); as it is when not given. */
  number?(key: string, value: number): string;
};
const asIs: Words = { key: (k) => k.replace(/_/g, ' '), value: (_k, v) => String(v) };

function valueText(v: unknown, depth: number, w: Words, key = ''): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') {
    // A model's answer is often JSON itself.
    const inner = /^\s*[[{]/.test(v) ? parseJson(v) : undefined;
    if (inner !== undefined && typeof inner === 'object') return valueText(inner, depth, w, key);
    return clip(w.value(key, v.replace(/\s+/g, ' ').trim()), MAX_VALUE);
  }
  if (typeof v === 'boolean') return w.value(key, v);
  if (typeof v === 'number') return w.number ? w.number(key, v) : String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    if (depth > 2) return `[${v.length}]`;
    return clip(v.map((x) => valueText(x, depth + 1, w, key)).join(', '), MAX_VALUE);
  }
  if (typeof v === 'object') {
    if (depth > 0) return clip(pairs(v as Record<string, unknown>, depth + 1, w).join(', '), MAX_VALUE);
    return pairs(v as Record<string, unknown>, depth + 1, w).join(' · ');
  }
  return String(v);
}

function pairs(o: Record<string, unknown>, depth: number, w: Words): string[] {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '');
  const shown = entries.slice(0, MAX_PAIRS).map(([k, v]) => `${w.key(k)}: ${valueText(v, depth, w, k)}`);
  return entries.length > MAX_PAIRS ? [...shown, `+${entries.length - MAX_PAIRS}`] : shown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The text of one logged value (JSON or plain), readable; `key`: the name it was logged under. */
export function readableValue(text: string | undefined, words: Words = asIs, key = ''): string {
  if (!text) return '';
  const parsed = parseJson(text);
  return valueText(parsed === undefined ? text : parsed, 0, words, key);
}

/** What a row says of a step: its error, else its result, else what it was given. */
export function stepSummary(
  a: { error?: string; output?: string; input?: string },
  words: Words = asIs,
): string {
  if (a.error) return clip(a.error, 200);
  return readableValue(a.output, words) || readableValue(a.input, words);
}
