// Oddities of the fuzz benchmark that go with any route: what a real attacker's tools send besides a
// bad body. Headers (a 12 KB cookie, 300 languages, junk ranges and dates, Latin-1 bytes), a body's
// content-type (other charsets, malformed parameters, odd JSON types) and content-encoding (gzip twice,
// x-gzip, brotli, raw deflate), queries (every parameter twice or as `name[]`, empty and badly
// escaped keys, 1,500 parameters, lone surrogates), path segments (bad UTF-8, fullwidth dots, bidi
// controls), and HTTP only a raw socket sends (an absolute URI, `OPTIONS *`, folded or 3,000 headers,
// pipelining, upgrades, an HTTP/2 preface).
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import type { Rng } from '../test/fuzz-inputs';

/** UTF-16 big-endian bytes (Node writes only little-endian). */
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
/** UTF-32 little-endian bytes. */
function utf32(text: string): Buffer {
  const chars = [...text];
  const out = Buffer.alloc(chars.length * 4);
  chars.forEach((ch, i) => out.writeUInt32LE(ch.codePointAt(0)!, i * 4));
  return out;
}

/** Headers any route may get, each from real clients or scanners. */
export function oddHeaders(rng: Rng): { label: string; headers: Record<string, string> } {
  const [label, headers] = rng.pick<[string, Record<string, string>]>([
    ['12 KB cookie', { cookie: `session=${'b'.repeat(12_000)}` }],
    ['500 cookies', { cookie: Array.from({ length: 500 }, (_, i) => `c${i}=x`).join('; ') }],
    ['odd accept', { accept: 'application/xml;q=garbage, */*;q=-1, text/html;level=' }],
    [
      '300 languages',
      { 'accept-language': Array.from({ length: 300 }, (_, i) => `x${i};q=0.${i % 10}`).join(',') },
    ],
    ['junk accept-language', { 'accept-language': 'ru;q=NaN,;;,,=,q=1,en;q=2' }],
    ['junk range', { range: 'bytes=999999-,-0,a-b' }],
    ['many ranges', { range: `bytes=${Array.from({ length: 200 }, (_, i) => `${i}-${i}`).join(',')}` }],
    ['junk if-none-match', { 'if-none-match': '"x", W/' }],
    ['junk dates', { 'if-modified-since': 'not a date', 'if-unmodified-since': '31/02/2026' }],
    ['junk if-range', { 'if-range': 'garbage', range: 'bytes=0-1' }],
    [
      'forged forwarding',
      {
        'x-forwarded-for': 'x, ::ffff:1.2.3.4, 999.1.1.1',
        'x-forwarded-host': 'evil.example:99999',
        'x-forwarded-proto': 'gopher',
        forwarded: 'for="[::1',
      },
    ],
    ['odd host', { host: 'evil.example:0' }],
    ['odd origin', { origin: 'http://[::1' }],
    ['Latin-1 bytes', { 'accept-language': '\u00ff\u00e9', 'x-title': '\u00e9t\u00e9' }],
    ['8 KB request id', { 'x-request-id': 'r'.repeat(8000) }],
    ['junk last-event-id', { 'last-event-id': `\u00ff${'x'.repeat(3000)}` }],
  ]);
  return { label: `header: ${label}`, headers };
}

