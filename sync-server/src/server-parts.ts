// The parts startServer (server.ts) builds one after the other, each from the config and what the
// parts before it made: the store, the teams' models, accounts and sign-in, plans and payments.
import { resolve } from 'node:path';
import type { SsrfPolicy } from '@app/shared/agents';
import { llmConfigOf } from '@app/shared/llm';
import { createOnnxEmbedder } from '@app/shared/node';
import type { Logger } from 'pino';
import { createAccessTokens } from './auth/access-tokens';
import { createAuthService } from './auth/auth-service';
import { createMembersService } from './auth/members';
import { createOidcProviders } from './auth/oidc-providers';
import { createOidcService } from './auth/oidc-service';
import { createPasswordReset } from './auth/password-reset';
import { createRateLimiter } from './auth/rate-limit';
import { createRefreshTokens } from './auth/refresh-tokens';
import { createSessionGuard } from './auth/session-guard';
import { createBilling, withLimits } from './billing/policy';
import { scheduleYooKassaRenewals } from './billing/renewals';
import type { BillingHttpDeps } from './billing/routes';
import { teamAccountMailer } from './channels/email/account-mail';
import { clientOf } from './channels/webchat/webchat-guard';
import type { ServerConfig } from './config';
import { createServerModels } from './models/installed/server-models';
import { createTeamEmbeddings } from './models/team-embeddings';
import { createTeamModels } from './models/team-models';
import { createUsageMeters } from './models/usage';
import type { Metrics } from './ops/metrics';
import { guardedFetch } from './ops/outbound';
import type { Secrets } from './secrets';
import { createCouchStore, type CouchStore, type StoreRequestHook } from './store/couch-store';
import { startEmbeddedCouch } from './store/embedded-couch';

/** The store: the embedded one under DATA_DIR unless COUCHDB_URL is set (then waited for), set up. */
export async function openStore(
  config: ServerConfig,
  dataDir: string,
  secrets: Secrets,
  log: Logger,
  onStoreRequest?: StoreRequestHook,
) {
  const embedded = config.COUCHDB_URL
    ? undefined
    : await startEmbeddedCouch({
        dataDir,
        adminPassword: secrets.embeddedAdminPassword,
        log,
        mode: config.EMBEDDED_STORE,
        threads: config.EMBEDDED_STORE_THREADS,
      });
  const couchUrl = config.COUCHDB_URL ?? embedded!.url;
  const store = createCouchStore({
    url: couchUrl,
    log,
    ...(config.COUCHDB_DB_PREFIX ? { prefix: config.COUCHDB_DB_PREFIX } : {}),
    // The embedded store has no shards; on Apache CouchDB a new database gets the configured count.
    ...(config.COUCHDB_URL && config.COUCHDB_SHARDS ? { shards: config.COUCHDB_SHARDS } : {}),
    onClose: () => embedded?.close() ?? Promise.resolve(),
    ...(onStoreRequest ? { onRequest: onStoreRequest } : {}),
  });
  await retry(() => store.setup(), log, config.COUCHDB_URL ? 30 : 1);
  return { store, embedded, couchUrl };
}

