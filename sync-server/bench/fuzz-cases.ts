// One fuzz case from a route and a PRNG: the caller (team A's admin, rep or viewer, nobody, or a bad
// token), path parameters (A's ids, B's ids, traversal, NUL, overlong), query values, a body for the
// route (valid, mutated or hostile), odd headers and methods, and now and then malformed HTTP; a few
// cases get an oddity of fuzz-odd.ts (a content-type, content-encoding, header, query or raw request).
import { teamCollections } from '../src/store/db-names';
import { createRng, hostileBodies, oddQueries, pathValues, randomJson, type Rng } from '../test/fuzz-inputs';
import type { FuzzRoute } from '../test/fuzz-routes';
import { mutate, validValue, type Schema } from '../test/fuzz-schema';
import { backupBody, gatewayBody, kindOfField, type Body, type IdSource } from './fuzz-bodies';
import { csvBody, uploadBody } from './fuzz-files';
import { oddContentType, oddEncoding, oddHeaders, oddQuery, oddRawRequest, oddSegments } from './fuzz-odd';
import type { Ids, TeamSetup } from './fuzz-setup';

export type FuzzContext = {
  a: TeamSetup;
  /** Team B's ids (never its tokens: the fuzz calls only as team A or as nobody). */
  b: { teamId: string; ids: Ids };
  badTokens: { label: string; header: string }[];
  ownBackup?: Buffer;
  /** Real values for body fields: team A's refresh token, an open invite, its e-mails and password. */
  known: Record<string, string[]>;
  /** Send bodies of several MB now and then (full runs). */
  large: boolean;
};

export type FuzzCase = {
  index: number;
  route: FuzzRoute;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Bytes written as they are to a socket: HTTP that Node's client would refuse to send. */
  raw?: Buffer;
  auth: string;
  label: string;
};

const otherMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'COPY'];

function idSource(ctx: FuzzContext, rng: Rng): IdSource {
  const allB = Object.values(ctx.b.ids).flat();
  return {
    id(kind) {
      const r = rng.next();
      const own = ctx.a.ids[kind] ?? [];
      const theirs = ctx.b.ids[kind] ?? allB;
      if (r < 0.35 && own.length) return rng.pick(own);
      if (r < 0.65 && theirs.length) return rng.pick(theirs);
      return undefined;
    },
    anyB: () => (allB.length ? rng.pick(allB) : ctx.b.teamId),
  };
}

const junk = (ctx: FuzzContext, rng: Rng) =>
  rng.pick([
    ...pathValues,
    ...oddSegments,
    ctx.b.teamId,
    `t_${ctx.b.teamId}_contacts`,
    `${rng.pick(ctx.b.ids.contacts ?? ['x'])}%00`,
    encodeURIComponent(`../t_${ctx.b.teamId}_contacts/b-contact-1`),
  ]);

/** Which collection an API path's `{id}` belongs to. */
function kindOfPath(path: string): string {
  const kinds: [string, string][] = [
    ['/contacts', 'contacts'],
    ['/leads', 'leads'],
    ['/conversations', 'conversations'],
    ['/agent-settings', 'agent_settings'],
    ['/knowledge/sources', 'knowledge_sources'],
  ];
  return kinds.find(([p]) => path.includes(`${p}/{`))?.[1] ?? 'contacts';
}

function fillPath(route: FuzzRoute, rng: Rng, ctx: FuzzContext, collection: string): string {
  const ids = idSource(ctx, rng);
  const value = (name: string): string => {
    if (name === 'collection') return collection;
    if (rng.chance(0.15)) return junk(ctx, rng);
    const kind =
      name === 'userId'
        ? 'members'
        : name === 'key'
          ? 'widgets'
          : name === 'docId'
            ? collection
            : kindOfPath(route.path);
    // Telegram webhooks: both teams (no bot, so 404 unless the secret is wrong) and unknown ones.
    if (name === 'teamId') return encodeURIComponent(rng.pick([ctx.a.teamId, ctx.b.teamId, 'no-such-team']));
    if (name === 'localId') return rng.pick(['cp-1', 'a.b_c=', 'x'.repeat(250), '_local']);
    // Anyone may write to a team through its public chat widget: that is the widget's purpose, so the
    // fuzz only reads through B's widget (B's data must stay unchanged).
    if (name === 'key' && route.area === 'webchat' && route.method === 'POST')
      return rng.pick(ctx.a.ids.widgets!);
    if (name === 'attachment') return rng.pick(['original', 'a/b', '_x', '..', '%00', 'x'.repeat(300)]);
    return encodeURIComponent(ids.id(kind) ?? `fz-${rng.int(1e6)}`);
  };
  let path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => value(name));
  if (path.endsWith('*')) {
    const tail = rng.pick([
      '/messages',
      '/',
      '',
      '/../../../etc/passwd',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/x.js',
      '/index.html',
      `/${junk(ctx, rng)}`,
    ]);
    path = path.slice(0, -1) + tail;
  }
  if (rng.chance(0.05)) path += rng.pick(['/', '//', ';x=1', '/.', '/..', '%2f', '#x', '/%00']);
  if (rng.chance(0.01)) path += `/${'x'.repeat(20_000)}`;
  return path;
}

