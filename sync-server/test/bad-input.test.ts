// Bad input never gets a 5xx: malformed JSON, wrong types, missing fields, oversized bodies, odd
// query strings and methods, with and without a token, on the auth routes, the gateway and the API.
// A small seeded fuzz runs every route with generated bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { createRng, randomJson } from './fuzz-inputs';
import { CORE, call, rawCall, register, startTestServer, tempDir, type Session } from './helpers';

/** Parsed JSON of an answer (shape checked by the assertions). */
type Json = ReturnType<typeof JSON.parse>;

let server: RunningServer;
let s: Session;
const dir = tempDir();

beforeAll(async () => {
  server = await startTestServer(dir.path, { ...CORE, JSON_LIMIT: '64kb', SYNC_JSON_LIMIT: '256kb' });
  s = await register(server.url);
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

const routes: Array<[method: string, path: string]> = [
  ['POST', '/api/v1/auth/register'],
  ['POST', '/api/v1/auth/login'],
  ['POST', '/api/v1/auth/refresh'],
  ['POST', '/api/v1/auth/logout'],
  ['POST', '/api/v1/auth/password'],
  ['POST', '/api/v1/auth/accept-invite'],
  ['GET', '/api/v1/me'],
  ['GET', '/api/v1/leads'],
  ['POST', '/api/v1/leads'],
  ['GET', '/api/v1/contacts'],
  ['POST', '/api/v1/contacts'],
  ['GET', '/sync/leads/'],
  ['GET', '/sync/leads/_changes'],
  ['POST', '/sync/leads/_changes'],
  ['POST', '/sync/leads/_bulk_docs'],
  ['POST', '/sync/messages/_bulk_docs'],
  ['POST', '/sync/files/_bulk_docs'],
  ['GET', '/sync/leads/_all_docs'],
  ['POST', '/sync/leads/_all_docs'],
  ['POST', '/sync/leads/_bulk_get'],
  ['POST', '/sync/leads/_revs_diff'],
  ['PUT', '/sync/leads/_local/cp'],
  ['GET', '/sync/leads/_local/cp'],
  ['PUT', '/sync/leads/lead-1'],
  ['PUT', '/sync/files/file-1'],
  ['GET', '/sync/files/file-1/att'],
  ['DELETE', '/sync/leads/lead-1'],
];

function isErrorBody(body: Json): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return (
    typeof body.error === 'string' ||
    (typeof body.error?.code === 'string' && typeof body.error?.message === 'string')
  );
}

describe('bad input', () => {
  it('answers malformed JSON with 400 invalid-json everywhere', async () => {
    for (const [method, path] of routes) {
      if (method === 'GET' || method === 'DELETE') continue;
      const res = await call(server.url, method, path, { token: s.accessToken, raw: '{"a": ' });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.code, `${method} ${path}`).toBe('invalid-json');
    }
  });

  it('answers oversized bodies with 413 payload-too-large', async () => {
    const big = JSON.stringify({ docs: [{ _id: 'a', notes: 'x'.repeat(300 * 1024) }] });
    for (const path of ['/api/v1/auth/login', '/sync/leads/_bulk_docs', '/sync/leads/_revs_diff']) {
      const res = await call(server.url, 'POST', path, { token: s.accessToken, raw: big });
      expect(res.status, path).toBe(413);
      expect(res.body.error.code).toBe('payload-too-large');
    }
  });

  it('answers wrong types and missing fields with 400 validation-failed naming the field', async () => {
    const res = await call(server.url, 'POST', '/api/v1/auth/register', {
      body: { teamName: 5, email: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation-failed');
    expect(res.body.error.message).toContain('teamName');
    const login = await call(server.url, 'POST', '/api/v1/auth/login', { body: [] });
    expect(login.status).toBe(400);
  });

  it('answers odd query strings, encodings and methods with 4xx JSON', async () => {
    const paths = [
      '/sync/leads/_changes?since[$gt]=1',
      '/sync/leads/_changes?limit=-1',
      '/sync/leads/_changes?limit=abc',
      '/sync/leads/_changes?include_docs=maybe',
      '/sync/leads/_changes?since=1&since=2',
      '/sync/leads/_all_docs?keys=[',
      '/sync/leads/_all_docs?startkey=%ZZ',
      '/sync/leads/%E0%A4%A',
      '/api/v1/%E0%A4%A',
      '/sync/leads/lead-1?rev[x]=1',
    ];
    for (const path of paths) {
      const res = await rawCall(server.url, 'GET', path, { token: s.accessToken });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(isErrorBody(res.body), path).toBe(true);
    }
    for (const path of [
      '/sync/leads/lead-1?open_revs=5',
      '/sync/leads/_changes?filter=_doc_ids&doc_ids=5',
      '/sync/leads/_all_docs?keys=5',
    ]) {
      const res = await rawCall(server.url, 'GET', path, { token: s.accessToken });
      expect(res.status, path).toBe(400);
    }
    // express-pouchdb never answers an empty _bulk_get; the gateway does.
    const empty = await call(server.url, 'POST', '/sync/leads/_bulk_get', {
      token: s.accessToken,
      body: { docs: [] },
    });
    expect(empty).toMatchObject({ status: 200, body: { results: [] } });
    const patch = await call(server.url, 'PATCH', '/sync/leads/_bulk_docs', {
      token: s.accessToken,
      body: {},
    });
    expect(patch.status).toBe(404);
  });

  it('never answers 5xx to generated bodies on any route, with or without a token', async () => {
    const r = createRng(42);
    const failures: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (const [method, path] of routes) {
        const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(randomJson(r));
        const token = r.chance(0.8) ? s.accessToken : r.chance(0.5) ? 'garbage' : undefined;
        const res = await rawCall(server.url, method, path, { token, body });
        if (res.status >= 500 || (res.status >= 400 && !isErrorBody(res.body))) {
          failures.push(
            `${method} ${path} ${body?.slice(0, 80)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('ops', () => {
  it('serves health, readiness, metrics, request ids and JSON 404s', async () => {
    expect((await call(server.url, 'GET', '/healthz')).body).toEqual({ status: 'ok', store: 'ok' });
    expect((await call(server.url, 'GET', '/readyz')).status).toBe(200);
    const metrics = await fetch(`${server.url}/metrics`);
    const text = await metrics.text();
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toMatch(/sync_requests_total\{collection="leads",endpoint="bulk-docs"\} \d+/);
    expect(text).toContain('couchdb_errors_total');
    const missing = await call(server.url, 'GET', '/nope', { headers: { 'x-request-id': 'req-123' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('route-not-found');
    expect(missing.headers.get('x-request-id')).toBe('req-123');
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    const app = await fetch(`${server.url}/app/`);
    expect(app.status).toBe(200);
  });

  it('allows CORS only for the configured app origins', async () => {
    const ok = await fetch(`${server.url}/api/v1/me`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const evil = await fetch(`${server.url}/api/v1/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
