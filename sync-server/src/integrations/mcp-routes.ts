// MCP servers over Streamable HTTP: `GET|POST /tools/mcp`, `PUT|DELETE /tools/mcp/<name>`,
// `POST /tools/mcp/<name>/test`. Saving connects and lists the server's tools (bounded), so the admin
// sees at once whether it answers. Servers over stdio come only from the server's own config file,
// never from here: the body takes a URL and headers, nothing to run.
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { ServerDeps } from '../context';
import { removeChannelDoc } from '../settings/settings-docs';
import { authOf, parse, route } from '../http/route';
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
import { listTools, readTool, saveSettingsDoc, sealHeaders, toolDocId, type McpServerDoc } from './settings';

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

const mcpViewOf = (d: McpServerDoc) => ({
  name: d.name,
  url: d.url,
  headerNames: Object.keys(d.headers),
  enabled: d.enabled,
  ...(d.toolNames ? { toolNames: d.toolNames } : {}),
  updatedAt: d.updatedAt,
});

export function addMcpRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
) {
  const base = '/tools/mcp';
  const read = (teamId: string, name: string) => readTool<McpServerDoc>(deps.store, teamId, 'mcp', name);

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
