// `_bulk_docs` through the gateway: the body is read a piece at a time (bulk-body.ts: no doc over its
// collection's size bounds is parsed), a role that may write nothing of the collection is refused at
// once, and every other doc is checked on its own, against its schema (a turn of the event loop given
// up every few milliseconds) and then the access table for the caller's role; refused ones are answered `{id, error: 'forbidden', reason}`
// in their place and never reach CouchDB, allowed ones in the same batch are written. With
// new_edits=false (PouchDB replication) CouchDB answers only failures, so the refusals are simply
// added; otherwise the answers are merged back in request order. A chat's queued outbound replies
// are written one after another (write-waves.ts).
import type { Request, Response } from 'express';
import type { Role, Verdict } from '@app/shared/access';
import { DomainError } from '@app/shared/errors';
import type { CollectionName } from '@app/shared/schemas';
import { docBounds, type DocBounds } from '@app/shared/validation';
import type { TeamCollection } from '../context';
import { checkPushes, refuseByRole } from './access';
import { readBulkBody, turns, type BulkPiece } from './bulk-body';
import type { Forwarder } from './forward';
import { checkLeadStages } from './lead-stages';
import { idOf, validatePushedDoc } from './validate-push';
import { writeWaves } from './write-waves';

export const MAX_BULK_DOCS = 10_000;

type Row = { id?: string; error?: string; reason?: string; ok?: boolean; rev?: string };

/** The bounds of a pushed doc: its collection's (a file's are checked by files.ts; its body's limit bounds it). */
export function pushBounds(collection: TeamCollection): DocBounds {
  return collection === 'files'
    ? { maxBytes: Infinity, maxItems: 1000, maxKeys: 1000 }
    : docBounds(collection as CollectionName);
}

/**
 * Each doc's verdict before the stored docs are read: a role that may write nothing of the collection
 * is refused every doc before any is validated (issue 60: a viewer's pushes were validated first);
 * otherwise each doc is validated, a turn of the event loop given up every few milliseconds.
 */
async function firstVerdicts(
  role: Role,
  collection: TeamCollection,
  pieces: BulkPiece[],
  docs: Record<string, unknown>[],
  newEdits: boolean,
): Promise<Verdict[]> {
  const objects = docs.map((d) => (typeof d === 'object' && d !== null ? d : {}));
  const byRole = refuseByRole(role, collection, objects);
  if (byRole) return byRole.map((d) => (d.ok ? { ok: true } : d));
  const turn = turns();
  const verdicts: Verdict[] = [];
  for (const piece of pieces) {
    verdicts.push(
      'refused' in piece
        ? { ok: false, reason: piece.refused }
        : validatePushedDoc(collection, piece.doc, newEdits),
    );
    await turn();
  }
  return verdicts;
}

export async function handleBulkDocs(
  req: Request,
  res: Response,
  target: { role: Role; userId?: string; db: string; collection: TeamCollection; pipelinesDb?: string },
  fwd: Forwarder,
  onRejected: (count: number) => void,
): Promise<void> {
  const { db, collection } = target;
  if (!Buffer.isBuffer(req.body)) throw new DomainError('bad-request', 'The body must be {"docs": [...]}');
  const body = await readBulkBody(req.body, pushBounds(collection), MAX_BULK_DOCS);
  const newEdits = body.newEdits;
  // A doc refused before it was parsed stands for its id.
  const docs = body.docs.map((p) => ('refused' in p ? { _id: p.id } : p.doc)) as Record<string, unknown>[];
  const verdicts = await firstVerdicts(target.role, collection, body.docs, docs, newEdits !== false);
  const valid = docs.flatMap((_, i) => (verdicts[i]!.ok ? [i] : []));
  const access = await checkPushes(
    target.role,
    collection,
    valid.map((i) => docs[i]!),
    db,
    fwd,
    target.userId,
  );
  /** What is written: each allowed doc as the access policy stamps it. */
  const toWrite = [...docs] as unknown[];
  valid.forEach((i, k) => {
    const decision = access[k]!;
    verdicts[i] = decision.ok ? { ok: true } : decision;
    if (decision.ok) toWrite[i] = decision.doc;
  });
  if (target.pipelinesDb) {
    const leads = docs.flatMap((_, i) => (verdicts[i]!.ok ? [i] : []));
    const stages = await checkLeadStages(
      leads.map((i) => toWrite[i] as Record<string, unknown>),
      { leads: db, pipelines: target.pipelinesDb },
      fwd,
    );
    leads.forEach((i, k) => (verdicts[i] = stages[k]!));
  }
  const accepted = toWrite.filter((_, i) => verdicts[i]!.ok);
  const refusals: Row[] = [];
  verdicts.forEach((v, i) => {
    if (!v.ok) refusals.push({ id: idOf(docs[i]) ?? '', error: 'forbidden', reason: v.reason });
  });
  if (refusals.length) onRejected(refusals.length);
  /** With new_edits=false CouchDB's failures; else one answer per accepted doc, in its place. */
  const written: Row[] = [];
  // Usually one write; a chat's queued replies one after another (write-waves.ts).
  for (const wave of writeWaves(collection, accepted)) {
    const part = wave.map((i) => accepted[i]);
    const up = await fwd.call('bulk-docs', {
      method: 'POST',
      path: `/${db}/_bulk_docs`,
      body: JSON.stringify(newEdits === false ? { docs: part, new_edits: false } : { docs: part }),
    });
    if ((up.statusCode ?? 500) >= 300) {
      fwd.pipe('bulk-docs', up, res);
      return;
    }
    const answer = await fwd.json(up);
    if (!Array.isArray(answer))
      throw new DomainError('store-unavailable', 'Unexpected answer from the database');
    if (newEdits === false) written.push(...(answer as Row[]));
    else wave.forEach((i, k) => (written[i] = (answer as Row[])[k] ?? { error: 'unknown' }));
  }
  if (newEdits === false) {
    res.status(201).json([...refusals, ...written]);
    return;
  }
  const merged: Row[] = [];
  let w = 0;
  let r = 0;
  for (const v of verdicts) merged.push(v.ok ? (written[w++] ?? { error: 'unknown' }) : refusals[r++]!);
  res.status(201).json(merged);
}
