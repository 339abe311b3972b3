// One team's background work in the headless runtime (headless.ts starts and stops it per team): its
// knowledge index, in-memory mirrors of what every run reads (agent settings, the objection library,
// the catalog), its integrations' tools, the agent runner following its messages feed, the stage
// notifier, and the channel wings' work for the team.
import { createAgentEngine, type ReplyBudget } from '@app/shared/agents';
import type { LlmClient } from '@app/shared/llm';
import { agentPlugins } from '@app/shared/packs';
import type {
  AgentSettingsDoc,
  MessageDoc,
  ObjectionDoc,
  PipelineDoc,
  ProductDoc,
} from '@app/shared/schemas';
import type { Logger } from 'pino';
import { channels } from './channels/registry';
import { createOutboxes, type Outboxes } from './channels/outbox/host';
import type { ChannelRuntimeContext, ChannelTeamRuntime } from './channels/port';
import { startStageNotifier, type StageNotifier } from './channels/stage-notify';
import { startTeamTools, type OutboundDeps, type TeamTools } from './integrations/index';
import type { Stored } from './store/couch-docs';
import { statusOf } from './store/couch-errors';
import { generationCheckpointId, generationStart } from './store/team-generation';
import { createAgentRunner, type AgentRunner } from './agents/agent-runner';
import type { ChangeFollower } from './store/feeds/change-follower';
import { followTeam } from './store/feeds/follow';
import { startCollectionMirror, type CollectionMirror } from './store/feeds/collection-mirror';
import type { TeamCollection } from './context';
import { createCouchStorePort } from './agents/couch-store-port';
import { resumeKnowledgeIngestion } from './knowledge/knowledge-ingest';
import { startKnowledgeIntake, type KnowledgeIntake } from './knowledge/knowledge-intake';
import type { Leases } from './store/leases';
import type { RuntimeOptions } from './headless-options';
import {
  startSwitchableKnowledge,
  type KnowledgeEmbedderChoice,
  type SwitchableKnowledge,
} from './knowledge/team-knowledge-switch';
import { startRecentDocs, type RecentDocs } from './store/feeds/recent-docs';
import { createThreadCache, type ThreadCache } from './agents/thread-cache';
import { takenInHere } from './channels/intake';

export type TeamRuntime = {
  /** The team's data generation ('' before any restore; store/team-generation.ts). */
  generation: string;
  /** A restored team's generation and where its messages feed starts. */
  fresh?: { id: string; since: string };
  knowledge: SwitchableKnowledge;
  /** Indexes the knowledge sources devices push, within the plan (knowledge/knowledge-intake.ts). */
  intake: KnowledgeIntake;
  settings: CollectionMirror<AgentSettingsDoc>;
  /** The objection library every run may answer from (issue 38). */
  objections: CollectionMirror<ObjectionDoc>;
  /** The team's product catalog, for quotes. */
  products: CollectionMirror<ProductDoc>;
  /** The team's pipelines, for the agent runs and the stage notifications. */
  pipelines: CollectionMirror<PipelineDoc>;
  /** The contacts and conversations runs and deliveries touched lately, kept current. */
  recent: { contacts: RecentDocs; conversations: RecentDocs };
  /** The tools of the team's integrations (task tracker, calendar, webhook tools, MCP servers). */
  tools: TeamTools;
  runner: AgentRunner;
  follower: ChangeFollower;
  /** The agents' replies as they are written, for the runner apart from `follower` (issue 65). */
  replies: ChangeFollower;
  /** Customer notifications on stage changes (channels/stage-notify.ts). */
  notifier: StageNotifier;
  /** The channel wings' work beside the team's agents (a wing's `teamRuntime`). */
  channels: ChannelTeamRuntime[];
  /** The core's outboxes of the wings' work beside the team (with the team's mirrors). */
  outboxes: Outboxes;
};

/** What a team's start takes from the runtime. */
export type TeamStartDeps = {
  opts: RuntimeOptions;
  leases: Leases;
  /** The server's default LLM (a team's own models come from `opts.models`). */
  llm: LlmClient;
  outbound: OutboundDeps;
  /** The team's embeddings choice (its own, else the server's default). */
  choiceOf: (teamId: string) => Promise<KnowledgeEmbedderChoice>;
  /** What a wing's work is started with. */
  wingContext: (name: string) => ChannelRuntimeContext;
};

