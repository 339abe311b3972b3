// The admin API of a team's integrations (admins only: the access table's `integrations` row). No
// answer ever carries a credential or a header value, only which ones are set.
// - `GET /integrations`, `GET|PUT|DELETE /integrations/<kind>` for notion, asana, trello, github
//   (task trackers: the enabled one saved last is the team's) and google (calendar);
//   `POST /integrations/<kind>/test` reads the target with the given settings (or the stored ones)
//   and answers `{ ok, detail | error }`, so a wrong token is an answer, not an error;
// - `GET|POST /tools/webhooks`, `PUT|DELETE /tools/webhooks/<name>`: admin webhook tools (JSON-schema
//   arguments compiled on save, the URL checked by the SSRF guard, header values sealed);
// - `GET|POST /tools/mcp`, `PUT|DELETE /tools/mcp/<name>`, `POST /tools/mcp/<name>/test`: MCP servers
//   over Streamable HTTP (stdio servers come only from the server's own config, never from here);
// - `GET /tools`: the names of the tools the team's agents can be allowed (the Agents screen).
import type { Router } from 'express';
import { z } from 'zod';
import { builtinToolNames, checkUrl, jsonSchemaValidator, webhookTool } from '@app/shared/agents';
import { DomainError } from '@app/shared/errors';
import type { ServerDeps } from '../context';
import { removeChannelDoc } from '../channels/settings-docs';
import { authOf, parse, route } from '../http/route';
import type { RouteModule, RouteRegistry } from '../http/registry';
import { calendarAdapterOf, connectMcpServer, taskAdapterOf, type OutboundDeps } from './build';
import {
  buildIntegrationDoc,
  integrationInput,
  integrationKinds,
  integrationView,
  listTools,
  readIntegration,
  readTool,
  saveSettingsDoc,
  sealHeaders,
  toolDocId,
  type IntegrationDoc,
  type IntegrationKind,
  type McpServerDoc,
  type WebhookToolDoc,
} from './settings';

export type IntegrationRouteOptions = {
  outbound: OutboundDeps;
  /** A team's integrations changed: its agents' tools are built again. */
  changed?: (teamId: string) => void;
};

