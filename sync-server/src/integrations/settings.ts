// A team's integrations, kept in the `app_channels` system database beside the channels' settings:
// - `integration:<team>:<kind>`: a task tracker (Notion, Asana, Trello, GitHub Projects) or Google
//   Calendar, its ids in `settings` and its credentials sealed in `secrets` (settings/sealed.ts: the
//   team id and field as additional data);
// - `tool:<team>:webhook:<name>` and `tool:<team>:mcp:<name>`: admin webhook tools and MCP servers
//   over Streamable HTTP, their header values sealed.
// Views for the API never carry a secret, only which ones are set.
import { z } from 'zod';
import type { Store } from '../context';
import { aadFor, seal, unseal, type Sealed } from '../settings/sealed';
import { readChannelSettingsDoc, saveChannelDoc } from '../settings/settings-docs';
import { systemDocs, type SystemDoc } from '../store/data';

export const taskKinds = ['notion', 'asana', 'trello', 'github'] as const;
export const integrationKinds = [...taskKinds, 'google'] as const;
export type IntegrationKind = (typeof integrationKinds)[number];

const id = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `${what} is required` })
    .max(200)
    .regex(/^[A-Za-z0-9_:.@-]+$/, { message: `${what} holds letters, digits and _ : . @ - only` });
const secret = z.string().trim().min(8, { message: 'is too short to be a credential' }).max(4000);

type Fields = {
  settings: z.ZodRawShape;
  secrets: readonly string[];
  /** When the credentials are one of several sets: what is missing, if anything. */
  missing?: (settings: Record<string, string | undefined>, secrets: string[]) => string | undefined;
};

/** Each kind's fields: its ids (stored as they are) and its credentials (sealed). */
export const integrationFields = {
  notion: { settings: { databaseId: id('databaseId') }, secrets: ['token'] },
  asana: { settings: { projectId: id('projectId') }, secrets: ['token'] },
  trello: { settings: { listId: id('listId') }, secrets: ['key', 'token'] },
  github: { settings: { projectId: id('projectId (the ProjectV2 node id, PVT_...)') }, secrets: ['token'] },
  // Google: an OAuth client's id and secret with a refresh token (access tokens are fetched and
  // refreshed), or a fixed access token (it lasts an hour: for trying out).
  google: {
    settings: { calendarId: id('calendarId').default('primary'), clientId: id('clientId').optional() },
    secrets: ['refreshToken', 'clientSecret', 'accessToken'],
    missing: (settings, secrets) =>
      secrets.includes('accessToken') ||
      (settings.clientId && secrets.includes('refreshToken') && secrets.includes('clientSecret'))
        ? undefined
        : 'clientId, clientSecret and refreshToken (or accessToken)',
  },
} as const satisfies Record<IntegrationKind, Fields>;

/** PUT body of a kind: its ids, its credentials (left out: the stored ones stay), `enabled`. */
export function integrationInput(kind: IntegrationKind) {
  const fields = integrationFields[kind];
  return z.strictObject({
    ...fields.settings,
    ...Object.fromEntries(fields.secrets.map((s) => [s, secret.optional()])),
    enabled: z.boolean().default(true),
  });
}

type Stamp = { updatedAt: string; updatedBy: string };

export type IntegrationDoc = Stamp & {
  _id: string;
  _rev?: string;
  type: 'integration';
  teamId: string;
  kind: IntegrationKind;
  enabled: boolean;
  settings: Record<string, string>;
  secrets: Record<string, Sealed>;
};

export const integrationDocId = (teamId: string, kind: IntegrationKind) => `integration:${teamId}:${kind}`;
const secretAad = (teamId: string, kind: string, field: string) => aadFor(teamId, `${kind}.${field}`);

export const readIntegration = (store: Store, teamId: string, kind: IntegrationKind) =>
  readChannelSettingsDoc<IntegrationDoc>(store, integrationDocId(teamId, kind), teamId);

