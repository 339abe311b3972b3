// The fuzz benchmark's route list (test/fuzz-routes.ts) covers every route Express mounts: a new
// route, router or mounted handler cannot escape the fuzzer unnoticed. And the OpenAPI document lists
// every route mounted below /api/v1 (the README says so; issue 60: the billing webhooks and the
// operator's route were missing), walked from the running app, so a new unlisted one fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayPath } from '../src/gateway/paths';
import type { RunningServer } from '../src/server';
import { covers, fuzzRoutes, registeredRoutes, type FuzzRoute, type OpenApiDoc } from './fuzz-routes';
import { CORE, startTestServer, tempDir } from './helpers';

let server: RunningServer;
const dir = tempDir();
beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

/** App-wide middleware that answers nothing itself (request ids and logs, metrics, headers, errors). */
const globalMiddleware = [
  'query',
  'expressInit',
  'result',
  'middleware',
  'proxyWarning',
  'helmetMiddleware',
  'corsMiddleware',
  'notFound',
  'errorMiddleware',
];

describe('the OpenAPI document', () => {
  it('lists every route Express mounts below /api/v1, and nothing else', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as OpenApiDoc;
    const norm = (p: string) => p.replace(/\{\w+\}/g, '{}');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${norm(path)}`),
    );
    const routes = registeredRoutes(server.app)
      .filter((m) => m.name === 'route' && m.path.startsWith('/api/v1/'))
      .map((m) => `${m.method} ${norm(m.path)}`);
    expect(routes).toContain('POST /api/v1/billing/webhooks/yookassa');
    expect(routes).toContain('PUT /api/v1/billing/operator/teams/{}/plan');
    expect([...new Set(routes)].sort()).toEqual([...new Set(documented)].sort());
  });
});

describe('fuzz route list', () => {
  it('covers every route and mounted handler of the app, and lists nothing that is not mounted', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as OpenApiDoc;
    const fuzz = fuzzRoutes(doc);
    const mounted = registeredRoutes(server.app);
    const routes = mounted.filter((m) => m.name === 'route');
    expect(routes.length).toBeGreaterThanOrEqual(60);

    const missing = routes.filter((m) => !fuzz.some((f) => covers(f, m))).map((m) => `${m.method} ${m.path}`);
    expect(missing).toEqual([]);

    // Middleware mounted at a path may answer requests itself (the gateway, static files): something
    // must be fuzzed below that path. Path-less app-wide middleware must be one of the known ones.
    const under = (prefix: string) => fuzz.some((f) => f.path.startsWith(prefix));
    const uncovered = mounted
      .filter((m) => m.method === 'USE')
      .filter((m) => (m.path === '' ? !globalMiddleware.includes(m.name) : !under(m.path)))
      .map((m) => `USE ${m.path || '/'} ${m.name}`);
    expect(uncovered).toEqual([]);

    const isMounted = (f: FuzzRoute) =>
      f.area === 'gateway'
        ? mounted.some((m) => m.method === 'USE' && m.path === '/sync')
        : routes.some((m) => covers(f, m));
    expect(fuzz.filter((f) => !isMounted(f)).map((f) => `${f.method} ${f.path}`)).toEqual([]);
    // Every gateway endpoint's template is read by the gateway as that endpoint.
    const sample: Record<string, string> = {
      collection: 'leads',
      docId: 'lead-1',
      localId: 'cp',
      attachment: 'a',
    };
    for (const f of fuzz.filter((r) => r.area === 'gateway')) {
      const path = f.path.slice('/sync'.length).replace(/\{(\w+)\}/g, (_m, name: string) => sample[name]!);
      const parsed = parseGatewayPath(path);
      expect(parsed.ok && parsed.op.kind, f.path).toBe(f.kind);
    }
  });
});
