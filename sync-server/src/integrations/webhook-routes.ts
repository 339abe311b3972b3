// Admin webhook tools: `GET|POST /tools/webhooks`, `PUT|DELETE /tools/webhooks/<name>`. The JSON
// schema of the arguments is compiled on save, the URL checked by the SSRF guard (and its `{param}`
// placeholders kept to the path), header values sealed and never answered.
import type { Router } from 'express';
import { z } from 'zod';
import { builtinToolNames, jsonSchemaValidator, webhookTool } from '@app/shared/agents';
import { DomainError } from '@app/shared/errors';
import type { ServerDeps } from '../context';
import { removeChannelDoc } from '../settings/settings-docs';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import {
  access,
  checkTarget,
  headers,
  httpUrl,
  message,
  tag,
  type IntegrationRouteOptions,
} from './route-kit';
import {
  listTools,
  readTool,
  saveSettingsDoc,
  sealHeaders,
  toolDocId,
  type WebhookToolDoc,
} from './settings';

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

export function addWebhookRoutes(
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
