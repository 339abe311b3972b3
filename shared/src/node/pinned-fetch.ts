// The fetch a server gives the webhook tools (`WebhookDeps.fetch`): node:http/https whose socket
// connects only to addresses that passed the SSRF check at connect time (`checkedLookup`), so a name
// cannot answer public to the check and private to the connection. No redirects, no proxy from the
// environment, a cap on the body it reads. Returns a standard `Response`.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkUrl, portOf, type SsrfPolicy } from '../agents/tools/ssrf-guard';
import { checkedLookup } from './dns-lookup';

export type PinnedFetchOptions = SsrfPolicy & {
  /** Bytes of a response body read at most (the rest is dropped and the socket closed). */
  maxBodyBytes?: number;
};

const noBody = new Set([101, 103, 204, 205, 304]);

function readBody(res: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size >= max) return;
      parts.push(chunk.subarray(0, max - size));
      size += chunk.length;
      if (size >= max) {
        res.destroy();
        ok(Buffer.concat(parts));
      }
    });
    res.on('end', () => ok(Buffer.concat(parts)));
    res.on('error', fail);
    res.on('close', () => ok(Buffer.concat(parts)));
  });
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  return headers;
}

export function pinnedFetch(policy: PinnedFetchOptions): typeof globalThis.fetch {
  const max = policy.maxBodyBytes ?? 1024 * 1024;
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    await checkUrl(url, policy);
    const lookup = checkedLookup(policy, portOf(url));
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string')
      throw new TypeError('pinnedFetch sends string bodies only');
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const res = await new Promise<IncomingMessage>((ok, fail) => {
      const req = request(url, {
        method: init.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init.headers).entries()),
        lookup,
        agent: false,
        ...(init.signal ? { signal: init.signal } : {}),
      });
      req.on('response', ok);
      req.on('error', fail);
      req.end(body ?? undefined);
    });
    const bytes = await readBody(res, max);
    const status = res.statusCode ?? 502;
    return new Response(noBody.has(status) ? null : new Uint8Array(bytes), {
      status,
      statusText: res.statusMessage ?? '',
      headers: headersOf(res),
    });
  };
}
