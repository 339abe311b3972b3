// Restores a team backup into a team id (the same team or a new one): the whole file is read and
// checked first (format, every doc against its collection's schema, the end line's counts), and only
// then are the target team's databases recreated and filled with the docs at their original revisions
// (`new_edits: false`), attachments included.
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { DomainError } from '@app/shared/errors';
import { isCollectionName } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import type { Store, TeamCollection } from '../context';
import { validateFileDoc } from '../gateway/files';
import { isTeamCollection, teamCollections } from '../store/db-names';
import { markTeam, noteRestore } from '../store/team-generation';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupLine } from './backup-format';

export const MAX_RESTORE_BYTES = 1024 * 1024 * 1024;

type CouchDoc = Record<string, unknown> & { _id: string; _rev?: string };
export type ParsedBackup = { header: BackupHeader; docs: Map<TeamCollection, CouchDoc[]> };

function attachmentsProblem(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null) return '_attachments must be an object';
  for (const [name, a] of Object.entries(value as Record<string, unknown>)) {
    const att = a as { content_type?: unknown; data?: unknown };
    if (
      typeof att?.content_type !== 'string' ||
      typeof att.data !== 'string' ||
      !/^[A-Za-z0-9+/=\s]*$/.test(att.data)
    ) {
      return `attachment '${name.slice(0, 80)}' has no content_type and base64 data`;
    }
  }
  return null;
}

/** Parses and checks a backup file; throws `file-unreadable`, `file-too-large` or `validation-failed`. */
export function parseBackup(gzipped: Uint8Array): ParsedBackup {
  let text: string;
  try {
    text = gunzipSync(gzipped, { maxOutputLength: MAX_RESTORE_BYTES }).toString('utf8');
  } catch (error) {
    if (error instanceof RangeError)
      throw new DomainError('file-too-large', 'The backup is larger than 1 GiB unpacked');
    throw new DomainError('file-unreadable', 'The backup is not a gzip file');
  }
  const problems: string[] = [];
  const docs = new Map<TeamCollection, CouchDoc[]>(teamCollections.map((c) => [c, []]));
  let header: BackupHeader | undefined;
  let end: Record<string, number> | undefined;
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim() || problems.length >= 20) return;
    let line: BackupLine;
    try {
      line = JSON.parse(raw) as BackupLine;
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      return;
    }
    if (i === 0) {
      if (line?.type !== 'header' || line.format !== BACKUP_FORMAT || line.version !== BACKUP_VERSION) {
        throw new DomainError('file-unreadable', `Not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} file`);
      }
      header = line;
      return;
    }
    if (line?.type === 'end' && typeof line.counts === 'object') {
      end = line.counts;
      return;
    }
    if (line?.type !== 'doc' || typeof line.collection !== 'string' || !isTeamCollection(line.collection)) {
      problems.push(`line ${i + 1}: not a doc of a known collection`);
      return;
    }
    const doc = line.doc;
    if (
      typeof doc?._id !== 'string' ||
      doc._id.startsWith('_') ||
      (doc._rev !== undefined && !/^\d+-[0-9a-f]+$/.test(String(doc._rev)))
    ) {
      problems.push(`line ${i + 1}: doc without a valid _id or _rev`);
      return;
    }
    const attachments = attachmentsProblem(doc._attachments);
    if (attachments) problems.push(`line ${i + 1} (${doc._id.slice(0, 80)}): ${attachments}`);
    const v = isCollectionName(line.collection)
      ? validateCouchDoc(line.collection, doc)
      : validateFileDoc(doc);
    if (!v.ok) problems.push(`line ${i + 1} (${line.collection}/${doc._id.slice(0, 80)}): ${v.message}`);
    docs.get(line.collection)!.push(doc);
  });
  if (!header) throw new DomainError('file-unreadable', 'The backup has no header line');
  if (problems.length)
    throw new DomainError(
      'validation-failed',
      `The backup has invalid lines; nothing was restored: ${problems.slice(0, 5).join('; ')}`,
      { details: problems },
    );
  if (!end)
    throw new DomainError('file-unreadable', 'The backup is truncated (no end line); nothing was restored');
  for (const [c, list] of docs) {
    if ((end[c] ?? 0) !== list.length)
      throw new DomainError(
        'file-unreadable',
        `The backup is inconsistent: ${c} has ${list.length} docs, its end line says ${end[c] ?? 0}`,
      );
  }
  return { header, docs };
}

/**
 * Replaces everything in `teamId`'s databases with the backup's docs, and hands the team over to
 * every server process (store/team-generation.ts): they let go of the team while the restore runs and
 * take it up afresh after it, from where the restored messages end.
 */
export async function restoreTeam(
  store: Store,
  teamId: string,
  backup: ParsedBackup,
): Promise<Record<string, number>> {
  const generation = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  await markTeam(store, teamId, { restoring: generation });
  try {
    await store.dropTeam(teamId);
    await store.ensureTeam(teamId);
    return await fillTeam(store, teamId, backup);
  } finally {
    // Also after a failed restore: whatever is in the databases now is a new generation.
    await noteRestore(store, teamId, generation).catch(() => undefined);
    await markTeam(store, teamId, { restoring: undefined, restoredAt: generation });
  }
}

async function fillTeam(store: Store, teamId: string, backup: ParsedBackup): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [collection, list] of backup.docs) {
    const db = store.teamDb(teamId, collection);
    counts[collection] = list.length;
    for (let i = 0; i < list.length; i += 100) {
      const docs = list.slice(i, i + 100).map((d) => {
        if (!d._attachments) return d;
        const attachments = Object.fromEntries(
          Object.entries(d._attachments as Record<string, { content_type: string; data: string }>).map(
            ([n, a]) => [n, { content_type: a.content_type, data: a.data }],
          ),
        );
        return { ...d, _attachments: attachments };
      });
      const results = (await db.bulk({ docs, new_edits: false })) as {
        id?: string;
        error?: string;
        reason?: string;
      }[];
      const failed = results.filter((r) => r.error);
      if (failed.length) {
        throw new DomainError(
          'conflict',
          `Restore stopped in ${collection}: ${failed
            .slice(0, 3)
            .map((f) => `${f.id}: ${f.error}`)
            .join(', ')}`,
        );
      }
    }
  }
  return counts;
}