function queryValue(schema: Schema, rng: Rng, ids: IdSource): string {
  if (rng.chance(0.12))
    return rng.pick([
      '',
      '-1',
      'x'.repeat(2000),
      '%FF',
      '[',
      '{"$gt":null}',
      ids.anyB(),
      '1e999',
      'true',
      '%00',
      '0',
    ]);
  if (schema.format === 'json-ids') return JSON.stringify([ids.id('contacts') ?? ids.anyB(), ids.anyB()]);
  if (schema.format === 'json-revs') return rng.pick(['"all"', '["1-abc"]', '[1]']);
  if (schema.format === 'json') return JSON.stringify(rng.pick([ids.anyB(), 'a', 1, null, ['x'], {}]));
  return String(validValue(schema, rng, { id: (f) => ids.id(kindOfField(f, 'contacts')) }));
}

function buildQuery(route: FuzzRoute, rng: Rng, ids: IdSource): string {
  const parts: string[] = [];
  for (const q of route.query) {
    if (!rng.chance(0.3)) continue;
    // A web chat poll with wait=1 holds the request 15 s: rare.
    const value = q.name === 'wait' ? (rng.chance(0.05) ? '1' : '0') : queryValue(q.schema, rng, ids);
    parts.push(`${q.name}=${/%|\[/.test(value) ? value : encodeURIComponent(value)}`);
    if (rng.chance(0.05)) parts.push(`${q.name}=${encodeURIComponent(queryValue(q.schema, rng, ids))}`);
  }
  let query = parts.length ? `?${parts.join('&')}` : '';
  if (rng.chance(0.1)) query += (query ? '&' : '?') + rng.pick(oddQueries).slice(1);
  return query;
}

function authFor(rng: Rng, ctx: FuzzContext): { auth: string; header?: string } {
  const r = rng.next();
  if (r < 0.4) return { auth: 'admin', header: `Bearer ${ctx.a.admin}` };
  if (r < 0.57) return { auth: 'rep', header: `Bearer ${ctx.a.rep}` };
  if (r < 0.75) return { auth: 'viewer', header: `Bearer ${ctx.a.viewer}` };
  if (r < 0.83) return { auth: 'none' };
  const bad = rng.pick(ctx.badTokens);
  return { auth: `bad token (${bad.label})`, header: bad.header };
}

/** One of the shared hostile bodies; the large ones (MBs) rarely in quick runs. */
function hostileBody(rng: Rng, large: boolean): Body {
  const hostile = hostileBodies.filter((b) => b.size === 'small' || rng.chance(large ? 0.3 : 0.05));
  const b = rng.pick(hostile).make(rng);
  return { label: b.label, headers: b.headers, body: Buffer.from(b.body) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function jsonBody(
  route: FuzzRoute,
  rng: Rng,
  ctx: FuzzContext,
  ids: IdSource,
  path: string,
  collection: string,
  large: boolean,
): Body {
  const r = rng.next();
  if (r < 0.25) return hostileBody(rng, large);
  let body: Body;
  if (route.kind) {
    const parts = path.split('?')[0]!.split('/');
    const docId = safeDecode(parts[3] === '_local' ? (parts[4] ?? 'x') : (parts[3] ?? 'x'));
    body = gatewayBody(route.kind, collection, docId, rng, ids);
  } else if (route.schema) {
    const value = validValue(route.schema, rng, {
      id: (f) => ids.id(kindOfField(f, kindOfPath(route.path))),
      // A password is always the known one (unless mutated): a case that changes a member's password
      // ends their sessions and the fuzz signs in again with it (fuzz.ts), which ten wrong passwords
      // for the e-mail would lock out for 15 minutes.
      known: (f) =>
        ctx.known[f] && (/^(new)?password$/i.test(f) || rng.chance(0.5)) ? rng.pick(ctx.known[f]) : undefined,
    });
    body = {
      label: 'valid',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(value)),
    };
  } else {
    body = {
      label: 'random json',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(randomJson(rng)) ?? 'null'),
    };
  }
  if (r < 0.5) {
    const mutated = mutate(JSON.parse(body.body.toString()), rng, [ids.anyB()]);
    return { ...body, label: `mutated ${body.label}`, body: Buffer.from(JSON.stringify(mutated) ?? 'null') };
  }
  return body;
}

