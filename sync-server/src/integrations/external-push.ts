// The update going out: a rep's edit of a linked task (title, due date, done / cancelled / reopened)
// or event (title, time, cancelled) reaches the service. A rep's edit is a field whose value differs
// from `external.synced`, the values last sent to or read from the service; a push and the poll's
// read (external-poll.ts) both move `synced`, so neither echoes back as the other. Only the changed
// fields are sent (the rep wins over the service for those fields only). The push is claimed on the
// doc first (`external.push`, written at the doc's revision: of two processes that see the same edit
// one pushes); a failure stays there with the next attempt's time (backoff, retried by the periodic
// pass in external-retry.ts) and is in Activity. The local doc's own fields are never changed here.
import {
  eventSyncFields,
  retriable,
  syncedValues,
  taskSyncFields,
  type CalendarAdapter,
  type SyncedValues,
  type TaskAdapter,
} from '@app/shared/agents';
import type { CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import { DomainError } from '@app/shared/errors';
import { fromCouch, type Stored } from '../store/couch-docs';
import { noteSyncStep, serviceCall } from './external-activity';
import { linkedDocs, type ExternalSyncOptions } from './external-poll';

export type PushOptions = ExternalSyncOptions & {
  /** The first retry's wait after a failed push, doubled each time up to an hour (default 30 s). */
  backoffMs?: number;
  /** Attempts before a push is given up (default 10). */
  maxAttempts?: number;
};

export type LinkedCollection = 'tasks' | 'events';
type Linked = TaskDoc | CalendarEventDoc;
/** A linked doc as read, with the revision it was read at. */
export type LinkedRead = { doc: Linked; rev: string };
type Push = NonNullable<NonNullable<TaskDoc['external']>['push']>;
/** The changed fields with their values now (null: cleared). */
type Edits = Partial<Record<keyof SyncedValues, string | null>>;

/** How long a claimed push is left to its process before the retry pass may take it over. */
const CLAIM_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

const fieldsOf = (collection: LinkedCollection) =>
  collection === 'tasks' ? taskSyncFields : eventSyncFields;

/** The fields a rep changed since the last push or pull; undefined when nothing was synced yet. */
export function localEdits(doc: Linked, collection: LinkedCollection): Edits | undefined {
  const synced = doc.external?.synced;
  if (!synced) return undefined;
  const values = doc as Record<string, unknown>;
  const edits: Edits = {};
  for (const f of fieldsOf(collection)) {
    const now = typeof values[f] === 'string' ? (values[f] as string) : null;
    if (now !== (synced[f] ?? null)) edits[f] = now;
  }
  return edits;
}

/** Whether the edits are those a pending push carries (a field read from the service meanwhile is not an edit). */
const sameEdits = (edits: Edits, pushed: SyncedValues | undefined) =>
  Object.entries(edits).every(([f, v]) => (v ?? undefined) === pushed?.[f as keyof SyncedValues]);

function adapterFor(opts: PushOptions, collection: LinkedCollection, doc: Linked) {
  const provider = doc.external?.provider;
  if (collection === 'tasks') return opts.task && opts.task.provider === provider ? opts.task : undefined;
  return opts.calendar && provider === 'google' ? opts.calendar : undefined;
}

/** Writes `external` (stamped for the desktop's field-level merge), leaving the rest of the doc. */
async function writeExternal<T extends Linked>(
  opts: PushOptions,
  collection: LinkedCollection,
  id: string,
  at: string,
  change: (external: NonNullable<T['external']>, current: T) => NonNullable<T['external']> | undefined,
) {
  await linkedDocs(opts.store, opts.teamId, collection).update(id, (stored) => {
    const current = stored as T;
    if (!current.external) return undefined;
    const external = change(current.external as NonNullable<T['external']>, current);
    if (!external) return undefined;
    return { ...current, external, fieldUpdatedAt: { ...current.fieldUpdatedAt, external: at } };
  });
}

async function note(
  opts: PushOptions,
  doc: Linked,
  at: string,
  edits: Edits,
  attempt: number,
  error?: string,
) {
  const name = `external-${doc.external?.provider ?? 'item'}-push`;
  const step = serviceCall(name, { id: doc.id, changes: edits, attempt }, error, doc.external?.url);
  await noteSyncStep(opts, { key: 'xpush', run: 'external-push', doc, at }, step);
}

/** Claims the push on the doc at the revision read (409: another writer came first). */
async function claim(
  opts: PushOptions,
  collection: LinkedCollection,
  { doc, rev }: LinkedRead,
  push: Push,
  at: string,
) {
  const claimed = {
    ...doc,
    external: { ...doc.external!, push },
    fieldUpdatedAt: { ...doc.fieldUpdatedAt, external: at },
  };
  try {
    await linkedDocs(opts.store, opts.teamId, collection).save(claimed, rev);
    return true;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'conflict') return false;
    throw err;
  }
}

