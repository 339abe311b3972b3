// The headless side of the server: for every team, the knowledge index, the agents following the
// team's messages, and each channel wing's work beside them (channels/registry.ts: a wing's
// `teamRuntime`, run in whichever process holds its lease; a wing's own `runtime` across teams).
// Teams that appear later (registered through the API) are picked up through app_teams' feed, and
// settings changed through any process (channels, integrations, model providers: app_channels) through
// that database's feed (store/feeds/system-changes.ts); a check every `checkMs` (a minute) is the net
// under both and the clock of what is due by time (websites, a retry). Everything here is safe to run in
// several processes over one CouchDB.
// It composes agents/, knowledge/ and channels/ (the wings, through their contract), so it sits beside
// server.ts, above both. It names no channel (channels/core-names.test.ts).
import { createAgentLlm } from '@app/shared/agents';
import { createOpenAiEmbedder, LocalEmbedder, type EmbeddingProvider } from '@app/shared/embeddings';
import type { EmbeddingsConfig, LlmClient } from '@app/shared/llm';
import type { Logger } from 'pino';
import { createOutboxes } from './channels/outbox/host';
import type { ChannelRuntimeContext } from './channels/port';
import { channels } from './channels/registry';
import { outboundDeps } from './integrations/index';
import { createChangeFollower } from './store/feeds/change-follower';
import { followSystemChanges } from './store/feeds/system-changes';
import { setTraceLog } from './ops/message-trace';
import { createLeases, type LeaseDoc, type Leases } from './store/leases';
import type { RuntimeOptions } from './headless-options';
import type { KnowledgeEmbedderChoice, SwitchableKnowledge } from './knowledge/team-knowledge-switch';
import { startTeam, stopTeam, type TeamRuntime, type TeamStartDeps } from './headless-team';
import { socialPostIntake, startSocialMonitoring } from './social';
import type { TeamMarks } from './store/team-generation';
import { systemDocs, type SystemDoc } from './store/data';

export type { RuntimeOptions } from './headless-options';

/**
 * The runtime's check when nothing tells it of a change: the net under the feeds (one that failed
 * meanwhile), and the clock of what is due by time (websites, a team whose start failed, an MCP
 * server or embeddings provider back up, the integrations' retries).
 */
export const CHECK_MS = 60_000;

export type Runtime = {
  readonly teams: number;
  /** Look for new teams and changed channel settings now (after a settings change). */
  refresh(): void;
  /** A team's integrations changed (through this process's API): its tools are built again now. */
  integrationsChanged(teamId: string): void;
  /** The tools of the config file's stdio MCP servers a team's agents have (in this process). */
  stdioToolNames(teamId: string): string[];
  /** A team's knowledge search (in this process): the Agents test chat, the embeddings status. */
  knowledgeFor(teamId: string): SwitchableKnowledge | undefined;
  /** A team's embeddings choice changed (through this process's API): its index switches now. */
  embeddingsChanged(teamId: string): void;
  /**
   * The team's customer messages its agents hold here unanswered: waiting for their conversation's
   * lease, or left to the process that took them in (0 when the team does not run here).
   */
  agentsWaiting(teamId: string): number;
  close(): Promise<void>;
};

/** The configured OpenAI-compatible embeddings endpoint; none (or if it fails): the local embedder. */
async function embedderOf(
  config: EmbeddingsConfig | undefined,
  log: Logger,
): Promise<EmbeddingProvider | undefined> {
  if (!config) return undefined;
  try {
    return await createOpenAiEmbedder(config);
  } catch (err) {
    log.error(
      { err, baseURL: config.baseURL, model: config.model },
      'the embeddings endpoint does not answer; using the local embedder',
    );
    return undefined;
  }
}

/**
 * Each team's embeddings: its own choice (Settings), else the server's default (EMBEDDINGS_*, else the
 * local embedder). `useChoice` reads the team's choice again and uses it (a change made through
 * another process, a provider back up); not awaited by the tick, so a read that fails (the store
 * closing under it at shutdown, or down) is logged, never left an unhandled rejection.
 */
