// Hostile-input generators shared by the fuzz tests (src/api/fuzz.test.ts, test/bad-input.test.ts) and
// the fuzz benchmark (bench/fuzz.ts): a seeded PRNG, random JSON, odd path and query values, and bodies
// that are malformed, mistyped, oversized or oddly encoded. Everything is a function of the PRNG, so a
// seed reproduces a run.
import { gzipSync } from 'node:zlib';

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
};

/** mulberry32: small, fast, good enough for test inputs; the same seed gives the same sequence. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]!, chance: (p) => next() < p };
}

/** The seed of the `index`-th case of a run: each case can be replayed alone. */
export function caseSeed(seed: number, index: number): number {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Path segments that are no valid id: odd scripts, overlong, broken escapes, traversal, NUL, reserved. */
export const pathValues = [
  'x',
  'ü漢字🙂',
  'a'.repeat(300),
  '%E0%A4%A',
  '..',
  '_design%2Fx',
  '%00',
  'contact%2F..%2F..',
  '-',
  '_all_docs',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  'a%00b',
  '%FF%FE',
  '_users',
  '_all_dbs',
  '%252e%252e',
  '%C0%AE%C0%AE',
  'a'.repeat(5000),
  '.',
  'null',
  '$where',
] as const;

/** A body whose every field has the wrong type. */
export const wrongTypes = {
  name: 5,
  title: [],
  token: {},
  role: 1,
  email: 7,
  stage: {},
  mode: null,
  identities: 'x',
  tags: [{}],
  password: 12,
  refreshToken: [],
  teamName: {},
  docs: 'x',
  keys: 5,
  text: { $gt: '' },
  visitorId: ['a'],
};

export const oddQueries = [
  '?cursor=%FF%FE',
  `?cursor=${Buffer.from([0xff, 0xfe]).toString('base64url')}`,
  '?limit=-1',
  '?limit=1e999',
  '?q[a]=1',
  '?updatedSince=yesterday',
  '?confirm=maybe',
  '?sep=tab',
  '?dryRun=perhaps',
  '?fileName=../../etc/passwd',
  '?limit=1&limit=2',
  '?__proto__[polluted]=1',
  '?constructor[prototype][x]=1',
  '?q=%00',
  '?since[$gt]=1',
  '?include_docs=maybe',
  '?keys=[',
  '?startkey=%ZZ',
  `?q=${'a'.repeat(3000)}`,
] as const;

const jsonKeys = [
  'docs',
  'keys',
  'email',
  'password',
  'teamName',
  'refreshToken',
  'token',
  '_id',
  '_rev',
  'new_edits',
  'doc_ids',
  'id',
  'title',
  'stage',
  '__proto__',
  'constructor',
  'contactId',
  '_attachments',
  'text',
  'visitorId',
] as const;

/** Any JSON value, small, with keys the server knows so some of it goes past the first checks. */
export function randomJson(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return rng.int(2e9) - 1e9;
    case 2:
      return rng.chance(0.5);
    case 3:
      return 'x'.repeat(rng.int(300));
    case 4:
      return rng.pick(['_design/evil', '../x', '\u0000', '\ud800', '🙂', '${1}', '<script>']);
    case 5:
      return rng.pick([-0.5, 1e308, -1e-308, 2 ** 53 + 1]);
    case 6:
      return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(5) }, () => [rng.pick(jsonKeys), randomJson(rng, depth + 1)]),
      );
  }
}

export type BodyCase = { label: string; headers: Record<string, string>; body: string | Buffer };
/** `small` bodies are cheap enough for unit tests on every route; `large` ones are up to a few MB. */
export type BodyGenerator = { label: string; size: 'small' | 'large'; make(rng: Rng): BodyCase };

const json = { 'content-type': 'application/json' };
const body = (
  label: string,
  size: 'small' | 'large',
  make: (rng: Rng) => Omit<BodyCase, 'label'>,
): BodyGenerator => ({ label, size, make: (rng) => ({ label, ...make(rng) }) });
const randomBytes = (rng: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => rng.int(256)));
const utf16 = (text: string, bom: boolean) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);

let bomb: Buffer | undefined;
/** 20 MB of JSON in 20 KB of gzip (made once). */
const gzipBomb = () =>
  (bomb ??= gzipSync(
    Buffer.concat([Buffer.from('{"name":"'), Buffer.alloc(20 * 1024 * 1024, 0x61), Buffer.from('"}')]),
  ));

