// Single-document writes through the gateway: PUT/DELETE of a doc (validated like `_bulk_docs`, then
// checked against the access table: a refusal is CouchDB's 403 `{error:'forbidden', reason}`) and of
// a `_local` replication checkpoint (a small JSON object, never visible in `_changes`).
import type { Request, Response } from 'express';
import type { Role } from '@app/shared/access';
import { DomainError } from '@app/shared/errors';
import type { TeamCollection } from '../context';
import { checkPushes, forbidden } from './access';
import type { Forwarder } from './forward';
import { checkLeadStages } from './lead-stages';
import { forwardParams } from './params';
import { validatePushedDoc } from './validate-push';

const MAX_LOCAL_BYTES = 64 * 1024;

/** `pipelinesDb`: for leads, the team's pipelines (a lead's stage must be one of its pipeline's). */
export type DocTarget = {
  role: Role;
  userId?: string;
  db: string;
  collection: TeamCollection;
  id: string;
  pipelinesDb?: string;
};

export async function handlePutDoc(req: Request, res: Response, target: DocTarget, fwd: Forwarder) {
  const { db, collection, id } = target;
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
    // Over its collection's size bounds: CouchDB's own answer to a doc over max_document_size.
    if (verdict.tooLarge) res.status(413).json({ error: 'document_too_large', reason: verdict.reason });
    else res.status(403).json(forbidden(verdict.reason));
    return;
  }
  const [access] = await checkPushes(target.role, collection, [doc], db, fwd, target.userId);
  if (!access!.ok) {
    res.status(403).json(forbidden(access!.reason));
    return;
  }
  const written = access!.doc; // as the access policy stamps it
  if (target.pipelinesDb) {
    const [stage] = await checkLeadStages([written], { leads: db, pipelines: target.pipelinesDb }, fwd);
    if (!stage!.ok) {
      res.status(403).json(forbidden(stage!.reason));
      return;
    }
  }
  const up = await fwd.call('put-doc', {
    method: 'PUT',
    path: `/${db}/${encodeURIComponent(id)}`,
    query: params,
    body: JSON.stringify(written),
  });
  fwd.pipe('put-doc', up, res);
}

export async function handleDelete(req: Request, res: Response, target: DocTarget, fwd: Forwarder) {
  const [access] = await checkPushes(
    target.role,
    target.collection,
    [{ _id: target.id, _deleted: true }],
    target.db,
    fwd,
    target.userId,
  );
  if (!access!.ok) {
    res.status(403).json(forbidden(access!.reason));
    return;
  }
  const path = `/${target.db}/${encodeURIComponent(target.id)}`;
  return forwardDelete(req, res, 'doc', path, fwd);
}

export async function forwardDelete(
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
