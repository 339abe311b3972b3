// Builds and starts one sync server from its config: secrets, the store (embedded or COUCHDB_URL),
// auth, the app, the HTTP listener, the demo seed; and stops it gracefully. main.ts calls this once;
// tests call it with a temp DATA_DIR and port 0.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { embeddingsConfigOf } from '@app/shared/llm';
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
import type { AuthService } from './auth/auth-service';
import type { ServerConfig } from './config';
import type { MembersService } from './context';
import { createUpstream } from './gateway/upstream';
import { createMetrics, type Metrics } from './ops/metrics';
import { loadSecrets } from './secrets';
import {
  ingestKnowledgeSource,
  knowledgeIngestFromConfig,
  resumeKnowledgeIngestion,
} from './knowledge/knowledge-ingest';
import { crawlDueWebsites, crawlWebsite, type CrawlDeps } from './knowledge/website-crawl';
import { createCrawlQueue } from './knowledge/crawl-queue';
import { startRuntime, type Runtime, type RuntimeOptions } from './headless';
import { startRestoreRecovery } from './data-care/restore-swap';
import { createReplyDrafts } from './agents/reply-drafts';
import { conversationTypingRoutes } from './api/conversation-typing';
import { channelStatusRoutes } from './channels/channel-status';
import { channels } from './channels/registry';
import { demoTeamId, seedDemo, type SeedResult } from './seed/demo-seed';
import { startDemoGuard } from './channels/demo-guard';
import type { CouchStore, StoreRequestHook } from './store/couch-store';
import type { EmbeddedCouch } from './store/embedded-couch';
import { openAccounts, openBilling, openModels, openStore } from './server-parts';
import { listen } from './ops/listen';
import { socialPostIntake } from './social';
import { mentionSaver } from './social/mentions';
import { vkSocialRoutes } from './social/social-routes';
import { checkOutboundUrl, guardedFetchFollowing, outboundPolicy } from './ops/outbound';
import {
  integrationRoutes,
  loadMcpStdioServers,
  outboundDeps,
  type IntegrationOptions,
} from './integrations/index';

export type RunningServer = {
  url: string;
  /** The Express app (tests walk its routes). */
  app: Express;
  port: number;
  store: CouchStore;
  /** The embedded store (none with COUCHDB_URL): its mode, pid, `up`, and `restart()` for fault tests. */
  embedded: EmbeddedCouch | undefined;
  auth: AuthService;
  members: MembersService;
  metrics: Metrics;
  seeded: SeedResult;
  close(): Promise<void>;
};

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

