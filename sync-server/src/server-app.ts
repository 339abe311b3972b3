// The later parts startServer (server.ts) builds, after the store, models and accounts
// (server-parts.ts): knowledge (uploads, website crawls, proposals' PDFs), the channels' wings, the
// Express app with every route, the demo team, the runtime, and the graceful stop. Each takes the
// parts made before it (ServerParts); `live` holds what changes once the server listens (the port,
// the instance id, the runtime, readiness), read by closures made before.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { embeddingsConfigOf } from '@app/shared/llm';
import type { SsrfPolicy } from '@app/shared/agents';
import { createApp } from './app';
import { billingPublicRoutes, billingRoutes } from './billing/routes';
import { modelProviderRoutes } from './models/routes';
import { testChatRoutes } from './models/test-chat';
import { embeddingsRoutes } from './models/embeddings-routes';
import { companyRoutes } from './proposals/company-routes';
import { agentProposals } from './proposals/agent-proposals';
import { createProposalRenderer } from './proposals/proposal-renderer';
import { proposalRoutes } from './proposals/proposal-routes';
import { noteProposalOpened } from './proposals/proposal-service';
import type { AuthLimits } from './auth/auth-router';
import type { ServerConfig } from './config';
import type { Upstream } from './gateway/upstream';
import type { Metrics } from './ops/metrics';
import type { Secrets } from './secrets';
import {
  ingestKnowledgeSource,
  knowledgeIngestFromConfig,
  resumeKnowledgeIngestion,
} from './knowledge/knowledge-ingest';
import { crawlDueWebsites, crawlWebsite, type CrawlDeps } from './knowledge/website-crawl';
import { createCrawlQueue } from './knowledge/crawl-queue';
import { startRuntime, type Runtime, type RuntimeOptions } from './headless';
import type { startRestoreRecovery } from './data-care/restore-swap';
import { createReplyDrafts } from './agents/reply-drafts';
import { conversationTypingRoutes } from './api/conversation-typing';
import { channelStatusRoutes } from './channels/channel-status';
import { channels } from './channels/registry';
import { demoTeamId, seedDemo } from './seed/demo-seed';
import { startDemoGuard } from './channels/demo-guard';
import type { CouchStore, StoreRequestHook } from './store/couch-store';
import type { EmbeddedCouch } from './store/embedded-couch';
import type { openAccounts, openBilling, openModels } from './server-parts';
import { socialPostIntake } from './social';
import { mentionSaver } from './social/mentions';
import { vkSocialRoutes } from './social/social-routes';
import { checkOutboundUrl, guardedFetchFollowing } from './ops/outbound';
import { integrationRoutes, type IntegrationOptions, type outboundDeps } from './integrations/index';

export type StartOptions = {
  log: Logger;
  now?: () => Date;
  /** Rate limits of the auth routes (any left out: the defaults). */
  authLimits?: Partial<AuthLimits>;
  /** How long shutdown waits for in-flight requests before closing their sockets. */
  shutdownGraceMs?: number;
  /** Tests only (never from the config): loopback fakes let through the SSRF guard, API roots. */
  integrations?: IntegrationOptions;
  /** Benches only: sees each request the server sends to its store (couch-store.ts). */
  onStoreRequest?: StoreRequestHook;
  /** Tests only: how often the runtime looks at the teams and at their due websites (headless.ts). */
  runtimeIntervals?: Pick<RuntimeOptions, 'checkMs' | 'websiteCheckMs'>;
  /** Test chat answers a team may ask per window (models/test-chat.ts; default 30 a minute). */
  testChatRate?: { max: number; windowMs: number };
};

/** What changes once the server listens, read by what was made before. */
export type Live = {
  ready: boolean;
  /** The port listened on (PORT, or the one given for 0). */
  port: number;
  instanceId: string;
  runtime?: Runtime;
  /** The demo team, once the seed made it known. */
  demoTeam?: string;
};

/** What every part is made from: the config, the clock, the store and the outbound policy. */
type Base = { config: ServerConfig; log: Logger; now: () => Date; store: CouchStore; policy: SsrfPolicy };

