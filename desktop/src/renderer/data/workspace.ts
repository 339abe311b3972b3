// Everything a signed-in session needs, opened together and closed together: the local database,
// its replication, the files store and the API client.
import type { Role } from '@app/shared/access';
import type { StoredSession } from '@app/shared/ipc';
import type { LocalCollectionName as CollectionName } from './local-collections';
import { touchDoc, touchFields } from '@app/shared/sync';
import { createApi, createAuthFetch, type Api, type FetchLike } from './auth';
import { databaseName, openDatabase, type AppDatabase, type DocTypes } from './database';
import { FilesStore } from './files-db';
import { SyncEngine } from './replication';
import { roleOfToken } from './role';
import { recordStageChange } from './stage-changes';

export type Workspace = {
  session: StoredSession;
  /** The member's role from the current access token (undefined when it cannot be read). */
  role: Role | undefined;
  db: AppDatabase;
  sync: SyncEngine;
  files: FilesStore;
  api: Api;
  authFetch: FetchLike;
  deviceId: string;
  close(): Promise<void>;
};

export function deviceId(): string {
  const key = 'sw.device';
  let id = localStorage.getItem(key);
  if (!id) {
    id = `device-${crypto.randomUUID().slice(0, 8)}`;
    localStorage.setItem(key, id);
  }
  return id;
}

export async function openWorkspace(
  session: StoredSession,
  hooks: { onSession(s: StoredSession): void; onSignedOut(): void },
  options: { startSync?: boolean } = {},
): Promise<Workspace> {
  let current = session;
  const authFetch = createAuthFetch({
    getSession: () => current,
    setSession: (s) => {
      current = s;
      hooks.onSession(s);
    },
    onSignedOut: hooks.onSignedOut,
  });
  const name = databaseName(session.serverUrl, session.userId ?? session.email ?? 'user');
  const device = deviceId();
  const db = await openDatabase(name, session.userId ?? device);
  const sync = new SyncEngine(db, session.serverUrl, authFetch);
  const files = new FilesStore(name);
  // The benchmark seeds the local database directly; pushing those docs to a server that is not there
  // would measure retries, not the app (desktop/bench sets this flag).
  const syncOff = options.startSync === false || localStorage.getItem('sw.bench.nosync') === '1';
  if (!syncOff) {
    // Let the first screen query the local data before replication starts competing for it.
    setTimeout(() => {
      sync.start();
      files.start(session.serverUrl, authFetch, () => undefined);
    }, 300);
  }
  return {
    get session() {
      return current;
    },
    get role() {
      return roleOfToken(current.accessToken);
    },
    db,
    sync,
    files,
    api: createApi(session.serverUrl, authFetch),
    authFetch,
    deviceId: device,
    async close() {
      await sync.stop();
      await files.stop();
      await db.close();
    },
  };
}

const tracksFields = (name: CollectionName) =>
  !['messages', 'activity', 'knowledge_chunks'].includes(name);

/** Applies a rep's edit with per-field times (for the merge) and counts it as pending sync. */
export async function updateDoc<N extends CollectionName>(
  ws: Workspace,
  name: N,
  id: string,
  patch: Partial<DocTypes[N]>,
): Promise<void> {
  const doc = await ws.db.collections[name].findOne(id).exec();
  if (!doc) return;
  const now = new Date().toISOString();
  await doc.incrementalModify((data: DocTypes[N]) => {
    return tracksFields(name) ? touchFields(data, patch, now) : touchDoc(data, patch, now);
  });
  ws.sync.notePendingWrite(name, id);
}

export async function insertDocs<N extends CollectionName>(ws: Workspace, name: N, docs: DocTypes[N][]): Promise<{ ok: number; failed: { id: string; error: string }[] }> {
  const result = await ws.db.collections[name].bulkInsert(docs as never);
  for (const d of result.success) ws.sync.notePendingWrite(name, (d as { id: string }).id);
  return {
    ok: result.success.length,
    failed: result.error.map((e) => ({ id: e.documentId, error: e.status === 409 ? 'duplicate id' : `status ${e.status}` })),
  };
}

/**
 * Moves a lead to another stage of its pipeline (board drag and drop, table bulk edit); a lost stage
 * takes the reason (the caller asks for it: the server refuses a lost lead without one).
 */
export async function moveLead(
  ws: Workspace,
  id: string,
  stage: DocTypes['leads']['stage'],
  lostReason?: string,
  via: 'board' | 'editor' = 'board',
): Promise<void> {
  const before = (await ws.db.collections.leads.findOne(id).exec())?.toJSON();
  const stageChangedAt = new Date().toISOString();
  await updateDoc(ws, 'leads', id, { stage, stageChangedAt, ...(lostReason ? { lostReason } : {}) });
  if (before) await recordStageChange(ws, before, { ...before, id, stage, stageChangedAt }, via);
}
