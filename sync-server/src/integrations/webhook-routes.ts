// Admin webhook tools: `GET|POST /tools/webhooks`, `PUT|DELETE /tools/webhooks/<name>`. The JSON
// schema of the arguments is compiled on save, the URL checked by the SSRF guard (and its `{param}`
// placeholders kept to the path), header values sealed and never answered.
import type { Router } from 'express';
import { z } from 'zod';
import { builtinToolNames, jsonSchemaValidator, webhookTool } from '@app/shared/agents';
import { settingsFields } from '@app/shared/settings';
import { DomainError } from '@app/shared/errors';
import type { ServerDeps } from '../context';
import { addNamedSettingsRoutes } from '../settings/routes';
import type { NamedSettingsSpec, SettingsContext } from '../settings/spec';
import type { RouteRegistry } from '../http/registry';
import { checkTarget, headers, httpUrl, message, type IntegrationRouteOptions } from './route-kit';
import type { WebhookToolDoc } from './settings';
import { toolDocBase, toolSpecParts } from './tool-spec';

/** The body of a new webhook tool (its fields: @app/shared/settings `webhookTool`). */
export const webhookInput = z.strictObject({
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

/** Admin webhook tools as a by-name settings spec (settings/spec.ts): header values sealed. */
function webhookSpec(
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
): NamedSettingsSpec<WebhookToolDoc, typeof webhookInput> {
  return {
    path: '/tools/webhooks',
    ...toolSpecParts<WebhookToolDoc>(deps, 'webhook', settingsFields.webhookTool, {
      one: 'A webhook tool',
      what: 'webhook tool',
    }),
    listKey: 'webhooks',
    summaries: {
      list: "The team's webhook tools",
      create: 'Define a webhook tool (header values stored encrypted)',
      update: 'Change a webhook tool (headers left out: kept)',
      delete: 'Remove a webhook tool',
    },
    input: webhookInput,
    view: webhookView,
    viewOf: webhookViewOf,
    build: (body, current, ctx) => build(deps, opts, body, current, ctx),
  };
}

/** The doc of a webhook tool: its argument schema compiled, its URL checked, its header values sealed. */
async function build(
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
  body: z.infer<typeof webhookInput>,
  current: WebhookToolDoc | null,
  ctx: SettingsContext,
): Promise<WebhookToolDoc> {
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
  return {
    ...toolDocBase(deps, 'webhook', body, current, ctx),
    type: 'webhook-tool',
    description: body.description,
    parameters: body.parameters,
    url: body.url,
    method: body.method,
  };
}

export const addWebhookRoutes = (
  router: Router,
  registry: RouteRegistry,
  deps: ServerDeps,
  opts: IntegrationRouteOptions,
) => addNamedSettingsRoutes(router, registry, webhookSpec(deps, opts), { deps, changed: opts.changed });