export async function startServer(config: ServerConfig, opts: StartOptions): Promise<RunningServer> {
  const { log } = opts;
  const now = opts.now ?? (() => new Date());
  const dataDir = resolve(config.DATA_DIR);
  const secrets = loadSecrets(dataDir, config);
  // MCP servers over stdio: only from DATA_DIR/mcp-servers.json (a bad file stops the start here).
  const stdioServers = loadMcpStdioServers(dataDir);
  const { store, embedded, couchUrl } = await openStore(config, dataDir, secrets, log, opts.onStoreRequest);
  // A restore cut short by a crash is dropped (before its commit point) or finished (after it).
  const restores = startRestoreRecovery(store, log.child({ component: 'restore' }));

  const metrics = createMetrics();
  let instanceId = config.INSTANCE_ID ?? hostname();
  // Targets a team's admin chose (model providers, mail servers, webhooks): the SSRF guard, with the
  // private ones the operator opened (OUTBOUND_ALLOW_PRIVATE).
  const policy = outboundPolicy(config.OUTBOUND_ALLOW_PRIVATE);
  const base = { store, log, now, policy, encryptionKey: secrets.encryptionKey };
  const { usage, defaultModels, models, serverModel, serverModels, teamEmbeddings } = openModels(config, {
    ...base,
    metrics,
    instanceId: () => instanceId,
  });
  const upstream = createUpstream(couchUrl);
  // The redirect URI of sign-in through a provider is PUBLIC_URL's, else this machine's at the port the
  // server listens on.
  let boundPort = config.PORT;
  const publicUrlNow = () => config.PUBLIC_URL ?? `http://localhost:${boundPort}`;
  const { tokens, guard, auth, members, passwordReset, oidc } = openAccounts(config, {
    ...base,
    jwtSecret: secrets.jwtSecret,
    publicUrlNow,
  });
  // The password dictionaries (0.7 s of CPU) load on the first password set, inside a sign-up's fixed
  // answer time (SIGNUP_ANSWER_MS), not at every start.
  let ready = false;
  let runtime: Runtime | undefined;
  const longPolls = new Set<() => void>();
  // Knowledge files are read in worker threads, within the KNOWLEDGE_* limits and budgets.
  const knowledge = knowledgeIngestFromConfig(config);
  // Websites as knowledge: pages fetched under the same address policy, indexed by the same parser.
  const websiteCrawl: CrawlDeps = {
    store,
    log,
    fetchPage: (url, init) => guardedFetchFollowing(policy, url, init),
    ingest: (teamId, sourceId, bytes) =>
      ingestKnowledgeSource(store, teamId, sourceId, log, knowledge, bytes),
    // The server's clock: when a crawl ran, when the next one is due, and which are due now.
    now,
  };
  // One crawl at a time per team: adds, re-indexes and the schedule's passes wait their turn.
  const crawls = createCrawlQueue(
    (teamId, siteId, askedAt) => crawlWebsite(websiteCrawl, teamId, siteId, askedAt),
    log,
    now,
  );
  // Commercial proposals are rendered to PDF in worker threads (proposals/proposal-renderer.ts).
  const proposalRenderer = createProposalRenderer();
  // The demo team's bot joins once the demo team is known (after the seed, below).
  const known: { demoTeam?: string } = {};
  const demoTeamKnown = () => known.demoTeam;
  // Each channel's public endpoints (Telegram's webhook, web chat's widget), admin routes and
  // settings hook (channels/registry.ts).
  // Answers being written (in this process's memory), shown by the web chat widget as they grow.
  const drafts = createReplyDrafts({ channels: ['webchat'] });
  const opened = channels.map((channel) =>
    channel.open({
      store,
      log,
      encryptionKey: secrets.encryptionKey,
      now,
      config,
      demoTeam: demoTeamKnown,
      drafts,
      fileOpened: (teamId, message) => noteProposalOpened({ store, now }, teamId, message),
      socialPost: socialPostIntake(store, now),
    }),
  );
  // Every outbound call of the teams' integrations goes through this SSRF-checked fetch.
  const outbound = outboundDeps({
    stdioServers,
    allowPrivate: config.OUTBOUND_ALLOW_PRIVATE,
    ...opts.integrations,
  });
  const channelSettingsChanged = (teamId: string) => {
    for (const channel of opened) channel.settingsChanged?.(teamId);
  };

  const { billing, billingHttp, renewals } = openBilling(config, { store, log, now, publicUrlNow });
  // A plan that limits AI replies never falls back to the operator's LLM_* (models/team-models.ts).
  models.plans = billing;
  // Every source indexed (uploads, files pushed from devices, website pages) keeps to the plan's size.
  knowledge.plans = billing;
  websiteCrawl.plans = billing;

  const app = createApp({
    store,
    log,
    encryptionKey: secrets.encryptionKey,
    now,
    members,
    plans: billing,
    tokens,
    auth,
    acceptInvite: (input) => members.acceptInvite(input),
    passwordReset,
    ...(oidc ? { oidc } : {}),
    publicUrlNow,
    guard,
    upstream,
    metrics,
    // A supervised store process that is down (restarting) answers nothing: not ready.
    ping: async () => (embedded?.up ?? true) && store.ping(),
    ready: () => ready,
    longPolls,
    authLimits: opts.authLimits,
    channels: [
      ...opened.flatMap((channel) => channel.publicRoutes ?? []),
      ...billingPublicRoutes(billingHttp),
    ],
    apiRoutes: [
      ...opened.flatMap((channel) => channel.apiRoutes ?? []),
      vkSocialRoutes(config.VK_API_ROOT),
      billingRoutes(billingHttp),
      channelStatusRoutes(channels.map((c, i) => ({ name: c.name, connected: opened[i]!.connected }))),
      integrationRoutes({
        outbound,
        changed: (teamId) => runtime?.integrationsChanged(teamId),
        stdioToolNames: (teamId) => runtime?.stdioToolNames(teamId) ?? [],
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
        knowledgeFor: (teamId) => runtime?.knowledgeFor(teamId),
        changed: (teamId) => runtime?.embeddingsChanged(teamId),
      }),
      conversationTypingRoutes(drafts),
      companyRoutes,
      proposalRoutes({ renderer: proposalRenderer }),
      testChatRoutes({
        llmFor: (teamId) => models.llmFor(teamId),
        knowledgeFor: (teamId) => runtime?.knowledgeFor(teamId),
        aiReplies: billing,
        instanceId: () => instanceId,
        ...(opts.testChatRate ? { rate: opts.testChatRate } : {}),
      }),
    ],
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
      channelSettingsChanged(teamId);
      runtime?.refresh();
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

  const { server, port, dropConnections } = await listen(app, config.PORT, config.HOST);
  boundPort = port;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  log.info({ port, store: config.COUCHDB_URL ? 'couchdb' : 'embedded' }, 'sync server listening');

  const seeded = config.SEED_DEMO
    ? await seedDemo({ store, auth, now, saveMentions: mentionSaver(store, now) })
    : undefined;
  if (seeded) log.info({ teamId: seeded.teamId, ms: seeded.ms, phases: seeded.phases }, 'demo team seeded');
  const demoTeamOf = seeded?.teamId ?? (await demoTeamId(store));
  known.demoTeam = demoTeamOf;
  // Whatever is written into the demo's sample conversations is never sent (channels/demo-guard.ts).
  const demoGuard = demoTeamOf
    ? startDemoGuard({ store, teamId: demoTeamOf, log: log.child({ component: 'demo-guard' }) })
    : undefined;
  const demoTeam = config.TELEGRAM_BOT_TOKEN ? demoTeamOf : undefined;
  if (config.TELEGRAM_BOT_TOKEN && !demoTeam)
    log.warn('TELEGRAM_BOT_TOKEN is set but there is no demo team to connect it to');
  // Its bot (telegramOptions: TELEGRAM_BOT_TOKEN on the demo team) is read again now.
  if (demoTeam) channelSettingsChanged(demoTeam);
  instanceId = config.INSTANCE_ID ?? `${hostname()}-${port}`;
  if (config.RUNTIME) {
    runtime = startRuntime({
      store,
      log: log.child({ component: 'runtime' }),
      instanceId,
      encryptionKey: secrets.encryptionKey,
      config,
      llm: defaultModels,
      models,
      embeddings: embeddingsConfigOf(config),
      embeddingsFor: (teamId, fallback) => teamEmbeddings.choiceFor(teamId, fallback),
      demoTeam: demoTeamKnown,
      integrations: outbound,
      drafts,
      proposals: agentProposals({ store, renderer: proposalRenderer, now, plans: billing }),
      resumeKnowledge: (teamId, teamLog) => resumeKnowledgeIngestion(store, teamId, teamLog, knowledge),
      knowledgeIngest: knowledge,
      websites: (teamId) => crawls.run(teamId, () => crawlDueWebsites(websiteCrawl, teamId)),
      aiReplies: billing,
      ...opts.runtimeIntervals,
    });
  }
  ready = true;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    app,
    port,
    store,
    embedded,
    auth,
    members,
    metrics,
    seeded,
    close() {
      closing ??= (async () => {
        ready = false;
        const closed = new Promise<void>((ok) => server.close(() => ok()));
        server.closeIdleConnections();
        // Waiting long-polls answer now (empty), so clients come back to another server.
        for (const finish of [...longPolls]) finish();
        const grace = setTimeout(() => {
          server.closeAllConnections();
          dropConnections();
        }, opts.shutdownGraceMs ?? 10_000);
        await closed;
        clearTimeout(grace);
        // The runtime gets the same grace, and so do the teams being made after their sign-ups' answers
        // (auth-service.ts); closing the store then ends whatever it still waits on.
        await Promise.race([
          Promise.all([runtime?.close(), demoGuard?.stop(), restores.stop(), auth.settled()]),
          new Promise((ok) => setTimeout(ok, opts.shutdownGraceMs ?? 10_000).unref()),
        ]);
        await usage.close().catch((err: unknown) => log.warn({ err }, 'writing model usage failed'));
        renewals?.stop();
        await billing.close();
        await guard.close();
        upstream.close();
        await knowledge.parser.close();
        await proposalRenderer.close();
        await store.close();
        log.info('sync server stopped');
      })();
      return closing;
    },
  };
}
