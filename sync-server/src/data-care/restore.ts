// Restores a team backup into a team id (the same team or a new one): the whole file is read and
// checked first (backup-check.ts, in a worker thread: format, every doc against its collection's
// schema, the end line's counts), then written at its docs' original revisions (`new_edits: false`),
// attachments included, into new databases of the restore's own, and only once they hold all of it do
// they replace the team's (restore-job.ts, restore-swap.ts: a bad file or a crash changes nothing). The file is
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
import { BACKUP_LIMITS, eachBackupLine, type BackupLimits } from './backup-lines';
import { checkBackup, LineTooLongHere, readLine, type BackupSummary } from './backup-check';
import type { CheckReply } from './backup-check-worker';
import { createStaging, dropStaging, holdJob, restoreJobId, stagingDbName } from './restore-job';
import type { HeldJob, RestoreJob } from './restore-job';
import { finishSwap, recoverRestores, storedForm, writeAtRevisions, type StepRunner } from './restore-swap';

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
const boot = fileURLToPath(new URL('../knowledge/knowledge-worker-boot.mjs', import.meta.url));
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

/** What a restore may be given besides its file. */
export type RestoreOptions = {
  /** With it, each step is logged with its time as it ends, and one running after 10 s is warned of. */
  log?: Pick<Logger, 'info' | 'warn'>;
  /** The clock of the journal's beats and of the reset fields. */
  now?: () => number;
  /** Tests: called before each step (a hook that never answers stands for the process killed there). */
  beforeStep?: (name: string) => Promise<void> | void;
};

/**
 * Replaces everything in `teamId`'s databases with the backup's docs (its audit log only gains the
 * entries it lacks, restore-swap.ts), and hands the
 * team over to every server process (store/team-generation.ts): they let go of the team while its
 * databases are replaced and take it up afresh after, from where the restored messages end. The file
 * goes into new databases first (restore-job.ts); the team is touched only once they hold all of it
 * (restore-swap.ts), so a file that fails to write, or a crash before that, changes nothing.
 */
export async function restoreTeam(
  store: Store,
  teamId: string,
  backup: ParsedBackup,
  opts: RestoreOptions = {},
): Promise<Record<string, number>> {
  const { log } = opts;
  const now = opts.now ?? Date.now;
  const generation = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const step = stepRunner({ teamId, generation }, opts);
  const job: RestoreJob = { _id: restoreJobId(teamId), teamId, generation, phase: 'staging', heartbeatAt: 0 };
  const held = await step('restore recorded', () => takeJob(store, job, now, log));
  const counts = { ...backup.counts };
  try {
    await step('new databases created', () => createStaging(store, job));
    await step('docs written', () => fillStaging(store, job, backup));
    held.check();
    await step('restore committed', () =>
      held.save({
        phase: 'swapping',
        fromTeamId: backup.header.teamId,
        backupCreatedAt: backup.header.createdAt,
        counts,
      }),
    );
  } catch (error) {
    // Before the commit point the team was never touched: only the restore's own databases go.
    held.release();
    await dropStaging(store, job)
      .then(() => held.finish())
      .catch((err: unknown) => log?.warn({ err, teamId }, 'restore: its databases are left for recovery'));
    throw error;
  }
  try {
    await finishSwap(store, held, step, () => new Date(now()));
  } catch (error) {
    // After it, the team is finished by recovery (restore-swap.ts) as soon as it sees the journal.
    await held.save({ heartbeatAt: 0 }).catch(() => undefined);
    held.release();
    log?.warn(
      { err: error, teamId, generation },
      'restore: stopped after its commit point; recovery finishes it',
    );
    throw new DomainError(
      'store-unavailable',
      'The restore was interrupted after the backup was checked and written; it is finished automatically within a minute',
    );
  }
  return counts;
}

/** The team's journal, new; a stale one (its process gone) is taken up first; `lease-held` if live. */
async function takeJob(
  store: Store,
  job: RestoreJob,
  now: () => number,
  log: RestoreOptions['log'],
): Promise<HeldJob> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const held = await holdJob(store, job, now, log);
    if (held) return held;
    if (!(await recoverRestores(store, log ?? silent, { now }))) break;
  }
  throw new DomainError(
    'lease-held',
    'Another restore of this team is under way; try again when it has finished',
  );
}

const silent = { info: () => undefined, warn: () => undefined };

/** Runs a named step: logged as it ends, warned of while slow, and offered to the test hook first. */
function stepRunner(at: { teamId: string; generation: string }, opts: RestoreOptions): StepRunner {
  const { log } = opts;
  return async (name, run) => {
    await opts.beforeStep?.(name);
    const started = Date.now();
    // A step still running after SLOW_STEP_MS says so (a warning: seen at any log level), and again.
    const slow = setInterval(
      () => log?.warn({ ...at, step: name, ms: Date.now() - started }, `restore: still before "${name}"`),
      SLOW_STEP_MS,
    );
    try {
      const result = await run();
      log?.info({ ...at, step: name, ms: Date.now() - started }, `restore: ${name}`);
      return result;
    } finally {
      clearInterval(slow);
    }
  };
}

/**
 * Reads the checked file again and writes its docs into the restore's databases in batches, one
 * collection's batch at a time.
 */
async function fillStaging(store: Store, job: RestoreJob, backup: ParsedBackup): Promise<void> {
  const batches = new Map<TeamCollection, { docs: CouchDoc[]; bytes: number }>();
  const flush = async (collection: TeamCollection) => {
    const batch = batches.get(collection);
    batches.delete(collection);
    if (batch?.docs.length) await writeAtRevisions(store, stagingDbName(store, job, collection), batch.docs);
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
}
