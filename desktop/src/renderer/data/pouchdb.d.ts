// Minimal typings for the parts of PouchDB the files store uses (the package ships none).
declare module 'pouchdb-browser' {
  type Attachment = { content_type: string; data: Blob | string; length?: number; digest?: string; stub?: boolean };
  type Doc = { _id: string; _rev?: string; _attachments?: Record<string, Attachment>; [key: string]: unknown };
  type ReplicationInfo = { docs_written?: number; pending?: number; direction?: 'push' | 'pull'; change?: { docs_written: number; pending?: number } };
  type Sync = {
    on(event: 'change', fn: (info: ReplicationInfo) => void): Sync;
    on(event: 'paused' | 'active' | 'denied' | 'complete', fn: (info?: unknown) => void): Sync;
    on(event: 'error', fn: (err: unknown) => void): Sync;
    cancel(): void;
  };
  class PouchDB {
    constructor(name: string, options?: { adapter?: string; fetch?: (url: string, opts: RequestInit) => Promise<Response>; skip_setup?: boolean });
    put(doc: Doc): Promise<{ ok: boolean; id: string; rev: string }>;
    get(id: string, options?: { attachments?: boolean; binary?: boolean }): Promise<Doc>;
    getAttachment(id: string, name: string): Promise<Blob>;
    allDocs(options?: { include_docs?: boolean }): Promise<{ rows: { id: string; doc?: Doc }[]; total_rows: number }>;
    sync(remote: PouchDB, options?: { live?: boolean; retry?: boolean }): Sync;
    close(): Promise<void>;
    static plugin(plugin: unknown): typeof PouchDB;
    static fetch(url: string, opts: RequestInit): Promise<Response>;
  }
  export default PouchDB;
  export type { Doc as PouchDoc, Sync as PouchSync };
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
