// The headless side of the server: for every team, the knowledge index, the agents following the
// team's messages, and each channel wing's work beside them (channels/registry.ts: a wing's
// `teamRuntime`, run in whichever process holds its lease; a wing's own `runtime` across teams).
// Teams that appear later (registered through the API) and channel settings changed are picked up by
// a periodic check. Everything here is safe to run in several processes over one CouchDB.
// It composes runtime/ and channels/ (the wings, through their contract), so it sits beside
// server.ts, above both. It names no channel (channels/core-names.test.ts).
import { createAgentEngine, createAgentLlm } from '@app/shared/agents';
import { createOpenAiEmbedder, LocalEmbedder, type EmbeddingProvider } from '@app/shared/embeddings';
import type { EmbeddingsConfig, LlmClient, LlmConfig } from '@app/shared/llm';
import type { AgentSettingsDoc, MessageDoc, ObjectionDoc, ProductDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { ServerConfig } from './config';
import type { Store } from './context';
import { createAgentRunner, type AgentRunner } from './runtime/agent-runner';
import { createChangeFollower, type ChangeFollower, type CheckpointDoc } from './runtime/change-follower';
import { startCollectionMirror, type CollectionMirror } from './runtime/collection-mirror';
import { createCouchStorePort } from './runtime/couch-store-port';
import type { AgentProposalSender } from './proposals/agent-proposals';
import type { Stored } from './store/couch-docs';
import { resumeKnowledgeIngestion } from './runtime/knowledge-ingest';
import { createLeases, type LeaseDoc, type Leases } from './runtime/leases';
import type { ReplyDrafts } from './runtime/reply-drafts';
import { channels } from './channels/registry';
import { socialPostIntake, startSocialMonitoring } from './social';
import type { TeamModels } from './models/team-models';
import { outboundDeps, startTeamTools, type OutboundDeps, type TeamTools } from './integrations/index';
import { startStageNotifier, type StageNotifier } from './channels/stage-notify';
import { createThreadCache } from './runtime/thread-cache';
import {
  startSwitchableKnowledge,
  type KnowledgeEmbedderChoice,
  type SwitchableKnowledge,
} from './runtime/team-knowledge-switch';
import { statusOf } from './store/couch-errors';
import { generationCheckpointId, generationStart, type TeamMarks } from './store/team-generation';
import type { ChannelRuntimeContext, ChannelTeamRuntime } from './channels/port';

export type RuntimeOptions = {
  store: Store;
  log: Logger;
  /** Unique among live processes, stable across restarts (default: host and port). */
  instanceId: string;
  encryptionKey: Buffer;
  /** The server's configuration, for the channels' background work (API roots, a demo account). */
  config?: ServerConfig;
  /** The demo team once known (the seed's), for a wing that connects the server's demo account to it. */
  demoTeam?: () => string | undefined;
  /** The default models (LLM_*, parsed once by main.ts); none: the offline provider. */
  llm?: LlmConfig;
  /** Each team's LLM from its own model providers (Settings); none: every team uses `llm`. */
  models?: TeamModels;
  /** EMBEDDINGS_*: an OpenAI-compatible endpoint; none: the local embedder. */
  embeddings?: EmbeddingsConfig | undefined;
  /** A team's own embeddings choice (Settings), else `fallback` (EMBEDDINGS_* or the local one). */
  embeddingsFor?: (teamId: string, fallback: KnowledgeEmbedderChoice) => Promise<KnowledgeEmbedderChoice>;
  /** Sends a deal's commercial proposal for the agents' `send_proposal` (proposals/agent-proposals.ts). */
  proposals?: (teamId: string) => AgentProposalSender;
  /** How often new teams and changed channel settings are looked for. */
  checkMs?: number;
  leaseTtlMs?: number;
  /** How the teams' integrations reach out (the SSRF-checked fetch); default: the server's policy. */
  integrations?: OutboundDeps;
  /** Answers being written, shown by channels that can (as they grow); none: not drafted. */
  drafts?: ReplyDrafts;
  /** Resumes a team's knowledge sources left half-way (default: the default parser and retry bound). */
  resumeKnowledge?: (teamId: string, log: Logger) => Promise<number>;
  /** Crawls a team's websites whose next crawl is due (runtime/website-crawl.ts crawlDueWebsites). */
  websites?: (teamId: string, log: Logger) => Promise<number>;
  /** How often each team's websites are looked at (default a minute). */
  websiteCheckMs?: number;
  /**
   * The plans' AI-reply limit (billing/policy.ts): paused, the agents hand off (the reason in the
   * conversation's language); each AI reply counted, a reservation no reply came of given back.
   */
  aiReplies?: {
    aiRepliesPaused(teamId: string, language: 'en' | 'ru'): Promise<string | undefined>;
    countAiReply(teamId: string, instanceId: string): Promise<void>;
    releaseAiReply(teamId: string): Promise<void>;
  };
};

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
  close(): Promise<void>;
};

