// The first reading of a team backup (restore.ts): every line checked as a stream (backup-lines.ts,
// within its limits): the header, each doc against its collection's schema (as the gateway checks
// pushes), the end line's counts. No doc is kept: what is returned is the header and the counts. A file
// of short lines is checked on the event loop (it is handed back between lines); one with a long line
// in a worker thread (backup-check-worker.ts), so even large valid lines hold no request.
import { DomainError } from '@app/shared/errors';
import { isCollectionName } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import type { TeamCollection } from '../context';
import { validateFileDoc } from '../gateway/files';
import { isTeamCollection, teamCollections } from '../store/db-names';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupLine } from './backup-format';
import {
  eachBackupLine,
  isBlank,
  LineTooLong,
  shapeProblem,
  type BackupLimits,
  type LineHandler,
} from './backup-lines';

export type BackupSummary = { header: BackupHeader; counts: Record<TeamCollection, number> };

/** A revision as CouchDB and PouchDB write it: a generation from 1, a dash, a hex hash. */
const REV = /^[1-9]\d{0,9}-[0-9a-f]{1,64}$/;
/** The CouchDB fields a doc line may carry (a backup writes these only). */
const DOC_FIELDS = new Set(['_id', '_rev', '_attachments']);

/** Up to this many problems are collected before the file is refused. */
const MAX_PROBLEMS = 20;

/** A line's JSON; `blank` for an empty line, undefined when it is not JSON. */
export function readLine(bytes: Buffer, n: number, limits: BackupLimits): BackupLine | 'blank' | undefined {
  if (isBlank(bytes)) return 'blank';
  const problem = shapeProblem(bytes, limits);
  if (problem)
    throw new DomainError(
      'file-over-limit',
      `The backup is refused, nothing was restored: line ${n.toLocaleString('en-US')}: ${problem}`,
    );
  try {
    return JSON.parse(bytes.toString('utf8')) as BackupLine;
  } catch {
    return undefined;
  }
}

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

function headerOf(line: BackupLine | 'blank' | undefined): BackupHeader {
  if (line === 'blank' || line === undefined)
    throw new DomainError('file-unreadable', 'The backup has no header line');
  if (line?.type !== 'header' || line.format !== BACKUP_FORMAT || line.version !== BACKUP_VERSION)
    throw new DomainError('file-unreadable', `Not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} file`);
  return line;
}

/** A doc line's problem, or null. */
function docProblem(line: BackupLine | undefined, n: number): string | null {
  if (line === undefined) return `line ${n}: not JSON`;
  if (line?.type !== 'doc' || typeof line.collection !== 'string' || !isTeamCollection(line.collection))
    return `line ${n}: not a doc of a known collection`;
  const doc = line.doc;
  // The restore writes each doc at its revision (`new_edits: false`), which needs one: `N-hex`, N >= 1.
  if (
    typeof doc?._id !== 'string' ||
    doc._id.startsWith('_') ||
    typeof doc._rev !== 'string' ||
    !REV.test(doc._rev)
  )
    return `line ${n}: doc without a valid _id or _rev`;
  // Only what a backup holds: a tombstone, a revision history or conflicts would be written as such.
  const extra = Object.keys(doc).find((k) => k.startsWith('_') && !DOC_FIELDS.has(k));
  if (extra) return `line ${n} (${doc._id.slice(0, 80)}): field '${extra.slice(0, 40)}' is not allowed`;
  const attachments = attachmentsProblem(doc._attachments);
  if (attachments) return `line ${n} (${doc._id.slice(0, 80)}): ${attachments}`;
  const v = isCollectionName(line.collection) ? validateCouchDoc(line.collection, doc) : validateFileDoc(doc);
  return v.ok ? null : `line ${n} (${line.collection}/${doc._id.slice(0, 80)}): ${v.message}`;
}

const invalid = (problems: string[]) =>
  new DomainError(
    'validation-failed',
    `The backup has invalid lines; nothing was restored: ${problems.slice(0, 5).join('; ')}`,
    { details: problems },
  );

/**
 * Reads and checks a backup file as a stream, holding none of its docs; throws `file-unreadable`,
 * `file-too-large`, `file-over-limit` (a limit of backup-lines.ts, named) or `validation-failed`.
 */
/** Thrown by `checkBackup` at a line longer than its `inlineLineBytes`: check the file in a thread. */
export class LineTooLongHere extends Error {}

/** `eachBackupLine`, stopped with `LineTooLongHere` as soon as a line passes `inlineLineBytes`. */
async function eachLineHere(
  gzipped: Uint8Array,
  handle: LineHandler,
  limits: BackupLimits,
  inlineLineBytes: number,
): Promise<void> {
  if (inlineLineBytes >= limits.maxLineBytes) return eachBackupLine(gzipped, handle, limits);
  try {
    await eachBackupLine(gzipped, handle, { ...limits, maxLineBytes: inlineLineBytes });
  } catch (error) {
    throw error instanceof LineTooLong ? new LineTooLongHere() : error;
  }
}

/**
 * With `inlineLineBytes`, a line longer than that stops the check with `LineTooLongHere`: the caller,
 * on the event loop, checks only files of small lines itself (each line's parse and validation stays
 * short) and hands others to a worker thread.
 */
export async function checkBackup(
  gzipped: Uint8Array,
  limits: BackupLimits,
  inlineLineBytes = Infinity,
): Promise<BackupSummary> {
  const problems: string[] = [];
  const counts = Object.fromEntries(teamCollections.map((c) => [c, 0])) as Record<TeamCollection, number>;
  let header: BackupHeader | undefined;
  let end: Record<string, number> | undefined;
  await eachLineHere(
    gzipped,
    (bytes, n) => {
      const line = readLine(bytes, n, limits);
      if (n === 1) header = headerOf(line);
      else if (line === 'blank') return;
      else if (line?.type === 'end' && typeof line.counts === 'object') end = line.counts;
      else {
        const problem = docProblem(line, n);
        if (problem && problems.push(problem) >= MAX_PROBLEMS) throw invalid(problems);
        if (line?.type === 'doc' && isTeamCollection(line.collection)) counts[line.collection]++;
      }
    },
    limits,
    inlineLineBytes,
  );
  if (!header) throw new DomainError('file-unreadable', 'The backup has no header line');
  if (problems.length) throw invalid(problems);
  if (!end)
    throw new DomainError('file-unreadable', 'The backup is truncated (no end line); nothing was restored');
  for (const c of teamCollections) {
    if ((end[c] ?? 0) !== counts[c])
      throw new DomainError(
        'file-unreadable',
        `The backup is inconsistent: ${c} has ${counts[c]} docs, its end line says ${end[c] ?? 0}`,
      );
  }
  return { header, counts };
}
