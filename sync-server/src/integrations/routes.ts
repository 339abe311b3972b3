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
import { builtinToolNames } from '@app/shared/agents';
import { DomainError } from '@app/shared/errors';
import type { ServerDeps } from '../context';
import { removeChannelDoc } from '../settings/settings-docs';
import { authOf, parse, route } from '../http/route';
import type { RouteModule, RouteRegistry } from '../http/registry';
import { calendarAdapterOf, taskAdapterOf, type OutboundDeps } from './build';
import { addMcpRoutes } from './mcp-routes';
import { tag, type IntegrationRouteOptions } from './route-kit';
import {
  buildIntegrationDoc,
  integrationInput,
  integrationKinds,
  integrationView,
  listTools,
  readIntegration,
  saveSettingsDoc,
  type IntegrationDoc,
  type IntegrationKind,
  type McpServerDoc,
  type WebhookToolDoc,
} from './settings';
import { addWebhookRoutes } from './webhook-routes';

export type { IntegrationRouteOptions } from './route-kit';

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
      // An empty body tests the stored settings (defaults filled in by the schema do not count).
      if (Object.keys((req.body ?? {}) as object).length > 0)
        doc = build(auth.teamId, auth.userId, body, current);
      if (!doc)
        throw new DomainError('validation-failed', `no ${kind} settings stored: send the settings to test`);
      res.json(await adapterCheck(deps, doc, opts.outbound));
    }),
  );
}

function addToolListRoute(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
) {
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
        mcp: [
          ...servers.filter((s) => s.enabled).flatMap((s) => s.toolNames ?? []),
          ...(opts.stdioToolNames?.(teamId) ?? []),
        ],
      });
    }),
  );
}

export function integrationRoutes(opts: IntegrationRouteOptions): RouteModule<ServerDeps> {
  return (router, registry, deps) => {
    addToolListRoute(router, registry, deps, opts);
    addIntegrationRoutes(router, registry, deps, opts);
    addWebhookRoutes(router, registry, deps, opts);
    addMcpRoutes(router, registry, deps, opts);
  };
}