async function retry<T>(what: () => Promise<T>, log: Logger, attempts = 30): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await what();
    } catch (e) {
      if (i >= attempts) throw e;
      log.warn({ err: e, attempt: i }, 'CouchDB not ready; retrying');
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

type Deps = {
  store: CouchStore;
  log: Logger;
  now: () => Date;
  /** Targets a team's admin chose (model providers, mail servers, webhooks): the SSRF guard. */
  policy: SsrfPolicy;
  encryptionKey: Buffer;
};

/**
 * The agents' models: the server's default (LLM_*) and each team's own providers, usage metered per
 * team; and each team's knowledge embeddings (its chosen provider, else the server's default; the
 * local model folder EMBEDDINGS_MODEL_DIR loads when a team first uses it).
 */
export function openModels(
  config: ServerConfig,
  deps: Deps & { metrics: Metrics; instanceId: () => string },
) {
  const { store, log, policy, encryptionKey, metrics } = deps;
  const caCerts = config.LLM_CA_CERTS ? { caCerts: config.LLM_CA_CERTS } : {};
  const usage = createUsageMeters({
    store,
    instanceId: deps.instanceId,
    log: log.child({ component: 'model-usage' }),
    onRecord: (team, e) => {
      const labels = { team, provider: e.provider, model: e.model };
      metrics.llmCalls.inc(labels);
      metrics.llmTokens.inc({ ...labels, kind: 'prompt' }, e.usage.promptTokens);
      metrics.llmTokens.inc({ ...labels, kind: 'completion' }, e.usage.completionTokens);
      metrics.llmCostUsd.inc(labels, e.usage.costUsd);
    },
  });
  const defaultModels = llmConfigOf(config);
  const models = createTeamModels({
    policy,
    store,
    encryptionKey,
    log: log.child({ component: 'models' }),
    defaults: defaultModels,
    ...caCerts,
    usage,
  });
  const serverModel = config.EMBEDDINGS_MODEL_DIR
    ? createOnnxEmbedder(config.EMBEDDINGS_MODEL_DIR)
    : undefined;
  // The models `npm run models -- add` put in the data folder (looked up in it, never on the network).
  const serverModels = createServerModels(resolve(config.DATA_DIR));
  const teamEmbeddings = createTeamEmbeddings({
    policy,
    ...(serverModel ? { serverModel } : {}),
    installed: serverModels,
    store,
    encryptionKey,
    log: log.child({ component: 'embeddings' }),
    usage,
    ...caCerts,
  });
  return { usage, defaultModels, models, serverModel, serverModels, teamEmbeddings };
}

/**
 * Accounts: tokens and sessions, members and invites and password resets (mailed through the team's
 * own e-mail channel), and sign-in through the operator's OIDC providers, their requests under the
 * outbound policy (an issuer on a private address needs OUTBOUND_ALLOW_PRIVATE).
 */
export function openAccounts(
  config: ServerConfig,
  deps: Deps & { jwtSecret: Uint8Array; publicUrlNow: () => string },
) {
  const { store, log, now, policy } = deps;
  const tokens = createAccessTokens(deps.jwtSecret, config.ACCESS_TOKEN_TTL_SECONDS, now);
  const refresh = createRefreshTokens({ store, ttlDays: config.REFRESH_TOKEN_TTL_DAYS, now });
  const guard = createSessionGuard({ store, log: log.child({ component: 'session-guard' }) });
  guard.start();
  const auth = createAuthService({
    store,
    tokens,
    refresh,
    guard,
    now,
    signUpAnswerMs: config.SIGNUP_ANSWER_MS,
    log: log.child({ component: 'auth' }),
  });
  const mail = teamAccountMailer(store, deps.encryptionKey, policy);
  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const members = createMembersService({
    store,
    auth,
    now,
    log: log.child({ component: 'members' }),
    mail,
    publicUrl,
    signUpAnswerMs: config.SIGNUP_ANSWER_MS,
  });
  const passwordReset = createPasswordReset({
    store,
    auth,
    mail,
    publicUrl,
    now,
    log: log.child({ component: 'password-reset' }),
  });
  const oidc = config.oidcProviders.length
    ? createOidcService({
        store,
        auth,
        providers: createOidcProviders({ providers: config.oidcProviders, fetch: guardedFetch(policy), now }),
        now,
        publicUrl: deps.publicUrlNow,
        invites: members,
        log: log.child({ component: 'oidc' }),
      })
    : undefined;
  return { tokens, guard, auth, members, passwordReset, oidc };
}

/**
 * Plans and their limits (BILLING_DEFAULT_PLAN), the payment providers switched on (BILLING), and
 * YooKassa's renewals (teams with a saved card charged for their next month, once an hour as due).
 */
export function openBilling(
  config: ServerConfig,
  deps: Pick<Deps, 'store' | 'log' | 'now'> & { publicUrlNow: () => string },
) {
  const { store, now } = deps;
  const log = deps.log.child({ component: 'billing' });
  const billing = createBilling({
    store,
    now,
    log,
    options: {
      defaultPlan: config.BILLING_DEFAULT_PLAN,
      graceDays: config.BILLING_GRACE_DAYS,
      providers: config.BILLING,
      limits: withLimits(config.BILLING_LIMITS),
    },
  });
  const billingHttp: BillingHttpDeps = {
    store,
    log,
    now,
    billing,
    publicUrl: deps.publicUrlNow,
    // The providers send from a few addresses: 300 deliveries a minute from one is far beyond a shop's
    // notifications; 30 refused in 15 minutes is a forger (or a wrong secret, which fails them all).
    webhookLimits: {
      requests: createRateLimiter({ max: 300, windowMs: 60_000 }),
      failures: createRateLimiter({ max: 30, windowMs: 15 * 60_000 }),
      clientOf,
    },
    ...(config.BILLING_OPERATOR_TOKEN ? { operatorToken: config.BILLING_OPERATOR_TOKEN } : {}),
    ...(config.BILLING.includes('stripe') && config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET
      ? {
          stripe: {
            secretKey: config.STRIPE_SECRET_KEY,
            webhookSecret: config.STRIPE_WEBHOOK_SECRET,
            apiBase: config.STRIPE_API_BASE,
            prices: { pro: config.STRIPE_PRICE_PRO, business: config.STRIPE_PRICE_BUSINESS },
          },
        }
      : {}),
    ...(config.BILLING.includes('yookassa') && config.YOOKASSA_SHOP_ID && config.YOOKASSA_SECRET_KEY
      ? {
          yookassa: {
            shopId: config.YOOKASSA_SHOP_ID,
            secretKey: config.YOOKASSA_SECRET_KEY,
            apiBase: config.YOOKASSA_API_BASE,
            prices: { pro: config.YOOKASSA_PRICE_PRO, business: config.YOOKASSA_PRICE_BUSINESS },
            allowIps: config.YOOKASSA_WEBHOOK_IPS,
          },
        }
      : {}),
  };
  const renewals = billingHttp.yookassa
    ? scheduleYooKassaRenewals(
        { store, yookassa: billingHttp.yookassa, now, graceDays: config.BILLING_GRACE_DAYS, log },
        3_600_000,
      )
    : undefined;
  return { billing, billingHttp, renewals };
}
