// From a team's settings docs to what the agents use: the task adapter, the calendar adapter, the
// webhook tools and the MCP servers' tools. Every outbound call goes through one fetch that checks
// the SSRF policy at connect time (`pinnedFetch`: private and special addresses refused, no
// redirects). Tests reach fake services on loopback through `allowHosts` and `baseUrls`, options the
// server's config never sets.
import {
  asanaTaskAdapter,
  connectMcpHttp,
  githubProjectsTaskAdapter,
  googleCalendarAdapter,
  mcpTools,
  notionTaskAdapter,
  trelloTaskAdapter,
  webhookTool,
  type AgentTool,
  type CalendarAdapter,
  type McpConnection,
  type PrivateAllowRule,
  type SsrfPolicy,
  type TaskAdapter,
} from '@app/shared/agents';
import { connectMcpStdio, pinnedFetch, serverSsrfPolicy } from '@app/shared/node';
import {
  unsealHeaders,
  unsealIntegration,
  type IntegrationDoc,
  type IntegrationKind,
  type McpServerDoc,
  type WebhookToolDoc,
} from './settings';
import type { McpStdioServer } from './stdio-config';

export type IntegrationOptions = {
  /** Hosts let through the SSRF guard although private (tests' loopback fakes only). */
  allowHosts?: string[];
  /** Private targets the operator opened (OUTBOUND_ALLOW_PRIVATE), checked per address and port. */
  allowPrivate?: PrivateAllowRule[];
  /** Each service's API root (tests' fakes only; default: the service's public API). */
  baseUrls?: Partial<Record<IntegrationKind, string>>;
  /** Google's OAuth token endpoint (tests' fake only; default: oauth2.googleapis.com). */
  googleTokenUrl?: string;
  /** Bound of one outbound call. */
  timeoutMs?: number;
  /** Least time between two passes retrying failed copies and reading updates (default 60 s). */
  retryEveryMs?: number;
  /** First wait before a failed push of a rep's edit is tried again, doubled each time (default 30 s). */
  pushBackoffMs?: number;
  /** MCP servers over stdio from the server's own config file (stdio-config.ts), never the API. */
  stdioServers?: McpStdioServer[];
};

export type OutboundDeps = {
  policy: SsrfPolicy;
  fetch: typeof globalThis.fetch;
  options: IntegrationOptions;
};

export function outboundDeps(options: IntegrationOptions = {}): OutboundDeps {
  const policy = serverSsrfPolicy({
    ...(options.allowHosts ? { allowHosts: options.allowHosts } : {}),
    ...(options.allowPrivate?.length ? { allowPrivate: options.allowPrivate } : {}),
  });
  return { policy, fetch: pinnedFetch(policy), options };
}

const http = (deps: OutboundDeps, kind: IntegrationKind) => ({
  fetch: deps.fetch,
  timeoutMs: deps.options.timeoutMs ?? 10_000,
  ...(deps.options.baseUrls?.[kind] ? { baseUrl: deps.options.baseUrls[kind] } : {}),
});

export function taskAdapterOf(key: Buffer, doc: IntegrationDoc, deps: OutboundDeps): TaskAdapter | undefined {
  const s = unsealIntegration(key, doc);
  const cfg = doc.settings;
  switch (doc.kind) {
    case 'notion':
      return notionTaskAdapter({ ...http(deps, 'notion'), token: s.token!, databaseId: cfg.databaseId! });
    case 'asana':
      return asanaTaskAdapter({ ...http(deps, 'asana'), token: s.token!, projectId: cfg.projectId! });
    case 'trello':
      return trelloTaskAdapter({
        ...http(deps, 'trello'),
        key: s.key!,
        token: s.token!,
        listId: cfg.listId!,
      });
    case 'github':
      return githubProjectsTaskAdapter({
        ...http(deps, 'github'),
        token: s.token!,
        projectId: cfg.projectId!,
      });
    default:
      return undefined;
  }
}

export function calendarAdapterOf(key: Buffer, doc: IntegrationDoc, deps: OutboundDeps): CalendarAdapter {
  const s = unsealIntegration(key, doc);
  const oauth =
    doc.settings.clientId && s.refreshToken && s.clientSecret
      ? {
          clientId: doc.settings.clientId,
          clientSecret: s.clientSecret,
          refreshToken: s.refreshToken,
          ...(deps.options.googleTokenUrl ? { tokenUrl: deps.options.googleTokenUrl } : {}),
        }
      : undefined;
  return googleCalendarAdapter({
    ...http(deps, 'google'),
    ...(oauth ? { oauth } : { accessToken: s.accessToken ?? '' }),
    calendarId: doc.settings.calendarId ?? 'primary',
  });
}

export function webhookToolOf(key: Buffer, doc: WebhookToolDoc, deps: OutboundDeps): AgentTool {
  return webhookTool(
    {
      name: doc.name,
      description: doc.description,
      parameters: doc.parameters,
      url: doc.url,
      method: doc.method,
      headers: unsealHeaders(key, doc, 'webhook'),
      timeoutMs: deps.options.timeoutMs ?? 10_000,
    },
    { ...deps.policy, fetch: deps.fetch },
  );
}

/**
 * Connects to the server (SSRF-checked) and lists its tools, within `timeoutMs` (10 s): a server that
 * does not answer never holds up the team's runs. The caller closes the connection.
 */
export async function connectMcpServer(
  key: Buffer,
  doc: McpServerDoc,
  deps: OutboundDeps,
  timeoutMs = 10_000,
): Promise<{ connection: McpConnection; tools: AgentTool[] }> {
  let late = false;
  const attempt = (async () => {
    const connection = await connectMcpHttp(doc.url, {
      headers: unsealHeaders(key, doc, 'mcp'),
      fetch: deps.fetch,
    });
    try {
      const tools = await mcpTools(connection.client, doc.name);
      if (late) await connection.close().catch(() => undefined);
      return { connection, tools };
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      attempt,
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => {
          late = true;
          fail(new Error(`MCP server ${doc.name} gave no answer in ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    attempt.catch(() => undefined);
  }
}

/** Starts a configured stdio server and lists its tools (the caller closes it). */
export async function connectStdioServer(
  server: McpStdioServer,
): Promise<{ connection: McpConnection; tools: AgentTool[] }> {
  const connection = await connectMcpStdio({
    command: server.command,
    args: server.args,
    ...(server.env ? { env: server.env } : {}),
    ...(server.cwd ? { cwd: server.cwd } : {}),
  });
  try {
    return { connection, tools: await mcpTools(connection.client, server.name) };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
