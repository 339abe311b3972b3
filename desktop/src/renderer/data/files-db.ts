// Original files of the knowledge base (PDF, DOCX, ...) with their bytes as CouchDB attachments, in a
// PouchDB database on IndexedDB, replicated with CouchDB's own protocol through `/sync/files/`
// (RxDB's CouchDB replication carries no attachments). PouchDB is loaded on first use, off the
// start-up path.
import type PouchDBType from 'pouchdb-browser';
import type { PouchSync } from 'pouchdb-browser';
import type { FetchLike } from './auth';

type PouchDB = InstanceType<typeof PouchDBType>;

export type FileDocMeta = {
  _id: string;
  fileName: string;
  mimeType: string;
  size: number;
  createdAt: string;
  sourceId?: string;
  messageId?: string;
  conversationId?: string;
};
export type FilesSyncState = { state: 'active' | 'paused' | 'error'; written: number; error?: string };

let pouch: Promise<typeof PouchDBType> | undefined;
function loadPouch(): Promise<typeof PouchDBType> {
  pouch ??= Promise.all([import('pouchdb-browser'), import('pouchdb-adapter-idb')]).then(([p, idb]) =>
    p.default.plugin(idb.default),
  );
  return pouch;
}

export class FilesStore {
  private local: Promise<PouchDB> | undefined;
  private sync: PouchSync | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(private readonly name: string) {}

  private db(): Promise<PouchDB> {
    this.local ??= loadPouch().then((P) => new P(`${this.name}_files`, { adapter: 'idb' }));
    return this.local;
  }

  /** One-shot syncs every 30 s and after each local write: no long-poll held open (see replication.ts). */
  start(serverUrl: string, authFetch: FetchLike, onState: (s: FilesSyncState) => void) {
    let written = 0;
    const remote = loadPouch().then(
      (P) => new P(`${serverUrl}/sync/files`, { skip_setup: true, fetch: (url, opts) => authFetch(url, opts) }),
    );
    const run = async () => {
      if (this.sync || this.closed) return;
      const [local, target] = await Promise.all([this.db(), remote]);
      if (this.sync || this.closed) return;
      this.sync = local
        .sync(target, { live: false, retry: false })
        .on('change', (info) => {
          written += info.change?.docs_written ?? 0;
          onState({ state: 'active', written });
        })
        .on('complete', () => {
          this.sync = undefined;
          onState({ state: 'paused', written });
        })
        .on('error', (err) => {
          this.sync = undefined;
          onState({ state: 'error', written, error: String((err as Error).message ?? err) });
        });
    };
    this.syncNow = () => void run();
    // The first sync waits a little: start-up belongs to the screens.
    setTimeout(() => void run(), 3000);
    this.timer = setInterval(() => void run(), 30_000);
  }

  /** Starts a sync now (after an upload). */
  syncNow: () => void = () => undefined;

  /**
   * Stores a file on the device; it replicates to the server. `of` says what it belongs to: a knowledge
   * source (its original), or a message (an attachment a rep sends). The server's gateway checks the
   * fields (sync-server/src/gateway/files.ts).
   */
  async putFile(
    id: string,
    fileName: string,
    mimeType: string,
    data: Blob,
    of: { sourceId: string } | { messageId: string; conversationId: string },
  ): Promise<FileDocMeta> {
    const meta: FileDocMeta = {
      _id: id,
      fileName,
      mimeType,
      size: data.size,
      createdAt: new Date().toISOString(),
      ...of,
    };
    const db = await this.db();
    await db.put({
      ...meta,
      kind: 'sourceId' in of ? 'knowledge' : 'attachment',
      _attachments: { original: { content_type: mimeType, data } },
    });
    this.syncNow();
    return meta;
  }

  async getFile(id: string): Promise<Blob> {
    return (await this.db()).getAttachment(id, 'original');
  }

  async stop() {
    this.closed = true;
    clearInterval(this.timer);
    this.sync?.cancel();
    if (this.local) await (await this.local).close();
  }
}
