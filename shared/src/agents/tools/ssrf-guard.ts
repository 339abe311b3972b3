// SSRF protection for admin-defined webhook tools. The model only fills arguments; the URL's scheme,
// host and port come from the admin's configuration, and requests to any special-purpose address
// (private, loopback, link-local, shared, documentation, benchmarking, multicast, reserved, metadata)
// or internal name are refused unless the host is explicitly allowed.
//
// Addresses: IPv4 against the whole IANA IPv4 Special-Purpose Address Registry; IPv6 must lie in
// global unicast 2000::/3 and outside the IANA IPv6 special-purpose blocks, and an IPv6 form that
// carries an IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged
// by that IPv4 address. Anything that does not parse as an address is refused (fail closed).
//
// Limits, stated plainly: in a browser only the host as written can be checked (IP literals are
// normalised by the URL parser, so 0x7f.1 or 2130706433 are caught). A public name that resolves to
// a special address is caught where a `lookup` is given, and DNS rebinding (a name answering public
// to the check and private to the connection) is defeated only by a fetch that connects to the
// address it checked: the server's `pinnedFetch` (src/node/pinned-fetch.ts) does. Redirects are never
// followed, so a public endpoint cannot bounce the request inward.
import ipaddr from 'ipaddr.js';

export type SsrfPolicy = {
  /** Hosts allowed even though special (e.g. an internal CRM the admin trusts), exact match. */
  allowHosts?: string[];
  /** Resolves a host to its addresses so that every one of them is checked too (server side). */
  lookup?: (host: string) => Promise<string[]>;
  /** More names to refuse (the server passes its own host name). */
  blockNames?: string[];
  /** More addresses to refuse (the server passes its own interfaces' addresses). */
  blockAddresses?: string[];
  /**
   * Private targets the server's operator opened (OUTBOUND_ALLOW_PRIVATE: a local Ollama, an internal
   * mail server): a name, address or range, each with an optional port. Never set from a team's input.
   */
  allowPrivate?: PrivateAllowRule[];
};

/** One operator-allowed private target: a host name (as written in URLs) or an address range, and a port. */
export type PrivateAllowRule = { host?: string; cidr?: [string, number]; port?: number };

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
const cidrs = (list: string[]): Cidr[] => list.map((c) => ipaddr.parseCIDR(c));

/** IANA IPv4 Special-Purpose Address Registry (all of it, globally reachable or not) and multicast. */
const specialV4 = cidrs([
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // private
  '100.64.0.0/10', // shared address space (carrier-grade NAT)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local (cloud metadata at 169.254.169.254)
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation TEST-NET-1
  '192.31.196.0/24', // AS112-v4
  '192.52.193.0/24', // AMT
  '192.88.99.0/24', // deprecated 6to4 relay anycast
  '192.168.0.0/16', // private
  '192.175.48.0/24', // direct delegation AS112
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation TEST-NET-2
  '203.0.113.0/24', // documentation TEST-NET-3
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and 255.255.255.255 limited broadcast
]);

/** IPv6 forms whose last 32 bits are an IPv4 address, judged by that address. */
const mappedV6 = cidrs(['::ffff:0:0/96', '64:ff9b::/96']);
const sixToFour = ipaddr.parseCIDR('2002::/16');
const globalUnicastV6 = ipaddr.parseCIDR('2000::/3');

/** IANA IPv6 Special-Purpose Address Registry blocks inside 2000::/3 (the rest is outside it). */
const specialV6 = cidrs([
  '2001::/23', // IETF protocol assignments (Teredo, ORCHID, AMT, ...)
  '2001:db8::/32', // documentation
  '2620:4f:8000::/48', // AS112-v6
  '3fff::/20', // documentation
]);

function embeddedV4(a: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const p = a.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  if (mappedV6.some((c) => a.match(c))) return v4(p[6]!, p[7]!);
  if (a.match(sixToFour)) return v4(p[1]!, p[2]!);
  return undefined;
}

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const a = address.replace(/^\[|\]$/g, '');
  try {
    return ipaddr.parse(a);
  } catch {
    return undefined;
  }
}

function isSpecial(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (ip.kind() === 'ipv4') return specialV4.some((c) => ip.match(c));
  const v6 = ip as ipaddr.IPv6;
  const v4 = embeddedV4(v6);
  if (v4) return specialV4.some((c) => v4.match(c));
  return !v6.match(globalUnicastV6) || specialV6.some((c) => v6.match(c));
}

/** True when `address` is not a public unicast address (or is not an address at all). */
export function isPrivateAddress(address: string): boolean {
  const ip = parse(address);
  return ip === undefined || isSpecial(ip);
}

/** True when `address` parses as an IPv4 or IPv6 address (in any form the URL parser accepts). */
export function isIpLiteral(host: string): boolean {
  return parse(host) !== undefined;
}

/** Lower-case, without the trailing dots that make `localhost.` the same name as `localhost`. */
export function normalizeHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.+$/, '');
}

const internalSuffixes = [
  '.localhost',
  '.local',
  '.internal',
  '.arpa',
  '.intranet',
  '.lan',
  '.corp',
  '.home',
];
const internalNames = new Set(['localhost', 'metadata', 'metadata.google.internal', 'instance-data']);

/** A name that must not be called: loopback and internal names, single labels (they resolve through
 * the search domains to hosts of the local network), and the names in `blockNames`. */
