// The settings route builder with a kind of its own over the real store: a secret is never answered
// (even by a careless view), kept when left out, cleared by null or DELETE; the check route takes the
// body's settings with the stored secret filling in; bad input is a 400 naming the field; a viewer
// is refused; by-name kinds answer 409 on a taken name and 404 on a missing one.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { z } from 'zod';
import type { Role } from '@app/shared/access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../app-errors';
import type { ServerDeps } from '../context';
import { RouteRegistry } from '../http/registry';
import { call, startTestStore, type TestStore } from '../../test/helpers';
import { addNamedSettingsRoutes, addSettingsRoutes } from './routes';
import { aadFor, unseal, type Sealed } from './sealed';
import { readChannelSettingsDoc } from './settings-docs';
import { sealedOnPut, type NamedSettingsSpec, type SettingsSpec } from './spec';

const KEY = Buffer.alloc(32, 3);
const SECRET = 'sk-live-0123456789abcdefghij';
const OTHER = 'sk-live-zyxwvutsrqponmlkjihg';

type DemoDoc = {
  _id: string;
  _rev?: string;
  teamId: string;
  name: string;
  host: string;
  apiKey?: Sealed;
};
const input = z.strictObject({
  name: z.string().regex(/^[a-z]{1,20}$/),
  host: z.string().min(3).max(100),
  apiKey: z.string().min(10).nullable().optional(),
});
const aad = (doc: { teamId: string; name: string }) => aadFor(doc.teamId, `demo.${doc.name}.apiKey`);
// A careless view: it shows the key in clear; the builder must take it out.
const viewOf = (doc: DemoDoc | null) =>
  doc
    ? {
        configured: true,
        host: doc.host,
        keySet: !!doc.apiKey,
        ...(doc.apiKey ? { apiKey: unseal(KEY, doc.apiKey, aad(doc)) } : {}),
      }
    : { configured: false };
const build = (body: z.infer<typeof input>, current: DemoDoc | null, teamId: string): DemoDoc => {
  const apiKey = sealedOnPut(KEY, aad({ teamId, name: body.name }), body.apiKey, current?.apiKey);
  return {
    _id: `demo:${teamId}:${body.name}`,
    ...(current?._rev ? { _rev: current._rev } : {}),
    teamId,
    name: body.name,
    host: body.host,
    ...(apiKey ? { apiKey } : {}),
  };
};

let t: TestStore;
let server: Server;
let base: string;
const changed: string[] = [];

beforeAll(async () => {
  t = await startTestStore('settings-routes-');
  const deps: ServerDeps = {
    store: t.store,
    log: pino({ level: 'silent' }),
    encryptionKey: KEY,
    now: () => new Date(),
  };
  const one: SettingsSpec<DemoDoc, typeof input> = {
    path: '/demo',
    tag: 'demo',
    resource: 'channels',
    summaries: { get: 'get', put: 'put', delete: 'delete' },
    input,
    secrets: ['apiKey'],
    view: z.object({}).loose(),
    viewOf,
    read: (ctx) => readChannelSettingsDoc<DemoDoc>(t.store, `demo:${ctx.teamId}:one`, ctx.teamId),
    build: (body, current, ctx) => build(body, current, ctx.teamId),
    check: {
      path: 'check',
      summary: 'check',
      response: z.object({}).loose(),
      nothingStored: 'nothing stored',
      run: async (doc) => ({
        ok: true,
        host: doc.host,
        keyIsStored: doc.apiKey ? unseal(KEY, doc.apiKey, aad(doc)) === SECRET : false,
      }),
    },
  };
  const many: NamedSettingsSpec<DemoDoc, typeof input> = {
    path: '/demos',
    tag: 'demo',
    resource: 'integrations',
    listKey: 'demos',
    summaries: { list: 'list', create: 'create', update: 'update', delete: 'delete' },
    exists: (name) => `${name} exists`,
    missing: (name) => `no ${name}`,
    input,
    secrets: ['apiKey'],
    view: z.object({}).loose(),
    viewOf,
    list: async (ctx) =>
      (
        await Promise.all(
          ['a', 'b'].map((n) =>
            readChannelSettingsDoc<DemoDoc>(t.store, `demo:${ctx.teamId}:${n}`, ctx.teamId),
          ),
        )
      ).filter((d): d is DemoDoc => !!d),
    read: (name, ctx) => readChannelSettingsDoc<DemoDoc>(t.store, `demo:${ctx.teamId}:${name}`, ctx.teamId),
    build: async (body, current, ctx) => build(body, current, ctx.teamId),
  };
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    res.locals.auth = {
      userId: 'u1',
      teamId: 'team1',
      role: (req.header('x-role') ?? 'admin') as Role,
      email: 'a@example.com',
    };
    next();
  });
  const router = express.Router();
  const registry = new RouteRegistry();
  addSettingsRoutes(router, registry, one, { deps, changed: (id) => changed.push(id) });
  addNamedSettingsRoutes(router, registry, many, { deps, changed: (id) => changed.push(id) });
  app.use(router);
  app.use(errorMiddleware);
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  expect(registry.specs.map((s) => `${s.method} ${s.path}`)).toEqual([
    'get /demo',
    'put /demo',
    'delete /demo',
    'post /demo/check',
    'get /demos',
    'post /demos',
    'put /demos/:name',
    'delete /demos/:name',
  ]);
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

