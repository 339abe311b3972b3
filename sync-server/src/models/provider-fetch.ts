// A fetch that trusts extra CA certificates besides the system's (GigaChat's Russian CA), through an
// undici Agent; none given: the global fetch. One agent per distinct certificate set.
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';

const agents = new Map<string, typeof globalThis.fetch>();

export function fetchTrusting(caCerts: string | undefined): typeof globalThis.fetch | undefined {
  if (!caCerts?.trim()) return undefined;
  let fetchFn = agents.get(caCerts);
  if (!fetchFn) {
    const dispatcher = new Agent({ connect: { ca: [...rootCertificates, caCerts] } });
    fetchFn = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(input, { ...init, dispatcher })) as unknown as typeof globalThis.fetch;
    agents.set(caCerts, fetchFn);
  }
  return fetchFn;
}
