// Single-document writes through the gateway: PUT/DELETE of a doc (validated like `_bulk_docs`) and
// of a `_local` replication checkpoint (a small JSON object, never visible in `_changes`).
import type { Request, Response } from 'express';
import { DomainError } from '@app/shared/errors';
import type { TeamCollection } from '../context';
import type { Forwarder } from './forward';
import { forwardParams } from './params';
import { validatePushedDoc } from './validate-push';

const MAX_LOCAL_BYTES = 64 * 1024;

export async function handlePutDoc(
  req: Request,
  res: Response,
  db: string,
  collection: TeamCollection,
  id: string,
  fwd: Forwarder,
) {
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('bad-request', 'The body must be a JSON object');
  }
  const doc = { ...(body as Record<string, unknown>) };
  if (doc._id !== undefined && doc._id !== id)
    throw new DomainError('bad-request', '_id does not match the path');
  doc._id = id;
  const params = forwardParams('doc', req.query as Record<string, unknown>);
  const verdict = validatePushedDoc(collection, doc, params.get('new_edits') !== 'false');
  if (!verdict.ok) {
    res.status(403).json({ error: 'forbidden', reason: verdict.reason });
    return;
  }
  const up = await fwd.call('put-doc', {
    method: 'PUT',
    path: `/${db}/${encodeURIComponent(id)}`,
    query: params,
    body: JSON.stringify(doc),
  });
  fwd.pipe('put-doc', up, res);
}

export async function handleDelete(
  req: Request,
  res: Response,
  kind: 'doc' | 'local',
  path: string,
  fwd: Forwarder,
) {
  const params = forwardParams(kind === 'doc' ? 'attachment' : 'local', req.query as Record<string, unknown>);
  if (!params.get('rev')) throw new DomainError('bad-request', 'DELETE needs ?rev=');
  const up = await fwd.call(`delete-${kind}`, { method: 'DELETE', path, query: params });
  fwd.pipe(`delete-${kind}`, up, res);
}

export async function handlePutLocal(req: Request, res: Response, path: string, fwd: Forwarder) {
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('bad-request', 'The body must be a JSON object');
  }
  // CouchDB refuses other `_` members of a checkpoint; the embedded store answered a 500 to some.
  const special = Object.keys(body).find(
    (k) => k.startsWith('_') && !['_id', '_rev', '_deleted'].includes(k),
  );
  if (special)
    throw new DomainError('bad-request', `Checkpoints cannot have a ${special.slice(0, 40)} member`);
  const text = JSON.stringify(body);
  if (text.length > MAX_LOCAL_BYTES)
    throw new DomainError('payload-too-large', 'Checkpoints are at most 64 KB');
  const up = await fwd.call('put-local', { method: 'PUT', path, body: text });
  fwd.pipe('put-local', up, res);
}
