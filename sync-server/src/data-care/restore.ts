// Restores a team backup into a team id (the same team or a new one): the whole file is read and
// checked first (backup-check.ts, in a worker thread: format, every doc against its collection's
// schema, the end line's counts), and only then are the target team's databases recreated and filled
// with the docs at their original revisions (`new_edits: false`), attachments included. The file is
// read twice as a stream of lines (backup-lines.ts, within its limits): once to check it, once to
// write it 100 docs at a time, so neither its text nor its docs are ever held whole in memory (issue 34).
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DomainError, type ErrorCode } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { Store, TeamCollection } from '../context';
import { isTeamCollection } from '../store/db-names';
import { markTeam, noteRestore } from '../store/team-generation';
import { BACKUP_LIMITS, eachBackupLine, type BackupLimits } from './backup-lines';
import { checkBackup, LineTooLongHere, readLine, type BackupSummary } from './backup-check';
import type { CheckReply } from './backup-check-worker';

type CouchDoc = Record<string, unknown> & { _id: string; _rev?: string };
/** A checked backup: its header, its docs per collection, and the file to read them from again. */
export type ParsedBackup = BackupSummary & { gzipped: Uint8Array; limits: BackupLimits };

/** A batch of docs written at once: this many, or fewer once their lines reach this many bytes. */
const BATCH_DOCS = 100;
const BATCH_BYTES = 32 * 1024 * 1024;
/** Files whose lines are all this short are checked on the event loop: no thread to start (~1 s). */
const INLINE_LINE_BYTES = 1024 * 1024;
/** The checking thread's budgets: heap (its lines are at most BACKUP_LIMITS.maxLineBytes) and time. */
const CHECK_MEMORY_MB = 512;
const CHECK_TIMEOUT_MS = 10 * 60_000;
/** A restore's step running longer than this is logged as a warning (and again after as long). */
const SLOW_STEP_MS = 10_000;
/** The thread's nice value (Linux), as knowledge parsing's default: it takes the CPU the server leaves. */
const CHECK_NICE = 10;

// The knowledge parser's thread entry: registers tsx's loader, then imports `workerData.entry`.
const boot = fileURLToPath(new URL('../runtime/knowledge-worker-boot.mjs', import.meta.url));
const entry = new URL('./backup-check-worker.ts', import.meta.url).href;

/** A copy of `bytes` the thread can read, made 8 MiB at a time (200 MiB at once held the loop). */
async function shared(bytes: Uint8Array): Promise<Uint8Array> {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  for (let at = 0; at < bytes.length; at += 8 * 1024 * 1024) {
    copy.set(bytes.subarray(at, at + 8 * 1024 * 1024), at);
    await nextTurn();
  }
  return copy;
}

/** The thread checks run one at a time (each may take CHECK_MEMORY_MB): later restores wait. */
let lastCheck: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(run: () => Promise<T>): Promise<T> {
  const next = lastCheck.then(run, run);
  lastCheck = next.catch(() => undefined);
  return next;
}