export function isInternalName(host: string, blockNames: string[] = []): boolean {
  const name = normalizeHost(host);
  if (name === '' || !name.includes('.') || internalNames.has(name)) return true;
  if (internalSuffixes.some((s) => name.endsWith(s))) return true;
  return blockNames.some((b) => normalizeHost(b) === name);
}

function sameAddress(a: string, list: string[]): boolean {
  const ip = parse(a);
  return (
    ip !== undefined &&
    list.some((b) => {
      const other = parse(b);
      return other !== undefined && other.kind() === ip.kind() && other.toString() === ip.toString();
    })
  );
}

/** Throws unless every address is public and none is one of `policy.blockAddresses`. */
export function checkAddresses(
  host: string,
  addresses: string[],
  policy: SsrfPolicy = {},
  port?: number,
): void {
  if (addresses.length === 0) throw new Error(`Host ${host} has no address`);
  for (const a of addresses)
    if (isAllowedPrivateAddress(a, port, policy)) continue;
    else if (isPrivateAddress(a) || sameAddress(a, policy.blockAddresses ?? []))
      throw new Error(`Host ${host} resolves to a private or special address`);
}

/**
 * Parses an operator's allow-list of private targets: comma-separated `host[:port]`, `a.b.c.d[:port]`,
 * `a.b.c.d/n[:port]`, `[v6][:port]`, `[v6/n][:port]` or a bare IPv6 address or range (no port).
 * Throws with the entry that does not parse.
 */
export function parsePrivateAllowList(text: string): PrivateAllowRule[] {
  return text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const bad = () => new Error(`"${entry}" is not host[:port], address[:port] or range[:port]`);
      let target = entry;
      let portText: string | undefined;
      const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      if (bracket) {
        target = bracket[1]!;
        portText = bracket[2];
      } else if ((entry.match(/:/g) ?? []).length === 1)
        [target, portText] = entry.split(':') as [string, string];
      let port: number | undefined;
      if (portText !== undefined) {
        port = Number(portText);
        if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65_535) throw bad();
      }
      const rule: PrivateAllowRule = port === undefined ? {} : { port };
      if (target!.includes('/')) {
        try {
          const [ip, bits] = ipaddr.parseCIDR(target!);
          return { ...rule, cidr: [ip.toString(), bits] };
        } catch {
          throw bad();
        }
      }
      if (isIpLiteral(target!)) {
        const ip = parse(target!)!;
        return { ...rule, cidr: [ip.toString(), ip.kind() === 'ipv4' ? 32 : 128] };
      }
      if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\.?$/i.test(target!)) throw bad();
      return { ...rule, host: normalizeHost(target!) };
    });
}

const portMatches = (rule: PrivateAllowRule, port: number | undefined) =>
  rule.port === undefined || rule.port === port;

/** The operator allowed this host name (as written) on this port. */
export function isAllowedPrivateHost(host: string, port: number | undefined, policy: SsrfPolicy): boolean {
  const name = normalizeHost(host);
  return (policy.allowPrivate ?? []).some((r) => r.host === name && portMatches(r, port));
}

/** The operator allowed this address on this port (an IPv4-mapped IPv6 address judged as its IPv4). */
export function isAllowedPrivateAddress(
  address: string,
  port: number | undefined,
  policy: SsrfPolicy,
): boolean {
  const rules = (policy.allowPrivate ?? []).filter((r) => r.cidr && portMatches(r, port));
  if (!rules.length) return false;
  let ip = parse(address);
  if (ip?.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (!ip) return false;
  return rules.some((r) => {
    const range = ipaddr.parse(r.cidr![0]);
    return range.kind() === ip.kind() && ip.match(range, r.cidr![1]);
  });
}

/** The port a URL reaches (its scheme's default when none is written). */
export const portOf = (url: URL): number => Number(url.port) || (url.protocol === 'https:' ? 443 : 80);

/** True when the policy lets `host` through without any check. */
export function isAllowedHost(host: string, policy: SsrfPolicy): boolean {
  const name = normalizeHost(host);
  return (policy.allowHosts ?? []).some((h) => normalizeHost(h) === name);
}

export async function checkUrl(url: URL, policy: SsrfPolicy = {}): Promise<void> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`Scheme ${url.protocol} is not allowed`);
  if (url.username || url.password) throw new Error('Credentials in the URL are not allowed');
  const host = normalizeHost(url.hostname);
  const port = portOf(url);
  if (isAllowedHost(host, policy) || isAllowedPrivateHost(host, port, policy)) return;
  if (isIpLiteral(host)) {
    if (isAllowedPrivateAddress(host, port, policy)) return;
    if (isPrivateAddress(host) || sameAddress(host, policy.blockAddresses ?? []))
      throw new Error(`Host ${host} is a private or special address`);
    return;
  }
  if (isInternalName(host, policy.blockNames)) {
    // An internal name passes only when every address it has is one the operator allowed.
    const addresses =
      policy.allowPrivate?.some((r) => r.cidr) && policy.lookup ? await policy.lookup(host) : [];
    if (!addresses.length || !addresses.every((a) => isAllowedPrivateAddress(a, port, policy)))
      throw new Error(`Host ${host} is private or internal`);
    return;
  }
  if (policy.lookup) checkAddresses(host, await policy.lookup(host), policy, port);
}
