// The sync server's configuration: parsed once by main.ts from the environment (and an optional
// `DATA_DIR/config.json`), failing fast with the name of the bad variable.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, env, parseConfig, type ConfigSource } from '@app/shared/config';
import { parsePrivateAllowList } from '@app/shared/agents';
import { llmEnvSchema } from '@app/shared/llm';
import { modelFolderProblem } from '@app/shared/node';

/** VK's file and CDN hosts: where VK's customer files come from (VK_FILE_HOSTS's default). */
export const VK_DEFAULT_FILE_HOSTS = [
  '*.vk.com',
  '*.vk.ru',
  '*.userapi.com',
  '*.vkuserphoto.ru',
  '*.vk-cdn.net',
  '*.vkuser.net',
  '*.mycdn.me',
] as const;

const origins = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().url({ message: 'must be a comma-separated list of origins' })));

const limitValue = z.number().int().min(0).nullable();
const planLimitsOverride = z.partialRecord(
  z.enum(['free', 'pro', 'business']),
  z.strictObject({
    seats: limitValue.optional(),
    channels: limitValue.optional(),
    aiReplies: limitValue.optional(),
    knowledgeBytes: limitValue.optional(),
    storageBytes: limitValue.optional(),
    historyDays: limitValue.optional(),
    websitePages: z.number().int().min(1).max(10_000).nullable().optional(),
  }),
);

