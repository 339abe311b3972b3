// A restore's journal and its new databases (issue 60). CouchDB cannot rename a database, so a restore
// first writes the whole file into new databases of its own (`r_<team>_<generation>_<collection>`, a
// name space no team or system database uses), and the team's databases are untouched until every
// doc is in. A journal doc in app_runtime (`restore-job:<team>`, one per team: a second restore of the
// team meanwhile is refused) says how far it is: `staging` (the file going into the new databases:
// a failure or a crash here changes nothing, and the new databases are dropped), then `swapping` (the
// commit point: the team's databases are replaced by a copy of the new ones, restore-swap.ts, which
// a crash only interrupts: whoever takes the journal up next does the copy again from the start), then
// `cleanup` (the team handed over: only the restore's databases are left to drop).
// The holder of a journal beats its heartbeat every HEARTBEAT_MS; one not beaten for STALE_MS is
// taken up by another (compare-and-swap on its revision), as a lease (store/leases.ts).
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { Store, TeamCollection } from '../context';
import { systemDocs } from '../store/data';
import { escapeTeamId, teamCollections } from '../store/db-names';
import { databasePrefix, namedDb } from '../store/named-db';

export type RestoreJob = {
  _id: string;
  _rev?: string;
  teamId: string;
  generation: string;
  phase: 'staging' | 'swapping' | 'cleanup';
  /** Milliseconds since the epoch of the holder's last beat. */
  heartbeatAt: number;
  /** From the file (set at the commit point): for the audit log's entry. */
  fromTeamId?: string;
  backupCreatedAt?: string;
  counts?: Record<string, number>;
};

export const JOB_PREFIX = 'restore-job:';
export const restoreJobId = (teamId: string) => `${JOB_PREFIX}${teamId}`;
export const HEARTBEAT_MS = 10_000;
export const STALE_MS = 60_000;

/** Every team database goes through the restore's own databases (the audit log too, restore-swap.ts). */
export const restoredCollections: readonly TeamCollection[] = teamCollections;
/** The database a restore keeps: the audit log gains the file's missing entries, none is rewritten. */
export const KEPT_COLLECTION: TeamCollection = 'activity';

/** The restore's own database for `collection`: `<prefix>r_<escaped team>_<generation>_<collection>`. */
export function stagingDbName(
  store: Store,
  job: Pick<RestoreJob, 'teamId' | 'generation'>,
  c: TeamCollection,
) {
  const prefix = databasePrefix(store);
  return `${prefix}r_${escapeTeamId(job.teamId)}_${job.generation}_${c}`;
}

/** Creates the restore's databases, readable by server admins only (as the team's). */
export async function createStaging(store: Store, job: RestoreJob): Promise<void> {
  for (const c of restoredCollections) {
    const db = namedDb(store, stagingDbName(store, job, c));
    await db.create();
    await db.restrictToAdmins();
  }
}

/** Drops the restore's databases (those already gone are fine). */
export async function dropStaging(store: Store, job: RestoreJob): Promise<void> {
  for (const c of restoredCollections) {
    await namedDb(store, stagingDbName(store, job, c)).drop();
  }
}

const jobs = (store: Store) => systemDocs<RestoreJob>(store, 'app_runtime');

/** The team's journal, if a restore is under way (or was cut short). */
export async function readJob(store: Store, teamId: string): Promise<RestoreJob | undefined> {
  return (await jobs(store).get(restoreJobId(teamId))) ?? undefined;
}

/** Every journal in the store (a handful at most). */
export async function listJobs(store: Store): Promise<RestoreJob[]> {
  return jobs(store).withPrefix(JOB_PREFIX);
}

/** A journal this process holds: its writes are compare-and-swap, and it beats while held. */
export type HeldJob = {
  readonly job: RestoreJob;
  /** Writes `patch` on the journal; throws `lease-held` if another took it up meanwhile. */
  save(patch: Partial<RestoreJob>): Promise<void>;
  /** Throws `lease-held` if the journal was lost (a beat found another holder). */
  check(): void;
  /** Deletes the journal (the restore is over) and stops the beats. */
  finish(): Promise<void>;
  /** Stops the beats, the journal left as it is (for another to take up). */
  release(): void;
};

const lost = (teamId: string) =>
  new DomainError('lease-held', `Another process took up the restore of team '${teamId}'`);

/**
 * Takes a journal up: `job` as read (with its `_rev`) is written again with a fresh beat; undefined when
 * another process wrote it first. Without `_rev`, a new journal is created (undefined if one exists).
 */
export async function holdJob(
  store: Store,
  job: RestoreJob,
  now: () => number,
  log?: Pick<Logger, 'warn'>,
): Promise<HeldJob | undefined> {
  let current: RestoreJob = { ...job, heartbeatAt: now() };
  const first = await jobs(store).put(current);
  if (first === null) return undefined;
  current = { ...current, _rev: first };
  let gone = false;
  let queue: Promise<unknown> = Promise.resolve();
  const write = (patch: Partial<RestoreJob>): Promise<void> => {
    const run = queue.then(async () => {
      if (gone) throw lost(job.teamId);
      const next = { ...current, ...patch };
      const rev = await jobs(store).put(next);
      if (rev === null) {
        gone = true;
        throw lost(job.teamId);
      }
      current = { ...next, _rev: rev };
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const beat = setInterval(() => {
    write({ heartbeatAt: now() }).catch((err: unknown) =>
      log?.warn({ err, teamId: job.teamId }, 'restore: its journal could not be beaten'),
    );
  }, HEARTBEAT_MS);
  beat.unref();
  return {
    get job() {
      return current;
    },
    save: write,
    check() {
      if (gone) throw lost(job.teamId);
    },
    async finish() {
      clearInterval(beat);
      await queue;
      if (gone) throw lost(job.teamId);
      await jobs(store).remove(current._id, current._rev!);
    },
    release() {
      clearInterval(beat);
    },
  };
}