/**
 * Knowledge: files read in worker threads within the KNOWLEDGE_* limits, websites crawled under the
 * same address policy and indexed by the same parser (one crawl at a time per team), and commercial
 * proposals rendered to PDF in worker threads.
 */
export function openKnowledge({ config, log, now, store, policy }: Base) {
  const knowledge = knowledgeIngestFromConfig(config);
  const websiteCrawl: CrawlDeps = {
    store,
    log,
    fetchPage: (url, init) => guardedFetchFollowing(policy, url, init),
    ingest: (teamId, sourceId, bytes) =>
      ingestKnowledgeSource(store, teamId, sourceId, log, knowledge, bytes),
    // The server's clock: when a crawl ran, when the next one is due, and which are due now.
    now,
  };
  // Adds, re-indexes and the schedule's passes wait their turn.
  const crawls = createCrawlQueue(
    (teamId, siteId, askedAt) => crawlWebsite(websiteCrawl, teamId, siteId, askedAt),
    log,
    now,
  );
  return { knowledge, websiteCrawl, crawls, proposalRenderer: createProposalRenderer() };
}

/**
 * Each channel's public endpoints (Telegram's webhook, web chat's widget), admin routes and settings
 * hook (channels/registry.ts); the demo team's bot joins once the demo team is known (`live`).
 */
export function openChannels(
  { config, log, now, store }: Base,
  encryptionKey: Buffer,
  live: Pick<Live, 'demoTeam'>,
) {
  // Answers being written (in this process's memory), shown by the web chat widget as they grow.
  const drafts = createReplyDrafts({ channels: ['webchat'] });
  const opened = channels.map((channel) =>
    channel.open({
      store,
      log,
      encryptionKey,
      now,
      config,
      demoTeam: () => live.demoTeam,
      drafts,
      fileOpened: (teamId, message) => noteProposalOpened({ store, now }, teamId, message),
      socialPost: socialPostIntake(store, now),
    }),
  );
  const settingsChanged = (teamId: string) => {
    for (const channel of opened) channel.settingsChanged?.(teamId);
  };
  return { drafts, opened, settingsChanged };
}

/** Everything startServer made before the app: what the app, the runtime and the stop use. */
export type ServerParts = Base & {
  opts: StartOptions;
  secrets: Secrets;
  embedded: EmbeddedCouch | undefined;
  metrics: Metrics;
  live: Live;
  upstream: Upstream;
  restores: ReturnType<typeof startRestoreRecovery>;
  publicUrlNow: () => string;
  longPolls: Set<() => void>;
  models: ReturnType<typeof openModels>;
  accounts: ReturnType<typeof openAccounts>;
  billing: ReturnType<typeof openBilling>;
  knowledge: ReturnType<typeof openKnowledge>;
  channels: ReturnType<typeof openChannels>;
  /** Every outbound call of the teams' integrations goes through this SSRF-checked fetch. */
  outbound: ReturnType<typeof outboundDeps>;
};

/** The admin API's routes beside the collections: the channels', billing, integrations, models, proposals. */
function apiRoutesOf(p: ServerParts) {
  const { config, policy, live } = p;
  const { usage, models, defaultModels, serverModel, serverModels } = p.models;
  const { opened, drafts } = p.channels;
  return [
    ...opened.flatMap((channel) => channel.apiRoutes ?? []),
    vkSocialRoutes(config.VK_API_ROOT),
    billingRoutes(p.billing.billingHttp),
    channelStatusRoutes(channels.map((c, i) => ({ name: c.name, connected: opened[i]!.connected }))),
    integrationRoutes({
      outbound: p.outbound,
      changed: (teamId) => live.runtime?.integrationsChanged(teamId),
      stdioToolNames: (teamId) => live.runtime?.stdioToolNames(teamId) ?? [],
    }),
    modelProviderRoutes({
      policy,
      usage,
      changed: (teamId) => models.changed(teamId),
      hasDefault: defaultModels.providers.length > 0,
      ...(config.LLM_CA_CERTS ? { caCerts: config.LLM_CA_CERTS } : {}),
    }),
    embeddingsRoutes({
      ...(serverModel ? { serverModel } : {}),
      installed: serverModels,
      knowledgeFor: (teamId) => live.runtime?.knowledgeFor(teamId),
      changed: (teamId) => live.runtime?.embeddingsChanged(teamId),
    }),
    conversationTypingRoutes(drafts),
    companyRoutes,
    proposalRoutes({ renderer: p.knowledge.proposalRenderer }),
    testChatRoutes({
      llmFor: (teamId) => models.llmFor(teamId),
      knowledgeFor: (teamId) => live.runtime?.knowledgeFor(teamId),
      aiReplies: p.billing.billing,
      instanceId: () => live.instanceId,
      ...(p.opts.testChatRate ? { rate: p.opts.testChatRate } : {}),
    }),
  ];
}