export const serverConfigSchema = z.object({
  PORT: env.port(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  COUCHDB_URL: env.url().optional(),
  /** Put before every database name, so several deployments (or test runs) can share one CouchDB. */
  COUCHDB_DB_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'must be a lowercase letter, then up to 39 a-z, 0-9 or _' })
    .optional(),
  /**
   * Shards (`q`) of each database the server creates on Apache CouchDB; 0 leaves it to CouchDB's own
   * `[cluster] q` (2 unless set). A team's databases are small (one per collection), and every request
   * and every changes feed on a database works on each of its shards, so one shard costs CouchDB the
   * least (its docs: "for lots of small databases, consider reducing this value to 1 or 2"). Replicas
   * (`n`) stay CouchDB's. Existing databases keep theirs.
   */
  COUCHDB_SHARDS: env.int(1, 0, 64),
  /** Without COUCHDB_URL: run the embedded store in a child process (another core) or in this one. */
  EMBEDDED_STORE: z.enum(['process', 'inline']).default('process'),
  /** Threads of the embedded store process for LevelDB's work (libuv's pool). */
  EMBEDDED_STORE_THREADS: env.int(1, 1, 64),
  JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  /** Key for encrypting channel tokens (hex or base64 of 32 bytes, or any passphrase of 32+ chars). */
  ENCRYPTION_KEY: z.string().min(32).optional(),
  /** Browser origins allowed to call the API (the app itself is same-origin at /app). */
  CORS_ORIGINS: origins.default(['http://localhost:5173', 'app://desktop']),
  ACCESS_TOKEN_TTL_SECONDS: env.int(900, 30, 86_400),
  /**
   * Registration and accepting an invite answer no sooner than this (ms) after the request, whether the
   * e-mail had an account or not, so their timing does not tell (keep it above a new team's time).
   */
  SIGNUP_ANSWER_MS: env.int(2_000, 0, 60_000),
  REFRESH_TOKEN_TTL_DAYS: env.int(30, 1, 365),
  /** Longest a `_changes` long-poll is held open before an empty answer. */
  LONGPOLL_MAX_MS: env.int(30_000, 100, 300_000),
  JSON_LIMIT: z.string().default('1mb'),
  SYNC_JSON_LIMIT: z.string().default('16mb'),
  FILES_JSON_LIMIT: z.string().default('40mb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: env.bool(true),
  /** Where the built workspace UI lives (served at /app). */
  APP_DIR: z.string().optional(),
  TRUST_PROXY: env.bool(false),
  /**
   * Bearer token for GET /metrics (compared in constant time). Unset: /metrics answers only callers on
   * this machine (loopback, no proxy headers).
   */
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).max(512).optional(),
  /** Web chat: messages one client IP may post to one widget per minute. */
  WEBCHAT_MESSAGES_PER_MINUTE: env.int(60, 1, 100_000),
  /** Web chat: new visitors (conversations) one client IP may start on one widget per hour. */
  WEBCHAT_NEW_VISITORS_PER_HOUR: env.int(20, 1, 100_000),
  /** Run the agents, bots and sender in this process (turn off for API-only instances). */
  RUNTIME: env.bool(true),
  /** Unique among live server processes, stable across restarts; default: host name and port. */
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'must be 1-100 letters, digits, . _ or -' })
    .optional(),
  /** The demo team's Telegram bot (teams set their own in Settings). */
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, { message: 'must look like 123456:ABC... (from @BotFather)' })
    .optional(),
  TELEGRAM_API_ROOT: env.url().default('https://api.telegram.org'),
  /** The demo bot's mode; teams choose theirs in Settings. Webhook mode needs PUBLIC_URL. */
  TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
  /** How long the sender waits for one Bot API call before it counts as failed and is retried. */
  TELEGRAM_SEND_TIMEOUT_MS: env.int(30_000, 1_000, 300_000),
  /** The VK API (methods at <root>/method/<name>); tests point it at a fake server on loopback. */
  VK_API_ROOT: env.url().default('https://api.vk.com'),
  /**
   * How often social monitoring reads a team's VK community and VK's news search for its event deals'
   * keywords (teams whose VK settings hold their app's service key), in ms: 15 minutes by default.
   */
  SOCIAL_POLL_MS: env.int(900_000, 1_000, 86_400_000),
  /**
   * Hosts VK's customer files are downloaded from: `name` exactly, `*.name` that name and its
   * subdomains (default: VK's file and CDN hosts). Tests add their fake's loopback host.
   */
  VK_FILE_HOSTS: z
    .string()
    .default(VK_DEFAULT_FILE_HOSTS.join(','))
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, {
          message: 'must be a comma-separated list of host names, each may start with *.',
        }),
      ),
    ),
  /**
   * Private targets (loopback, private networks, link-local) that teams' admins may point model
   * providers and mail servers at: `host[:port]`, `address[:port]`, `a.b.c.d/n[:port]`, `[v6][:port]`,
   * comma-separated (e.g. `127.0.0.1:11434,10.0.0.0/8`). Unset: none, every such target is refused.
   */
  OUTBOUND_ALLOW_PRIVATE: z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return parsePrivateAllowList(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** Knowledge uploads: the largest file accepted (413 beyond). */
  KNOWLEDGE_MAX_UPLOAD_BYTES: env.int(20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  /** A DOCX (ZIP) may unpack to at most this many bytes, declared or actual (422 / failed beyond). */
  KNOWLEDGE_MAX_UNPACKED_BYTES: env.int(50 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024 - 1),
  /** Pages of one PDF. */
  KNOWLEDGE_MAX_PDF_PAGES: env.int(2_000, 1, 100_000),
  /** Characters of text extracted from one file. */
  KNOWLEDGE_MAX_CHARS: env.int(5_000_000, 1_000, 500_000_000),
  /** Wall-clock budget for reading one file (its worker thread is ended beyond it). */
  KNOWLEDGE_PARSE_TIMEOUT_MS: env.int(60_000, 1_000, 3_600_000),
  /** Heap budget of the worker thread reading one file. */
  KNOWLEDGE_PARSE_MEMORY_MB: env.int(384, 32, 16_384),
  /** Files read at once, each in its own worker thread. */
  KNOWLEDGE_PARSE_CONCURRENCY: env.int(1, 1, 16),
  /** Nice value of the parsing threads (Linux): parsing takes the CPU the server leaves. */
  KNOWLEDGE_PARSE_NICE: env.int(10, 0, 19),
  /** Runs one source may start; a source the server stopped on this often is failed at start. */
  KNOWLEDGE_INGEST_ATTEMPTS: env.int(3, 1, 100),
  /** Where Telegram reaches this server (https://crm.example.com); webhooks: PUBLIC_URL/telegram/webhook/<team>. */
  PUBLIC_URL: env
    .url()
    .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, { message: 'must be an http(s) URL without query' })
    .optional(),
  /**
   * Sign-in providers (OpenID Connect): comma-separated ids, each configured by OIDC_<ID>_CLIENT_ID,
   * OIDC_<ID>_CLIENT_SECRET, OIDC_<ID>_ISSUER (not for google and yandex) and OIDC_<ID>_NAME
   * (oidcProvidersOf below). Unset: password sign-in only.
   */
  OIDC_PROVIDERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, {
            message: 'must be comma-separated ids: a letter, then up to 30 letters, digits or -',
          }),
        )
        .refine((ids) => new Set(ids).size === ids.length, { message: 'names an id twice' }),
    ),
  /**
   * Plans and billing (issue 40; sync-server/src/billing/). A team with no plan of its own is on
   * BILLING_DEFAULT_PLAN: `unlimited` (self-hosting) limits nothing.
   */
  BILLING_DEFAULT_PLAN: z.enum(['free', 'pro', 'business', 'unlimited']).default('unlimited'),
  /** Payment providers teams may pay through, comma-separated (`stripe`, `yookassa`); `off`: none. */
  BILLING: z
    .string()
    .default('off')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s && s !== 'off'),
    )
    .pipe(z.array(z.enum(['stripe', 'yookassa'], { message: 'must be off, or stripe and/or yookassa' }))),
  /**
   * The operator's own limits over the built-in plans' (shared/src/billing): JSON such as
   * `{"free":{"seats":5,"aiReplies":300}}`, a number or null (no limit) per limit.
   */
  BILLING_LIMITS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      if (!value.trim()) return {};
      try {
        return planLimitsOverride.parse(JSON.parse(value));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be JSON like {"free":{"seats":5}}: plans free, pro, business; limits seats, channels, aiReplies, knowledgeBytes, storageBytes, historyDays, websitePages as numbers or null',
        });
        return z.NEVER;
      }
    }),
  /** Days a team whose renewal failed keeps its paid plan before it is on Free (its data is kept). */
  BILLING_GRACE_DAYS: env.int(7, 0, 90),
  /** Bearer token of the operator's plan route (PUT /api/v1/billing/operator/teams/:teamId/plan); unset: no such route. */
  BILLING_OPERATOR_TOKEN: z
    .string()
    .min(24, { message: 'must be at least 24 characters' })
    .max(512)
    .optional(),
  STRIPE_SECRET_KEY: z.string().min(8).optional(),
  /** The webhook endpoint's signing secret (whsec_...). */
  STRIPE_WEBHOOK_SECRET: z.string().min(8).optional(),
  /** Price ids of the paid plans' subscriptions. */
  STRIPE_PRICE_PRO: z.string().min(1).optional(),
  STRIPE_PRICE_BUSINESS: z.string().min(1).optional(),
  STRIPE_API_BASE: env.url().default('https://api.stripe.com'),
  YOOKASSA_SHOP_ID: z.string().min(1).optional(),
  YOOKASSA_SECRET_KEY: z.string().min(8).optional(),
  /** A month of each paid plan, in roubles (YooKassa payments). */
  YOOKASSA_PRICE_PRO: z.coerce.number().positive().default(2_990),
  YOOKASSA_PRICE_BUSINESS: z.coerce.number().positive().default(9_990),
  YOOKASSA_API_BASE: env.url().default('https://api.yookassa.ru'),
  /**
   * Addresses YooKassa's notifications may come from (`a.b.c.d`, `a.b.c.d/n`, v6 too, comma-separated);
   * unset: any (every notification is checked by reading the payment back from the API anyway).
   */
  YOOKASSA_WEBHOOK_IPS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /**
   * The agents' default models (LLM_BASE_URL, LLM_MODEL, LLM_FALLBACKS, ...) and embeddings
   * (EMBEDDINGS_*): used by teams that have not set providers of their own in Settings.
   */
  ...llmEnvSchema.shape,
  /**
   * A local embedding model's folder (model.onnx or onnx/model.onnx, and tokenizer.json: e.g. an ONNX
   * export of intfloat/multilingual-e5-small): teams may choose it in Settings. None: not offered.
   */
  EMBEDDINGS_MODEL_DIR: z
    .string()
    .min(1)
    .superRefine((dir, ctx) => {
      const problem = modelFolderProblem(dir);
      if (typeof problem === 'string') ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /**
   * Extra CA certificates trusted for model providers (GigaChat's Russian CA): PEM text, or the path
   * of a PEM file. Teams may add their own per provider in Settings.
   */
  LLM_CA_CERTS: z
    .string()
    .transform((value, ctx) => {
      const text = value.includes('-----BEGIN') ? value : readPem(value);
      if (text === undefined || !/-----BEGIN CERTIFICATE-----/.test(text)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be PEM certificates or the path of a readable PEM file',
        });
        return z.NEVER;
      }
      return text;
    })
    .optional(),
});

