// MCP servers over Streamable HTTP: `GET|POST /tools/mcp`, `PUT|DELETE /tools/mcp/<name>`,
// `POST /tools/mcp/<name>/test`. Saving connects and lists the server's tools (bounded), so the admin
// sees at once whether it answers. Servers over stdio come only from the server's own config file,
// never from here: the body takes a URL and headers, nothing to run.
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { settingsFields } from '@app/shared/settings';
import type { ServerDeps } from '../context';
import { addNamedSettingsRoutes } from '../settings/routes';
import type { NamedSettingsSpec } from '../settings/spec';
import { authOf, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { connectMcpServer } from './build';
import {
  access,
  checkTarget,
  headers,
  httpUrl,
  message,
  tag,
  type IntegrationRouteOptions,
} from './route-kit';
import { readTool, saveSettingsDoc, type McpServerDoc } from './settings';
import { toolDocBase, toolSpecParts } from './tool-spec';

/** The body of a new MCP server (its fields: @app/shared/settings `mcpServer`). */
export const mcpInput = z.strictObject({
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

const mcpViewOf = (d: McpServerDoc) => ({
  name: d.name,
  url: d.url,
  headerNames: Object.keys(d.headers),
  enabled: d.enabled,
  ...(d.toolNames ? { toolNames: d.toolNames } : {}),
  updatedAt: d.updatedAt,
});

/** Connects and lists the tools (bounded), so the admin sees at once whether the server answers. */
async function probe(
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
  doc: McpServerDoc,
): Promise<z.infer<typeof mcpCheck>> {
  try {
    const { connection, tools } = await Promise.race([
      connectMcpServer(deps.encryptionKey, doc, opts.outbound),
      new Promise<never>((_, fail) => setTimeout(() => fail(new Error('no answer in 10 s')), 10_000).unref()),
    ]);
    await connection.close().catch(() => undefined);
    return { ok: true, tools: tools.map((t) => t.name) };
  } catch (e) {
    return { ok: false, error: message(e).slice(0, 500) };
  }
}

/** MCP servers as a by-name settings spec (settings/spec.ts): header values sealed, tools listed on save. */
function mcpSpec(
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
): NamedSettingsSpec<McpServerDoc, typeof mcpInput> {
  return {
    path: '/tools/mcp',
    ...toolSpecParts<McpServerDoc>(deps, 'mcp', settingsFields.mcpServer, {
      one: 'An MCP server',
      what: 'MCP server',
    }),
    listKey: 'servers',
    summaries: {
      list: "The team's MCP servers (Streamable HTTP)",
      create: 'Add an MCP server over Streamable HTTP (connects and lists its tools)',
      update: 'Change an MCP server (headers left out: kept)',
      delete: 'Remove an MCP server',
    },
    input: mcpInput,
    view: mcpView,
    viewOf: mcpViewOf,
    async build(body, current, ctx) {
      await checkTarget(body.url, opts.outbound);
      return {
        ...toolDocBase(deps, 'mcp', body, current, ctx),
        type: 'mcp-server',
        url: body.url,
        ...(current?.toolNames ? { toolNames: current.toolNames } : {}),
      };
    },
    async beforeSave(doc) {
      const check = await probe(deps, opts, doc);
      if (check.ok) doc.toolNames = check.tools;
      return { check };
    },
  };
}

export function addMcpRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
) {
  const spec = mcpSpec(deps, opts);
  addNamedSettingsRoutes(router, registry, spec, { deps, changed: opts.changed });
  registry.add(
    router,
    {
      method: 'post',
      path: `${spec.path}/:name/test`,
      summary: 'Connect to an MCP server and list its tools',
      tag,
      access: access('update'),
      response: mcpCheck,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const name = String(req.params.name);
      const current = await readTool<McpServerDoc>(deps.store, auth.teamId, 'mcp', name);
      if (!current) throw new DomainError('not-found', spec.missing(name));
      const check = await probe(deps, opts, current);
      if (check.ok && check.tools.join() !== (current.toolNames ?? []).join()) {
        const next: McpServerDoc = { ...current, toolNames: check.tools };
        await saveSettingsDoc(deps.store, next);
        opts.changed?.(auth.teamId);
      }
      res.json(check);
    }),
  );
}
