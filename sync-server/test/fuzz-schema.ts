// Values from a JSON schema (the shared collection schemas and the zod-generated OpenAPI schemas): a
// valid value, so a fuzz case gets past the first checks and reaches deeper code, and mutations of it
// (a required field dropped, a wrong type, an overlong string, an unknown key, an id of another team).
import type { Rng } from './fuzz-inputs';

export type Schema = {
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: readonly string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
  default?: unknown;
};

export type ValueOptions = {
  /** An id for a field named like one (`id`, `contactId`, `_id`): real ones of either team, or junk. */
  id?: (field: string) => string | undefined;
  /** A real value for a field the caller knows (a refresh token, an invite token, a password). */
  known?: (field: string) => string | undefined;
  /** Free text (no pattern, format or enum). */
  text?: (rng: Rng, maxLength: number) => string;
  /** Where `$ref`s point (the schema's root). */
  root?: Schema;
};

const isoDate = (rng: Rng) =>
  new Date(Date.UTC(2026, rng.int(12), 1 + rng.int(28), rng.int(24))).toISOString();
const word = (rng: Rng, n: number) =>
  Array.from({ length: Math.max(1, n) }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[rng.int(36)]).join('');
export const isIdField = (name: string) => name === '_id' || name === 'id' || /[a-z]Id$/.test(name);

function resolve(schema: Schema, root: Schema | undefined): Schema {
  if (!schema.$ref || !root) return schema;
  const name = schema.$ref.split('/').pop()!;
  return root.$defs?.[name] ?? (root as { definitions?: Record<string, Schema> }).definitions?.[name] ?? {};
}

/** Characters of a regex class body such as `A-Za-z0-9_\\-`. */
function classChars(body: string): string[] {
  const chars: string[] = [];
  const items = [...body.matchAll(/\\(.)|(.)-(.)|(.)/gu)];
  for (const [, escaped, from, to, single] of items) {
    if (escaped) chars.push(escaped === 'd' ? '0123456789' : escaped);
    else if (from && to)
      for (let c = from.codePointAt(0)!; c <= to.codePointAt(0)!; c++) chars.push(String.fromCodePoint(c));
    else if (single) chars.push(single);
  }
  return chars.join('').split('');
}

/**
 * A string matching a simple pattern: a sequence of `[class]`, `\\d` or literal characters, each with
 * an optional `{m}`, `{m,n}`, `*`, `+` or `?`. Undefined for anything more (groups, alternation).
 */