/** The Express app over the parts (app.ts): sign-in, sync, the admin API, channels' endpoints, the desktop app. */
export function createServerApp(p: ServerParts): Express {
  const { config, store, log, now, live, secrets, policy } = p;
  const { tokens, guard, auth, members, passwordReset, oidc } = p.accounts;
  const { knowledge, crawls } = p.knowledge;
  return createApp({
    store,
    log,
    encryptionKey: secrets.encryptionKey,
    now,
    members,
    plans: p.billing.billing,
    tokens,
    auth,
    acceptInvite: (input) => members.acceptInvite(input),
    passwordReset,
    ...(oidc ? { oidc } : {}),
    publicUrlNow: p.publicUrlNow,
    guard,
    upstream: p.upstream,
    metrics: p.metrics,
    // A supervised store process that is down (restarting) answers nothing: not ready.
    ping: async () => (p.embedded?.up ?? true) && store.ping(),
    ready: () => live.ready,
    longPolls: p.longPolls,
    authLimits: p.opts.authLimits,
    channels: [
      ...p.channels.opened.flatMap((channel) => channel.publicRoutes ?? []),
      ...billingPublicRoutes(p.billing.billingHttp),
    ],
    apiRoutes: apiRoutesOf(p),
    ingest: (teamId, sourceId, bytes) =>
      ingestKnowledgeSource(store, teamId, sourceId, log, knowledge, bytes).then(() => undefined),
    websites: {
      check: (url) => checkOutboundUrl(url, policy),
      crawl: (teamId, siteId) => crawls.add(teamId, siteId),
    },
    knowledgeLimits: {
      maxUploadBytes: config.KNOWLEDGE_MAX_UPLOAD_BYTES,
      limits: knowledge.parser.options.limits,
    },
    channelsChanged: (teamId) => {
      p.channels.settingsChanged(teamId);
      live.runtime?.refresh();
    },
    config: {
      corsOrigins: config.CORS_ORIGINS,
      jsonLimit: config.JSON_LIMIT,
      syncJsonLimit: config.SYNC_JSON_LIMIT,
      filesJsonLimit: config.FILES_JSON_LIMIT,
      longpollMaxMs: config.LONGPOLL_MAX_MS,
      appDir: config.APP_DIR ?? resolve(import.meta.dirname, '../../desktop/out/renderer'),
      trustProxy: config.TRUST_PROXY,
      ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
      ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    },
  });
}

/**
 * The demo team (SEED_DEMO seeds it; else one seeded before), its sample conversations guarded (what is
 * written into them is never sent: channels/demo-guard.ts), and TELEGRAM_BOT_TOKEN's bot connected to it.
 */
