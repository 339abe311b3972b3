// Sending a request to CouchDB and passing its answer on: status, content type and body stream only
// (no CouchDB headers, cookies or server names reach the client).
import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { DomainError, errorBody } from '@app/shared/errors';
import { isOutOfSpace } from '../app-errors';
import type { Metrics } from '../ops/metrics';
import type { Upstream, UpstreamRequest } from './upstream';

const UPSTREAM_TIMEOUT_MS = 60_000;

export type Forwarder = {
  upstream: Upstream;
  /** Calls CouchDB; a connection failure becomes `store-unavailable` (503) and is counted. */
  call(operation: string, req: UpstreamRequest): Promise<IncomingMessage>;
  /** Streams a CouchDB answer to the client. */
  pipe(operation: string, from: IncomingMessage, to: Response): void;
  /** Reads a CouchDB answer as JSON (bounded). */
  json(from: IncomingMessage): Promise<unknown>;
};

export function createForwarder(upstream: Upstream, metrics: Metrics): Forwarder {
  const countError = (operation: string, status: string) => metrics.couchErrors.inc({ operation, status });
  return {
    upstream,
    async call(operation, req) {
      try {
        // Long-polls bring their own signal; everything else gets a generous upper bound.
        const res = await upstream.request({
          ...req,
          signal: req.signal ?? AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
        });
        if ((res.statusCode ?? 500) >= 500) countError(operation, String(res.statusCode));
        return res;
      } catch (e) {
        if ((e as Error).name === 'AbortError' && req.signal) throw e;
        countError(operation, 'network');
        throw new DomainError('store-unavailable', 'The database did not answer', { cause: e });
      }
    },
    pipe(operation, from, to) {
      const status = from.statusCode ?? 502;
      if (status >= 500) {
        // Read first: a full disk is answered 507 in the API's shape, without the store's file paths.
        countError(operation, String(status));
        void upstream
          .readText(from, 64 * 1024)
          .catch(() => '')
          .then((text) => {
            if (to.headersSent || to.destroyed) return;
            if (isOutOfSpace(text)) {
              const e = new DomainError(
                'insufficient-storage',
                'The server is out of disk space; nothing was saved',
              );
              to.status(e.status).json(errorBody(e));
              return;
            }
            to.status(502).setHeader('content-type', from.headers['content-type'] ?? 'application/json');
            to.end(text);
          });
        return;
      }
      to.status(status);
      to.setHeader('content-type', from.headers['content-type'] ?? 'application/json');
      const length = from.headers['content-length'];
      if (length) to.setHeader('content-length', length);
      from.on('error', () => to.destroy());
      from.on('aborted', () => to.destroy());
      to.on('close', () => from.destroy());
      from.pipe(to);
    },
    async json(from) {
      const text = await upstream.readText(from);
      try {
        return JSON.parse(text) as unknown;
      } catch (e) {
        throw new DomainError('store-unavailable', 'The database answered with malformed JSON', { cause: e });
      }
    },
  };
}