type TeamRuntime = {
  /** The team's data generation ('' before any restore; store/team-generation.ts). */
  generation: string;
  /** A restored team's generation and where its messages feed starts. */
  fresh?: { id: string; since: string };
  knowledge: SwitchableKnowledge;
  settings: CollectionMirror<AgentSettingsDoc>;
  /** The objection library every run may answer from (issue 38). */
  objections: CollectionMirror<ObjectionDoc>;
  /** The team's product catalog, for quotes. */
  products: CollectionMirror<ProductDoc>;
  /** The tools of the team's integrations (task tracker, calendar, webhook tools, MCP servers). */
  tools: TeamTools;
  runner: AgentRunner;
  follower: ChangeFollower;
  /** Customer notifications on stage changes (channels/stage-notify.ts). */
  notifier: StageNotifier;
  /** The channel wings' work beside the team's agents (a wing's `teamRuntime`). */
  channels: ChannelTeamRuntime[];
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

export function startRuntime(opts: RuntimeOptions): Runtime {
  const { store, log } = opts;
  const leases: Leases = createLeases({
    db: store.systemDb<LeaseDoc>('app_runtime'),
    instanceId: opts.instanceId,
    ttlMs: opts.leaseTtlMs ?? 20_000,
  });
  /** What a wing's work is started with, with this runtime's leases. */
  const wingContext = (name: string): ChannelRuntimeContext => ({
    store,
    log: log.child({ channel: name }),
    encryptionKey: opts.encryptionKey,
    leases,
    socialPost: socialPostIntake(store, () => new Date()),
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.demoTeam ? { demoTeam: opts.demoTeam } : {}),
  });
  // The wings' own background work across teams.
  const channelRuntimes = [
    ...channels.flatMap((wing) => (wing.runtime ? [wing.runtime(wingContext(wing.name))] : [])),
    // Social media monitoring of the teams' communities (social/), under the same leases.
    startSocialMonitoring(wingContext('social')),
  ];
  const llm: LlmClient = createAgentLlm(opts.llm ?? { providers: [] });
  const teams = new Map<string, TeamRuntime>();
  const embedder = embedderOf(opts.embeddings, log);
  /** The server's default embeddings (EMBEDDINGS_*, else the local embedder), for teams without a choice. */
  const fallback: Promise<KnowledgeEmbedderChoice> = embedder.then((e) => {
    const made = e ?? new LocalEmbedder();
    return { key: 'default', provider: 'local', model: made.model, make: async () => made };
  });
  const choiceOf = async (teamId: string): Promise<KnowledgeEmbedderChoice> =>
    opts.embeddingsFor ? opts.embeddingsFor(teamId, await fallback) : fallback;
  /**
   * The team's embeddings choice read again and used (a change made through another process, a
   * provider back up). Not awaited by the tick: a read that fails (the store closing under it at
   * shutdown, or down) is logged, never left an unhandled rejection.
   */
  const useEmbeddingsChoice = (teamId: string, team: TeamRuntime): Promise<void> =>
    choiceOf(teamId)
      .then((choice) => team.knowledge.use(choice))
      .catch((err: unknown) =>
        log[closed ? 'debug' : 'warn']({ err, teamId }, 'reading the embeddings choice failed'),
      );
  const outbound = opts.integrations ?? outboundDeps();
  let closed = false;

  async function startTeam(teamId: string, generation: string): Promise<TeamRuntime> {
    const teamLog = log.child({ teamId });
    // The databases first (a team registered through another process may be half set up still, and
    // its followers would fail on a missing database); idempotent, and a team created by an older
    // version gets the indexes the agents query by.
    await store.ensureTeam(teamId);
    // A restored team: its followers start where the restored messages end (team-generation.ts).
    const fresh = generation
      ? { id: generation, since: await generationStart(store, teamId, generation) }
      : undefined;
    const knowledge = startSwitchableKnowledge({ store, teamId, log: teamLog }, choiceOf(teamId));
    // Every run reads the team's agent profiles: from memory.
    const settings = startCollectionMirror<AgentSettingsDoc>({
      store,
      teamId,
      collection: 'agent_settings',
      log: teamLog,
    });
    const objections = startCollectionMirror<ObjectionDoc>({
      store,
      teamId,
      collection: 'objections',
      log: teamLog,
    });
    // Quotes read the whole catalog: from memory too.
    const products = startCollectionMirror<ProductDoc>({
      store,
      teamId,
      collection: 'products',
      log: teamLog,
    });
    const threads = createThreadCache();
    const tools = startTeamTools({
      store,
      teamId,
      encryptionKey: opts.encryptionKey,
      log: teamLog,
      outbound,
    });
    void tools.refresh();
    const teamLlm = opts.models?.llmFor(teamId) ?? llm;
    const sendProposal = opts.proposals?.(teamId);
    const runner = createAgentRunner({
      teamId,
      leases,
      // A mail burst is stored before its answers take the CPU (store/intake-load.ts).
      intakeLoad: store.intakeLoad,
      ready: knowledge.ready,
      log: teamLog,
      threads,
      ...(opts.drafts ? { drafts: opts.drafts } : {}),
      engineFor: () => {
        const port = createCouchStorePort(store, teamId, {
          agent_settings: settings,
          objections,
          products,
          threads,
        });
        if (sendProposal) port.sendProposal = sendProposal;
        const plan = opts.aiReplies;
        // Whether this run (one engine per run) was let answer: on a limited plan a reply is reserved.
        let mayAnswer = false;
        const replyPause = async (language: 'en' | 'ru') => {
          const why = await plan!.aiRepliesPaused(teamId, language);
          mayAnswer = !why;
          return why;
        };
        const engine = createAgentEngine({
          store: port,
          llm: teamLlm,
          retriever: knowledge,
          log: teamLog,
          tools: tools.current(),
          ...(plan ? { replyPause } : {}),
        });
        if (plan) {
          // An answer sent (not a hand-off notice, not a run skipped) is one AI reply of the plan's month.
          const handle = engine.handleInbound.bind(engine);
          // A run let answer that answered nothing (a hand-off, a failure) gives its reservation back.
          const release = () =>
            plan
              .releaseAiReply(teamId)
              .catch((err: unknown) => teamLog.warn({ err }, 'giving an AI reply back failed'));
          engine.handleInbound = async (message, options) => {
            const result = await handle(message, options).catch(async (err: unknown) => {
              if (mayAnswer) await release();
              throw err;
            });
            if (result.replies.length > 0 && !result.handoff && !result.skipped)
              await plan
                .countAiReply(teamId, opts.instanceId)
                .catch((err: unknown) => teamLog.warn({ err }, 'counting an AI reply failed'));
            else if (mayAnswer) await release();
            return result;
          };
        }
        return { engine, store: port };
      },
    });
    const follower = createChangeFollower<Stored<MessageDoc>>({
      server: store.server,
      dbName: store.dbName(teamId, 'messages'),
      checkpoints: store.systemDb<CheckpointDoc>('app_runtime'),
      // One position per team, shared by the processes: a new process (or INSTANCE_ID) starts where
      // the team is. Every process moves it only past messages handled, by whichever process.
      checkpointId: generationCheckpointId(`cp:agents:${teamId}`, fresh?.id),
      ...(fresh
        ? { initialSince: fresh.since }
        : { legacyCheckpointId: `cp:agents:${opts.instanceId}:${teamId}` }),
      log: teamLog,
      // Later batches start while earlier ones run (the runner keeps each conversation in order).
      maxInFlight: 16,
      batchSize: 100,
      settleMs: 20,
      // Every message change keeps the cached threads current, before the batch's runs start; the
      // runner takes the customers' messages.
      handle: async (changes) => {
        threads.apply(
          changes.flatMap((c) => (c.doc ? [c.doc] : [])),
          (doc) => store.ingestNotes.peek(teamId, doc._id)?.newConversationId === doc.conversationId,
        );
        // A settings change just made meets the messages that follow it.
        await tools.settled();
        return runner.handle(changes);
      },
    });
    follower.start();
    const notifier = startStageNotifier({
      store,
      teamId,
      log: teamLog.child({ component: 'stage-notify' }),
      checkpointId: generationCheckpointId(`cp:stage-notify:${teamId}`, fresh?.id),
    });
    // The wings' work beside the team's agents: nothing runs until the first check syncs it.
    const teamChannels = channels.flatMap((wing) =>
      wing.teamRuntime
        ? [
            wing.teamRuntime({
              ...wingContext(wing.name),
              teamId,
              ...(fresh ? { generation: fresh } : {}),
              mirrors: { agent_settings: settings, objections },
            }),
          ]
        : [],
    );
    // Sources a crash left half-way are indexed again, by one process.
    void leases
      .acquire(`ingest:${teamId}`)
      .then(async (lease) => {
        if (!lease) return;
        try {
          await (opts.resumeKnowledge ?? ((t, l) => resumeKnowledgeIngestion(store, t, l)))(teamId, teamLog);
        } finally {
          await leases.release(lease);
        }
      })
      .catch((err: unknown) =>
        // A team being restored right now has its databases dropped a moment: it is started again.
        teamLog[statusOf(err) === 404 ? 'debug' : 'warn']({ err }, 'resuming knowledge ingestion failed'),
      );
    return {
      generation,
      ...(fresh ? { fresh } : {}),
      knowledge,
      settings,
      objections,
      products,
      tools,
      runner,
      follower,
      notifier,
      channels: teamChannels,
    };
  }

  async function stopTeam(team: TeamRuntime): Promise<void> {
    await Promise.all(team.channels.map((c) => c.close()));
    // Together: the runner lets go of a batch it cannot finish, the follower stops reading.
    await Promise.all([team.runner.stop(), team.follower.stop(), team.notifier.stop()]);
    await Promise.all([
      team.knowledge.close(),
      team.settings.close(),
      team.objections.close(),
      team.products.close(),
      team.tools.close(),
    ]);
  }

  /** Starts the team, or answers undefined (logged) when its databases cannot be set up now. */
  async function tryStartTeam(teamId: string, generation: string): Promise<TeamRuntime | undefined> {
    try {
      return await startTeam(teamId, generation);
    } catch (err) {
      log.warn({ err, teamId }, 'starting the team failed; will retry');
      return undefined;
    }
  }

  async function check(): Promise<void> {
    const { rows } = await store.systemDb('app_teams').list({ include_docs: true });
    const starting: Array<{ teamId: string; generation: string }> = [];
    for (const row of rows) {
      if (closed) return;
      if (row.id.startsWith('_')) continue;
      const marks = (row.doc ?? {}) as TeamMarks;
      const generation = marks.restoredAt ?? '';
      const team = teams.get(row.id);
      // A restore runs or ran: let go of everything of the old data, start afresh once it is done.
      if (team && (marks.restoring || team.generation !== generation)) {
        teams.delete(row.id);
        await stopTeam(team);
        store.forgetTeam(row.id);
        log.info({ teamId: row.id, generation }, 'team restored: handed over');
      }
      if (!marks.restoring && !teams.has(row.id)) starting.push({ teamId: row.id, generation });
    }
    // New teams side by side (a start awaits the team's setup), a few at a time.
    for (let i = 0; i < starting.length && !closed; i += 8) {
      await Promise.all(
        starting.slice(i, i + 8).map(async ({ teamId, generation }) => {
          const team = await tryStartTeam(teamId, generation);
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

  const websiteChecks = new Map<string, number>();
  const websitesRunning = new Set<string>();
  /**
   * The team's due websites, crawled by one process (a lease), one pass per team at a time, at most
   * every `websiteCheckMs`. Each crawl also claims its site, so a lease that changes hands mid-way
   * never runs one site twice.
   */
  function checkWebsites(teamId: string) {
    const crawl = opts.websites;
    const at = Date.now();
    if (!crawl || websitesRunning.has(teamId)) return;
    if (at - (websiteChecks.get(teamId) ?? 0) < (opts.websiteCheckMs ?? 60_000)) return;
    websiteChecks.set(teamId, at);
    websitesRunning.add(teamId);
    const teamLog = log.child({ teamId });
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
      .finally(() => websitesRunning.delete(teamId));
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
  tick();
  const timer = setInterval(tick, opts.checkMs ?? 10_000);

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
    embeddingsChanged(teamId) {
      const team = teams.get(teamId);
      if (team) void useEmbeddingsChoice(teamId, team);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await teamsFeed.stop();
      await Promise.all(channelRuntimes.map((r) => r.close()));
      await busy;
      await Promise.all([...teams.values()].map(stopTeam));
      teams.clear();
    },
  };
}
