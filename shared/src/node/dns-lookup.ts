// The server side of the webhook tools' SSRF check: resolving a host to all its addresses, the
// host's own names and addresses (refused as webhook targets), and a `node:net` lookup that checks
// every address it resolves, so that a socket connects only to an address that passed the check
// (DNS rebinding: a name that answers public to the check and private to the connection).
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { hostname, networkInterfaces } from 'node:os';
import {
  checkAddresses,
  isAllowedHost,
  isAllowedPrivateHost,
  type SsrfPolicy,
} from '../agents/tools/ssrf-guard';

export async function lookupAll(host: string): Promise<string[]> {
  const results = await lookup(host, { all: true, verbatim: true });
  return results.map((r) => r.address);
}

/** The addresses of this machine's interfaces (its public ones included). */
export function ownAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

/** The policy a server process uses: real DNS, its own host name and addresses refused. */
export function serverSsrfPolicy(extra: Pick<SsrfPolicy, 'allowHosts' | 'allowPrivate'> = {}): SsrfPolicy {
  return { ...extra, lookup: lookupAll, blockNames: [hostname()], blockAddresses: ownAddresses() };
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * Resolves `host` by `policy.lookup` (real DNS by default; an address resolves to itself) and throws
 * unless every address passes `checkAddresses` for `port` (or the host is allowed as a name): the
 * addresses a connection may then be made to.
 */
export async function resolveChecked(
  host: string,
  port: number | undefined,
  policy: SsrfPolicy,
  family?: number,
): Promise<{ address: string; family: number }[]> {
  const addresses = await (policy.lookup ?? lookupAll)(host);
  if (!isAllowedHost(host, policy) && !isAllowedPrivateHost(host, port, policy))
    checkAddresses(host, addresses, policy, port);
  const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const usable = entries.filter((e) => family === undefined || e.family === family);
  if (usable.length === 0) throw new Error(`Host ${host} has no IPv${family ?? ''} address`);
  return usable;
}

/**
 * A `lookup` for `http.request`/`net.connect` to `port`: resolves by `policy.lookup` (real DNS by
 * default), refuses the connection unless every address passes `checkAddresses`, and hands the socket
 * exactly the addresses it checked.
 */
export function checkedLookup(policy: SsrfPolicy, port?: number) {
  const check = (host: string, family: number | undefined) => resolveChecked(host, port, policy, family);
  return (host: string, options: LookupOptions, callback: LookupCallback): void => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    check(host, family).then(
      (usable) => {
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: unknown) => {
        const err = (error instanceof Error ? error : new Error(String(error))) as NodeJS.ErrnoException;
        err.code ??= 'ESSRF';
        callback(err, '');
      },
    );
  };
}
