// Mango indexes (`POST /db/_index`, documented CouchDB 2+) created at setup; creating an existing
// index answers `exists`, so setup is idempotent. Apache CouchDB answers two processes that create
// the same index at once with `500 error_saving_ddoc` (a conflict saving the design document): the
// index is then there, or being written by the other; asking again answers `exists`.
import { setTimeout as delay } from 'node:timers/promises';
import type { DocumentScope } from 'nano';
import { collections, type CollectionName } from '@app/shared/schemas';
import type { SystemDb, TeamCollection } from '../context';
import { statusOf } from './couch-errors';

export type IndexDef = { name: string; fields: string[] };

/** Indexes named by each collection's schema (`indexes`), plus what the server queries. */
export function teamIndexes(collection: TeamCollection): IndexDef[] {
  if (collection === 'files') return [];
  const schema = collections[collection as CollectionName].schema as { indexes?: readonly unknown[] };
  const fromSchema = (schema.indexes ?? []).map((ix) => {
    const fields = Array.isArray(ix) ? (ix as string[]) : [String(ix)];
    return { name: `by-${fields.join('-')}`, fields };
  });
  const extra: Partial<Record<TeamCollection, IndexDef[]>> = {
    messages: [
      { name: 'by-conversationId-createdAt', fields: ['conversationId', 'createdAt'] },
      // The sender's sweep for pending and sending messages (else a scan of every message).
      { name: 'by-deliveryStatus', fields: ['delivery.status'] },
      // The sender's full sweep for planned messages that came due, however many are planned.
      { name: 'by-deliveryStatus-scheduledFor', fields: ['delivery.status', 'scheduledFor'] },
    ],
    leads: [
      { name: 'by-stage-updatedAt', fields: ['stage', 'updatedAt'] },
      // The agents' intake looks up a contact's open lead on every message (else a scan of all leads).
      { name: 'by-contactId', fields: ['contactId'] },
    ],
    // A new e-mail thread looks up the contact that holds the sender's address (channels/email).
    contacts: [{ name: 'by-email', fields: ['email'] }],
    knowledge_chunks: [{ name: 'by-sourceId-ordinal', fields: ['sourceId', 'ordinal'] }],
    // A deal's stage history (GET /leads/:id/stage-changes).
    stage_changes: [{ name: 'by-leadId-at', fields: ['leadId', 'at'] }],
    // A product's SKU is unique within the team (api/product-checks.ts asks before every write).
    products: [{ name: 'by-sku', fields: ['sku'] }],
  };
  return [...fromSchema, ...(extra[collection] ?? [])];
}

export const systemIndexes: Record<SystemDb, IndexDef[]> = {
  app_users: [{ name: 'by-type-teamId', fields: ['type', 'teamId'] }],
  app_teams: [],
  app_refresh_tokens: [{ name: 'by-type-userId', fields: ['type', 'userId'] }],
  app_channels: [
    { name: 'by-teamId', fields: ['teamId'] },
    // The channel runtimes list every team with a channel of their kind every 10 s (team-channels.ts).
    { name: 'by-type-kind', fields: ['type', 'kind'] },
  ],
  app_runtime: [],
};

/** A concurrent write of the same design doc (CouchDB's 500 `error_saving_ddoc`, or a plain 409). */
function isDdocConflict(error: unknown): boolean {
  const status = statusOf(error);
  const code = (error as { error?: unknown } | null)?.error;
  return status === 409 || (status === 500 && code === 'error_saving_ddoc');
}

/** Creates the index (idempotent); a conflict with another creator is asked again, a few times. */
/**
 * The indexes of `wanted` that the database does not have yet with the same fields, from one
 * `GET /{db}/_index` (CouchDB and the embedded store answer it alike). A server start, which sets up
 * every team's databases, then writes and builds nothing for indexes already there: creating an index
 * that exists still makes the store bring its view up to date, and the embedded store's view build
 * could stall when the channels were writing and querying that database at the same time (seen on a
 * restart in the e-mail e2e). When the listing fails, every index is created as before.
 */
export async function missingIndexes(db: DocumentScope<unknown>, wanted: IndexDef[]): Promise<IndexDef[]> {
  if (wanted.length === 0) return [];
  type Listed = { indexes?: Array<{ name?: string; def?: { fields?: Array<Record<string, string>> } }> };
  let listed: Listed;
  try {
    listed = (await db.server.request({ db: db.config.db, path: '_index' })) as Listed;
  } catch {
    return wanted;
  }
  const have = new Map(
    (listed.indexes ?? []).map((ix) => [
      ix.name,
      (ix.def?.fields ?? []).map((f) => Object.keys(f)[0]).join(','),
    ]),
  );
  return wanted.filter((ix) => have.get(ix.name) !== ix.fields.join(','));
}

export async function createIndex(db: DocumentScope<unknown>, ix: IndexDef, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await db.createIndex({ index: { fields: ix.fields }, name: ix.name, ddoc: ix.name, type: 'json' });
      return;
    } catch (e) {
      if (!isDdocConflict(e) || i >= attempts) throw e;
      await delay(20 * i + Math.random() * 30);
    }
  }
}
