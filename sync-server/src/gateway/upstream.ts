// The gateway's HTTP client to CouchDB: keep-alive sockets, admin credentials taken from the store's
// URL (never forwarded from or to clients), and an optional path prefix of COUCHDB_URL.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { DomainError } from '@app/shared/errors';
import { basicAuthOf } from '../store/couch-auth';

export type UpstreamRequest = {
  method: string;
  /** Path below the CouchDB root, already encoded, e.g. `/t_x_leads/_changes`. */
  path: string;
  query?: URLSearchParams;
  body?: string | Buffer;
  signal?: AbortSignal;
};

export type Upstream = {
  request(req: UpstreamRequest): Promise<IncomingMessage>;
  /** Reads a whole response body (bounded) as text. */
  readText(res: IncomingMessage, maxBytes?: number): Promise<string>;
  close(): void;
};

export function createUpstream(couchUrl: string): Upstream {
  const url = new URL(couchUrl);
  const secure = url.protocol === 'https:';
  const auth = basicAuthOf(url);
  const prefix = url.pathname.replace(/\/+$/, '');
  // Long-polls each hold a socket while they wait: no socket cap, a bounded idle pool.
  const agentOpts = { keepAlive: true, maxSockets: Infinity, maxFreeSockets: 64 };
  const agent = secure ? new HttpsAgent(agentOpts) : new HttpAgent(agentOpts);
  const send = secure ? httpsRequest : httpRequest;

  return {
    request(r) {
      return new Promise((resolve, reject) => {
        const qs = r.query?.toString();
        const headers: Record<string, string | number> = { accept: 'application/json' };
        if (auth) headers.authorization = auth;
        if (r.body !== undefined) {
          headers['content-type'] = 'application/json';
          headers['content-length'] = Buffer.byteLength(r.body);
        }
        const req = send(
          {
            protocol: url.protocol,
            hostname: url.hostname,
            port: url.port || (secure ? 443 : 80),
            method: r.method,
            path: `${prefix}${r.path}${qs ? `?${qs}` : ''}`,
            headers,
            agent,
            signal: r.signal,
          },
          resolve,
        );
        req.on('error', reject);
        req.end(r.body);
      });
    },
    readText(res, maxBytes = 256 * 1024 * 1024) {
      return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            reject(new Error('upstream response too large'));
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        // The store dropping the connection mid-answer (it died or restarts) is the store unavailable.
        const dropped = (cause: unknown) =>
          reject(new DomainError('store-unavailable', 'The database stopped answering', { cause }));
        res.on('error', dropped);
        res.on('aborted', () => dropped(new Error('upstream response aborted')));
      });
    },
    close() {
      agent.destroy();
    },
  };
}
