// SSRF protection for admin-defined webhook tools. The model only fills arguments; the URL's scheme,
// host and port come from the admin's configuration, and requests to private, loopback, link-local or
// metadata addresses are refused unless the host is explicitly allowed.
//
// Limits, stated plainly: in a browser we can check only the host name as written (IP literals are
// normalised by the URL parser, so 0x7f.1 or 2130706433 are caught). A public name that resolves to a
// private address (DNS rebinding) is caught only where a `lookup` is given: the server passes one
// built on node:dns (see src/node/dns-lookup.ts) that checks every resolved address. Redirects are never
// followed, so a public endpoint cannot bounce the request inward.

export type SsrfPolicy = {
  /** Hosts allowed even though private (e.g. an internal CRM the admin trusts), exact match. */
  allowHosts?: string[];
  /** Resolves a host to its addresses so they can be checked too (server side). */
  lookup?: (host: string) => Promise<string[]>;
};

const blockedNames = [
  /^localhost$/i,
  /\.localhost$/i,
  /^metadata(\.google)?\.internal$/i,
  /\.internal$/i,
  /\.local$/i,
];

export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = a.match(/^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [p, q] = [Number(v4[1]), Number(v4[2])];
    return (
      p === 0 ||
      p === 10 ||
      p === 127 ||
      (p === 169 && q === 254) ||
      (p === 172 && q >= 16 && q <= 31) ||
      (p === 192 && q === 168) ||
      (p === 100 && q >= 64 && q <= 127) ||
      p >= 224
    );
  }
  if (a.includes(':')) {
    return a === '::' || a === '::1' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a) || a.startsWith('::ffff:');
  }
  return false;
}

export async function checkUrl(url: URL, policy: SsrfPolicy = {}): Promise<void> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`Scheme ${url.protocol} is not allowed`);
  if (url.username || url.password) throw new Error('Credentials in the URL are not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.allowHosts?.includes(host)) return;
  if (blockedNames.some((p) => p.test(host)) || isPrivateAddress(host)) {
    throw new Error(`Host ${host} is private or internal`);
  }
  if (policy.lookup) {
    const addresses = await policy.lookup(host);
    if (addresses.some(isPrivateAddress)) throw new Error(`Host ${host} resolves to a private address`);
  }
}