export async function startTeam(
  deps: TeamStartDeps,
  teamId: string,
  generation: string,
): Promise<TeamRuntime> {
  const { opts, leases, choiceOf, wingContext } = deps;
  const { store } = opts;
  const teamLog = opts.log.child({ teamId });
  // The databases first (a team registered through another process may be half set up still, and
  // its followers would fail on a missing database); idempotent, and a team created by an older
  // version gets the indexes the agents query by.
  await store.ensureTeam(teamId);
  // A restored team: its followers start where the restored messages end (team-generation.ts).
  const fresh = generation
    ? { id: generation, since: await generationStart(store, teamId, generation) }
    : undefined;
  const knowledge = startSwitchableKnowledge({ store, teamId, log: teamLog }, choiceOf(teamId));
  // The team's collections the runs read whole, kept in memory by their feeds.
  const mirror = <T extends { id: string }>(collection: TeamCollection) =>
    startCollectionMirror<T>({ store, teamId, collection, log: teamLog });
  // Every run reads the team's agent profiles: from memory.
  const settings = mirror<AgentSettingsDoc>('agent_settings');
  const objections = mirror<ObjectionDoc>('objections');
  // Quotes read the whole catalog: from memory too.
  const products = mirror<ProductDoc>('products');
  // Every run reads its deal's pipeline (is the deal open?), and so does a stage change (does the
  // stage notify?): from memory.
  const pipelines = mirror<PipelineDoc>('pipelines');
  // The conversations' messages the agents worked on lately, kept current by the agents' feed: the
  // runs read them, and so does planning a follow-up once the channel delivered an answer.
  const threads = createThreadCache();
  // The contact and the conversation of each customer message are read by its run and again when
  // its answer is delivered: from memory once read, kept current by their feeds.
  const recent = {
    contacts: startRecentDocs({ store, teamId, collection: 'contacts', log: teamLog }),
    conversations: startRecentDocs({ store, teamId, collection: 'conversations', log: teamLog }),
  };
  const { tools, runner, follower, replies } = startTeamAgents(deps, {
    teamId,
    teamLog,
    fresh,
    threads,
    recent,
    knowledge,
    settings,
    objections,
    products,
    pipelines,
  });
  const notifier = startStageNotifier({
    store,
    teamId,
    pipelines,
    log: teamLog.child({ component: 'stage-notify' }),
    checkpointId: generationCheckpointId(`cp:stage-notify:${teamId}`, fresh?.id),
  });
  // The wings' work beside the team's agents: nothing runs until the first check syncs it. Their
  // outboxes are the core's, with the team's mirrors (a delivered answer's follow-up reads them).
  const mirrors = { agent_settings: settings, objections, pipelines, threads, recent };
  const outboxes = createOutboxes({ store, mirrors });
  const teamChannels = channels.flatMap((wing) =>
    wing.teamRuntime
      ? [
          wing.teamRuntime({
            ...wingContext(wing.name),
            teamId,
            ...(fresh ? { generation: fresh } : {}),
            mirrors,
            outboxes,
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
  const intake = startKnowledgeIntake({
    store,
    teamId,
    log: teamLog,
    ...(opts.knowledgeIngest ? { deps: opts.knowledgeIngest } : {}),
  });
  return {
    generation,
    ...(fresh ? { fresh } : {}),
    knowledge,
    intake,
    settings,
    objections,
    products,
    pipelines,
    recent,
    tools,
    runner,
    follower,
    replies,
    notifier,
    channels: teamChannels,
    outboxes,
  };
}

export async function stopTeam(team: TeamRuntime): Promise<void> {
  await Promise.all(team.channels.map((c) => c.close()));
  await team.outboxes.close();
  // Together: the runner lets go of a batch it cannot finish, the follower stops reading.
  await Promise.all([team.runner.stop(), team.follower.stop(), team.replies.stop(), team.notifier.stop()]);
  await Promise.all([
    team.knowledge.close(),
    team.intake.close(),
    team.settings.close(),
    team.objections.close(),
    team.products.close(),
    team.pipelines.close(),
    team.recent.contacts.close(),
    team.recent.conversations.close(),
    team.tools.close(),
  ]);
}

/** The team's agents: its tools, the runner of agent runs, and the follower of its messages feed. */
function startTeamAgents(
  deps: TeamStartDeps,
  team: {
    teamId: string;
    teamLog: Logger;
    fresh: { id: string; since: string } | undefined;
    threads: ThreadCache;
    recent: TeamRuntime['recent'];
    knowledge: SwitchableKnowledge;
    settings: CollectionMirror<AgentSettingsDoc>;
    objections: CollectionMirror<ObjectionDoc>;
    products: CollectionMirror<ProductDoc>;
    pipelines: CollectionMirror<PipelineDoc>;
  },
) {
  const { opts, leases, llm, outbound } = deps;
  const { store } = opts;
  const { teamId, teamLog, fresh, threads, recent, knowledge, settings, objections, products, pipelines } =
    team;
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
    // A message another process took in is left to it while it is at work: 10 s after its last
    // reply (or a lease it held) it is deemed gone and this process takes over, after a minute
    // whatever it does (issue 65).
    takenHere: (messageId) => takenInHere(store, teamId, messageId),
    deferMs: opts.agentsDeferMs ?? 10_000,
    ...(opts.drafts ? { drafts: opts.drafts } : {}),
    engineFor: () => {
      const port = createCouchStorePort(store, teamId, {
        agent_settings: settings,
        objections,
        products,
        pipelines,
        threads,
        recent,
      });
      if (sendProposal) port.sendProposal = sendProposal;
      const gate = opts.aiReplies && planGate(opts.aiReplies, teamId, opts.instanceId, teamLog);
      const engine = createAgentEngine({
        store: port,
        llm: teamLlm,
        retriever: knowledge,
        log: teamLog,
        tools: tools.current(),
        plugins: agentPlugins,
        ...(gate ? { replyBudget: gate } : {}),
      });
      return { engine, store: port };
    },
  });
  const follower = followTeam<Stored<MessageDoc>>(store, teamId, 'messages', {
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
  // The agents' replies as they are written, whoever wrote them, handed to the runner apart from the
  // follower above: that one reads at most 16 batches ahead, and with all of them waiting for the
  // replies of another process (the messages it took in, left to it) it would read none of those
  // replies until that wait ran out, and run the messages again (issue 65). In memory, from now:
  // what came before is the follower's; on the process's shared feed of the database (no request of
  // its own to CouchDB, shared-feed.ts).
  const replies = followTeam<Stored<MessageDoc>>(store, teamId, 'messages', {
    initialSince: 'now',
    selector: { direction: 'outbound', 'author.kind': 'agent', replyToId: { $exists: true } },
    log: teamLog,
    batchSize: 500,
    handle: (changes) => runner.handle(changes),
  });
  replies.start();
  return { tools, runner, follower, replies };
}

/**
 * The plans' AI-reply limit as one run's reply budget (one engine per run; the engine's reply-budget
 * step and its end): `pause` reserves a reply or says why the agents pause; `settle` counts an answer
 * sent (not a hand-off notice, not a run skipped) as one AI reply of the plan's month, and gives back
 * a reservation no answer came of.
 */
function planGate(
  plan: NonNullable<RuntimeOptions['aiReplies']>,
  teamId: string,
  instanceId: string,
  log: Logger,
): ReplyBudget {
  // Whether this run was let answer: on a limited plan a reply is reserved.
  let mayAnswer = false;
  // A run let answer that answered nothing (a hand-off, a failure) gives its reservation back.
  const release = () =>
    plan.releaseAiReply(teamId).catch((err: unknown) => log.warn({ err }, 'giving an AI reply back failed'));
  return {
    async pause(language) {
      const why = await plan.aiRepliesPaused(teamId, language);
      mayAnswer = !why;
      return why;
    },
    async settle(outcome) {
      const result = 'result' in outcome ? outcome.result : undefined;
      if (result && result.replies.length > 0 && !result.handoff && !result.skipped)
        await plan
          .countAiReply(teamId, instanceId)
          .catch((err: unknown) => log.warn({ err }, 'counting an AI reply failed'));
      else if (mayAnswer) await release();
    },
  };
}