async function send(opts: PushOptions, collection: LinkedCollection, doc: Linked, edits: Edits) {
  const id = doc.external!.externalId;
  const was = doc.external!.synced?.status;
  if (collection === 'tasks') {
    const task = doc as TaskDoc;
    await opts.task!.update(id, edits as Parameters<TaskAdapter['update']>[1], {
      title: task.title,
      ...(task.description ? { description: task.description } : {}),
      ...(task.dueAt ? { dueAt: task.dueAt } : {}),
      was: was === 'done' || was === 'cancelled' ? was : 'open',
    });
  } else {
    const { dueAt: _, ...change } = edits;
    await opts.calendar!.update(
      id,
      change as Parameters<CalendarAdapter['update']>[1],
      doc as CalendarEventDoc,
    );
  }
}

/**
 * Pushes the rep's edits of one linked doc (as read, with its revision), if any. A push that failed
 * before is tried again only by the retry pass (`retry`), once its time has come. A doc linked before
 * pushes existed gets its `synced` values first (nothing is sent for it).
 */
export async function pushLocalEdit(
  opts: PushOptions,
  collection: LinkedCollection,
  read: LinkedRead,
  retry = false,
): Promise<void> {
  const { doc } = read;
  if (!doc.external || !adapterFor(opts, collection, doc)) return;
  const at = (opts.now?.() ?? new Date()).toISOString();
  const values = syncedValues(doc as Record<string, unknown>, fieldsOf(collection));
  const edits = localEdits(doc, collection);
  if (!edits)
    return writeExternal(opts, collection, doc.id, at, (e) =>
      e.synced ? undefined : { ...e, synced: values },
    );
  const pending = doc.external.push;
  if (!Object.keys(edits).length) {
    // Edited back to what the service holds: nothing left to send.
    if (pending) await writeExternal(opts, collection, doc.id, at, ({ push: _, ...e }) => e);
    return;
  }
  const again = pending && sameEdits(edits, pending.values);
  if (again && (!retry || pending.status === 'failed' || (pending.nextAt && pending.nextAt > at))) return;
  const attempt = (again ? pending.attempts : 0) + 1;
  const claimed: Push = {
    status: 'pending',
    attempts: attempt - 1,
    values,
    nextAt: new Date(Date.parse(at) + CLAIM_MS).toISOString(),
    ...(again && pending.error ? { error: pending.error } : {}),
  };
  if (!(await claim(opts, collection, read, claimed, at))) return;
  try {
    await send(opts, collection, doc, edits);
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    const giveUp = attempt >= (opts.maxAttempts ?? 10) || !retriable(err);
    const wait = Math.min(MAX_BACKOFF_MS, (opts.backoffMs ?? 30_000) * 2 ** (attempt - 1));
    opts.log.warn({ err, teamId: opts.teamId, id: doc.id, attempt }, 'pushing a local edit failed');
    await writeExternal(opts, collection, doc.id, at, (e) => ({
      ...e,
      push: {
        status: giveUp ? 'failed' : 'pending',
        attempts: attempt,
        values,
        error,
        lastAttemptAt: at,
        ...(giveUp ? {} : { nextAt: new Date(Date.parse(at) + wait).toISOString() }),
      },
    }));
    return note(opts, doc, at, edits, attempt, error);
  }
  await writeExternal(opts, collection, doc.id, at, ({ push: _, ...e }) => {
    const synced: Record<string, string> = { ...e.synced };
    for (const [f, v] of Object.entries(edits)) {
      if (v === null) delete synced[f];
      else synced[f] = v;
    }
    return { ...e, synced: synced as SyncedValues, syncedAt: at };
  });
  await note(opts, doc, at, edits, attempt);
}

/** Pushes the edits among changed docs of a collection (the follower's batch), one after another. */
export async function pushChanged(
  opts: PushOptions,
  collection: LinkedCollection,
  docs: Array<Stored<Linked>>,
): Promise<void> {
  for (const raw of docs) {
    try {
      await pushLocalEdit(opts, collection, { doc: fromCouch<Linked>(raw), rev: raw._rev });
    } catch (err) {
      opts.log.warn({ err, teamId: opts.teamId, id: raw._id }, 'pushing a local edit failed');
    }
  }
}