export async function startDemo(p: ServerParts) {
  const { config, store, log, now } = p;
  const auth = p.accounts.auth;
  const seeded = config.SEED_DEMO
    ? await seedDemo({ store, auth, now, saveMentions: mentionSaver(store, now) })
    : undefined;
  if (seeded) log.info({ teamId: seeded.teamId, ms: seeded.ms, phases: seeded.phases }, 'demo team seeded');
  const demoTeamOf = seeded?.teamId ?? (await demoTeamId(store));
  p.live.demoTeam = demoTeamOf;
  const demoGuard = demoTeamOf
    ? startDemoGuard({ store, teamId: demoTeamOf, log: log.child({ component: 'demo-guard' }) })
    : undefined;
  const demoTeam = config.TELEGRAM_BOT_TOKEN ? demoTeamOf : undefined;
  if (config.TELEGRAM_BOT_TOKEN && !demoTeam)
    log.warn('TELEGRAM_BOT_TOKEN is set but there is no demo team to connect it to');
  // Its bot (telegramOptions: TELEGRAM_BOT_TOKEN on the demo team) is read again now.
  if (demoTeam) p.channels.settingsChanged(demoTeam);
  return { seeded, demoGuard };
}

/** The runtime (headless.ts): the teams' agents, the channels' background work, crawls on schedule. */
export function startServerRuntime(p: ServerParts): Runtime {
  const { config, store, log, now, live } = p;
  const { defaultModels, models, teamEmbeddings } = p.models;
  const { knowledge, crawls, websiteCrawl, proposalRenderer } = p.knowledge;
  const billing = p.billing.billing;
  return startRuntime({
    store,
    log: log.child({ component: 'runtime' }),
    instanceId: live.instanceId,
    encryptionKey: p.secrets.encryptionKey,
    config,
    llm: defaultModels,
    models,
    embeddings: embeddingsConfigOf(config),
    embeddingsFor: (teamId, fallback) => teamEmbeddings.choiceFor(teamId, fallback),
    demoTeam: () => live.demoTeam,
    integrations: p.outbound,
    drafts: p.channels.drafts,
    proposals: agentProposals({ store, renderer: proposalRenderer, now, plans: billing }),
    resumeKnowledge: (teamId, teamLog) => resumeKnowledgeIngestion(store, teamId, teamLog, knowledge),
    knowledgeIngest: knowledge,
    websites: (teamId) => crawls.run(teamId, () => crawlDueWebsites(websiteCrawl, teamId)),
    aiReplies: billing,
    ...p.opts.runtimeIntervals,
  });
}

/** The instance id once the port is known: INSTANCE_ID, else this host's name and the port. */
export const instanceIdOf = (config: ServerConfig, port: number) =>
  config.INSTANCE_ID ?? `${hostname()}-${port}`;

/**
 * The graceful stop (once, however often asked): no new requests, long-polls answered, in-flight
 * requests given `shutdownGraceMs`, the runtime and the demo guard the same grace, then every part
 * closed and the store last.
 */
export function serverCloser(
  p: ServerParts,
  http: { server: Server; dropConnections(): void },
  demoGuard: { stop(): Promise<void> } | undefined,
): () => Promise<void> {
  const { log, live } = p;
  const graceMs = p.opts.shutdownGraceMs ?? 10_000;
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      live.ready = false;
      const closed = new Promise<void>((ok) => http.server.close(() => ok()));
      http.server.closeIdleConnections();
      // Waiting long-polls answer now (empty), so clients come back to another server.
      for (const finish of [...p.longPolls]) finish();
      const grace = setTimeout(() => {
        http.server.closeAllConnections();
        http.dropConnections();
      }, graceMs);
      await closed;
      clearTimeout(grace);
      // The runtime gets the same grace, and so do the teams being made after their sign-ups' answers
      // (auth-service.ts); closing the store then ends whatever it still waits on.
      await Promise.race([
        Promise.all([live.runtime?.close(), demoGuard?.stop(), p.restores.stop(), p.accounts.auth.settled()]),
        new Promise((ok) => setTimeout(ok, graceMs).unref()),
      ]);
      await p.models.usage.close().catch((err: unknown) => log.warn({ err }, 'writing model usage failed'));
      p.billing.renewals?.stop();
      await p.billing.billing.close();
      await p.accounts.guard.close();
      p.upstream.close();
      await p.knowledge.knowledge.parser.close();
      await p.knowledge.proposalRenderer.close();
      await p.store.close();
      log.info('sync server stopped');
    })());
}
