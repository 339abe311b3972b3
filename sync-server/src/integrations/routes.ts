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
import { secretPaths, settingsFields } from '@app/shared/settings';
import type { ServerDeps } from '../context';
import { addSettingsRoutes } from '../settings/routes';
import type { SettingsSpec } from '../settings/spec';
import { authOf, route } from '../http/route';
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

/** Adds a group of the integration routes (integrationRoutes mounts them all). */
type AddIntegrationRoutes = (
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
) => void;

const addIntegrationRoutes: AddIntegrationRoutes = (router, registry, deps, opts) => {
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
  for (const kind of integrationKinds)
    addSettingsRoutes(router, registry, integrationSpec(deps, opts, kind), { deps, changed: opts.changed });
};

function adapterCheck(deps: ServerDeps, doc: IntegrationDoc, outbound: OutboundDeps) {
  if (doc.kind === 'google') return calendarAdapterOf(deps.encryptionKey, doc, outbound).check();
  return taskAdapterOf(deps.encryptionKey, doc, outbound)!.check();
}

/** A task tracker's or the calendar's settings as a spec (settings/spec.ts): credentials sealed. */
function integrationSpec(
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
  kind: IntegrationKind,
): SettingsSpec<IntegrationDoc, ReturnType<typeof integrationInput>> {
  return {
    path: `/integrations/${kind}`,
    tag,
    resource: 'integrations',
    summaries: {
      get: `The ${kind} integration (no credentials)`,
      put: `Set the ${kind} integration (credentials stored encrypted; left out: kept)`,
      delete: `Remove the ${kind} integration and its credentials`,
    },
    input: integrationInput(kind),
    secrets: secretPaths(settingsFields[kind]),
    view: integrationViewSchema,
    viewOf: (doc) => integrationView(kind, doc),
    read: (ctx) => readIntegration(deps.store, ctx.teamId, kind),
    build(input, current, { teamId, userId, at }) {
      const doc = buildIntegrationDoc(deps.encryptionKey, teamId, kind, input, current, {
        updatedAt: at,
        updatedBy: userId,
      });
      if ('missing' in doc) throw new DomainError('validation-failed', `${doc.missing}: is required`);
      return doc;
    },
    check: {
      path: 'test',
      summary: `Reach ${kind} with these settings (or the stored ones) without writing anything`,
      response: checkView,
      nothingStored: `no ${kind} settings stored: send the settings to test`,
      run: (doc) => adapterCheck(deps, doc, opts.outbound),
    },
  };
}

const addToolListRoute: AddIntegrationRoutes = (router, registry, deps, opts) => {
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
};

export function integrationRoutes(opts: IntegrationRouteOptions): RouteModule<ServerDeps> {
  return (router, registry, deps) => {
    addToolListRoute(router, registry, deps, opts);
    addIntegrationRoutes(router, registry, deps, opts);
    addWebhookRoutes(router, registry, deps, opts);
    addMcpRoutes(router, registry, deps, opts);
  };
}
