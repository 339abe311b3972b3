// The server's one policy for connections to targets a team's admin chose (model providers' URLs,
// mail servers; webhooks and MCP servers use the same check through integrations/build.ts): every
// resolved address is checked against the SSRF guard (shared/src/agents/tools/ssrf-guard.ts: private,
// loopback, link-local, special ranges, the host's own names and addresses), except the private
// targets the operator opened with OUTBOUND_ALLOW_PRIVATE, and the connection goes only to an address
// that passed (DNS rebinding). The operator's own LLM_* and EMBEDDINGS_* URLs do not come through here.
// - `guardedFetch`: undici's fetch (streams, the SDKs' keep-alive) over an Agent whose connector
//   resolves and checks the host and connects to the checked address, SNI and certificate checked
//   against the name; every URL is checked before the request (IP literals never reach a lookup);
//   redirects are refused (a public endpoint cannot bounce the request inward).
// - `checkedTarget`: the address a raw socket (IMAP, SMTP) may connect to.
import { rootCertificates } from 'node:tls';
import { checkUrl, type PrivateAllowRule, type SsrfPolicy } from '@app/shared/agents';
import { resolveChecked, serverSsrfPolicy } from '@app/shared/node';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';

const policies = new WeakMap<readonly PrivateAllowRule[], SsrfPolicy>();
const noOpening: readonly PrivateAllowRule[] = [];

/**
 * The policy for team-chosen targets: real DNS, the host's own names refused, the operator's opening.
 * One object per opening (the config's list), so the server and every channel share it, and with it
 * guardedFetch's connection pool.
 */
export function outboundPolicy(allowPrivate: readonly PrivateAllowRule[] = noOpening): SsrfPolicy {
  const rules = allowPrivate.length ? allowPrivate : noOpening;
  let policy = policies.get(rules);
  if (!policy) {
    policy = serverSsrfPolicy(rules.length ? { allowPrivate: [...rules] } : {});
    policies.set(rules, policy);
  }
  return policy;
}

/** Thrown for a target the policy refuses: says so without anything of what (if anything) answers. */
export class OutboundRefused extends Error {
  readonly code = 'ESSRF';
}

const refusal = (error: unknown) =>
  new OutboundRefused(
    `${error instanceof Error ? error.message : String(error)}: refused (private targets need the server's OUTBOUND_ALLOW_PRIVATE)`,
  );

const dnsFailures = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'ESERVFAIL', 'ETIMEOUT']);

/**
 * Throws OutboundRefused unless `url` passes the policy (scheme, literal address, name, resolved
 * addresses). `unresolvedOk` (saving settings): a name that does not resolve now passes, as it is
 * checked again whenever it is used.
 */
export async function checkOutboundUrl(
  url: string | URL,
  policy: SsrfPolicy,
  opts: { unresolvedOk?: boolean } = {},
): Promise<void> {
  try {
    await checkUrl(new URL(url), policy);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (opts.unresolvedOk && code && dnsFailures.has(code)) return;
    throw refusal(error);
  }
}

/** The address to connect to for `host:port` (the first that passed; all of them were checked). */
export async function checkedTarget(host: string, port: number, policy: SsrfPolicy): Promise<string> {
  try {
    return (await resolveChecked(host.replace(/^\[|\]$/g, ''), port, policy))[0]!.address;
  } catch (error) {
    throw refusal(error);
  }
}

type Fetch = typeof globalThis.fetch;
const fetches = new WeakMap<SsrfPolicy, Map<string, Fetch>>();

function guardedAgent(policy: SsrfPolicy, caCerts: string | undefined): Agent {
  const base = buildConnector(caCerts ? { ca: [...rootCertificates, caCerts] } : {});
  const connect: buildConnector.connector = (options, callback) => {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    checkedTarget(options.hostname, port, policy).then(
      // `host` (name:port) stays: undici takes the TLS server name (SNI, certificate) from it.
      (address) => base({ ...options, hostname: address }, callback),
      (error: Error) => callback(error, null),
    );
  };
  return new Agent({ connect });
}

/**
 * A fetch to team-chosen targets under `policy`, trusting `caCerts` (PEM) besides the system's CAs.
 * One agent per policy and certificate set.
 */
export function guardedFetch(policy: SsrfPolicy, caCerts?: string): Fetch {
  let byCa = fetches.get(policy);
  if (!byCa) fetches.set(policy, (byCa = new Map()));
  const key = caCerts?.trim() ?? '';
  let fetchFn = byCa.get(key);
  if (!fetchFn) {
    const dispatcher = guardedAgent(policy, key || undefined);
    type Init = Parameters<typeof undiciFetch>[1];
    fetchFn = (async (input: string | URL, init?: Init) => {
      if (typeof input !== 'string' && !(input instanceof URL))
        throw new TypeError('guardedFetch takes a URL and its init');
      await checkOutboundUrl(input, policy);
      return undiciFetch(input, { ...init, redirect: 'error', dispatcher });
    }) as Fetch;
    byCa.set(key, fetchFn);
  }
  return fetchFn;
}

/** Redirects a crawl follows at most for one address. */
export const MAX_REDIRECTS = 5;

/**
 * guardedFetch that follows redirects itself, each hop's address checked by the policy before it is
 * asked (and its resolved addresses at connect, as every request's): a public page that redirects to
 * a loopback or private address is refused there. Answers the last response and the address it came
 * from; throws OutboundRefused for a refused hop and an Error past `maxRedirects`.
 */
export async function guardedFetchFollowing(
  policy: SsrfPolicy,
  url: string,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
  maxRedirects = MAX_REDIRECTS,
): Promise<{ response: Response; url: string }> {
  const dispatcher = guardedAgentFor(policy);
  let at = url;
  for (let hop = 0; ; hop++) {
    await checkOutboundUrl(at, policy);
    const response = (await undiciFetch(at, {
      ...init,
      redirect: 'manual',
      dispatcher,
    })) as Response;
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location)
      return { response, url: at };
    await response.body?.cancel().catch(() => undefined);
    if (hop >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects from ${url}`);
    at = new URL(location, at).href;
  }
}

const followAgents = new WeakMap<SsrfPolicy, Agent>();
const guardedAgentFor = (policy: SsrfPolicy): Agent => {
  let agent = followAgents.get(policy);
  if (!agent) followAgents.set(policy, (agent = guardedAgent(policy, undefined)));
  return agent;
};