/** The next doc from a PUT body: credentials sealed, left-out ones kept; a missing one is a 400. */
export function buildIntegrationDoc(
  key: Buffer,
  teamId: string,
  kind: IntegrationKind,
  input: Record<string, unknown>,
  current: IntegrationDoc | null,
  stamp: Stamp,
): IntegrationDoc | { missing: string } {
  const fields: Fields = integrationFields[kind];
  const secrets: Record<string, Sealed> = {};
  for (const field of fields.secrets) {
    const given = input[field];
    if (typeof given === 'string') secrets[field] = seal(key, given, secretAad(teamId, kind, field));
    else if (current?.secrets[field]) secrets[field] = current.secrets[field];
    else if (!fields.missing) return { missing: field };
  }
  const settings = Object.fromEntries(
    Object.keys(fields.settings).flatMap((k) => {
      const value = input[k] ?? current?.settings[k];
      return value === undefined ? [] : [[k, String(value)]];
    }),
  );
  const missing = fields.missing?.(settings, Object.keys(secrets));
  if (missing) return { missing };
  return {
    _id: integrationDocId(teamId, kind),
    ...(current?._rev ? { _rev: current._rev } : {}),
    type: 'integration',
    teamId,
    kind,
    enabled: input.enabled !== false,
    settings,
    secrets,
    ...stamp,
  };
}

/** The credentials in the clear, for the adapters only. */
export function unsealIntegration(key: Buffer, doc: IntegrationDoc): Record<string, string> {
  return Object.fromEntries(
    Object.entries(doc.secrets).map(([f, s]) => [f, unseal(key, s, secretAad(doc.teamId, doc.kind, f))]),
  );
}

export const integrationView = (kind: IntegrationKind, doc: IntegrationDoc | null) =>
  doc
    ? {
        kind,
        configured: true,
        enabled: doc.enabled,
        settings: doc.settings,
        secretsSet: Object.keys(doc.secrets),
        updatedAt: doc.updatedAt,
      }
    : { kind, configured: false };

export const saveSettingsDoc = (store: Store, doc: { _id: string; _rev?: string }) =>
  saveChannelDoc(store, doc);

// --- webhook tools and MCP servers ---

export type ToolKind = 'webhook' | 'mcp';

export type WebhookToolDoc = Stamp & {
  _id: string;
  _rev?: string;
  type: 'webhook-tool';
  teamId: string;
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, Sealed>;
  enabled: boolean;
};

export type McpServerDoc = Stamp & {
  _id: string;
  _rev?: string;
  type: 'mcp-server';
  teamId: string;
  name: string;
  url: string;
  headers: Record<string, Sealed>;
  enabled: boolean;
  /** The tools the server listed when last reached (the Agents screen offers these). */
  toolNames?: string[];
};

export const toolDocId = (teamId: string, kind: ToolKind, name: string) => `tool:${teamId}:${kind}:${name}`;

export const readTool = <T extends WebhookToolDoc | McpServerDoc>(
  store: Store,
  teamId: string,
  kind: ToolKind,
  name: string,
) => readChannelSettingsDoc<T>(store, toolDocId(teamId, kind, name), teamId);

/** Every doc of a team whose id starts with `prefix` (one range read; no index needed). */
export async function listSettingsDocs<T extends object>(store: Store, prefix: string): Promise<T[]> {
  return (await systemDocs<T & SystemDoc>(store, 'app_channels').withPrefix(prefix)) as T[];
}

export const listTools = <T extends object>(store: Store, teamId: string, kind: ToolKind) =>
  listSettingsDocs<T>(store, `tool:${teamId}:${kind}:`);

export const listIntegrations = (store: Store, teamId: string) =>
  listSettingsDocs<IntegrationDoc>(store, `integration:${teamId}:`);

const headerAad = (teamId: string, kind: ToolKind, name: string, header: string) =>
  aadFor(teamId, `${kind}:${name}.header.${header.toLowerCase()}`);

export function sealHeaders(
  key: Buffer,
  teamId: string,
  kind: ToolKind,
  name: string,
  headers: Record<string, string>,
): Record<string, Sealed> {
  return Object.fromEntries(
    Object.entries(headers).map(([h, v]) => [h, seal(key, v, headerAad(teamId, kind, name, h))]),
  );
}

export function unsealHeaders(
  key: Buffer,
  doc: { teamId: string; name: string; headers: Record<string, Sealed> },
  kind: ToolKind,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(doc.headers).map(([h, s]) => [
      h,
      unseal(key, s, headerAad(doc.teamId, kind, doc.name, h)),
    ]),
  );
}
