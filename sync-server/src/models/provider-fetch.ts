// The fetches model providers are called through.
// - A team's providers (URLs an admin typed): `teamProviderFetch`, the server's guarded fetch
//   (../ops/outbound.ts: every resolved address checked, private targets only those the operator
//   opened with OUTBOUND_ALLOW_PRIVATE, connected to the checked address, no redirects), trusting the
//   extra CA certificates (GigaChat's Russian CA) besides the system's. Their URLs are checked when
//   saved too (`checkProviderTargets`: 400 for a refused one).
// - The server's default (LLM_*, the operator's own config): `fetchTrusting`, undici with the extra
//   CA certificates, none given: the global fetch. One agent per distinct certificate set.
import { rootCertificates } from 'node:tls';
import type { SsrfPolicy } from '@app/shared/agents';
import { DomainError } from '@app/shared/errors';
import { baseUrlOf, GIGACHAT_AUTH_URL, type ProviderSpec } from '@app/shared/llm';
import { Agent, fetch as undiciFetch } from 'undici';
import { checkOutboundUrl, guardedFetch } from '../ops/outbound';

const agents = new Map<string, typeof globalThis.fetch>();

export function fetchTrusting(caCerts: string | undefined): typeof globalThis.fetch | undefined {
  if (!caCerts?.trim()) return undefined;
  let fetchFn = agents.get(caCerts);
  if (!fetchFn) {
    const dispatcher = new Agent({ connect: { ca: [...rootCertificates, caCerts] } });
    fetchFn = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(input, { ...init, dispatcher })) as typeof globalThis.fetch;
    agents.set(caCerts, fetchFn);
  }
  return fetchFn;
}

/** The fetch a team's provider is called through (its own CA certificates and the server's). */
export function teamProviderFetch(
  policy: SsrfPolicy,
  ...caCerts: (string | undefined)[]
): typeof globalThis.fetch {
  return guardedFetch(policy, caCerts.filter(Boolean).join('\n') || undefined);
}

/** The URLs a provider calls: its API root (its kind's preset when none is set) and GigaChat's OAuth. */
export function providerTargets(spec: Pick<ProviderSpec, 'kind' | 'baseURL' | 'authURL'>): string[] {
  return [baseUrlOf(spec), ...(spec.kind === 'gigachat' ? [spec.authURL ?? GIGACHAT_AUTH_URL] : [])];
}

/** 400 unless every URL the provider calls passes the policy (a name that does not resolve now passes). */
export async function checkProviderTargets(
  spec: Pick<ProviderSpec, 'kind' | 'baseURL' | 'authURL'>,
  policy: SsrfPolicy,
  opts: { unresolvedOk?: boolean } = { unresolvedOk: true },
): Promise<void> {
  for (const url of providerTargets(spec)) {
    try {
      await checkOutboundUrl(url, policy, opts);
    } catch (error) {
      throw new DomainError(
        'validation-failed',
        `${url === spec.authURL ? 'authURL' : 'baseURL'}: ${(error as Error).message}`,
      );
    }
  }
}