/** A body's content-type other than the one it is: other charsets, broken parameters, odd types. */
export function oddContentType(rng: Rng, body: Buffer): { label: string; type: string; body: Buffer } {
  const text = body.toString('utf8');
  const [label, type, bytes] = rng.pick<[string, string, Buffer?]>([
    ['charset utf-16le, sent as UTF-16BE', 'application/json; charset=utf-16le', utf16be(text)],
    ['charset utf-16le, sent as UTF-8', 'application/json; charset=utf-16le'],
    ['charset utf-16be', 'application/json; charset=utf-16be', utf16be(text)],
    ['charset utf-32', 'application/json; charset=utf-32', utf32(text)],
    ['UTF-32 with a BOM', 'application/json', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(text)])],
    ['UTF-16BE with a BOM', 'application/json', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
    ['charset latin1', 'application/json; charset=latin1'],
    ['charset utf-7', 'application/json; charset=utf-7'],
    ['unclosed quoted charset', 'application/json; charset="utf-8'],
    ['empty charset', 'application/json; charset='],
    ['parameter without a value', 'application/json; charset'],
    ['empty parameters', 'application/json;;;'],
    ['parameter without a name', 'application/json; =x'],
    ['two types', 'application/json, text/plain'],
    ['upper case', 'Application/JSON; Charset=UTF-8'],
    ['vendor json', 'application/vnd.api+json'],
    ['text/json', 'text/json'],
    ['any type', '*/*'],
    ['no subtype', 'application/'],
    ['a slash', '/'],
    ['500 parameters', `application/json; ${'a=b; '.repeat(500)}`],
    ['csv in utf-32', 'text/csv; charset=utf-32', utf32(text)],
    ['csv in utf-16be', 'text/csv; charset=utf-16be', utf16be(text)],
    ['multipart, empty boundary', 'multipart/form-data; boundary='],
    ['multipart, 200-char boundary', `multipart/form-data; boundary=${'b'.repeat(200)}`],
    ['multipart/mixed', 'multipart/mixed; boundary=x'],
  ]);
  return { label: `content-type: ${label}`, type, body: bytes ?? body };
}

/** The body compressed in a way the content-encoding says (or does not say) rightly. */
export function oddEncoding(rng: Rng, body: Buffer): { label: string; encoding: string; body: Buffer } {
  const [label, encoding, bytes] = rng.pick<[string, string, () => Buffer]>([
    ['gzip twice', 'gzip, gzip', () => gzipSync(gzipSync(body))],
    ['x-gzip', 'x-gzip', () => gzipSync(body)],
    ['GZIP', 'GZIP', () => gzipSync(body)],
    ['identity', 'identity', () => body],
    ['brotli', 'br', () => brotliCompressSync(body)],
    ['brotli garbage', 'br', () => Buffer.from('not brotli at all')],
    ['raw deflate', 'deflate', () => deflateRawSync(body)],
    ['gzip said, plain sent', 'gzip', () => body],
  ]);
  return { label: `content-encoding: ${label}`, encoding, body: bytes() };
}

/** A query made odd: every parameter twice or as `name[]`, empty or badly escaped keys, and more. */
export function oddQuery(rng: Rng, query: string): { label: string; query: string } {
  const q = query.replace(/^\?/, '');
  const plus = (extra: string) => `?${q ? `${q}&` : ''}${extra}`;
  const [label, make] = rng.pick<[string, () => string]>([
    ['every parameter twice', () => (q ? `?${q}&${q}` : '?limit=1&limit=2&q=a&q=b&cursor=a&cursor=b')],
    [
      'every parameter as name[]',
      () =>
        `?${(q || 'limit=1').replace(/(^|&)([^=&]+)=/g, (_m, sep: string, k: string) => `${sep}${k}[]=`)}`,
    ],
    ['empty and badly escaped keys', () => plus('=1&&&=&%=&%ZZ=1&a%00=1')],
    ['1,500 parameters', () => plus(Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join('&'))],
    ['bad UTF-8 values', () => plus('q=%ED%A0%80&since=%F4%90%80%80&cursor=%C0%AF&limit=%EF%BC%91')],
    ['a lone percent', () => plus('q=%&limit=1%')],
  ]);
  return { label: `query: ${label}`, query: make() };
}

/** Path segments of bad UTF-8, Unicode look-alikes and escapes that decode to separators. */
export const oddSegments = [
  '%ED%A0%80',
  '%F4%90%80%80',
  '%C0%AF',
  '%',
  '%EF%BC%8E%EF%BC%8E',
  'a%E2%80%AEb',
  '%2500',
  '..%5C..%5Cx',
  'a%3Fb%23c',
  'a+b%20c',
] as const;

