// Builds and starts one sync server from its config: secrets, the store (embedded or COUCHDB_URL),
// auth, the app, the HTTP listener, the demo seed; and stops it gracefully. main.ts calls this once;
// tests call it with a temp DATA_DIR and port 0. The parts, in the order made: server-parts.ts (the
// store, models, accounts, billing), then server-app.ts (knowledge, channels, the app, the demo team,
// the runtime, the stop).
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Express } from 'express';
import type { AuthService } from './auth/auth-service';
import type { ServerConfig } from './config';
import type { MembersService } from './context';
import { createUpstream } from './gateway/upstream';
import { createMetrics, type Metrics } from './ops/metrics';
import { loadSecrets } from './secrets';
import { startRestoreRecovery } from './data-care/restore-swap';
import type { SeedResult } from './seed/demo-seed';
import type { CouchStore } from './store/couch-store';
import type { EmbeddedCouch } from './store/embedded-couch';
import { openAccounts, openBilling, openModels, openStore } from './server-parts';
import {
  createServerApp,
  instanceIdOf,
  openChannels,
  openKnowledge,
  serverCloser,
  startDemo,
  startServerRuntime,
  type Live,
  type ServerParts,
  type StartOptions,
} from './server-app';
import { listen } from './ops/listen';
import { outboundPolicy } from './ops/outbound';
import { loadMcpStdioServers, outboundDeps } from './integrations/index';

export type { StartOptions } from './server-app';

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
  const live: Live = { ready: false, port: config.PORT, instanceId: config.INSTANCE_ID ?? hostname() };
  // Targets a team's admin chose (model providers, mail servers, webhooks): the SSRF guard, with the
  // private ones the operator opened (OUTBOUND_ALLOW_PRIVATE).
  const policy = outboundPolicy(config.OUTBOUND_ALLOW_PRIVATE);
  const base = { store, log, now, policy, encryptionKey: secrets.encryptionKey };
  const models = openModels(config, { ...base, metrics, instanceId: () => live.instanceId });
  // The redirect URI of sign-in through a provider is PUBLIC_URL's, else this machine's at the port the
  // server listens on.
  const publicUrlNow = () => config.PUBLIC_URL ?? `http://localhost:${live.port}`;
  // The password dictionaries (0.7 s of CPU) load on the first password set, inside a sign-up's fixed
  // answer time (SIGNUP_ANSWER_MS), not at every start.
  const accounts = openAccounts(config, { ...base, jwtSecret: secrets.jwtSecret, publicUrlNow });
  const made = { config, log, now, store, policy };
  const knowledge = openKnowledge(made);
  const channels = openChannels(made, secrets.encryptionKey, live);
  const outbound = outboundDeps({
    stdioServers,
    allowPrivate: config.OUTBOUND_ALLOW_PRIVATE,
    ...opts.integrations,
  });
  const billing = openBilling(config, { store, log, now, publicUrlNow });
  // A plan that limits AI replies never falls back to the operator's LLM_* (models/team-models.ts).
  models.models.plans = billing.billing;
  // Every source indexed (uploads, files pushed from devices, website pages) keeps to the plan's size.
  knowledge.knowledge.plans = billing.billing;
  knowledge.websiteCrawl.plans = billing.billing;
  const parts: ServerParts = {
    ...made,
    opts,
    secrets,
    embedded,
    metrics,
    live,
    upstream: createUpstream(couchUrl),
    restores,
    publicUrlNow,
    longPolls: new Set(),
    models,
    accounts,
    billing,
    knowledge,
    channels,
    outbound,
  };
  const app = createServerApp(parts);

  const { server, port, dropConnections } = await listen(app, config.PORT, config.HOST);
  live.port = port;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  log.info({ port, store: config.COUCHDB_URL ? 'couchdb' : 'embedded' }, 'sync server listening');
  const { seeded, demoGuard } = await startDemo(parts);
  live.instanceId = instanceIdOf(config, port);
  if (config.RUNTIME) live.runtime = startServerRuntime(parts);
  live.ready = true;
  return {
    url: `http://${host}:${port}`,
    app,
    port,
    store,
    embedded,
    auth: accounts.auth,
    members: accounts.members,
    metrics,
    seeded,
    close: serverCloser(parts, { server, dropConnections }, demoGuard),
  };
}
