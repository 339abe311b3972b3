// Minimal typings for the untyped CommonJS packages the embedded store and tests use.
declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';
  import type { PouchStatic } from 'pouchdb';
  type Options = {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    configPath?: string;
    logPath?: string;
    inMemoryConfig?: boolean;
    overrideMode?: { include?: string[]; exclude?: string[] };
  };
  type DaemonManager = {
    registerDaemon(daemon: { start(pouch: PouchStatic): void }): void;
  };
  function expressPouchDB(
    pouch: unknown,
    opts?: Options,
  ): RequestListener & { couchConfig?: unknown; daemonManager?: DaemonManager };
  export default expressPouchDB;
}

declare module 'leveldown' {
  type Callback = (err?: Error | null) => void;
  type LevelDown = { open(cb: Callback): void; close(cb: Callback): void };
  function leveldown(location: string): LevelDown;
  export default leveldown;
}

declare module 'pouchdb' {
  type Doc = Record<string, unknown> & { _id: string; _rev?: string };
  type ReplicationResult = {
    ok: boolean;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
  };
  type Replication = PromiseLike<ReplicationResult> & {
    on(event: string, fn: (...args: unknown[]) => void): Replication;
    cancel(): void;
  };
  type Sync = {
    on(event: string, fn: (...args: unknown[]) => void): Sync;
    cancel(): void;
  };
  type Change = {
    id: string;
    seq: number | string;
    changes: Array<{ rev: string }>;
    doc?: Doc;
    deleted?: boolean;
  };
  /** `changes()`: a promise of the answer (not live), or an emitter of changes (live). */
  type Changes = PromiseLike<{ results: Change[]; last_seq: number | string }> & {
    on(event: string, fn: (...args: never[]) => void): Changes;
    cancel(): void;
  };
  type Database = {
    name: string;
    changes(opts?: Record<string, unknown>): Changes;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    get(id: string, opts?: Record<string, unknown>): Promise<Doc>;
    put(doc: Doc): Promise<{ ok: boolean; id: string; rev: string }>;
    /** Without `rev` the doc must not exist yet (it is created); bytes as a Buffer or Uint8Array. */
    putAttachment(
      docId: string,
      name: string,
      rev: string | undefined,
      data: Uint8Array,
      type: string,
    ): Promise<{ ok: boolean; id: string; rev: string }>;
    bulkDocs(
      docs: Doc[] | { docs: Doc[] },
      opts?: Record<string, unknown>,
    ): Promise<Array<{ ok?: boolean; id: string; rev?: string; error?: string }>>;
    allDocs(
      opts?: Record<string, unknown>,
    ): Promise<{ total_rows: number; rows: Array<{ id: string; value: { rev: string }; doc?: Doc }> }>;
    replicate: {
      to(target: Database | string, opts?: Record<string, unknown>): Replication;
      from(source: Database | string, opts?: Record<string, unknown>): Replication;
    };
    sync(target: Database | string, opts?: Record<string, unknown>): Sync;
    close(): Promise<void>;
    destroy(): Promise<void>;
  };
  type PouchStatic = {
    new (name: string, opts?: Record<string, unknown>): Database;
    defaults(opts: Record<string, unknown>): PouchStatic;
    plugin(p: unknown): PouchStatic;
    on(event: string, fn: (...args: unknown[]) => void): void;
    removeListener(event: string, fn: (...args: unknown[]) => void): void;
    /** Installed by express-pouchdb (pouchdb-all-dbs). */
    allDbs(): Promise<string[]>;
  };
  const PouchDB: PouchStatic;
  export default PouchDB;
  export type { Change, Changes, Database, Doc, PouchStatic };
}

declare module 'pouchdb-selector-core' {
  /** PouchDB's own Mango matcher (the one its `filter=_selector` uses). Throws on a malformed selector. */
  export function matchesSelector(doc: Record<string, unknown>, selector: Record<string, unknown>): boolean;
}
