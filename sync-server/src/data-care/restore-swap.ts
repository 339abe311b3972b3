// The second half of a restore (after its commit point, restore-job.ts): the team's databases are
// replaced by a copy of the restore's own, checked and complete, databases. CouchDB has no rename, so
// this is a copy-back: the team is marked `restoring` (every process lets go of it), its databases
// but the audit log are dropped and created again, the docs are copied at their revisions
// (`new_edits: false`), the fields the server owns are set again by the server (restore-reset.ts), the
// audit log is kept as it is and gains the file's entries it does not have (none of its own is
// rewritten or removed) and a "restored" entry, and the team is handed over (store/team-generation.ts). Every
// step can run again from the start: a crash anywhere here is finished by whoever takes the journal up
// next (a later restore of the team, this process's recovery pass, or another process's), from the
// drop on, to the same result. Only then are the restore's databases and its journal removed.
import type { Logger } from 'pino';
import type { Store, TeamCollection } from '../context';
import { namedDb, teamDatabase } from '../store/named-db';
import { markTeam, noteRestore } from '../store/team-generation';
import { dropStaging, holdJob, KEPT_COLLECTION, listJobs, restoredCollections } from './restore-job';
import { stagingDbName, STALE_MS } from './restore-job';
import type { HeldJob, RestoreJob } from './restore-job';
import { noteRestoreInAuditLog, resetServerFields } from './restore-reset';

type CouchDoc = Record<string, unknown> & { _id: string; _rev?: string };

/** A step's name and work; `run` logs it, and a test may stop the restore before it (a simulated kill). */
export type StepRunner = <T>(name: string, run: () => Promise<T>) => Promise<T>;

/** A doc as written: attachments with their type and data only. */
export function storedForm(d: CouchDoc): CouchDoc {
  if (!d._attachments) return d;
  const attachments = Object.fromEntries(
    Object.entries(d._attachments as Record<string, { content_type: string; data: string }>).map(([n, a]) => [
      n,
      { content_type: a.content_type, data: a.data },
    ]),
  );
  return { ...d, _attachments: attachments };
}

/** Writes docs at their revisions; throws naming the first refusals. */
export async function writeAtRevisions(store: Store, dbName: string, docs: CouchDoc[]): Promise<void> {
  const results = await namedDb(store, dbName).writeAtRevisions(docs);
  const failed = results.filter((r) => r.error);
  if (failed.length)
    throw new Error(
      `restore: ${dbName} refused ${failed
        .slice(0, 3)
        .map((f) => `${f.id}: ${f.error}`)
        .join(', ')}`,
    );
}

/** Of `docs`, those whose ids the database does not hold (the kept audit log: none is rewritten). */
async function missingFrom(store: Store, dbName: string, docs: CouchDoc[]): Promise<CouchDoc[]> {
  const present = await namedDb(store, dbName).present(docs.map((d) => d._id));
  return docs.filter((d) => !present.has(d._id));
}

/**
 * Copies one database's docs (attachments inlined) into the team's, a page at a time; into the kept
 * audit log only the entries it does not have.
 */
async function copyBack(store: Store, job: RestoreJob, c: TeamCollection): Promise<void> {
  const from = namedDb(store, stagingDbName(store, job, c));
  // A page of files may hold large attachments: fewer of them at a time.
  const size = c === 'files' ? 10 : 100;
  let after: string | undefined;
  for (;;) {
    const page = await from.page(after, size, true);
    const docs = page.docs.map(storedForm);
    const into = teamDatabase(store, job.teamId, c).name;
    const write = c === KEPT_COLLECTION && docs.length ? await missingFrom(store, into, docs) : docs;
    if (write.length) await writeAtRevisions(store, into, write);
    after = page.last;
    if (!page.more) break;
  }
}

/** Replaces the team's databases with the restore's (the journal is held, at `swapping`). */
export async function finishSwap(
  store: Store,
  held: HeldJob,
  outer: StepRunner,
  now: () => Date,
): Promise<void> {
  const job = held.job;
  const { teamId, generation } = job;
  // Each step first beats the journal (compare-and-swap): a process that lost it (stalled past
  // STALE_MS, taken up by another) stops before it touches the team again.
  const step: StepRunner = (name, run) =>
    outer(name, () => held.save({ heartbeatAt: now().getTime() }).then(run));
  if (job.phase === 'swapping') {
    await step('team marked as restoring', () => markTeam(store, teamId, { restoring: generation }));
    await step('databases dropped', () => store.dropTeam(teamId, [KEPT_COLLECTION]));
    await step('databases created', () => store.ensureTeam(teamId));
    await step('docs copied', async () => {
      for (const c of restoredCollections) {
        held.check();
        await copyBack(store, job, c);
      }
    });
    await step('server fields reset', () => resetServerFields(store, teamId, now()));
    await step('restore noted in the audit log', () => noteRestoreInAuditLog(store, job, now()));
    await step('team handed over', async () => {
      await noteRestore(store, teamId, generation);
      await markTeam(store, teamId, { restoring: undefined, restoredAt: generation });
      // From here on the team is live again: a crash leaves only the restore's databases to drop.
      await held.save({ phase: 'cleanup' });
    });
  }
  await step('restore databases dropped', async () => {
    await dropStaging(store, job);
    await held.finish();
  });
}

/**
 * Takes up every journal not beaten for STALE_MS (its process is gone): one cut short before its
 * commit point is dropped (the team never changed), one after it is finished. How many were taken up.
 */
export async function recoverRestores(
  store: Store,
  log: Pick<Logger, 'info' | 'warn'>,
  opts: { now?: () => number; step?: StepRunner } = {},
): Promise<number> {
  const now = opts.now ?? Date.now;
  const step: StepRunner = opts.step ?? ((_name, run) => run());
  let taken = 0;
  for (const found of await listJobs(store)) {
    if (now() - found.heartbeatAt < STALE_MS) continue;
    const held = await holdJob(store, found, now, log);
    if (!held) continue;
    taken++;
    const at = { teamId: found.teamId, generation: found.generation, phase: found.phase };
    try {
      if (found.phase === 'staging') {
        await dropStaging(store, found);
        await held.finish();
        log.info(at, 'restore: one cut short before its commit was dropped; the team is as it was');
      } else {
        await finishSwap(store, held, step, () => new Date(now()));
        log.info(at, 'restore: one cut short after its commit point was finished');
      }
    } catch (err) {
      held.release();
      log.warn({ ...at, err }, 'restore: taking up a cut-short restore failed; it is tried again later');
    }
  }
  return taken;
}

/** Recovery at start and every `everyMs` after (a journal goes stale a minute after its process died). */
export function startRestoreRecovery(
  store: Store,
  log: Pick<Logger, 'info' | 'warn'>,
  everyMs = STALE_MS / 2,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const pass = () => {
    if (stopped) return;
    running = recoverRestores(store, log).catch((err: unknown) =>
      log.warn({ err }, 'restore: looking for cut-short restores failed'),
    );
  };
  pass();
  const timer = setInterval(pass, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