function embeddingsChoices(opts: RuntimeOptions, closed: () => boolean) {
  const { log } = opts;
  const fallback: Promise<KnowledgeEmbedderChoice> = embedderOf(opts.embeddings, log).then((e) => {
    const made = e ?? new LocalEmbedder();
    return { key: 'default', provider: 'local', model: made.model, make: async () => made };
  });
  const choiceOf = async (teamId: string): Promise<KnowledgeEmbedderChoice> =>
    opts.embeddingsFor ? opts.embeddingsFor(teamId, await fallback) : fallback;
  return {
    choiceOf,
    useChoice: (teamId: string, team: TeamRuntime): Promise<void> =>
      choiceOf(teamId)
        .then((choice) => team.knowledge.use(choice))
        .catch((err: unknown) =>
          log[closed() ? 'debug' : 'warn']({ err, teamId }, 'reading the embeddings choice failed'),
        ),
  };
}

/**
 * The team's due websites, crawled by one process (a lease), one pass per team at a time, at most
 * every `websiteCheckMs`. Each crawl also claims its site, so a lease that changes hands mid-way
 * never runs one site twice.
 */
function websiteChecks(opts: RuntimeOptions, leases: Leases) {
  const checkedAt = new Map<string, number>();
  const running = new Set<string>();
  return (teamId: string) => {
    const crawl = opts.websites;
    const at = Date.now();
    if (!crawl || running.has(teamId)) return;
    if (at - (checkedAt.get(teamId) ?? 0) < (opts.websiteCheckMs ?? 60_000)) return;
    checkedAt.set(teamId, at);
    running.add(teamId);
    const teamLog = opts.log.child({ teamId });
    void leases
      .acquire(`websites:${teamId}`)
      .then(async (lease) => {
        if (!lease) return;
        try {
          await crawl(teamId, teamLog);
        } finally {
          await leases.release(lease);
        }
      })
      .catch((err: unknown) => teamLog.warn({ err }, 'website crawl pass failed'))
      .finally(() => running.delete(teamId));
  };
}

/** Starts the team, or answers undefined (logged) when its databases cannot be set up now. */
async function tryStartTeam(
  deps: TeamStartDeps,
  teamId: string,
  generation: string,
): Promise<TeamRuntime | undefined> {
  try {
    return await startTeam(deps, teamId, generation);
  } catch (err) {
    deps.opts.log.warn({ err, teamId }, 'starting the team failed; will retry');
    return undefined;
  }
}

/** The wings' own background work across teams, with this runtime's leases and outboxes. */
function startWings(opts: RuntimeOptions, leases: Leases, outboxes: ReturnType<typeof createOutboxes>) {
  const { store, log } = opts;
  /** What a wing's work is started with. */
  const wingContext = (name: string): ChannelRuntimeContext => ({
    store,
    log: log.child({ channel: name }),
    encryptionKey: opts.encryptionKey,
    leases,
    outboxes,
    socialPost: socialPostIntake(store, () => new Date()),
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.demoTeam ? { demoTeam: opts.demoTeam } : {}),
  });
  const channelRuntimes = [
    ...channels.flatMap((wing) => (wing.runtime ? [wing.runtime(wingContext(wing.name))] : [])),
    // Social media monitoring of the teams' communities (social/), under the same leases.
    startSocialMonitoring(wingContext('social')),
  ];
  return { wingContext, channelRuntimes };
}