function checkInWorker(gzipped: Uint8Array, limits: BackupLimits): Promise<CheckReply> {
  const fail = (message: string, code: ErrorCode = 'file-over-limit'): CheckReply => ({
    ok: false,
    code,
    message: `The backup is refused, nothing was restored: ${message}`,
  });
  return new Promise((resolve) => {
    const worker = new Worker(boot, {
      workerData: { entry, nice: CHECK_NICE },
      resourceLimits: { maxOldGenerationSizeMb: CHECK_MEMORY_MB, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const finish = (reply: CheckReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(
      () => finish(fail(`checking it took longer than the limit of ${CHECK_TIMEOUT_MS / 1000} s`)),
      CHECK_TIMEOUT_MS,
    );
    worker.on('message', finish);
    worker.on('error', (err: Error & { code?: string }) =>
      finish(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? fail(`checking it needed more than the limit of ${CHECK_MEMORY_MB} MB of memory`)
          : fail(`it could not be read (${err.message})`, 'file-unreadable'),
      ),
    );
    worker.on('exit', (code) =>
      finish(fail(`it could not be read (the check stopped, code ${code})`, 'file-unreadable')),
    );
    void shared(gzipped).then((bytes) => worker.postMessage({ gzipped: bytes, limits }));
  });
}

/**
 * Reads and checks a backup file (in a worker thread if it has long lines), holding none of its docs; throws
 * `file-unreadable`, `file-too-large`, `file-over-limit` (a limit, named) or `validation-failed`.
 */
export async function parseBackup(
  gzipped: Uint8Array,
  limits: BackupLimits = BACKUP_LIMITS,
): Promise<ParsedBackup> {
  let reply: CheckReply;
  try {
    reply = { ok: true, summary: await checkBackup(gzipped, limits, INLINE_LINE_BYTES) };
  } catch (error) {
    if (!(error instanceof LineTooLongHere)) throw error;
    reply = await oneAtATime(() => checkInWorker(gzipped, limits));
  }
  if (!reply.ok)
    throw new DomainError(
      reply.code,
      reply.message,
      reply.details === undefined ? undefined : { details: reply.details },
    );
  return { ...reply.summary, gzipped, limits };
}

/**
 * Replaces everything in `teamId`'s databases with the backup's docs, and hands the team over to
 * every server process (store/team-generation.ts): they let go of the team while the restore runs and
 * take it up afresh after it, from where the restored messages end. With `log`, each step is logged
 * with its time as it ends, and one still running after 10 s is warned of, so a restore that takes
 * long says where it is.
 */
export async function restoreTeam(
  store: Store,
  teamId: string,
  backup: ParsedBackup,
  log?: Pick<Logger, 'info' | 'warn'>,
): Promise<Record<string, number>> {
  const generation = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    // A step still running after SLOW_STEP_MS says so (a warning: seen at any log level), and again.
    const slow = setInterval(
      () =>
        log?.warn(
          { teamId, generation, step: name, ms: Date.now() - started },
          `restore: still before "${name}"`,
        ),
      SLOW_STEP_MS,
    );
    try {
      const result = await run();
      log?.info({ teamId, generation, step: name, ms: Date.now() - started }, `restore: ${name}`);
      return result;
    } finally {
      clearInterval(slow);
    }
  };
  await step('team marked as restoring', () => markTeam(store, teamId, { restoring: generation }));
  try {
    await step('databases dropped', () => store.dropTeam(teamId));
    await step('databases created', () => store.ensureTeam(teamId));
    return await step('docs written', () => fillTeam(store, teamId, backup));
  } finally {
    // Also after a failed restore: whatever is in the databases now is a new generation.
    await step('team handed over', async () => {
      await noteRestore(store, teamId, generation).catch(() => undefined);
      await markTeam(store, teamId, { restoring: undefined, restoredAt: generation });
    });
  }
}

/** A doc as written: attachments with their type and data only. */
function storedForm(d: CouchDoc): CouchDoc {
  if (!d._attachments) return d;
  const attachments = Object.fromEntries(
    Object.entries(d._attachments as Record<string, { content_type: string; data: string }>).map(([n, a]) => [
      n,
      { content_type: a.content_type, data: a.data },
    ]),
  );
  return { ...d, _attachments: attachments };
}

async function writeBatch(store: Store, teamId: string, collection: TeamCollection, docs: CouchDoc[]) {
  const results = (await store.teamDb(teamId, collection).bulk({ docs, new_edits: false })) as {
    id?: string;
    error?: string;
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

/** Reads the checked file again and writes its docs in batches, one collection's batch at a time. */
async function fillTeam(store: Store, teamId: string, backup: ParsedBackup): Promise<Record<string, number>> {
  const batches = new Map<TeamCollection, { docs: CouchDoc[]; bytes: number }>();
  const flush = async (collection: TeamCollection) => {
    const batch = batches.get(collection);
    batches.delete(collection);
    if (batch?.docs.length) await writeBatch(store, teamId, collection, batch.docs);
  };
  await eachBackupLine(
    backup.gzipped,
    async (bytes, n) => {
      if (n === 1) return;
      const line = readLine(bytes, n, backup.limits);
      if (line === 'blank' || line?.type !== 'doc' || !isTeamCollection(line.collection)) return;
      const batch = batches.get(line.collection) ?? { docs: [], bytes: 0 };
      batches.set(line.collection, batch);
      batch.docs.push(storedForm(line.doc));
      batch.bytes += bytes.length;
      if (batch.docs.length >= BATCH_DOCS || batch.bytes >= BATCH_BYTES) await flush(line.collection);
    },
    backup.limits,
  );
  for (const collection of [...batches.keys()]) await flush(collection);
  return { ...backup.counts };
}
