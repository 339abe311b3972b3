// The answers of the embedded store's short ways (embedded-couch-fast.ts, embedded-couch-changes.ts),
// written as express-pouchdb writes them.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type PouchError = { status?: number; name?: string; message?: string };

export function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  etag?: string,
) {
  const text = `${JSON.stringify(body)}\n`;
  // As express-pouchdb (and CouchDB): JSON for clients that accept it, else plain text.
  const type = /json/.test(req.headers.accept ?? '') ? 'application/json' : 'text/plain; charset=utf-8';
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(text),
    ...(etag ? { etag: `"${etag}"` } : {}),
  });
  res.end(text);
}

/** express-pouchdb's `sendError`. */
export function sendError(req: IncomingMessage, res: ServerResponse, err: unknown) {
  const e = (err ?? {}) as PouchError;
  const status = e.status ?? 500;
  if (e.name && e.message) {
    let name = e.name;
    if (name === 'Error' || name === 'TypeError')
      name = e.message.includes('Bad special document member') ? 'doc_validation' : 'bad_request';
    send(req, res, status, { error: name, reason: e.message });
  } else send(req, res, status, err);
}

export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      try {
        ok(JSON.parse(Buffer.concat(parts).toString('utf8')));
      } catch (e) {
        fail(e);
      }
    });
    req.on('error', fail);
  });
}
