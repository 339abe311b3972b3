// Where the search worker keeps its index between sessions: one IndexedDB database per app database
// (`<name>-search-index`, on this device only, never replicated), one record. The record carries the
// app database's storage token, so a database removed and made again never meets an old index.
import type { SearchIndexSnapshot } from '@app/shared/search';

type Stored = { token: string; savedAt: number; snapshot: SearchIndexSnapshot };

const KEY = 'current';

function open(name: string, idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(`${name}-search-index`, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('index');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('cannot open the search index store'));
  });
}

function request<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  run: (s: IDBObjectStore) => IDBRequest,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('index', mode);
    const req = run(tx.objectStore('index'));
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('search index store failed'));
  });
}

export class IndexSnapshotStore {
  private db: Promise<IDBDatabase> | undefined;

  constructor(
    private readonly name: string,
    private readonly token: string,
    private readonly idb: IDBFactory = indexedDB,
  ) {}

  private database(): Promise<IDBDatabase> {
    return (this.db ??= open(this.name, this.idb));
  }

  /** The stored snapshot when it belongs to this app database, else undefined. */
  async read(): Promise<SearchIndexSnapshot | undefined> {
    const stored = await request<Stored | undefined>(await this.database(), 'readonly', (s) => s.get(KEY));
    return stored?.token === this.token ? stored.snapshot : undefined;
  }

  async write(snapshot: SearchIndexSnapshot): Promise<void> {
    const record: Stored = { token: this.token, savedAt: Date.now(), snapshot };
    await request(await this.database(), 'readwrite', (s) => s.put(record, KEY));
  }

  async clear(): Promise<void> {
    await request(await this.database(), 'readwrite', (s) => s.delete(KEY));
  }

  close(): void {
    void this.db?.then((db) => db.close());
  }
}
