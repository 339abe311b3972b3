// The update coming back: the runtime's periodic pass reads the state of the external items the
// team's open tasks and scheduled events link to (GET on the service's API) and brings a change home:
// a task done or cancelled there is done or cancelled here; an event cancelled or moved in the
// calendar is cancelled or moved here. The field's `fieldUpdatedAt` is stamped, so the desktop's
// field-level merge takes the change like any edit; each change is in Activity. What is read is kept
// in `external.synced` too, so the push of a rep's edits (external-push.ts) does not send it back;
// a field the rep changed and not yet pushed keeps the rep's value (the push overwrites the service's).
import {
  eventSyncFields,
  syncedValues,
  taskSyncFields,
  type CalendarAdapter,
  type SyncedValues,
  type TaskAdapter,
} from '@app/shared/agents';
import type { CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { teamCollection } from '../store/collections';
import { noteSyncStep } from './external-activity';

/** A team's linked task and calendar services, as the poll, the push and the retry pass take them. */
export type ExternalSyncOptions = {
  store: Store;
  teamId: string;
  log: Logger;
  task?: TaskAdapter;
  calendar?: CalendarAdapter;
  now?: () => Date;
};
export type PollOptions = ExternalSyncOptions;

/** A team's tasks or events, read and written alike by the sync with the services. */
export const linkedDocs = (store: Store, teamId: string, collection: 'tasks' | 'events') =>
  teamCollection(store, teamId, collection);

async function linked<T extends TaskDoc | CalendarEventDoc>(
  store: Store,
  teamId: string,
  collection: 'tasks' | 'events',
  status: string,
  provider: string,
) {
  const docs = await linkedDocs(store, teamId, collection).find({
    selector: { status, 'external.provider': provider },
    limit: 100,
  });
  return docs as T[];
}

async function apply<T extends TaskDoc | CalendarEventDoc>(
  opts: PollOptions,
  collection: 'tasks' | 'events',
  doc: T,
  changes: Partial<T>,
  read: SyncedValues,
) {
  const at = (opts.now?.() ?? new Date()).toISOString();
  const fields = Object.keys(changes);
  await linkedDocs(opts.store, opts.teamId, collection).update(doc.id, (stored) => {
    const current = stored as T;
    const external = current.external && {
      ...current.external,
      synced: { ...(current.external.synced ?? syncedBase(doc, collection)), ...read },
    };
    const stamps = {
      ...current.fieldUpdatedAt,
      ...Object.fromEntries(fields.map((f) => [f, at])),
      ...(external ? { external: at } : {}),
    };
    return {
      ...current,
      ...changes,
      ...(external ? { external } : {}),
      fieldUpdatedAt: stamps,
      ...(fields.length ? { updatedAt: at } : {}),
    };
  });
  if (!fields.length) return;
  await noteSyncStep(
    opts,
    { key: 'xupdate', run: 'external-update', doc, at },
    {
      role: 'nurturing',
      kind: 'step',
      name: `external-${doc.external?.provider ?? 'item'}-update`,
      status: 'ok',
      input: JSON.stringify({ id: doc.id, url: doc.external?.url ?? null }),
      output: JSON.stringify(changes),
    },
  );
}

const syncedBase = (doc: TaskDoc | CalendarEventDoc, collection: 'tasks' | 'events') =>
  syncedValues(doc as Record<string, unknown>, collection === 'tasks' ? taskSyncFields : eventSyncFields);

/**
 * What the service's state changes here: a field it changed since the last sync (else: differs from
 * the doc, for docs synced before `synced` existed) and the rep did not change meanwhile.
 */
function incoming(doc: TaskDoc | CalendarEventDoc, remote: Record<string, string | undefined>) {
  const synced = doc.external?.synced as Record<string, string | undefined> | undefined;
  const local = doc as Record<string, unknown>;
  const changes: Record<string, string> = {};
  const read: Record<string, string> = {};
  for (const [f, value] of Object.entries(remote)) {
    if (value === undefined) continue;
    const base = synced ? synced[f] : local[f];
    if (value === base) continue;
    if (synced && local[f] !== synced[f]) continue; // the rep's edit, waiting to be pushed, wins
    read[f] = value;
    if (local[f] !== value) changes[f] = value;
  }
  return { changes, read };
}

/** One pass over the team's linked open tasks and scheduled events (at most 100 of each). */
export async function pollExternalUpdates(opts: PollOptions): Promise<void> {
  const { task, calendar } = opts;
  try {
    if (task) {
      for (const doc of await linked<TaskDoc>(opts.store, opts.teamId, 'tasks', 'open', task.provider)) {
        const state = await task.state(doc.external!.externalId).catch(() => undefined);
        if (!state) continue;
        const { changes, read } = incoming(doc, { status: state.status });
        if (Object.keys(read).length) await apply(opts, 'tasks', doc, changes as Partial<TaskDoc>, read);
      }
    }
    if (calendar) {
      for (const doc of await linked<CalendarEventDoc>(
        opts.store,
        opts.teamId,
        'events',
        'scheduled',
        'google',
      )) {
        const state = await calendar.state(doc.external!.externalId).catch(() => undefined);
        if (!state) continue;
        const { changes, read } = incoming(doc, {
          status: state.status,
          startAt: state.startAt,
          endAt: state.endAt,
        });
        if (Object.keys(read).length)
          await apply(opts, 'events', doc, changes as Partial<CalendarEventDoc>, read);
      }
    }
  } catch (err) {
    opts.log.warn({ err, teamId: opts.teamId }, 'reading external updates failed');
  }
}
