// createApp(deps): the Express app. Order: request ids and logs (secrets redacted), metrics, helmet,
// CORS, ops routes, the sync gateway (it parses its own bodies after auth), the JSON API, /app, JSON
// 404, one error middleware. Nothing here holds state that must be shared between server instances.
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { parseJsonBody } from './http/body';
import type { ApiRouteModule, KnowledgeIngest, KnowledgeUploadLimits, WebsiteHooks } from './api/deps';
import { createApiRouter } from './api/index';
import { errorMiddleware, notFound } from './app-errors';
import type { AccessTokens } from './auth/access-tokens';
import { createAuthRouter, type AuthLimits } from './auth/auth-router';
import type { AuthService } from './auth/auth-service';
import type { SignUpAnswer } from './auth/auth-service';
import type { PasswordReset } from './auth/password-reset';
import type { OidcService } from './auth/oidc-service';
import { createRequireAuth } from './auth/require-auth';
import type { SessionGuard } from './auth/session-guard';
import type { ServerDeps } from './context';
import { createGatewayRouter } from './gateway/gateway-router';
import type { Upstream } from './gateway/upstream';
import { createAppStatic } from './ops/app-static';
import { createHealthRouter } from './ops/health-router';
import { warnOfUntrustedProxy } from './ops/proxy-warning';
import type { Metrics } from './ops/metrics';
import { createRequestLogger } from './ops/request-log';

export type AppDeps = ServerDeps & {
  tokens: AccessTokens;
  auth: AuthService;
  acceptInvite: (input: { token: string; password: string }) => Promise<SignUpAnswer>;
  passwordReset: PasswordReset;
  /** Sign-in through the operator's OIDC providers (OIDC_PROVIDERS). */
  oidc?: OidcService;
  /** Refuses access tokens of ended sessions (removed members, role or password changes). */
  guard: SessionGuard;
  upstream: Upstream;
  metrics: Metrics;
  ping: () => Promise<boolean>;
  ready: () => boolean;
  config: {
    corsOrigins: string[];
    jsonLimit: string;
    syncJsonLimit: string;
    filesJsonLimit: string;
    longpollMaxMs: number;
    appDir: string;
    trustProxy: boolean;
    /** METRICS_TOKEN: the bearer token /metrics needs; unset, it answers loopback callers only. */
    metricsToken?: string;
    /** PUBLIC_URL, when set: where Telegram's webhook calls reach this server; https adds upgrade-insecure-requests. */
    publicUrl?: string;
  };
  authLimits?: Partial<AuthLimits>;
  /** Where this server is reached now (PUBLIC_URL, else this machine and the port it listens on). */
  publicUrlNow?: () => string;
  /** Finishers of waiting long-polls, called at shutdown. */
  longPolls?: Set<() => void>;
  /**
   * Public channel endpoints (web chat, Telegram webhooks), mounted before helmet and CORS: they are
   * called from customers' sites and by Telegram, and answer CORS for the sites they allow themselves.
   */
  channels?: Array<{ path: string; handler: RequestHandler }>;
  /** Starts ingestion of an uploaded knowledge file (parse, chunk, index). */
  ingest?: KnowledgeIngest;
  /** Upload size and parsing limits of knowledge files (checked up front where cheap). */
  knowledgeLimits?: KnowledgeUploadLimits;
  /** Websites as knowledge: the address check and the crawl (knowledge/website-crawl.ts). */
  websites?: WebsiteHooks;
  /** A team's channel settings changed: the runtime (re)starts its bot. */
  channelsChanged?: (teamId: string) => void;
  /** More authenticated API route modules (web chat widgets), mounted and documented with the rest. */
  apiRoutes?: ApiRouteModule[];
};

/**
 * Helmet's CSP with two changes for the web app at /app: photos the app shows from `blob:` URLs
 * (customers' attachments) are allowed, and `upgrade-insecure-requests` is sent only when the server
 * is reached over https (PUBLIC_URL): on a plain-HTTP office address it would turn every script
 * request into https and leave a blank page.
 */
export function cspDirectives(publicUrl: string | undefined): Record<string, string[] | null> {
  return {
    'img-src': ["'self'", 'data:', 'blob:'],
    'upgrade-insecure-requests': publicUrl?.startsWith('https:') ? [] : null,
  };
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', deps.config.trustProxy);
  app.use(createRequestLogger(deps.log));
  app.use(deps.metrics.middleware);
  if (!deps.config.trustProxy) app.use(warnOfUntrustedProxy(deps.log));
  for (const channel of deps.channels ?? []) app.use(channel.path, channel.handler);
  app.use(helmet({ contentSecurityPolicy: { directives: cspDirectives(deps.config.publicUrl) } }));
  app.use(
    cors({
      origin: deps.config.corsOrigins,
      exposedHeaders: ['x-request-id'],
      allowedHeaders: ['authorization', 'content-type', 'accept', 'x-request-id'],
      maxAge: 600,
    }),
  );
  const requireAuth: RequestHandler = createRequireAuth(deps.tokens, deps.guard, deps.auth.sso);

  app.use(
    createHealthRouter({
      ping: deps.ping,
      ready: deps.ready,
      metrics: deps.metrics,
      ...(deps.config.metricsToken ? { metricsToken: deps.config.metricsToken } : {}),
    }),
  );
  app.use(
    '/sync',
    createGatewayRouter({
      store: deps.store,
      upstream: deps.upstream,
      metrics: deps.metrics,
      requireAuth,
      guard: deps.guard,
      longpollMaxMs: deps.config.longpollMaxMs,
      longPolls: deps.longPolls ?? new Set(),
      jsonLimit: deps.config.syncJsonLimit,
      filesJsonLimit: deps.config.filesJsonLimit,
      ...(deps.plans ? { plans: deps.plans } : {}),
      now: deps.now,
    }),
  );
  const api = express.Router();
  api.use(parseJsonBody({ limit: deps.config.jsonLimit }));
  api.use(
    createAuthRouter({
      auth: deps.auth,
      acceptInvite: deps.acceptInvite,
      passwordReset: deps.passwordReset,
      requireAuth,
      limits: deps.authLimits,
      ...(deps.oidc ? { oidc: deps.oidc } : {}),
      ...(deps.publicUrlNow ? { publicUrl: deps.publicUrlNow } : {}),
    }),
  );
  const serverDeps: ServerDeps & { requireAuth: RequestHandler } = {
    store: deps.store,
    log: deps.log,
    encryptionKey: deps.encryptionKey,
    now: deps.now,
    members: deps.members,
    ...(deps.plans ? { plans: deps.plans } : {}),
    requireAuth,
  };
  api.use(
    createApiRouter({
      ...serverDeps,
      ...(deps.ingest ? { ingest: deps.ingest } : {}),
      ...(deps.knowledgeLimits ? { knowledgeLimits: deps.knowledgeLimits } : {}),
      ...(deps.websites ? { websites: deps.websites } : {}),
      ...(deps.channelsChanged ? { channelsChanged: deps.channelsChanged } : {}),
      ...(deps.config.publicUrl ? { publicUrl: deps.config.publicUrl } : {}),
      ...(deps.apiRoutes ? { routes: deps.apiRoutes } : {}),
    }),
  );
  app.use('/api/v1', api);
  app.use('/app', createAppStatic(deps.config.appDir));
  app.get('/', (_req, res) => res.redirect('/app/'));
  app.use(notFound);
  app.use(errorMiddleware);
  return app;
}
