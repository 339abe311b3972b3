// Every place the server's code can open a network connection, and the policy it goes through
// (SECURITY.md, "Outbound connections"; issue 34). The test scans the non-test sources of
// sync-server/src, bot/src and shared/src for network entry points (a bare `fetch(`, `globalThis.fetch`,
// undici, node:http/https/net/tls, imapflow, nodemailer, `new OpenAI(`, grammY's Bot and Api, MCP
// client transports, nano's client, child processes) and fails for a file that is not in the table
// below: a new outbound call must either go through the guarded fetch (team-chosen targets) or be
// shown to reach only operator-configured or fixed hosts, and be listed here and in SECURITY.md.
// Files whose guard is the point also must still use it (`uses`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const roots = ['sync-server/src', 'bot/src', 'shared/src'];

/** Network entry points, matched on code with comments and type-only imports removed. */
const entryPoints: [RegExp, string][] = [
  [/(?<![\w.$])fetch\s*\(/, 'fetch('],
  [/globalThis\.fetch\b/, 'globalThis.fetch'],
  [/from\s+['"]undici['"]/, 'undici'],
  [/from\s+['"](node:)?(https?|http2|net|tls|dgram)['"]/, 'node:http/https/net/tls'],
  [/from\s+['"]imapflow['"]|\bnew\s+ImapFlow\b/, 'imapflow'],
  [/from\s+['"]nodemailer['"]|\bcreateTransport\s*\(/, 'nodemailer'],
  [/\bnew\s+OpenAI\s*\(/, 'new OpenAI('],
  [/from\s+['"]nano['"]/, 'nano'],
  [/\bnew\s+(Bot|Api)\s*[<(]/, 'grammY Bot/Api'],
  [/StreamableHTTPClientTransport|SSEClientTransport|StdioClientTransport/, 'MCP transport'],
  [/\bnew\s+(WebSocket|EventSource)\s*\(/, 'WebSocket/EventSource'],
  // jose's remote key set fetches with the global fetch unless given one.
  [/\bcreateRemoteJWKSet\s*\(/, 'jose remote JWKS'],
  [/from\s+['"](node:)?child_process['"]/, 'child process'],
  // The guarded fetches and mail transports themselves: their callers are listed too.
  [
    /\b(pinnedFetch|guardedFetch|teamProviderFetch|fetchTrusting|pinnedMailTransport|createMailTransport)\s*\(/,
    'guarded fetch or mail transport',
  ],
];

type Policy =
  /** Targets a team's admin or a customer's event chooses: the SSRF guard, connected to the checked address. */
  | 'guarded'
  /** Only hosts the operator configured (environment, config file) or fixed public hosts. */
  | 'operator'
  /** The store (embedded on loopback, or COUCHDB_URL): operator. */
  | 'store'
  /** Listens (inbound only), or runs in a browser, or is a test fake: opens no outbound connection. */
  | 'inbound';

type Entry = { policy: Policy; what: string; uses?: RegExp };

const inventory: Record<string, Entry> = {
  // Team-chosen targets: the SSRF guard.
  'sync-server/src/ops/outbound.ts': {
    policy: 'guarded',
    what: "the guarded fetch (undici, checked connector, no redirects) and mail servers' checked address",
    uses: /resolveChecked/,
  },
  'shared/src/node/pinned-fetch.ts': {
    policy: 'guarded',
    what: 'pinned fetch: node:http(s) with a checked lookup, no redirects, body capped',
    uses: /checkedLookup/,
  },
  'sync-server/src/channels/file-fetch.ts': {
    policy: 'guarded',
    what: "VK customers' files: VK_FILE_HOSTS only, pinned fetch, each redirect hop checked",
    uses: /pinnedFetch/,
  },
  'sync-server/src/models/provider-fetch.ts': {
    policy: 'guarded',
    what: "teams' model providers (guardedFetch) and the operator's LLM_* (fetchTrusting)",
    uses: /guardedFetch/,
  },
  'sync-server/src/models/team-models.ts': {
    policy: 'guarded',
    what: "each team's providers through teamProviderFetch; the operator's LLM_* through fetchTrusting",
    uses: /teamProviderFetch/,
  },
  'sync-server/src/auth/oidc-providers.ts': {
    policy: 'guarded',
    what: "the operator's sign-in providers (OIDC_PROVIDERS: discovery, token, user info) through openid-client over the fetch server-parts.ts gives it (guardedFetch)",
    uses: /customFetch/,
  },
  'sync-server/src/auth/oidc-signatures.ts': {
    policy: 'guarded',
    what: "the sign-in providers' key sets (JWKS, for ID token signatures) through jose's createRemoteJWKSet over the same fetch (its customFetch)",
    uses: /\[customFetch\]: deps\.fetch/,
  },
  'sync-server/src/server-parts.ts': {
    policy: 'guarded',
    what: 'gives the sign-in providers guardedFetch under the outbound policy (OUTBOUND_ALLOW_PRIVATE opens an internal issuer)',
    uses: /guardedFetch\(policy\)/,
  },
  'sync-server/src/models/team-embeddings.ts': {
    policy: 'guarded',
    what: "a team's embeddings provider through teamProviderFetch",
    uses: /teamProviderFetch/,
  },
  'sync-server/src/channels/email/email-sender.ts': {
    policy: 'guarded',
    what: "the team's outbound mail: pinnedMailTransport",
    uses: /pinnedMailTransport/,
  },
  'sync-server/src/channels/email/account-mail.ts': {
    policy: 'guarded',
    what: "invites and password resets through the team's SMTP: pinnedMailTransport",
    uses: /pinnedMailTransport/,
  },
  'sync-server/src/models/routes.ts': {
    policy: 'guarded',
    what: 'model provider test: URLs checked (400), then the guarded fetch',
    uses: /checkProviderTargets/,
  },
  'sync-server/src/integrations/build.ts': {
    policy: 'guarded',
    what: 'task trackers, Google Calendar, webhook tools, MCP over HTTP: pinned fetch',
    uses: /pinnedFetch/,
  },
  'sync-server/src/channels/email/mail-target.ts': {
    policy: 'guarded',
    what: 'SMTP (sender, check, account mail): checked address per mail',
    uses: /checkedTarget/,
  },
  'sync-server/src/channels/email/connection-check.ts': {
    policy: 'guarded',
    what: 'e-mail settings check: IMAP and SMTP at the checked address',
    uses: /mailServerAt/,
  },
  'sync-server/src/channels/email/mailbox.ts': {
    policy: 'guarded',
    what: 'IMAP mailbox reader at the checked address',
    uses: /mailServerAt/,
  },
  'sync-server/src/channels/email/outbound.ts': {
    policy: 'guarded',
    what: "nodemailer transport, built only with mail-target.ts's checked address",
  },
  // Shared code that calls whatever fetch its caller gives it (the server passes a guarded one).
  'shared/src/agents/tools/calendar.ts': {
    policy: 'guarded',
    what: 'Google Calendar adapter (fetch injected)',
  },
  'shared/src/agents/tools/task-adapters.ts': {
    policy: 'guarded',
    what: 'Notion, Asana, Trello, GitHub adapters (fetch injected)',
  },
  'shared/src/agents/tools/webhook-tool.ts': {
    policy: 'guarded',
    what: 'webhook tools: checkUrl, fetch injected (pinned on the server)',
    uses: /checkUrl/,
  },
  'shared/src/agents/tools/mcp-tools.ts': { policy: 'guarded', what: 'MCP over HTTP (fetch injected)' },
  'shared/src/llm/kinds/build.ts': { policy: 'guarded', what: 'provider kinds (fetch injected)' },
  'shared/src/llm/kinds/gigachat.ts': { policy: 'guarded', what: 'GigaChat OAuth and API (fetch injected)' },
  'shared/src/llm/openai-provider.ts': { policy: 'guarded', what: 'OpenAI SDK chat (fetch injected)' },
  'shared/src/embeddings/openai-embedder.ts': {
    policy: 'guarded',
    what: 'OpenAI SDK embeddings (client or fetch injected)',
  },
  'shared/src/llm/config.ts': { policy: 'operator', what: 'LLM_* providers (operator env)' },
  // Operator-configured or fixed hosts.
  'sync-server/src/channels/vk/vk-api.ts': { policy: 'operator', what: 'VK API at VK_API_ROOT' },
  'sync-server/src/models/installed/download.ts': {
    policy: 'operator',
    what: 'models add (CLI, never the server): model files from HF_ENDPOINT (default huggingface.co)',
  },
  'sync-server/src/models/installed/pin.ts': {
    policy: 'operator',
    what: "models pin (CLI, never the server): the hub's model API at HF_ENDPOINT (default huggingface.co)",
  },
  'sync-server/src/channels/vk/long-poll.ts': {
    policy: 'operator',
    what: "VK Bots Long Poll server named by VK's API answer (VK_API_ROOT)",
  },
  'sync-server/src/billing/stripe.ts': {
    policy: 'operator',
    what: 'Stripe Checkout Sessions at STRIPE_API_BASE',
  },
  'sync-server/src/billing/yookassa.ts': {
    policy: 'operator',
    what: "YooKassa's payments API at YOOKASSA_API_BASE (node:net for its BlockList only)",
  },
  'sync-server/src/channels/telegram/check-route.ts': {
    policy: 'operator',
    what: 'Telegram getMe at TELEGRAM_API_ROOT',
  },
  'bot/src/inbound/files.ts': {
    policy: 'operator',
    what: "Telegram files: the Bot API's file URL at its api root (TELEGRAM_API_ROOT)",
  },
  'bot/src/sender/bot-api.ts': { policy: 'operator', what: 'Bot API client at TELEGRAM_API_ROOT' },
  'bot/src/create-bot.ts': { policy: 'operator', what: 'grammY bot at TELEGRAM_API_ROOT' },
  'shared/src/node/mcp-stdio.ts': {
    policy: 'operator',
    what: "MCP servers over stdio from the server's own config file",
  },
  'shared/src/sync/push-refusals.ts': {
    policy: 'operator',
    what: "the desktop's replication to its own sync server",
  },
  // The store.
  'sync-server/src/store/store-fetch.ts': { policy: 'store', what: 'nano over undici to the store' },
  'sync-server/src/store/claim-write.ts': { policy: 'store', what: 'conditional writes to the store' },
  'sync-server/src/store/couch-store.ts': { policy: 'store', what: 'nano client (COUCHDB_URL or embedded)' },
  'sync-server/src/store/couch.ts': {
    policy: 'store',
    what: 'a nano client of its own (test kits, the operator-set store URL)',
  },
  'sync-server/src/gateway/upstream.ts': { policy: 'store', what: '/sync gateway to the store' },
  'sync-server/src/store/embedded-couch.ts': { policy: 'store', what: 'the embedded store process' },
  // Inbound only, browser code, test fakes.
  'sync-server/src/ops/listen.ts': { policy: 'inbound', what: "the server's own listener" },
  'sync-server/src/channels/webchat/webchat-guard.ts': {
    policy: 'inbound',
    what: 'client IP parsing (isIP)',
  },
  'sync-server/src/channels/webchat/widget-script.ts': {
    policy: 'inbound',
    what: "the widget's script, run in visitors' browsers against this server",
  },
  'bot/src/testing/fake-telegram.ts': { policy: 'inbound', what: 'fake Bot API (tests)' },
  'bot/src/testing/fake-update-queue.ts': { policy: 'inbound', what: 'fake Bot API (tests)' },
  'shared/src/testing/fake-gigachat-server.ts': { policy: 'inbound', what: 'fake GigaChat (tests)' },
  'shared/src/testing/fake-openai-server.ts': { policy: 'inbound', what: 'fake OpenAI server (tests)' },
  'shared/src/testing/ports.ts': { policy: 'inbound', what: "free loopback ports for tests' servers" },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$|\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** The code without comments and type-only imports (which open nothing). */
const code = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
    .replace(/^import\s+type\s[^;]*;/gm, '');

function scan(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const root of roots)
    for (const file of sourceFiles(join(repo, root))) {
      const text = code(readFileSync(file, 'utf8'));
      const hits = entryPoints.filter(([re]) => re.test(text)).map(([, name]) => name);
      if (hits.length) found.set(relative(repo, file).split('\\').join('/'), hits);
    }
  return found;
}

describe('outbound connections inventory (issue 34)', () => {
  const found = scan();

  it('lists every file that can open a network connection, with its policy', () => {
    const unknown = [...found].filter(([file]) => !inventory[file]);
    expect(
      unknown.map(
        ([file, hits]) =>
          `${file} (${hits.join(', ')}): a new network entry point. Route a team- or customer-chosen ` +
          `target through the guarded fetch (sync-server/src/ops/outbound.ts guardedFetch, or ` +
          `shared/src/node/pinned-fetch.ts) and list the file in sync-server/test/outbound-fetch-inventory.test.ts ` +
          `and SECURITY.md ("Outbound connections") with the policy it goes through.`,
      ),
    ).toEqual([]);
  });

  it('lists no file that no longer opens one (the table stays true)', () => {
    expect(Object.keys(inventory).filter((file) => !found.has(file))).toEqual([]);
  });

  it('keeps the guard in the files whose guard is the point', () => {
    const lost = Object.entries(inventory)
      .filter(([file, e]) => e.uses && !e.uses.test(code(readFileSync(join(repo, file), 'utf8'))))
      .map(([file, e]) => `${file} no longer uses ${e.uses}`);
    expect(lost).toEqual([]);
  });

  it('lets no bare global fetch reach a team- or customer-chosen URL', () => {
    // The guarded files call only the fetch they were given (or build it on the guard).
    const bare = ['sync-server/src/channels/vk/vk-files.ts', 'sync-server/src/channels/file-fetch.ts'].filter(
      (file) => /(?<![\w.$])fetch\s*\(/.test(code(readFileSync(join(repo, file), 'utf8'))),
    );
    expect(bare).toEqual([]);
  });
});