export function fromPattern(pattern: string, rng: Rng): string | undefined {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  const token = /(\[(?:\\.|[^\]])+\]|\\d|\\.|[^[\\(|)*+?{])(\{(\d+)(?:,(\d*))?\}|[*+?])?/gy;
  let out = '';
  let at = 0;
  for (let m = token.exec(body); m && m.index === at; m = token.exec(body)) {
    at = token.lastIndex;
    const [, atom, quant, min, max] = m;
    const chars = atom!.startsWith('[')
      ? classChars(atom!.slice(1, -1))
      : atom === '\\d'
        ? classChars('0-9')
        : [atom!.replace(/^\\/, '')];
    const lo = quant === '+' ? 1 : quant === '*' || quant === '?' ? 0 : min !== undefined ? Number(min) : 1;
    const hi =
      quant === '?'
        ? 1
        : quant === '*' || quant === '+'
          ? lo + 8
          : max === ''
            ? lo + 8
            : max !== undefined
              ? Number(max)
              : lo;
    const n = lo + rng.int(Math.min(hi, lo + 12) - lo + 1);
    for (let i = 0; i < n; i++) out += rng.pick(chars);
  }
  return at === body.length ? out : undefined;
}

function stringFor(rng: Rng, s: Schema, field: string, o: ValueOptions): string {
  const max = s.maxLength ?? 200;
  const min = s.minLength ?? 0;
  const known = o.known?.(field);
  if (known !== undefined) return known;
  if (s.format === 'email' || field.toLowerCase().includes('email')) return `${word(rng, 8)}@example.com`;
  if (s.format === 'uri' || s.format === 'url') return `https://${word(rng, 6)}.example/${word(rng, 4)}`;
  if (s.format === 'date-time' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}T')) return isoDate(rng);
  if (s.pattern?.startsWith('^\\d{3,20}:')) return `${100000 + rng.int(899999)}:${word(rng, 35)}`;
  const id = isIdField(field) ? o.id?.(field) : undefined;
  if (id !== undefined && (!s.pattern || new RegExp(s.pattern, 'u').test(id))) return id;
  const matching = s.pattern ? fromPattern(s.pattern, rng) : undefined;
  if (matching !== undefined) return matching;
  if (isIdField(field)) return `fz-${word(rng, 10)}`;
  const text = o.text?.(rng, max) ?? `fuzz ${word(rng, Math.min(max, 12))}`;
  return (text.length < min ? text.padEnd(min, 'x') : text).slice(0, max);
}

/** A value that satisfies `schema` as far as this simple generator knows (enough for our schemas). */
export function validValue(schema: Schema, rng: Rng, o: ValueOptions = {}, field = '', depth = 0): unknown {
  const s = resolve(schema, o.root ?? schema);
  const opts = { ...o, root: o.root ?? schema };
  if (s.const !== undefined) return s.const;
  if (s.enum) return rng.pick(s.enum);
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return validValue(rng.pick(alt), rng, opts, field, depth);
  if (s.allOf?.length) return validValue(s.allOf[0]!, rng, opts, field, depth);
  const type = Array.isArray(s.type) ? rng.pick(s.type.filter((t) => t !== 'null')) : s.type;
  switch (type ?? (s.properties ? 'object' : 'string')) {
    case 'string':
      return stringFor(rng, s, field, opts);
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? 0;
      const hi = Math.min(s.maximum ?? lo + 100, lo + 1000);
      const n = lo + rng.next() * (hi - lo);
      return type === 'integer' ? Math.floor(n) : n;
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      if (depth > 4 || !s.items) return [];
      const n = Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 2, rng.int(3)));
      return Array.from({ length: n }, () => validValue(s.items!, rng, opts, field, depth + 1));
    }
    default: {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        const required = s.required?.includes(name) ?? false;
        if ((required || rng.chance(0.3)) && depth <= 4)
          out[name] = validValue(prop, rng, opts, name, depth + 1);
      }
      return out;
    }
  }
}

const oddValues: unknown[] = [
  null,
  '',
  ' ',
  -1,
  1.5,
  1e308,
  true,
  [],
  {},
  'x'.repeat(70_000),
  '\u0000',
  '\ud800',
  '🙂'.repeat(100),
  '../../etc/passwd',
  '_design/x',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE x; --",
  { $gt: '' },
  { $regex: '.*' },
  ['a', 1, null],
  '2026-13-45T99:99:99Z',
];

/** A copy of a (mostly valid) object with one to three things wrong. */
export function mutate(value: unknown, rng: Rng, ids: readonly string[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return rng.pick(oddValues);
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(out);
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const key = keys.length ? rng.pick(keys) : 'x';
    switch (rng.int(7)) {
      case 0:
        delete out[key];
        break;
      case 1:
        out[key] = rng.pick(oddValues);
        break;
      case 2:
        out[`unknown_${rng.int(100)}`] = rng.pick(oddValues);
        break;
      case 3:
        if (ids.length)
          out[isIdField(key) ? key : rng.pick(['id', '_id', 'contactId', 'conversationId'])] = rng.pick(ids);
        break;
      case 4:
        out[key] = mutate(out[key], rng, ids);
        break;
      case 5:
        out[rng.pick(['_rev', '_deleted', '_attachments', '_revisions', '_conflicts', 'teamId', 'role'])] =
          rng.pick(oddValues);
        break;
      default:
        out[key] =
          typeof out[key] === 'string'
            ? (out[key] as string).repeat(500).slice(0, 100_000)
            : String(out[key]);
    }
  }
  return out;
}
