// `_bulk_docs` through the gateway: every doc is checked on its own, against its schema and then the
// access table for the caller's role; refused ones are answered `{id, error: 'forbidden', reason}`
// in their place and never reach CouchDB, allowed ones in the same batch are written. With
// new_edits=false (PouchDB replication) CouchDB answers only failures, so the refusals are simply
// added; otherwise the answers are merged back in request order. A chat's queued outbound replies
// are written one after another (write-waves.ts).
import type { Request, Response } from 'express';
import type { Role, Verdict } from '@app/shared/access';
import { DomainError } from '@app/shared/errors';
import type { TeamCollection } from '../context';
import { checkPushes } from './access';
import type { Forwarder } from './forward';
import { checkLeadStages } from './lead-stages';
import { idOf, validatePushedDoc } from './validate-push';
import { writeWaves } from './write-waves';

export const MAX_BULK_DOCS = 10_000;

type Row = { id?: string; error?: string; reason?: string; ok?: boolean; rev?: string };

export async function handleBulkDocs(
  req: Request,
  res: Response,
  target: { role: Role; userId?: string; db: string; collection: TeamCollection; pipelinesDb?: string },
  fwd: Forwarder,
  onRejected: (count: number) => void,
): Promise<void> {
  const { db, collection } = target;
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('bad-request', 'The body must be {"docs": [...]}');
  }
  const { docs, new_edits: newEdits, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0)
    throw new DomainError('bad-request', `Unsupported field ${Object.keys(rest)[0]}`);
  if (!Array.isArray(docs)) throw new DomainError('bad-request', 'docs must be an array');
  if (docs.length > MAX_BULK_DOCS)
    throw new DomainError('bad-request', `At most ${MAX_BULK_DOCS} docs per request`);
  if (newEdits !== undefined && typeof newEdits !== 'boolean') {
    throw new DomainError('bad-request', 'new_edits must be true or false');
  }
  const verdicts: Verdict[] = docs.map((d) => validatePushedDoc(collection, d, newEdits !== false));
  const valid = docs.flatMap((d, i) => (verdicts[i]!.ok ? [i] : []));
  const access = await checkPushes(
    target.role,
    collection,
    valid.map((i) => docs[i] as Record<string, unknown>),
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
