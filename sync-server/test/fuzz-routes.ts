// Every route the server answers, for the fuzz benchmark: the OpenAPI document's routes, the sync
// gateway's endpoints (from its own method table), web chat, Telegram webhooks, VK callbacks, the widget admin
// routes, ops and /app.
// `registeredRoutes` walks an Express app's router stack, so a test can check that this list covers
// everything Express actually mounts (test/fuzz-routes.test.ts).
import type { Express } from 'express';
import { z } from 'zod';
import type { GatewayOp } from '../src/gateway/paths';
import { gatewayMethods } from '../src/gateway/gateway-router';
import { paramRules, type Rule } from '../src/gateway/params';
import {
  webchatFileSchema,
  webchatListSchema,
  webchatPostSchema,
} from '../src/channels/webchat/webchat-router';
import { previewQuerySchema } from '../src/channels/webchat/widget-preview';
import { webchatDraftSchema } from '../src/channels/webchat/draft-stream';
import type { Schema } from './fuzz-schema';

export type BodyKind = 'none' | 'json' | 'csv' | 'upload' | 'gzip';
export type Access = 'public' | 'viewer' | 'rep' | 'admin';

export type FuzzRoute = {
  method: string;
  /** `{name}` marks a path parameter, a trailing `*` any rest of the path. */
  path: string;
  area: 'api' | 'gateway' | 'webchat' | 'telegram' | 'vk' | 'billing' | 'ops' | 'app';
  access: Access;
  body: BodyKind;
  schema?: Schema;
  query: { name: string; schema: Schema }[];
  /** The gateway endpoint (`changes`, `bulk-docs`, ...). */
  kind?: GatewayOp['kind'];
};

type OpenApiOp = {
  'x-required-role': Access;
  parameters: { name: string; in: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
export type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOp>> };

const bodyKinds: Record<string, BodyKind> = {
  'application/json': 'json',
  'text/csv': 'csv',
  'multipart/form-data': 'upload',
  'application/gzip': 'gzip',
};

export function routesFromOpenApi(doc: OpenApiDoc): FuzzRoute[] {
  const out: FuzzRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const [mediaType, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      let schema = content?.schema;
      // PATCH bodies are free objects: generate them from the collection's schema, every field optional.
      if (method === 'patch' && !schema?.properties) {
        const parent = doc.paths[path.replace(/\/\{\w+\}$/, '')]?.post?.requestBody?.content;
        const full = parent?.['application/json']?.schema;
        if (full?.properties) schema = { ...full, required: [] };
      }
      out.push({
        method: method.toUpperCase(),
        path,
        area: 'api',
        access: op['x-required-role'],
        body: mediaType ? (bodyKinds[mediaType] ?? 'json') : 'none',
        ...(schema ? { schema } : {}),
        query: op.parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
      });
    }
  }
  return out;
}

const gatewayPaths: Record<GatewayOp['kind'], string> = {
  'db-info': '/sync/{collection}/',
  changes: '/sync/{collection}/_changes',
  'bulk-docs': '/sync/{collection}/_bulk_docs',
  'all-docs': '/sync/{collection}/_all_docs',
  'bulk-get': '/sync/{collection}/_bulk_get',
  'revs-diff': '/sync/{collection}/_revs_diff',
  'ensure-full-commit': '/sync/{collection}/_ensure_full_commit',
  local: '/sync/{collection}/_local/{localId}',
  doc: '/sync/{collection}/{docId}',
  attachment: '/sync/{collection}/{docId}/{attachment}',
};

const ruleSchemas: Record<Rule, Schema> = {
  bool: { enum: ['true', 'false'] },
  int: { type: 'integer', minimum: 0, maximum: 10_000 },
  string: { type: 'string', maxLength: 40 },
  json: { type: 'string', format: 'json' },
  ids: { type: 'string', format: 'json-ids' },
  revs: { type: 'string', format: 'json-revs' },
};
const stringHints: Record<string, Schema> = {
  feed: { enum: ['normal', 'longpoll', 'continuous', 'eventsource', 'websocket'] },
  style: { enum: ['all_docs', 'main_only', 'x'] },
  filter: { enum: ['_doc_ids', '_view', '_design', 'app/by_team', '_selector'] },
  since: { enum: ['0', 'now', '1', '9999999', '-1', '1-abc', '"0"'] },
};

export function gatewayRoutes(): FuzzRoute[] {
  return (Object.entries(gatewayMethods) as [GatewayOp['kind'], string[]][]).flatMap(([kind, methods]) =>
    methods.map((method) => ({
      method,
      path: gatewayPaths[kind],
      area: 'gateway' as const,
      access: 'viewer' as const,
      body: method === 'POST' || method === 'PUT' ? ('json' as const) : ('none' as const),
      kind,
      query: Object.entries(paramRules[kind] ?? {}).map(([name, rule]) => ({
        name,
        schema: stringHints[name] ?? ruleSchemas[rule],
      })),
    })),
  );
}

