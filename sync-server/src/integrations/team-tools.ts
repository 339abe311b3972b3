// A team's tools from its integration settings, kept in memory for the engines of its agent runs:
// `create_task` over the team's task tracker, `schedule_event` over Google Calendar, its webhook tools
// and its MCP servers' tools. `refresh()` reads the settings docs again (after a change through the
// API, and on the runtime's periodic check for changes made through another process) and rebuilds only
// when a doc changed; runs wait for a refresh under way (`settled()`), so a message that follows a
// settings change meets the new tools. A tool that cannot be built is logged and left out; an MCP
// server that does not answer is tried again on the next refresh. The team's linked tasks and events
// are followed (their changes feeds) so that a rep's edit reaches the service (external-push.ts).
import {
  createTaskTool,
  scheduleEventTool,
  type AgentTool,
  type McpConnection,
  type TaskAdapter,
} from '@app/shared/agents';
import type { CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import {
  calendarAdapterOf,
  connectMcpServer,
  connectStdioServer,
  taskAdapterOf,
  webhookToolOf,
  type OutboundDeps,
} from './build';
import { pollExternalUpdates } from './external-poll';
import { pushChanged, type LinkedCollection } from './external-push';
import { retryExternalCopies, retryExternalPushes } from './external-retry';
import { createChangeFollower, type ChangeFollower } from '../store/feeds/change-follower';
import type { Stored } from '../store/couch-docs';
import { stdioServersOf } from './stdio-config';
import {
  listIntegrations,
  listTools,
  taskKinds,
  type IntegrationDoc,
  type McpServerDoc,
  type WebhookToolDoc,
} from './settings';

export type TeamTools = {
  /** The tools for an engine built now. */
  current(): AgentTool[];
  /** Reads the settings again; resolves once the tools match them. */
  refresh(): Promise<void>;
  /** Resolves when no refresh is under way. */
  settled(): Promise<void>;
  /** The names of the tools of the config file's stdio MCP servers (started on the first build). */
  stdioNames(): string[];
  close(): Promise<void>;
};

export type TeamToolsOptions = {
  store: Store;
  teamId: string;
  encryptionKey: Buffer;
  log: Logger;
  outbound: OutboundDeps;
};

type Docs = { integrations: IntegrationDoc[]; webhooks: WebhookToolDoc[]; mcp: McpServerDoc[] };

const keyOf = (docs: Docs) =>
  [...docs.integrations, ...docs.webhooks, ...docs.mcp].map((d) => `${d._id}@${d._rev ?? ''}`).join('|');

/** The team's task tracker: the enabled one changed last (an admin switches by saving another). */
export function activeTaskIntegration(docs: IntegrationDoc[]): IntegrationDoc | undefined {
  return docs
    .filter((d) => d.enabled && (taskKinds as readonly string[]).includes(d.kind))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

/** The team's integration, webhook and MCP settings docs. */
async function readDocs(store: Store, teamId: string): Promise<Docs> {
  const [integrations, webhooks, mcp] = await Promise.all([
    listIntegrations(store, teamId),
    listTools<WebhookToolDoc>(store, teamId, 'webhook'),
    listTools<McpServerDoc>(store, teamId, 'mcp'),
  ]);
  return { integrations, webhooks, mcp };
}

/** Connects the enabled MCP servers; `complete` is false when one did not answer (tried again later). */
async function connectMcpServers(opts: TeamToolsOptions, docs: McpServerDoc[]) {
  const { encryptionKey: key, outbound, log, teamId } = opts;
  let complete = true;
  const opened: McpConnection[] = [];
  const tools: AgentTool[] = [];
  for (const doc of docs.filter((d) => d.enabled)) {
    try {
      const { connection, tools: remote } = await connectMcpServer(key, doc, outbound);
      opened.push(connection);
      tools.push(...remote);
    } catch (err) {
      complete = false;
      log.warn({ err, teamId, server: doc.name }, 'MCP server does not answer; its tools are left out');
    }
  }
  return { opened, tools, complete };
}

type Adapters = { task?: TaskAdapter; calendar?: ReturnType<typeof calendarAdapterOf> };

/** What pushing a linked doc's edit to its service takes. */
const pushOptionsOf = (opts: TeamToolsOptions, current: Adapters) => ({
  store: opts.store,
  teamId: opts.teamId,
  log: opts.log,
  ...current,
  ...(opts.outbound.options.pushBackoffMs !== undefined
    ? { backoffMs: opts.outbound.options.pushBackoffMs }
    : {}),
});

/** Retries the failed copies and pushes, then reads the services' updates. */
async function syncExternal(opts: TeamToolsOptions, current: Adapters): Promise<void> {
  const { store, teamId, log } = opts;
  await retryExternalCopies({ store, teamId, log, ...current });
  await retryExternalPushes(pushOptionsOf(opts, current));
  await pollExternalUpdates({ store, teamId, log, ...current });
}

export function startTeamTools(opts: TeamToolsOptions): TeamTools {
  const { store, teamId, encryptionKey: key, log, outbound } = opts;
  let tools: AgentTool[] = [];
  let connections: McpConnection[] = [];
  /** The config file's stdio servers: started once (on the first build), kept until close. */
  const stdio = new Map<string, { connection: McpConnection; tools: AgentTool[] }>();

  async function startStdio(): Promise<AgentTool[]> {
    for (const server of stdioServersOf(outbound.options.stdioServers ?? [], teamId)) {
      if (stdio.has(server.name) || closed) continue;
      try {
        stdio.set(server.name, await connectStdioServer(server));
      } catch (err) {
        log.warn(
          { err, teamId, server: server.name },
          'MCP stdio server did not start; its tools are left out',
        );
      }
    }
    return [...stdio.values()].flatMap((s) => s.tools);
  }
  let builtKey: string | undefined;
  let adapters: Adapters = {};
  let lastRetry = 0;
  /** The pass retrying failed copies and reading updates, while one runs. */
  let syncing: Promise<void> | undefined;
  let busy = Promise.resolve();
  let closed = false;

  function tryBuild<T>(what: string, build: () => T): T | undefined {
    try {
      return build();
    } catch (err) {
      log.warn({ err, teamId, what }, 'integration left out: it cannot be built');
      return undefined;
    }
  }

  async function rebuild(docs: Docs): Promise<boolean> {
    const taskDoc = activeTaskIntegration(docs.integrations);
    const calendarDoc = docs.integrations.find((d) => d.kind === 'google' && d.enabled);
    const task = taskDoc && tryBuild(`task:${taskDoc.kind}`, () => taskAdapterOf(key, taskDoc, outbound));
    const calendar = calendarDoc && tryBuild('calendar', () => calendarAdapterOf(key, calendarDoc, outbound));
    const next: AgentTool[] = [
      ...(task ? [createTaskTool(task)] : []),
      ...(calendar ? [scheduleEventTool(calendar)] : []),
    ];
    for (const doc of docs.webhooks.filter((d) => d.enabled)) {
      const tool = tryBuild(`webhook:${doc.name}`, () => webhookToolOf(key, doc, outbound));
      if (tool) next.push(tool);
    }
    const mcp = await connectMcpServers(opts, docs.mcp);
    let complete = mcp.complete;
    const opened = mcp.opened;
    next.push(...mcp.tools);
    next.push(...(await startStdio()));
    if (stdio.size < stdioServersOf(outbound.options.stdioServers ?? [], teamId).length) complete = false;
    const old = connections;
    tools = next;
    connections = opened;
    adapters = { ...(task ? { task } : {}), ...(calendar ? { calendar } : {}) };
    await Promise.all(old.map((c) => c.close().catch(() => undefined)));
    return complete;
  }

  async function pass(): Promise<void> {
    if (closed) return;
    const docs = await readDocs(store, teamId);
    const key = keyOf(docs);
    if (key !== builtKey) {
      const complete = await rebuild(docs);
      builtKey = complete ? key : undefined;
    }
    const now = Date.now();
    if (
      now - lastRetry >= (outbound.options.retryEveryMs ?? 60_000) &&
      (adapters.task || adapters.calendar)
    ) {
      lastRetry = now;
      // Beside the runs, never in their way: a slow service does not hold up the team's messages.
      if (!syncing) syncing = syncExternal(opts, { ...adapters }).finally(() => (syncing = undefined));
    }
  }

  /**
   * The linked docs' changes, from the start of each feed in every process (positions in memory):
   * a doc with nothing to push costs a comparison, and an edit made while no process ran is found.
   */
  const follow = (collection: LinkedCollection): ChangeFollower =>
    createChangeFollower<Stored<TaskDoc | CalendarEventDoc>>({
      server: store.server,
      dbName: store.dbName(teamId, collection),
      selector: { 'external.externalId': { $exists: true } },
      log,
      settleMs: 50,
      handle: async (changes) => {
        await busy; // the adapters of the settings as they are now
        const current = { ...adapters };
        if (closed || !(current.task || current.calendar)) return;
        const docs = changes.flatMap((c) => (c.doc && !c.deleted ? [c.doc] : []));
        await pushChanged(pushOptionsOf(opts, current), collection, docs);
      },
    });
  const followers = [follow('tasks'), follow('events')];
  for (const f of followers) f.start();

  return {
    current: () => tools,
    refresh() {
      busy = busy
        .then(pass)
        .catch((err: unknown) => log.warn({ err, teamId }, 'reading integrations failed'));
      return busy;
    },
    settled: () => busy,
    stdioNames: () => [...stdio.values()].flatMap((s) => s.tools.map((t) => t.name)),
    async close() {
      closed = true;
      await Promise.all(followers.map((f) => f.stop()));
      await busy;
      await syncing;
      const all = [...connections, ...[...stdio.values()].map((s) => s.connection)];
      await Promise.all(all.map((c) => c.close().catch(() => undefined)));
      connections = [];
      stdio.clear();
      tools = [];
    },
  };
}
