// What the by-name settings specs of a team's tools share (webhook-routes.ts, mcp-routes.ts): where
// their docs are listed and read, their messages for a taken or a missing name, their secret paths
// (the header list of their field list, @app/shared/settings), and the common part of a tool's doc:
// its id, revision, team, name, header values sealed (left out: the stored ones kept), enabled, stamp.
import { secretPaths, type SettingsField } from '@app/shared/settings';
import type { ServerDeps } from '../context';
import type { SettingsContext } from '../settings/spec';
import { tag } from './route-kit';
import {
  listTools,
  readTool,
  sealHeaders,
  toolDocId,
  type McpServerDoc,
  type ToolKind,
  type WebhookToolDoc,
} from './settings';

/** How messages name one tool of the kind: `A webhook tool`, and after "No": `webhook tool`. */
type Naming = { one: string; what: string };

/** The spec's parts every tool kind has, over its kind's docs. */
export function toolSpecParts<Doc extends WebhookToolDoc | McpServerDoc>(
  deps: ServerDeps,
  kind: ToolKind,
  fields: readonly SettingsField[],
  naming: Naming,
) {
  return {
    tag,
    resource: 'integrations' as const,
    exists: (name: string) => `${naming.one} named ${name} exists`,
    missing: (name: string) => `No ${naming.what} named ${name}`,
    secrets: secretPaths(fields),
    list: (ctx: SettingsContext) => listTools<Doc>(deps.store, ctx.teamId, kind),
    read: (name: string, ctx: SettingsContext) => readTool<Doc>(deps.store, ctx.teamId, kind, name),
  };
}

/** The common part of a tool's next doc from its body (`current`: the stored one, or null). */
export function toolDocBase(
  deps: ServerDeps,
  kind: ToolKind,
  body: { name: string; headers?: Record<string, string> | undefined; enabled: boolean },
  current: { _rev?: string; headers: WebhookToolDoc['headers'] } | null,
  { teamId, userId, at }: SettingsContext,
) {
  return {
    _id: toolDocId(teamId, kind, body.name),
    ...(current?._rev ? { _rev: current._rev } : {}),
    teamId,
    name: body.name,
    headers: body.headers
      ? sealHeaders(deps.encryptionKey, teamId, kind, body.name, body.headers)
      : (current?.headers ?? {}),
    enabled: body.enabled,
    updatedAt: at,
    updatedBy: userId,
  };
}