function bodyFor(
  route: FuzzRoute,
  rng: Rng,
  ctx: FuzzContext,
  path: string,
  collection: string,
): Body | undefined {
  const ids = idSource(ctx, rng);
  switch (route.body) {
    case 'json':
      return jsonBody(route, rng, ctx, ids, path, collection, ctx.large);
    case 'csv':
      return rng.chance(0.8) ? csvBody(rng, ids, ctx.large) : hostileBody(rng, ctx.large);
    case 'upload':
      return rng.chance(0.8) ? uploadBody(rng, ctx.large) : hostileBody(rng, ctx.large);
    case 'gzip':
      return rng.chance(0.8) ? backupBody(rng, ids, ctx.ownBackup) : hostileBody(rng, ctx.large);
    default:
      return rng.chance(0.05) ? jsonBody(route, rng, ctx, ids, path, collection, false) : undefined;
  }
}

/** Requests Node's HTTP client would not send: they test the server's HTTP parser. */
function rawRequest(rng: Rng, path: string, auth: string | undefined): { label: string; raw: Buffer } {
  if (rng.chance(0.5)) {
    const [label, text] = oddRawRequest(rng, path, auth);
    return { label: `raw: ${label}`, raw: Buffer.from(text) };
  }
  const a = auth ? `Authorization: ${auth}\r\n` : '';
  const [label, text] = rng.pick<[string, string | Buffer]>([
    ['NUL in a header', `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n${a}\r\n`],
    [
      'bad chunk size',
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'content-length and chunked',
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    ],
    ['20 KB header', `GET ${path} HTTP/1.1\r\nHost: x\r\n${a}X-Big: ${'b'.repeat(20_000)}\r\n\r\n`],
    ['HTTP/0.9', `GET ${path}\r\n\r\n`],
    [
      'raw UTF-8 in the path',
      Buffer.concat([
        Buffer.from(`GET ${path}/`),
        Buffer.from('漢字\u00ff'),
        Buffer.from(` HTTP/1.1\r\nHost: x\r\n${a}\r\n`),
      ]),
    ],
    ['negative content-length', `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}Content-Length: -5\r\n\r\n{}`],
    [
      'two content-lengths',
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${a}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    ],
  ]);
  return { label: `raw: ${label}`, raw: Buffer.from(text) };
}

export function buildCase(index: number, seed: number, routes: FuzzRoute[], ctx: FuzzContext): FuzzCase {
  const rng = createRng(seed);
  const route = rng.pick(routes);
  const collection = rng.chance(0.9)
    ? rng.pick(teamCollections)
    : rng.pick([
        '_users',
        '_all_dbs',
        '_replicator',
        'app_users',
        `t_${ctx.b.teamId}_leads`,
        '..',
        'LEADS',
        'leads%00',
        'files%2F..',
      ]);
  const path = fillPath(route, rng, ctx, collection) + buildQuery(route, rng, idSource(ctx, rng));
  const { auth, header } = authFor(rng, ctx);
  const headers: Record<string, string> = {};
  if (header) headers.authorization = header;
  headers['x-request-id'] = rng.chance(0.95) ? `fz-${index}` : rng.pick(['x'.repeat(200), '../x', 'a b', '']);
  if (rng.chance(0.05)) {
    const r = rawRequest(rng, path.slice(0, 2000), header);
    return { index, route, method: route.method, path, headers, raw: r.raw, auth, label: r.label };
  }
  const method = rng.chance(0.93) ? route.method : rng.pick(otherMethods);
  const body = bodyFor(route, rng, ctx, path, collection);
  let full = body?.query ? path.split('?')[0] + body.query : path;
  Object.assign(headers, body?.headers);
  const odd: string[] = [];
  if (body && rng.chance(0.04)) {
    const o = oddContentType(rng, body.body);
    headers['content-type'] = o.type;
    body.body = o.body;
    odd.push(o.label);
  }
  if (body && rng.chance(0.03)) {
    const o = oddEncoding(rng, body.body);
    headers['content-encoding'] = o.encoding;
    body.body = o.body;
    odd.push(o.label);
  }
  if (rng.chance(0.04)) {
    const o = oddHeaders(rng);
    Object.assign(headers, o.headers);
    odd.push(o.label);
  }
  if (rng.chance(0.03)) {
    const [bare, query = ''] = full.split(/\?(.*)/s);
    const o = oddQuery(rng, query);
    full = bare + o.query;
    odd.push(o.label);
  }
  if ((method === 'PATCH' || method === 'DELETE') && rng.chance(0.3))
    headers['if-match'] = rng.pick(['"1-abc"', 'W/"x"', '*', '1-' + 'a'.repeat(200)]);
  if (route.area === 'webchat' && rng.chance(0.4))
    headers.origin = rng.pick(['https://evil.example', 'null', 'http://localhost:5173']);
  if (rng.chance(0.2)) headers['accept-language'] = rng.pick(['ru', 'ru-RU,ru;q=0.9', 'xx', '*']);
  if (rng.chance(0.2)) headers['accept-encoding'] = 'gzip, deflate, br';
  if (rng.chance(0.03)) headers.expect = '100-continue';
  return {
    index,
    route,
    method,
    path: full,
    headers,
    ...(body ? { body: body.body } : {}),
    auth,
    label: [body?.label ?? 'no body', ...odd].join('; '),
  };
}