const as = (role: Role) => (method: string, path: string, body?: unknown) =>
  call(base, method, path, { headers: { 'x-role': role }, ...(body === undefined ? {} : { body }) });
const admin = as('admin');
const stored = () =>
  t.store
    .systemDb('app_channels')
    .get('demo:team1:one')
    .catch(() => null);

describe('one settings doc per team', () => {
  it('never answers the secret, keeps it when left out, clears it with null and DELETE', async () => {
    expect((await admin('GET', '/demo')).body).toEqual({ configured: false });
    const put = await admin('PUT', '/demo', { name: 'one', host: 'mail.example.com', apiKey: SECRET });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ configured: true, host: 'mail.example.com', keySet: true });
    expect(JSON.stringify(await stored())).not.toContain(SECRET);

    const kept = await admin('PUT', '/demo', { name: 'one', host: 'imap.example.com' });
    expect(kept.body).toEqual({ configured: true, host: 'imap.example.com', keySet: true });
    const doc = (await stored()) as DemoDoc;
    expect(unseal(KEY, doc.apiKey!, aad(doc))).toBe(SECRET);
    expect(JSON.stringify((await admin('GET', '/demo')).body)).not.toContain(SECRET);

    const cleared = await admin('PUT', '/demo', { name: 'one', host: 'imap.example.com', apiKey: null });
    expect(cleared.body).toEqual({ configured: true, host: 'imap.example.com', keySet: false });

    expect((await admin('DELETE', '/demo')).status).toBe(204);
    expect(await stored()).toBeNull();
    expect((await admin('GET', '/demo')).body).toEqual({ configured: false });
    expect(changed.filter((id) => id === 'team1').length).toBeGreaterThanOrEqual(4);
  });

  it('checks the body with the stored secret filling in, or the stored settings; nothing stored is a 400', async () => {
    expect((await admin('POST', '/demo/check', {})).status).toBe(400);
    await admin('PUT', '/demo', { name: 'one', host: 'mail.example.com', apiKey: SECRET });
    const given = await admin('POST', '/demo/check', { name: 'one', host: 'other.example.com' });
    expect(given.body).toEqual({ ok: true, host: 'other.example.com', keyIsStored: true });
    const other = await admin('POST', '/demo/check', { name: 'one', host: 'x.example.com', apiKey: OTHER });
    expect(other.body).toEqual({ ok: true, host: 'x.example.com', keyIsStored: false });
    expect((await admin('POST', '/demo/check', {})).body).toMatchObject({ host: 'mail.example.com' });
    // The check writes nothing.
    expect(((await stored()) as DemoDoc).host).toBe('mail.example.com');
    expect((await admin('POST', '/demo/check', { host: 1 })).status).toBe(400);
  });

  it('answers 400 naming the bad field, and refuses a viewer and a rep', async () => {
    const bad = await admin('PUT', '/demo', { name: 'one', host: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('host');
    expect((await admin('PUT', '/demo', { name: 'one', host: 'ok.example.com', extra: 1 })).status).toBe(400);
    for (const role of ['viewer', 'rep'] as const) {
      const caller = as(role);
      expect((await caller('GET', '/demo')).status).toBe(403);
      expect((await caller('PUT', '/demo', { name: 'one', host: 'ok.example.com' })).status).toBe(403);
      expect((await caller('DELETE', '/demo')).status).toBe(403);
      expect((await caller('POST', '/demo/check', {})).status).toBe(403);
    }
    expect(((await stored()) as DemoDoc | null)?.host).not.toBe('ok.example.com');
  });
});

describe('settings docs by name', () => {
  it('lists, adds (409 on a taken name), changes (404 when missing) and removes, never answering a secret', async () => {
    const add = await admin('POST', '/demos', { name: 'a', host: 'a.example.com', apiKey: SECRET });
    expect(add.status).toBe(201);
    expect(add.body).toEqual({ configured: true, host: 'a.example.com', keySet: true });
    expect((await admin('POST', '/demos', { name: 'a', host: 'a.example.com' })).status).toBe(409);
    expect((await admin('PUT', '/demos/b', { host: 'b.example.com' })).status).toBe(404);
    const change = await admin('PUT', '/demos/a', { host: 'a2.example.com' });
    expect(change.body).toEqual({ configured: true, host: 'a2.example.com', keySet: true });
    const list = await admin('GET', '/demos');
    expect(list.body).toEqual({ demos: [{ configured: true, host: 'a2.example.com', keySet: true }] });
    expect(JSON.stringify([add.body, change.body, list.body])).not.toContain(SECRET);
    expect((await as('viewer')('GET', '/demos')).status).toBe(403);
    expect((await admin('DELETE', '/demos/a')).status).toBe(204);
    expect((await admin('DELETE', '/demos/a')).status).toBe(404);
    expect((await admin('GET', '/demos')).body).toEqual({ demos: [] });
  });
});