const tag = 'integrations';
const checkView = z.union([
  z.object({ ok: z.literal(true), detail: z.string() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
const integrationViewSchema = z.object({
  kind: z.enum(integrationKinds),
  configured: z.boolean(),
  enabled: z.boolean().optional(),
  settings: z.record(z.string(), z.string()).optional(),
  secretsSet: z.array(z.string()).optional(),
  updatedAt: z.string().optional(),
});

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'is not a header name' });
const headers = z
  .record(headerName, z.string().max(4000))
  .refine((h) => Object.keys(h).length <= 20, { message: 'at most 20 headers' });
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url({ message: 'must be an http(s) URL' })
  .regex(/^https?:\/\//i, { message: 'must be an http(s) URL' });

const webhookInput = z.strictObject({
  name: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, { message: 'holds 1-64 letters, digits, _ or -' })
    .refine((n) => !n.includes('__'), { message: 'may not hold "__" (MCP tools are named so)' })
    .refine((n) => !(builtinToolNames as readonly string[]).includes(n), {
      message: 'is the name of a built-in tool',
    }),
  description: z.string().trim().min(1).max(1000),
  parameters: z.record(z.string(), z.unknown()),
  url: httpUrl,
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  headers: headers.optional(),
  enabled: z.boolean().default(true),
});
const webhookView = z.object({
  name: z.string(),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  url: z.string(),
  method: z.string(),
  headerNames: z.array(z.string()),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
const mcpInput = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,32}$/, { message: 'holds 1-32 letters, digits, _ or -' }),
  url: httpUrl,
  headers: headers.optional(),
  enabled: z.boolean().default(true),
});
const mcpCheck = z.union([
  z.object({ ok: z.literal(true), tools: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
const mcpView = z.object({
  name: z.string(),
  url: z.string(),
  headerNames: z.array(z.string()),
  enabled: z.boolean(),
  toolNames: z.array(z.string()).optional(),
  updatedAt: z.string(),
  check: mcpCheck.optional(),
});

const webhookViewOf = (d: WebhookToolDoc) => ({
  name: d.name,
  description: d.description,
  parameters: d.parameters,
  url: d.url,
  method: d.method,
  headerNames: Object.keys(d.headers),
  enabled: d.enabled,
  updatedAt: d.updatedAt,
});
const mcpViewOf = (d: McpServerDoc) => ({
  name: d.name,
  url: d.url,
  headerNames: Object.keys(d.headers),
  enabled: d.enabled,
  ...(d.toolNames ? { toolNames: d.toolNames } : {}),
  updatedAt: d.updatedAt,
});

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The URL an admin gives, checked by the same SSRF policy the calls go through (400 naming it). */
async function checkTarget(url: string, outbound: OutboundDeps): Promise<void> {
  try {
    await checkUrl(new URL(url), outbound.policy);
  } catch (e) {
    throw new DomainError('validation-failed', `url: ${message(e)}`);
  }
}

function addIntegrationRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
) {
  registry.add(
    router,
    {
      method: 'get',
      path: '/integrations',
      summary: "The team's task tracker and calendar integrations (no credentials)",
      tag,
      access: { resource: 'integrations', op: 'read' },
      response: z.object({ integrations: z.array(integrationViewSchema) }),
    },
    route(async (_req, res) => {
      const teamId = authOf(res).teamId;
      const docs = await Promise.all(integrationKinds.map((k) => readIntegration(deps.store, teamId, k)));
      res.json({ integrations: integrationKinds.map((k, i) => integrationView(k, docs[i] ?? null)) });
    }),
  );
  for (const kind of integrationKinds) addKindRoutes(router, registry, deps, opts, kind);
}

function adapterCheck(deps: ServerDeps, doc: IntegrationDoc, outbound: OutboundDeps) {
  if (doc.kind === 'google') return calendarAdapterOf(deps.encryptionKey, doc, outbound).check();
  return taskAdapterOf(deps.encryptionKey, doc, outbound)!.check();
}

function addKindRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
  kind: IntegrationKind,
) {
  const path = `/integrations/${kind}`;
  const input = integrationInput(kind);
  const build = (teamId: string, userId: string, body: unknown, current: IntegrationDoc | null) => {
    const doc = buildIntegrationDoc(deps.encryptionKey, teamId, kind, parse(input, body), current, {
      updatedAt: deps.now().toISOString(),
      updatedBy: userId,
    });
    if ('missing' in doc) throw new DomainError('validation-failed', `${doc.missing}: is required`);
    return doc;
  };
  registry.add(
    router,
    {
      method: 'get',
      path,
      summary: `The ${kind} integration (no credentials)`,
      tag,
      access: { resource: 'integrations', op: 'read' },
      response: integrationViewSchema,
    },
    route(async (_req, res) => {
      res.json(integrationView(kind, await readIntegration(deps.store, authOf(res).teamId, kind)));
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path,
      summary: `Set the ${kind} integration (credentials stored encrypted; left out: kept)`,
      tag,
      access: { resource: 'integrations', op: 'update' },
      body: input,
      response: integrationViewSchema,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const current = await readIntegration(deps.store, auth.teamId, kind);
      const doc = build(auth.teamId, auth.userId, req.body, current);
      await saveSettingsDoc(deps.store, doc);
      opts.changed?.(auth.teamId);
      res.json(integrationView(kind, doc));
    }),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path,
      summary: `Remove the ${kind} integration and its credentials`,
      tag,
      access: { resource: 'integrations', op: 'delete' },
      status: 204,
    },
    route(async (_req, res) => {
      const auth = authOf(res);
      await removeChannelDoc(deps.store, await readIntegration(deps.store, auth.teamId, kind));
      opts.changed?.(auth.teamId);
      res.status(204).end();
    }),
  );
  const testBody = z.union([input, z.strictObject({})]);
  registry.add(
    router,
    {
      method: 'post',
      path: `${path}/test`,
      summary: `Reach ${kind} with these settings (or the stored ones) without writing anything`,
      tag,
      access: { resource: 'integrations', op: 'update' },
      body: testBody,
      response: checkView,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const body = parse(testBody, req.body ?? {});
      const current = await readIntegration(deps.store, auth.teamId, kind);
      let doc = current;
      if (Object.keys(body).length > 0) doc = build(auth.teamId, auth.userId, body, current);
      if (!doc)
        throw new DomainError('validation-failed', `no ${kind} settings stored: send the settings to test`);
      res.json(await adapterCheck(deps, doc, opts.outbound));
    }),
  );
}

function addWebhookRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
) {
  const base = '/tools/webhooks';
  const read = (teamId: string, name: string) =>
    readTool<WebhookToolDoc>(deps.store, teamId, 'webhook', name);
  async function build(
    teamId: string,
    userId: string,
    body: z.infer<typeof webhookInput>,
    current: WebhookToolDoc | null,
  ) {
    if (body.parameters.type !== 'object')
      throw new DomainError('validation-failed', 'parameters: must be a JSON schema of "type": "object"');
    try {
      jsonSchemaValidator(body.parameters);
    } catch (e) {
      throw new DomainError('validation-failed', `parameters: not a valid JSON schema (${message(e)})`);
    }
    await checkTarget(body.url, opts.outbound);
    try {
      webhookTool({
        name: body.name,
        description: body.description,
        parameters: body.parameters,
        url: body.url,
      });
    } catch (e) {
      throw new DomainError('validation-failed', `url: ${message(e)}`);
    }
    const doc: WebhookToolDoc = {
      _id: toolDocId(teamId, 'webhook', body.name),
      ...(current?._rev ? { _rev: current._rev } : {}),
      type: 'webhook-tool',
      teamId,
      name: body.name,
      description: body.description,
      parameters: body.parameters,
      url: body.url,
      method: body.method,
      headers: body.headers
        ? sealHeaders(deps.encryptionKey, teamId, 'webhook', body.name, body.headers)
        : (current?.headers ?? {}),
      enabled: body.enabled,
      updatedAt: deps.now().toISOString(),
      updatedBy: userId,
    };
    return doc;
  }
  const access = (op: 'read' | 'create' | 'update' | 'delete') => ({ resource: 'integrations' as const, op });
  registry.add(
    router,
    {
      method: 'get',
      path: base,
      summary: "The team's webhook tools",
      tag,
      access: access('read'),
      response: z.object({ webhooks: z.array(webhookView) }),
    },
    route(async (_req, res) => {
      const docs = await listTools<WebhookToolDoc>(deps.store, authOf(res).teamId, 'webhook');
      res.json({ webhooks: docs.map(webhookViewOf) });
    }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: base,
      summary: 'Define a webhook tool (header values stored encrypted)',
      tag,
      access: access('create'),
      body: webhookInput,
      response: webhookView,
      status: 201,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const body = parse(webhookInput, req.body);
      if (await read(auth.teamId, body.name))
        throw new DomainError('conflict', `A webhook tool named ${body.name} exists`);
      const doc = await build(auth.teamId, auth.userId, body, null);
      await saveSettingsDoc(deps.store, doc);
      opts.changed?.(auth.teamId);
      res.status(201).json(webhookViewOf(doc));
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: `${base}/:name`,
      summary: 'Change a webhook tool (headers left out: kept)',
      tag,
      access: access('update'),
      body: webhookInput.partial({ name: true }),
      response: webhookView,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const name = String(req.params.name);
      const current = await read(auth.teamId, name);
      if (!current) throw new DomainError('not-found', `No webhook tool named ${name}`);
      const body = parse(webhookInput, { ...(req.body as object), name });
      const doc = await build(auth.teamId, auth.userId, body, current);
      await saveSettingsDoc(deps.store, doc);
      opts.changed?.(auth.teamId);
      res.json(webhookViewOf(doc));
    }),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: `${base}/:name`,
      summary: 'Remove a webhook tool',
      tag,
      access: access('delete'),
      status: 204,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const current = await read(auth.teamId, String(req.params.name));
      if (!current) throw new DomainError('not-found', `No webhook tool named ${String(req.params.name)}`);
      await removeChannelDoc(deps.store, current);
      opts.changed?.(auth.teamId);
      res.status(204).end();
    }),
  );
}

function addMcpRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
) {
  const base = '/tools/mcp';
  const read = (teamId: string, name: string) => readTool<McpServerDoc>(deps.store, teamId, 'mcp', name);
  const access = (op: 'read' | 'create' | 'update' | 'delete') => ({ resource: 'integrations' as const, op });

  /** Connects and lists the tools (bounded), so the admin sees at once whether the server answers. */
  async function probe(doc: McpServerDoc): Promise<z.infer<typeof mcpCheck>> {
    try {
      const { connection, tools } = await Promise.race([
        connectMcpServer(deps.encryptionKey, doc, opts.outbound),
        new Promise<never>((_, fail) =>
          setTimeout(() => fail(new Error('no answer in 10 s')), 10_000).unref(),
        ),
      ]);
      await connection.close().catch(() => undefined);
      return { ok: true, tools: tools.map((t) => t.name) };
    } catch (e) {
      return { ok: false, error: message(e).slice(0, 500) };
    }
  }

  async function save(
    teamId: string,
    userId: string,
    body: z.infer<typeof mcpInput>,
    current: McpServerDoc | null,
  ) {
    await checkTarget(body.url, opts.outbound);
    const doc: McpServerDoc = {
      _id: toolDocId(teamId, 'mcp', body.name),
      ...(current?._rev ? { _rev: current._rev } : {}),
      type: 'mcp-server',
      teamId,
      name: body.name,
      url: body.url,
      headers: body.headers
        ? sealHeaders(deps.encryptionKey, teamId, 'mcp', body.name, body.headers)
        : (current?.headers ?? {}),
      enabled: body.enabled,
      ...(current?.toolNames ? { toolNames: current.toolNames } : {}),
      updatedAt: deps.now().toISOString(),
      updatedBy: userId,
    };
    const check = await probe(doc);
    if (check.ok) doc.toolNames = check.tools;
    await saveSettingsDoc(deps.store, doc);
    opts.changed?.(teamId);
    return { ...mcpViewOf(doc), check };
  }

  registry.add(
    router,
    {
      method: 'get',
      path: base,
      summary: "The team's MCP servers (Streamable HTTP)",
      tag,
      access: access('read'),
      response: z.object({ servers: z.array(mcpView) }),
    },
    route(async (_req, res) => {
      const docs = await listTools<McpServerDoc>(deps.store, authOf(res).teamId, 'mcp');
      res.json({ servers: docs.map(mcpViewOf) });
    }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: base,
      summary: 'Add an MCP server over Streamable HTTP (connects and lists its tools)',
      tag,
      access: access('create'),
      body: mcpInput,
      response: mcpView,
      status: 201,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const body = parse(mcpInput, req.body);
      if (await read(auth.teamId, body.name))
        throw new DomainError('conflict', `An MCP server named ${body.name} exists`);
      res.status(201).json(await save(auth.teamId, auth.userId, body, null));
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: `${base}/:name`,
      summary: 'Change an MCP server (headers left out: kept)',
      tag,
      access: access('update'),
      body: mcpInput.partial({ name: true }),
      response: mcpView,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const name = String(req.params.name);
      const current = await read(auth.teamId, name);
      if (!current) throw new DomainError('not-found', `No MCP server named ${name}`);
      res.json(
        await save(auth.teamId, auth.userId, parse(mcpInput, { ...(req.body as object), name }), current),
      );
    }),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: `${base}/:name`,
      summary: 'Remove an MCP server',
      tag,
      access: access('delete'),
      status: 204,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const current = await read(auth.teamId, String(req.params.name));
      if (!current) throw new DomainError('not-found', `No MCP server named ${String(req.params.name)}`);
      await removeChannelDoc(deps.store, current);
      opts.changed?.(auth.teamId);
      res.status(204).end();
    }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: `${base}/:name/test`,
      summary: 'Connect to an MCP server and list its tools',
      tag,
      access: access('update'),
      response: mcpCheck,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const current = await read(auth.teamId, String(req.params.name));
      if (!current) throw new DomainError('not-found', `No MCP server named ${String(req.params.name)}`);
      const check = await probe(current);
      if (check.ok && check.tools.join() !== (current.toolNames ?? []).join()) {
        const next: McpServerDoc = { ...current, toolNames: check.tools };
        await saveSettingsDoc(deps.store, next);
        opts.changed?.(auth.teamId);
      }
      res.json(check);
    }),
  );
}

function addToolListRoute(router: Router, registry: RouteRegistry, deps: ServerDeps) {
  registry.add(
    router,
    {
      method: 'get',
      path: '/tools',
      summary: "Names of the tools the team's agents can be allowed: built-in, webhook, MCP",
      tag,
      access: 'member',
      response: z.object({
        builtin: z.array(z.string()),
        webhooks: z.array(z.string()),
        mcp: z.array(z.string()),
      }),
    },
    route(async (_req, res) => {
      const teamId = authOf(res).teamId;
      const [webhooks, servers] = await Promise.all([
        listTools<WebhookToolDoc>(deps.store, teamId, 'webhook'),
        listTools<McpServerDoc>(deps.store, teamId, 'mcp'),
      ]);
      res.json({
        builtin: [...builtinToolNames],
        webhooks: webhooks.filter((w) => w.enabled).map((w) => w.name),
        // As the agents see them: `<server>__<tool>` (listed when the server was saved or tested).
        mcp: servers.filter((s) => s.enabled).flatMap((s) => s.toolNames ?? []),
      });
    }),
  );
}

export function integrationRoutes(opts: IntegrationRouteOptions): RouteModule<ServerDeps> {
  return (router, registry, deps) => {
    addToolListRoute(router, registry, deps);
    addIntegrationRoutes(router, registry, deps, opts);
    addWebhookRoutes(router, registry, deps, opts);
    addMcpRoutes(router, registry, deps, opts);
  };
}
