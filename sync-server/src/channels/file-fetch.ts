// Downloading a customer's file from a channel's own file hosts (VK's photo and document URLs arrive
// in the event, so whoever can post an event chooses them): a URL is fetched only when its host is one
// of the channel's (`*.vk.com`: that name and its subdomains; `vk.com`: exactly), through the server's
// pinned fetch (shared/src/node/pinned-fetch.ts: every resolved address checked against the SSRF
// policy, the socket connected to the checked address; private targets only those the operator opened
// with OUTBOUND_ALLOW_PRIVATE). Redirects are followed here, by hand: each hop's URL is checked again
// (host, scheme, addresses), at most `maxHops` of them.
import type { SsrfPolicy } from '@app/shared/agents';
import { pinnedFetch } from '@app/shared/node';

export type ChannelFileAccess = {
  /** The channel's file hosts: `name` exactly or `*.name` (the name and its subdomains). */
  hosts: readonly string[];
  /** The outbound policy the connection goes through (../ops/outbound.ts). */
  policy: SsrfPolicy;
  /** Redirects followed at most (default 3). */
  maxHops?: number;
};

/** Thrown for a URL that is not the channel's: the message names the host, never what answered. */
export class NotAChannelFile extends Error {}

/** True when `host` is one of `patterns` (`*.vk.com` takes vk.com and its subdomains). */
export function isChannelHost(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.+$/, '');
  return patterns.some((p) => {
    const pattern = p.toLowerCase();
    if (!pattern.startsWith('*.')) return name === pattern;
    const base = pattern.slice(2);
    return name === base || name.endsWith(`.${base}`);
  });
}

const redirects = new Set([301, 302, 303, 307, 308]);

/**
 * GETs `url` from the channel's hosts, following redirects that stay on them; the body read is at
 * most `maxBytes` + 1 bytes (so a caller can tell "over the limit"). Throws NotAChannelFile for a URL
 * or hop off the channel's hosts or refused by the policy.
 */
export async function fetchChannelFile(
  url: string,
  access: ChannelFileAccess,
  opts: { maxBytes: number; signal?: AbortSignal },
): Promise<Response> {
  const fetchFn = pinnedFetch({ ...access.policy, maxBodyBytes: opts.maxBytes + 1 });
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    if (target.protocol !== 'https:' && target.protocol !== 'http:')
      throw new NotAChannelFile(`not an http(s) URL`);
    if (target.username || target.password) throw new NotAChannelFile('a URL with credentials');
    if (!isChannelHost(target.hostname, access.hosts))
      throw new NotAChannelFile(`${target.hostname} is not one of the channel's file hosts`);
    let res: Response;
    try {
      res = await fetchFn(target.href, {
        redirect: 'manual',
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ESSRF' || /private|internal|special|not allowed/i.test((error as Error).message))
        throw new NotAChannelFile(`${target.hostname} is refused (a private or special address)`);
      throw new Error('the file host could not be reached');
    }
    const location = res.headers.get('location');
    if (!redirects.has(res.status) || !location) return res;
    if (hop + 1 > (access.maxHops ?? 3)) throw new NotAChannelFile('too many redirects');
    target = new URL(location, target);
  }
}