function readPem(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * One sign-in provider the operator configured. `oidc`: an OpenID Connect issuer found by discovery
 * (Google, Keycloak, Azure AD, Authentik); `yandex`: Yandex ID, an OAuth 2.0 server without discovery
 * or ID tokens (its endpoints are fixed; the identity comes from its user-info API).
 */
export type OidcProviderConfig = {
  id: string;
  name: string;
  kind: 'oidc' | 'yandex';
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
};

/** Issuers and display names of the ids that need no OIDC_<ID>_ISSUER. */
const knownProviders: Record<string, { issuer: string; name: string; kind: OidcProviderConfig['kind'] }> = {
  google: { issuer: 'https://accounts.google.com', name: 'Google', kind: 'oidc' },
  yandex: { issuer: 'https://oauth.yandex.ru', name: 'Yandex ID', kind: 'yandex' },
};

const loopbackHost = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);

/**
 * The providers of OIDC_PROVIDERS, each from its OIDC_<ID>_* variables (environment over the config
 * file, as every variable): a missing client id or secret, or an issuer that is not https (plain http
 * only on this machine, for tests and local identity servers), fails the start naming the variable.
 */
export function oidcProvidersOf(
  ids: readonly string[],
  source: ConfigSource,
  file: ConfigSource = {},
): OidcProviderConfig[] {
  const problems: { variable: string; message: string }[] = [];
  const providers = ids.map((id) => {
    const prefix = `OIDC_${id.toUpperCase().replace(/-/g, '_')}_`;
    const get = (name: string) => {
      const key = prefix + name;
      const value = source[key] !== undefined && source[key] !== '' ? source[key] : file[key];
      return value?.trim() || undefined;
    };
    const known = knownProviders[id];
    const issuer = get('ISSUER') ?? known?.issuer;
    const clientId = get('CLIENT_ID');
    const clientSecret = get('CLIENT_SECRET');
    if (!clientId)
      problems.push({ variable: `${prefix}CLIENT_ID`, message: `is required for provider ${id}` });
    if (!clientSecret)
      problems.push({ variable: `${prefix}CLIENT_SECRET`, message: `is required for provider ${id}` });
    if (!issuer) {
      problems.push({
        variable: `${prefix}ISSUER`,
        message: `is required for provider ${id} (its issuer URL)`,
      });
    } else {
      let url: URL | undefined;
      try {
        url = new URL(issuer);
      } catch {
        problems.push({
          variable: `${prefix}ISSUER`,
          message: 'must be a URL such as https://sso.example.com/realms/main',
        });
      }
      if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHost(url.hostname)))
        problems.push({
          variable: `${prefix}ISSUER`,
          message: 'must be https (plain http only on localhost)',
        });
    }
    const name = get('NAME') ?? known?.name ?? id;
    if (name.length > 60)
      problems.push({ variable: `${prefix}NAME`, message: 'must be at most 60 characters' });
    return {
      id,
      name,
      kind: known?.kind ?? 'oidc',
      issuer: issuer ?? '',
      clientId: clientId ?? '',
      clientSecret: clientSecret ?? '',
      scope: get('SCOPE') ?? (known?.kind === 'yandex' ? 'login:info login:email' : 'openid email profile'),
    } satisfies OidcProviderConfig;
  });
  if (problems.length) throw new ConfigError(problems);
  return providers;
}

export type ServerConfig = z.infer<typeof serverConfigSchema> & {
  /** The sign-in providers of OIDC_PROVIDERS (oidcProvidersOf). */
  oidcProviders: OidcProviderConfig[];
};

export function loadServerConfig(source: ConfigSource, file: ConfigSource = {}): ServerConfig {
  const parsed = parseConfig(serverConfigSchema, source, file);
  const config: ServerConfig = {
    ...parsed,
    oidcProviders: oidcProvidersOf(parsed.OIDC_PROVIDERS, source, file),
  };
  if (config.TELEGRAM_MODE === 'webhook' && !config.PUBLIC_URL)
    throw new ConfigError([
      {
        variable: 'PUBLIC_URL',
        message:
          'is required when TELEGRAM_MODE=webhook (the https URL Telegram calls: https://crm.example.com)',
      },
    ]);
  return config;
}
