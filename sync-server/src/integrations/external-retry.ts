// External copies that failed when the agent made the task or event (the service down, a 429, a
// network error: `externalSync.status: 'pending'`) are tried again here, by the runtime's periodic
// pass: success links the local doc (`external`) and drops `externalSync`; another failure counts the
// attempt, and after `maxAttempts` the copy is given up (`failed`). Each attempt is in Activity.
// Pushes of a rep's edit that failed (`external.push.status: 'pending'`, external-push.ts) are tried
// again here too, each once its backoff has passed.
import { eventSyncFields, retriable, syncedValues, taskSyncFields } from '@app/shared/agents';
import type { CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { pushLocalEdit, type PushOptions } from './external-push';
import { noteSyncStep, serviceCall } from './external-activity';
import { linkedDocs, type ExternalSyncOptions } from './external-poll';

export type RetryOptions = ExternalSyncOptions & { maxAttempts?: number };

type Mirrored = TaskDoc | CalendarEventDoc;

async function pendingDocs<T extends Mirrored>(store: Store, teamId: string, collection: 'tasks' | 'events') {
  const docs = await linkedDocs(store, teamId, collection).find({
    selector: { 'externalSync.status': 'pending' },
    limit: 50,
  });
  return docs as T[];
}

async function note(store: Store, teamId: string, doc: Mirrored, at: string, error?: string, url?: string) {
  const input = { id: doc.id, attempt: (doc.externalSync?.attempts ?? 0) + 1 };
  const step = serviceCall(`external-${doc.externalSync?.provider ?? 'copy'}-retry`, input, error, url);
  await noteSyncStep({ store, teamId }, { key: 'xretry', run: 'external-retry', doc, at }, step);
}

async function retryOne<T extends Mirrored>(
  opts: RetryOptions,
  collection: 'tasks' | 'events',
  doc: T,
  create: (doc: T) => Promise<{ externalId: string; url?: string }>,
) {
  const at = (opts.now?.() ?? new Date()).toISOString();
  const sync = doc.externalSync!;
  let change: (current: T) => T;
  let error: string | undefined;
  let url: string | undefined;
  try {
    const ref = await create(doc);
    url = ref.url;
    change = (current) => {
      const { externalSync: _, ...rest } = current;
      return {
        ...rest,
        external: {
          provider: sync.provider,
          externalId: ref.externalId,
          ...(ref.url ? { url: ref.url } : {}),
          syncedAt: at,
          // What the new item holds: the values sent, and open (a later edit here is pushed).
          synced: {
            ...syncedValues(doc, collection === 'tasks' ? taskSyncFields : eventSyncFields),
            status: collection === 'tasks' ? 'open' : 'scheduled',
          },
        },
        updatedAt: at,
      } as T;
    };
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    const attempts = sync.attempts + 1;
    const giveUp = attempts >= (opts.maxAttempts ?? 10) || !retriable(err);
    change = (current) =>
      ({
        ...current,
        externalSync: {
          ...sync,
          attempts,
          status: giveUp ? 'failed' : 'pending',
          error: error!.slice(0, 1000),
          lastAttemptAt: at,
        },
      }) as T;
  }
  await linkedDocs(opts.store, opts.teamId, collection).update(doc.id, (stored) => {
    const current = stored as T;
    if (current.externalSync?.status !== 'pending') return undefined;
    return change(current);
  });
  await note(opts.store, opts.teamId, doc, at, error, url);
}

/** One pass over the team's pending copies (at most 50 of each kind). */
export async function retryExternalCopies(opts: RetryOptions): Promise<void> {
  const { task, calendar } = opts;
  try {
    if (task) {
      for (const doc of await pendingDocs<TaskDoc>(opts.store, opts.teamId, 'tasks')) {
        if (doc.externalSync?.provider !== task.provider) continue;
        await retryOne(opts, 'tasks', doc, (d) =>
          task.create({
            title: d.title,
            ...(d.description ? { description: d.description } : {}),
            ...(d.dueAt ? { dueAt: d.dueAt } : {}),
          }),
        );
      }
    }
    if (calendar) {
      for (const doc of await pendingDocs<CalendarEventDoc>(opts.store, opts.teamId, 'events'))
        await retryOne(opts, 'events', doc, (d) => calendar.create(d));
    }
  } catch (err) {
    opts.log.warn({ err, teamId: opts.teamId }, 'retrying external copies failed');
  }
}

/** One pass over the team's failed pushes whose next attempt is due (at most 50 of each kind). */
export async function retryExternalPushes(opts: PushOptions): Promise<void> {
  const now = (opts.now?.() ?? new Date()).toISOString();
  for (const collection of ['tasks', 'events'] as const) {
    try {
      const due = await linkedDocs(opts.store, opts.teamId, collection).findItems({
        selector: { 'external.push.status': 'pending', 'external.push.nextAt': { $lte: now } },
        limit: 50,
      });
      for (const read of due) await pushLocalEdit(opts, collection, read, true);
    } catch (err) {
      opts.log.warn({ err, teamId: opts.teamId, collection }, 'retrying external pushes failed');
    }
  }
}
