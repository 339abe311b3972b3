// A small, seeded fuzz test over every documented route: bad and expired tokens, malformed JSON,
// wrong types, huge bodies, binary bodies, odd encodings, odd path and query values. Every answer is
// a 2xx or a 4xx; every 4xx is JSON `{error:{code,message}}`; nothing answers 5xx or crashes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokens } from '../auth/access-tokens';
import { createRng, hostileBodies, oddQueries, pathValues, type BodyCase } from '../../test/fuzz-inputs';
import { startApiTestServer, type ApiTestServer, type TestTeam } from '../../test/api-kit';

let t: ApiTestServer;
let team: TestTeam;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Fuzz');
});
afterAll(() => t?.close());

const rng = createRng(20260321);

type Case = {
  label: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  query?: string;
  path?: string;
};

/** The shared hostile bodies (the small ones, plus one huge one where a route takes a body). */
function cases(o: { hasBody: boolean; hasQuery: boolean; hasParams: boolean }, auth: string): Case[] {
  const withAuth = (c: BodyCase): Case => ({
    ...c,
    headers: { ...(auth ? { authorization: auth } : {}), ...c.headers },
  });
  const out: Case[] = hostileBodies.filter((b) => b.size === 'small').map((b) => withAuth(b.make(rng)));
  if (o.hasQuery)
    out.push(
      ...oddQueries.map((query) => ({
        label: `odd query ${query.slice(0, 40)}`,
        headers: { authorization: auth },
        query,
      })),
    );
  if (o.hasParams)
    out.push(
      ...[1, 2, 3].map(() => ({
        label: 'odd path',
        headers: { authorization: auth },
        path: rng.pick(pathValues),
      })),
    );
  if (o.hasBody) out.push(withAuth(hostileBodies.find((b) => b.label === 'huge body')!.make(rng)));
  return out;
}

describe('fuzz over every route', () => {
  it('answers every bad request with a JSON 4xx and never a 5xx', async () => {
    type Op = { 'x-required-role': string; parameters: { in: string }[] };
    const doc = (await (await fetch(`${t.base}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Op>>;
    };
    const expired = await t.expiredToken({
      userId: team.session.user.id,
      teamId: team.teamId,
      role: 'admin',
      email: team.session.user.email,
    });
    const forged = await createAccessTokens(randomBytes(32), 900, () => new Date()).sign({
      userId: 'u',
      teamId: team.teamId,
      role: 'admin',
      email: 'x@y.z',
    });
    const badAuth = [
      '',
      'Bearer',
      'Bearer garbage',
      `Bearer ${expired}`,
      `Bearer ${forged}`,
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${team.admin}x`,
    ];
    let requests = 0;
    const failures: string[] = [];
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const isPublic = op['x-required-role'] === 'public';
        const shape = {
          hasBody: ['post', 'put', 'patch'].includes(method),
          hasQuery: op.parameters.some((p) => p.in === 'query'),
          hasParams: template.includes('{'),
        };
        const all: Case[] = cases(shape, `Bearer ${team.admin}`);
        if (!isPublic)
          for (const auth of badAuth)
            all.push({ label: `auth '${auth.slice(0, 12)}'`, headers: auth ? { authorization: auth } : {} });
        for (const c of all) {
          const path = template.replace(/\{\w+\}/g, () => c.path ?? rng.pick(pathValues.slice(0, 3)));
          const res = await fetch(`${t.base}${path}${c.query ?? ''}`, {
            method: method.toUpperCase(),
            headers: Object.fromEntries(Object.entries(c.headers).filter(([, v]) => v)),
            ...(c.body !== undefined && method !== 'get' ? { body: c.body } : {}),
          });
          requests++;
          const text = await res.text();
          const where = `${method.toUpperCase()} ${path.slice(0, 80)} [${c.label}] -> ${res.status} ${text.slice(0, 120)}`;
          if (res.status >= 500) failures.push(where);
          else if (res.status >= 400) {
            let body: { error?: { code?: unknown; message?: unknown } } | undefined;
            try {
              body = JSON.parse(text);
            } catch {
              body = undefined;
            }
            if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string')
              failures.push(where);
          }
          if (!isPublic && c.label.startsWith('auth') && res.status !== 401)
            failures.push(`${where} (expected 401)`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(400);
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
    expect((await t.as(team.admin)('GET', '/me')).status).toBe(200);
    // Every documented route (over a hundred, the integrations' among them), several cases each.
    // About 1,800 requests one after another: 76 s in a fresh-clone CI run, over 120 s on a machine
    // busy with other work (spread over every route, none slow on its own); the limit only catches a hang.
  }, 300_000);
});
