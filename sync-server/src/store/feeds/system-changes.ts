// What changes in a system database from now on, as it happens, for a process that keeps what it read
// of it (the runtime's channel settings, integrations, model providers: `app_channels`): one follower
// from the database's position at its start (none: from the beginning), the position in memory, each
// batch handed over with the team ids of its docs (the doc's `teamId`; a deleted doc's id
// `<kind>:<team>:...`). A reader told of a change reads again, instead of reading every few seconds
// in case something changed (issue 65: the runtime's 10 s settings poll was about 13 requests a cycle).
import type { Logger } from 'pino';
import type { Store, SystemDb } from '../../context';
import { systemDocs } from '../data';
import { createChangeFollower, type Change, type ChangeFollower } from './change-follower';

export type SystemChanges = { stop(): Promise<void> };

/** The team ids a batch of changes concerns: each doc's `teamId`, else its id's second part. */
export function teamIdsOf(changes: readonly Change<{ teamId?: unknown }>[]): Set<string> {
  const ids = new Set<string>();
  for (const c of changes) {
    const teamId = typeof c.doc?.teamId === 'string' ? c.doc.teamId : c.id.split(':')[1];
    if (teamId) ids.add(teamId);
  }
  return ids;
}

export function followSystemChanges(opts: {
  store: Store;
  db: SystemDb;
  log: Logger;
  /** The teams whose docs changed (more than one batch may be handed over for one write). */
  changed(teamIds: ReadonlySet<string>): void;
  /** How long a long-poll waits on the embedded store (default a minute: changes answer it at once). */
  pollMs?: number;
}): SystemChanges {
  const { store, log } = opts;
  let follower: ChangeFollower | undefined;
  let stopped = false;
  const started = systemDocs(store, opts.db)
    .position()
    .then(
      (since) => String(since),
      (err: unknown) => {
        log.warn({ err, db: opts.db }, 'reading the position failed; following from the beginning');
        return undefined;
      },
    )
    .then((since) => {
      if (stopped) return;
      follower = createChangeFollower<{ teamId?: unknown }>({
        server: store.server,
        dbName: store.systemDbName(opts.db),
        log,
        pollMs: opts.pollMs ?? 60_000,
        ...(since ? { initialSince: since } : {}),
        handle: async (changes) => opts.changed(teamIdsOf(changes)),
      });
      follower.start();
    });
  return {
    async stop() {
      stopped = true;
      await started;
      await follower?.stop();
    },
  };
}