/** Requests only a raw socket sends: the server's HTTP parser and Express's view of the URL. */
export function oddRawRequest(rng: Rng, path: string, auth: string | undefined): [string, string | Buffer] {
  const a = auth ? `Authorization: ${auth}\r\n` : '';
  const json = 'Content-Type: application/json\r\n';
  return rng.pick<[string, string | Buffer]>([
    ['absolute URI', `GET http://evil.example${path} HTTP/1.1\r\nHost: x\r\n${a}\r\n`],
    [
      'absolute URI with a body',
      `POST http://evil.example${path} HTTP/1.1\r\nHost: x\r\n${a}${json}Content-Length: 2\r\n\r\n{}`,
    ],
    ['OPTIONS *', `OPTIONS * HTTP/1.1\r\nHost: x\r\n${a}\r\n`],
    ['no leading slash', `GET ${path.replace(/^\//, '')} HTTP/1.1\r\nHost: x\r\n${a}\r\n`],
    ['lower-case method', `get ${path} HTTP/1.1\r\nHost: x\r\n${a}\r\n`],
    ['TRACE', `TRACE ${path} HTTP/1.1\r\nHost: x\r\n${a}\r\n`],
    ['QUERY with a body', `QUERY ${path} HTTP/1.1\r\nHost: x\r\n${a}${json}Content-Length: 2\r\n\r\n{}`],
    ['HTTP/1.0 without Host', `GET ${path} HTTP/1.0\r\n${a}\r\n`],
    ['HTTP/1.1 without Host', `GET ${path} HTTP/1.1\r\n${a}\r\n`],
    ['two Hosts', `GET ${path} HTTP/1.1\r\nHost: a\r\nHost: b\r\n${a}\r\n`],
    ['folded header', `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n${a}\r\n`],
    [
      '3,000 headers',
      `GET ${path} HTTP/1.1\r\nHost: x\r\n${a}${Array.from({ length: 3000 }, (_, i) => `X-${i}: y\r\n`).join('')}\r\n`,
    ],
    [
      'two content-types',
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}${json}Content-Type: text/csv\r\nContent-Length: 2\r\n\r\n{}`,
    ],
    ['two authorizations', `GET ${path} HTTP/1.1\r\nHost: x\r\n${a}Authorization: Bearer x\r\n\r\n`],
    [
      'transfer-encoding chunked, identity',
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}${json}Transfer-Encoding: chunked, identity\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'transfer-encoding gzip, chunked',
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}${json}Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'chunk extension and trailer',
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}${json}Transfer-Encoding: chunked\r\n\r\n2;x=y\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n`,
    ],
    ['pipelined', `GET ${path} HTTP/1.1\r\nHost: x\r\n${a}\r\nGET ${path} HTTP/1.1\r\nHost: x\r\n${a}\r\n`],
    ['odd Expect', `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}`],
    [
      'websocket upgrade',
      `GET ${path} HTTP/1.1\r\nHost: x\r\n${a}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    ],
    [
      'h2c upgrade',
      `GET ${path} HTTP/1.1\r\nHost: x\r\n${a}Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n`,
    ],
    ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    [
      'UTF-8 in the token',
      Buffer.concat([
        Buffer.from(`GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer `),
        Buffer.from('тест'),
        Buffer.from('\r\n\r\n'),
      ]),
    ],
    ['space before a colon', `GET ${path} HTTP/1.1\r\nHost: x\r\n${a}X-A : b\r\n\r\n`],
    ['bare LF', `GET ${path} HTTP/1.1\nHost: x\n${a.replace('\r\n', '\n')}\n`],
    ['fragment in the target', `GET ${path}#frag HTTP/1.1\r\nHost: x\r\n${a}\r\n`],
    ['content-length +2', `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}${json}Content-Length: +2\r\n\r\n{}`],
    [
      '20-digit content-length',
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}${json}Content-Length: 99999999999999999999\r\n\r\n{}`,
    ],
  ]);
}