const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Schema;
const queryOf = (s: z.ZodObject) =>
  Object.entries(toSchema(s).properties ?? {}).map(([name, schema]) => ({ name, schema }));
const route = (r: Omit<FuzzRoute, 'query'> & Partial<Pick<FuzzRoute, 'query'>>): FuzzRoute => ({
  query: [],
  ...r,
});

/** Routes outside the OpenAPI document (outside /api/v1): web chat, Telegram and VK webhooks, ops, the web app. */
export function otherRoutes(): FuzzRoute[] {
  const webchat = { area: 'webchat' as const, access: 'public' as const, body: 'none' as const };
  const ops = { area: 'ops' as const, access: 'public' as const, body: 'none' as const };
  return [
    route({ ...webchat, method: 'GET', path: '/webchat/widget.js' }),
    route({ ...webchat, method: 'OPTIONS', path: '/webchat/v1/{key}/*' }),
    route({ ...webchat, method: 'GET', path: '/webchat/v1/{key}/config' }),
    // The Settings card's preview page of a widget (the real script in preview mode; posts nothing).
    route({ ...webchat, method: 'GET', path: '/webchat/preview', query: queryOf(previewQuerySchema) }),
    route({
      ...webchat,
      method: 'POST',
      path: '/webchat/v1/{key}/messages',
      body: 'json',
      schema: toSchema(webchatPostSchema),
    }),
    route({
      ...webchat,
      method: 'GET',
      path: '/webchat/v1/{key}/messages',
      query: queryOf(webchatListSchema),
    }),
    // The answer being written to a visitor, as server-sent events (ends by itself).
    route({
      ...webchat,
      method: 'GET',
      path: '/webchat/v1/{key}/draft',
      query: queryOf(webchatDraftSchema),
    }),
    // A file the team sent the visitor (only from the visitor's own conversation).
    route({
      ...webchat,
      method: 'GET',
      path: '/webchat/v1/{key}/files/{messageId}/{index}',
      query: queryOf(webchatFileSchema),
    }),
    // Telegram's calls (the secret-token header is checked; a Telegram update is free JSON).
    route({
      area: 'telegram',
      access: 'public',
      method: 'POST',
      path: '/telegram/webhook/{teamId}',
      body: 'json',
    }),
    // VK's Callback API calls (the `secret` in the event is checked; 404 for teams without one).
    route({ area: 'vk', access: 'public', method: 'POST', path: '/vk/callback/{teamId}', body: 'json' }),
    // The payment providers' webhooks and the operator's plan route are below /api/v1: in the OpenAPI
    // document (billing/routes.ts describes them), so fuzzed from it.
    route({ ...ops, method: 'GET', path: '/healthz' }),
    route({ ...ops, method: 'GET', path: '/readyz' }),
    route({ ...ops, method: 'GET', path: '/metrics' }),
    route({ ...ops, method: 'GET', path: '/' }),
    route({ ...ops, area: 'app', method: 'GET', path: '/app*' }),
  ];
}

export function fuzzRoutes(openapi: OpenApiDoc): FuzzRoute[] {
  return [...routesFromOpenApi(openapi), ...gatewayRoutes(), ...otherRoutes()];
}

/** What Express mounted: routes (method + path) and path-less or prefixed middleware (`USE`). */
export type Mounted = { method: string; path: string; name: string };

type Layer = {
  name: string;
  regexp: RegExp & { fast_slash?: boolean };
  handle: { stack?: Layer[] };
  route?: { path: string | string[]; methods: Record<string, boolean> };
};

function mountPath(layer: Layer): string {
  if (layer.regexp.fast_slash) return '';
  const m = /^\^((?:\\\/[\w.-]+)+)\\\/\?\(\?=\\\/\|\$\)$/.exec(layer.regexp.source);
  if (!m) throw new Error(`cannot read the mount path of ${layer.regexp.source}`);
  return m[1]!.replace(/\\\//g, '/');
}

export function registeredRoutes(app: Express): Mounted[] {
  const walk = (stack: Layer[], prefix: string): Mounted[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        return Object.keys(layer.route.methods).flatMap((m) =>
          paths.map((p) => ({
            method: m === '_all' ? 'ALL' : m.toUpperCase(),
            path: `${prefix}${p}`.replace(/:(\w+)/g, '{$1}'),
            name: 'route',
          })),
        );
      }
      const at = `${prefix}${mountPath(layer)}`;
      if (layer.name === 'router' && layer.handle.stack) return walk(layer.handle.stack, at);
      return [{ method: 'USE', path: at, name: layer.name || '<anonymous>' }];
    });
  const router = (app as unknown as { _router: { stack: Layer[] } })._router;
  return walk(router.stack, '');
}

/** Does the fuzz route template cover the mounted path (parameter names aside)? */
export function covers(fuzz: FuzzRoute, mounted: Mounted): boolean {
  const norm = (p: string) => p.replace(/\{\w+\}/g, '{}');
  return fuzz.method === mounted.method && norm(fuzz.path) === norm(mounted.path);
}