export function startRuntime(opts: RuntimeOptions): Runtime {
  const { store, log } = opts;
  // Each customer message's stages through this process, as spans in the log (ops/message-trace.ts).
  setTraceLog(log.child({ component: 'trace' }));
  const leases: Leases = createLeases({
    db: store.systemDb<LeaseDoc>('app_runtime'),
    instanceId: opts.instanceId,
    ttlMs: opts.leaseTtlMs ?? 20_000,
  });
  // The core's outboxes of the wings' work across teams (one per wing and team sent for here).
  const outboxes = createOutboxes({ store });
  const { wingContext, channelRuntimes } = startWings(opts, leases, outboxes);
  const llm: LlmClient = createAgentLlm(opts.llm ?? { providers: [] });
  const teams = new Map<string, TeamRuntime>();
  let closed = false;
  const { choiceOf, useChoice: useEmbeddingsChoice } = embeddingsChoices(opts, () => closed);
  const outbound = opts.integrations ?? outboundDeps();

  const teamDeps: TeamStartDeps = { opts, leases, llm, outbound, choiceOf, wingContext };
  const checkWebsites = websiteChecks(opts, leases);

  async function check(): Promise<void> {
    const docs = await systemDocs<TeamMarks & SystemDoc>(store, 'app_teams').withPrefix('');
    const starting: Array<{ teamId: string; generation: string }> = [];
    for (const marks of docs) {
      if (closed) return;
      const teamId = marks._id;
      if (teamId.startsWith('_')) continue;
      const generation = marks.restoredAt ?? '';
      const team = teams.get(teamId);
      // A restore runs or ran: let go of everything of the old data, start afresh once it is done.
      if (team && (marks.restoring || team.generation !== generation)) {
        teams.delete(teamId);
        await stopTeam(team);
        store.forgetTeam(teamId);
        log.info({ teamId: teamId, generation }, 'team restored: handed over');
      }
      if (!marks.restoring && !teams.has(teamId)) starting.push({ teamId: teamId, generation });
    }
    // New teams side by side (a start awaits the team's setup), a few at a time.
    for (let i = 0; i < starting.length && !closed; i += 8) {
      await Promise.all(
        starting.slice(i, i + 8).map(async ({ teamId, generation }) => {
          const team = await tryStartTeam(teamDeps, teamId, generation);
          if (!team) return;
          if (closed) return void (await stopTeam(team));
          teams.set(teamId, team);
        }),
      );
    }
    for (const [teamId, team] of teams) {
      if (closed) return;
      // Each wing reads the team's settings of its channel again (a change through another process).
      await Promise.all(team.channels.map((c) => c.sync()));
      // An embeddings choice made through another process (or a provider back up) is picked up here.
      void useEmbeddingsChoice(teamId, team);
      // Integrations changed through another process are picked up here.
      void team.tools.refresh();
      checkWebsites(teamId);
    }
  }

  let busy = Promise.resolve();
  const tick = () => {
    busy = busy.then(check).catch((err: unknown) => log.warn({ err }, 'runtime check failed'));
  };
  // New teams start at once (registration writes app_teams); the timer catches channel settings
  // changed through another server process.
  const teamsFeed = createChangeFollower({
    server: store.server,
    dbName: store.systemDbName('app_teams'),
    log,
    handle: async () => tick(),
  });
  teamsFeed.start();
  // A settings doc changed (through any process): the teams' runtimes, and each wing for its teams,
  // read them again now. The 10 s poll that did this read app_channels about 13 times a cycle (issue 65).
  const settingsFeed = followSystemChanges({
    store,
    db: 'app_channels',
    log,
    changed(teamIds) {
      tick();
      for (const teamId of teamIds) opts.models?.changed(teamId);
      for (const r of channelRuntimes)
        if (teamIds.size === 0) r.refresh();
        else for (const teamId of teamIds) r.refresh(teamId);
    },
  });
  // The teams' model providers are told of their changes by this feed: their doc is not read every 5 s.
  opts.models?.followed?.();
  tick();
  const timer = setInterval(tick, opts.checkMs ?? CHECK_MS);

  return {
    get teams() {
      return teams.size;
    },
    refresh() {
      tick();
      for (const r of channelRuntimes) r.refresh();
    },
    integrationsChanged(teamId) {
      void teams.get(teamId)?.tools.refresh();
    },
    stdioToolNames(teamId) {
      return teams.get(teamId)?.tools.stdioNames() ?? [];
    },
    knowledgeFor(teamId) {
      return teams.get(teamId)?.knowledge;
    },
    agentsWaiting(teamId) {
      return teams.get(teamId)?.runner.waiting ?? 0;
    },
    embeddingsChanged(teamId) {
      const team = teams.get(teamId);
      if (team) void useEmbeddingsChoice(teamId, team);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await teamsFeed.stop();
      await settingsFeed.stop();
      await Promise.all(channelRuntimes.map((r) => r.close()));
      await outboxes.close();
      await busy;
      await Promise.all([...teams.values()].map(stopTeam));
      teams.clear();
    },
  };
}
