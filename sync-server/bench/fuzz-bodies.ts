// Bodies of the fuzz benchmark that need to know the route: replication bodies for the gateway and
// backup files for restore (CSV and uploads: fuzz-files.ts). Each is sometimes right (to reach deep
// code), often subtly or grossly wrong, and carries ids of both teams.
import { gunzipSync, gzipSync } from 'node:zlib';
import { collections, isCollectionName } from '@app/shared/schemas';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../src/data-care/backup-format';
import type { GatewayOp } from '../src/gateway/paths';
import { randomJson, type Rng } from '../test/fuzz-inputs';
import { mutate, validValue, type Schema } from '../test/fuzz-schema';
import { multipart } from './fuzz-files';

export type Body = { label: string; headers: Record<string, string>; body: Buffer; query?: string };
/** Ids to put in bodies: of team A, of team B, or fresh. */
export type IdSource = { id(kind: string): string | undefined; anyB(): string };

const json = (label: string, value: unknown): Body => ({
  label,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(value) ?? 'null'),
});
const bytes = (rng: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => rng.int(256)));
const revs = (rng: Rng) =>
  rng.pick(['1-abc', '2-0123456789abcdef', '1-', 'abc', '999999999-x', '1-' + 'f'.repeat(64)]);

/** Kind of id a body field names (`contactId` -> contacts); `id`/`_id` are the collection's own. */
export function kindOfField(field: string, own: string): string {
  const kinds: Record<string, string> = {
    contactId: 'contacts',
    conversationId: 'conversations',
    messageId: 'messages',
    leadId: 'leads',
    sourceId: 'knowledge_sources',
    userId: 'members',
    agentProfileId: 'agent_settings',
  };
  return kinds[field] ?? own;
}

/** A document as replication pushes it (`_id` for the primary key), valid for its schema. */
export function couchDoc(collection: string, rng: Rng, ids: IdSource): Record<string, unknown> {
  if (collection === 'files') return fileDoc(rng, ids);
  if (!isCollectionName(collection)) return { _id: ids.anyB(), ...(randomJson(rng) as object) };
  const schema = collections[collection].schema as unknown as Schema & { primaryKey: string };
  const doc = validValue(schema, rng, { id: (f) => ids.id(kindOfField(f, collection)) }) as Record<
    string,
    unknown
  >;
  const id = doc[schema.primaryKey] ?? `fz-${rng.int(1e6)}`;
  delete doc[schema.primaryKey];
  return { _id: id, ...doc };
}

function fileDoc(rng: Rng, ids: IdSource): Record<string, unknown> {
  const name = rng.pick(['original', 'a.txt', '_bad', 'a/../b', 'x'.repeat(300), 'ok.pdf']);
  const data = rng.chance(0.8) ? bytes(rng, rng.int(2000)).toString('base64') : rng.pick(['%%%', '', 'YQ']);
  const att = rng.chance(0.2)
    ? { stub: true, digest: 'md5-AAAAAAAAAAAAAAAAAAAAAA==', length: 5 }
    : { content_type: rng.pick(['text/plain', 'application/pdf', '', 'x']), data };
  return {
    _id: ids.id('files') ?? `file-${rng.int(1e6)}`,
    fileName: rng.pick(['notes.txt', '../../etc/passwd', '', 'ü.pdf', 'a'.repeat(400)]),
    kind: rng.pick(['knowledge', 'attachment', 'other', 'evil']),
    ...(rng.chance(0.5) ? { sourceId: ids.id('knowledge_sources') ?? 'src-1' } : {}),
    _attachments: rng.chance(0.1) ? 'x' : { [name]: att },
  };
}

const someIds = (rng: Rng, ids: IdSource, kind: string) =>
  Array.from({ length: 1 + rng.int(4) }, () => ids.id(kind) ?? ids.anyB());