/** Bodies no route should take: each must be refused with a 4xx (or ignored), never a 5xx. */
export const hostileBodies: BodyGenerator[] = [
  body('malformed json', 'small', () => ({ headers: json, body: '{"a":' })),
  body('json array', 'small', () => ({ headers: json, body: '[1,2,3]' })),
  body('json scalar', 'small', (r) => ({ headers: json, body: r.pick(['"x"', '42', 'null', 'true']) })),
  body('wrong types', 'small', () => ({ headers: json, body: JSON.stringify(wrongTypes) })),
  body('random json', 'small', (r) => ({ headers: json, body: JSON.stringify(randomJson(r)) ?? 'null' })),
  body('deep json', 'small', () => ({ headers: json, body: '['.repeat(5000) + ']'.repeat(5000) })),
  body('empty json body', 'small', () => ({ headers: json, body: '' })),
  body('NaN and comments', 'small', () => ({ headers: json, body: '{"a": NaN, /* x */ "b": 1}' })),
  body('prototype pollution', 'small', () => ({
    headers: json,
    body: '{"__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"x":1}}}',
  })),
  body('duplicate keys', 'small', () => ({
    headers: json,
    body: '{"id":"a","id":"b","_id":"c","_id":"_x"}',
  })),
  body('binary octet-stream', 'small', (r) => ({
    headers: { 'content-type': 'application/octet-stream' },
    body: randomBytes(r, 256),
  })),
  body('invalid utf-8 in json', 'small', () => ({
    headers: json,
    body: Buffer.concat([
      Buffer.from('{"name":"'),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]),
  })),
  body('utf-8 bom json', 'small', () => ({
    headers: json,
    body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"x"}')]),
  })),
  body('utf-16 json with bom', 'small', () => ({ headers: json, body: utf16('{"name":"x"}', true) })),
  body('utf-16 json without bom', 'small', () => ({ headers: json, body: utf16('{"name":"x"}', false) })),
  body('utf-16 charset', 'small', () => ({
    headers: { 'content-type': 'application/json; charset=utf-16' },
    body: utf16('{"name":"x"}', true),
  })),
  body('utf-16 csv', 'small', (r) => ({
    headers: { 'content-type': 'text/csv; charset=utf-16' },
    body: randomBytes(r, 64),
  })),
  body('bad charset', 'small', () => ({
    headers: { 'content-type': 'application/json; charset=klingon' },
    body: '{}',
  })),
  body('json as text/plain', 'small', () => ({ headers: { 'content-type': 'text/plain' }, body: '{"a":1}' })),
  body('form-urlencoded', 'small', () => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'a=1&b[c]=2&__proto__[x]=1',
  })),
  body('no content-type', 'small', () => ({ headers: {}, body: '{"a":1}' })),
  body('gzip garbage', 'small', (r) => ({
    headers: { ...json, 'content-encoding': 'gzip' },
    body: randomBytes(r, 64),
  })),
  body('deflate garbage', 'small', (r) => ({
    headers: { ...json, 'content-encoding': 'deflate' },
    body: randomBytes(r, 64),
  })),
  body('truncated gzip', 'small', () => ({
    headers: { ...json, 'content-encoding': 'gzip' },
    body: gzipSync('{"name":"x","title":"y"}').subarray(0, 15),
  })),
  body('unknown encoding', 'small', () => ({ headers: { ...json, 'content-encoding': 'br2' }, body: '{}' })),
  body('multipart without boundary', 'small', () => ({
    headers: { 'content-type': 'multipart/form-data' },
    body: 'abc',
  })),
  body('multipart with broken boundary', 'small', () => ({
    headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    body: '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello\r\n--abc--\r\n',
  })),
  body('truncated multipart', 'small', () => ({
    headers: { 'content-type': 'multipart/form-data; boundary=b0' },
    body: '--b0\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhel',
  })),
  body('huge body', 'large', () => ({
    headers: json,
    body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
  })),
  body('many keys', 'large', () => ({
    headers: json,
    body: JSON.stringify(Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i]))),
  })),
  body('deeper json', 'large', () => ({
    headers: json,
    body: '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
  })),
  body('gzip bomb', 'large', () => ({ headers: { ...json, 'content-encoding': 'gzip' }, body: gzipBomb() })),
];