/** A body for a gateway endpoint, right in shape. */
export function gatewayBody(
  kind: GatewayOp['kind'],
  collection: string,
  docId: string,
  rng: Rng,
  ids: IdSource,
): Body {
  switch (kind) {
    case 'bulk-docs': {
      const newEdits = rng.chance(0.15);
      const docs = Array.from({ length: 1 + rng.int(3) }, () => {
        const doc = couchDoc(collection, rng, ids);
        if (newEdits) Object.assign(doc, { _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } });
        if (rng.chance(0.1)) return { _id: doc._id, _rev: revs(rng), _deleted: true };
        return rng.chance(0.3) ? mutate(doc, rng, [ids.anyB()]) : doc;
      });
      return json('bulk_docs', newEdits ? { docs, new_edits: false } : { docs });
    }
    case 'all-docs':
      return json('all_docs keys', {
        keys: someIds(rng, ids, collection),
        include_docs: rng.chance(0.7),
        ...(rng.chance(0.3) ? { limit: rng.int(20), skip: rng.int(3), descending: rng.chance(0.5) } : {}),
        ...(rng.chance(0.3) ? { deleted: 'ok', conflicts: true } : {}),
      });
    case 'bulk-get':
      return json('bulk_get', {
        docs: someIds(rng, ids, collection).map((id) => (rng.chance(0.5) ? { id } : { id, rev: revs(rng) })),
      });
    case 'revs-diff':
      return json(
        'revs_diff',
        Object.fromEntries(someIds(rng, ids, collection).map((id) => [id, [revs(rng)]])),
      );
    case 'changes':
      return json('changes doc_ids', { doc_ids: someIds(rng, ids, collection) });
    case 'doc': {
      const doc = couchDoc(collection, rng, ids);
      return json('doc', { ...doc, _id: rng.chance(0.8) ? docId : doc._id });
    }
    case 'local':
      return json('checkpoint', {
        _id: `_local/${docId}`,
        last_seq: String(rng.int(1000)),
        ...(rng.chance(0.1) ? { history: 'x'.repeat(70_000) } : { session_id: 'fz' }),
      });
    default:
      return json('random json', randomJson(rng));
  }
}

/** Team A's backup with one line (header, a doc or the end) mutated. */
function mutateBackup(backup: Buffer, rng: Rng, ids: IdSource): Buffer {
  const lines = gunzipSync(backup).toString('utf8').split('\n').filter(Boolean);
  const i = rng.int(lines.length);
  const line = JSON.parse(lines[i]!) as { doc?: unknown };
  lines[i] = JSON.stringify(
    line.doc && rng.chance(0.7)
      ? { ...line, doc: mutate(line.doc, rng, [ids.anyB()]) }
      : mutate(line, rng, [ids.anyB()]),
  );
  return gzipSync(lines.join('\n'));
}

/** A backup file for restore: garbage, wrong format, docs of the wrong shape, or team A's own backup. */
export function backupBody(rng: Rng, ids: IdSource, ownBackup: Buffer | undefined): Body {
  const confirm = rng.chance(0.7)
    ? '?confirm=replace'
    : rng.pick(['', '?confirm=yes', '?confirm=replace&x=1']);
  const lines = (xs: unknown[]) => gzipSync(xs.map((x) => JSON.stringify(x)).join('\n'));
  const header = {
    type: 'header',
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    teamId: ids.anyB(),
    createdAt: new Date(0).toISOString(),
    collections: ['contacts'],
  };
  const [label, make] = rng.pick<[string, () => Buffer]>([
    ['random bytes', () => bytes(rng, 200)],
    ['gzip of random json', () => lines([randomJson(rng), randomJson(rng)])],
    ['wrong version', () => lines([{ ...header, version: 99 }])],
    [
      'no end line',
      () => lines([header, { type: 'doc', collection: 'contacts', doc: { _id: ids.anyB(), name: 'x' } }]),
    ],
    [
      'doc of no collection',
      () =>
        lines([
          header,
          { type: 'doc', collection: '../app_users', doc: { _id: 'x' } },
          { type: 'end', counts: {} },
        ]),
    ],
    [
      'invalid doc',
      () =>
        lines([
          header,
          { type: 'doc', collection: 'contacts', doc: { _id: '_design/x', _rev: 'x' } },
          { type: 'end', counts: { contacts: 1 } },
        ]),
    ],
    [
      'truncated backup',
      () => (ownBackup ?? gzipSync('x')).subarray(0, Math.floor((ownBackup?.length ?? 2) / 2)),
    ],
    ['own backup', () => (rng.chance(0.3) && ownBackup ? ownBackup : bytes(rng, 10))],
    ['own backup, one line changed', () => (ownBackup ? mutateBackup(ownBackup, rng, ids) : bytes(rng, 10))],
  ]);
  const type = rng.pick(['application/gzip', 'application/octet-stream', 'application/json']);
  if (rng.chance(0.2))
    return {
      ...multipart(`backup: ${label}`, 'file', 'backup.ndjson.gz', type, make(), rng),
      query: confirm,
    };
  return { label: `backup: ${label}`, headers: { 'content-type': type }, body: make(), query: confirm };
}
