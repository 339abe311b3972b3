// The messages of the conversations the agents worked on lately, per team, kept current from the
// messages changes feed the agents follow anyway: a returning customer's next run reads its
// conversation from memory instead of a Mango query (about 10 ms of the embedded store's CPU).
//
// When a cached thread can be trusted:
// - Every change the agents' feed reads is applied before the runs of its batch start (`apply`), so
//   a run sees every message written before the customer's message, as a store query would.
// - A run's own writes go in when it stores them (`apply` from the store port's flush): the next
//   run of the conversation, which may start before the feed brings them, sees them.
// - Another process may have worked on the conversation meanwhile: the runner drops the thread
//   when the conversation's lease was held by anyone else since this process let it go (`forget`).
// - A thread being read from the store when changes to it arrive (`load`) gets them too.
// - A customer message that started its conversation (the ingest's note says so) begins a thread
//   when the feed brings it: there is nothing earlier, and everything later comes after it.
// - The outbox takes the thread of a message this process wrote (`wroteHere`) for what goes before
//   it: every message this process wrote earlier is in it (written, or read from the store after it
//   was). A message another process wrote is judged on a store query, as the feed may bring it early.
// What is not cached (or was dropped) is read from the store, as before. Bounded in threads and in
// messages (50,000, some 50 MB): the threads used least recently go first.
import { revisionGeneration, type Stored } from '../store/couch-docs';
import { copyDoc } from '../store/copy-doc';

type Raw = Stored<Record<string, unknown>>;

export type ThreadCache = {
  /** The conversation's messages (copies), or undefined when not cached. */
  get(conversationId: string): Raw[] | undefined;
  /**
   * Changes of message docs (from the feed or a run's writes); only cached threads take them, but a
   * message that `starts` its conversation (known to have no earlier messages) begins a thread.
   */
  apply(
    docs: Array<Raw | { _id: string; _rev: string; _deleted: true }>,
    starts?: (doc: Raw) => boolean,
  ): void;
  /** This process's writes of message docs: applied as `apply` does, and known as written here. */
  wrote(docs: Raw[]): void;
  /**
   * The conversation's messages (copies) when cached and each of `messageIds` was written to it by
   * this process: every message this process wrote before them is there. Otherwise undefined.
   */
  wroteHere(conversationId: string, messageIds: readonly string[]): Raw[] | undefined;
  /** This process is writing these message docs until `done` settles. */
  writing(messageIds: readonly string[], done: Promise<unknown>): void;
  /** Settles once the writes under way here of any of these messages have settled (at once if none). */
  settled(messageIds: readonly string[]): Promise<void>;
  /** Reads a thread through `read` and caches it, with the changes that arrived while it was read. */
  load(conversationId: string, read: () => Promise<Raw[] | undefined>): Promise<Raw[] | undefined>;
  forget(conversationId: string): void;
  readonly size: number;
};

export function createThreadCache(
  opts: {
    maxThreads?: number;
    /** A longer thread is not cached. */
    maxMessages?: number;
    /** Messages in all threads together (about 1 KB each). */
    maxTotal?: number;
  } = {},
): ThreadCache {
  const maxThreads = opts.maxThreads ?? 2_000;
  const maxMessages = opts.maxMessages ?? 500;
  const maxTotal = opts.maxTotal ?? 50_000;
  /** Least recently used first. */
  const threads = new Map<string, Map<string, Raw>>();
  /** Changes that arrived while a thread was being read, per conversation. */
  const loading = new Map<string, Raw[]>();
  /** Message id -> conversation, for deletions (a tombstone has no conversationId). */
  const owner = new Map<string, string>();
  /** Message ids this process is writing, each with its write's end. */
  const underWay = new Map<string, Promise<void>>();
  /** Ids of cached messages this process wrote. */
  const here = new Set<string>();

  function put(thread: Map<string, Raw>, conversationId: string, doc: Raw): void {
    const known = thread.get(doc._id);
    if (known && revisionGeneration(known._rev) > revisionGeneration(doc._rev)) return;
    if ((doc as { _deleted?: boolean })._deleted) {
      thread.delete(doc._id);
      owner.delete(doc._id);
      here.delete(doc._id);
    } else {
      thread.set(doc._id, doc);
      owner.set(doc._id, conversationId);
    }
  }

  function drop(conversationId: string): void {
    const thread = threads.get(conversationId);
    if (!thread) return;
    for (const id of thread.keys()) {
      owner.delete(id);
      here.delete(id);
    }
    threads.delete(conversationId);
  }

  /** Drops the least recently used threads while there are too many, or too many messages. */
  function trim(): void {
    while (threads.size > maxThreads || owner.size > maxTotal) drop(threads.keys().next().value!);
  }

  function get(conversationId: string): Raw[] | undefined {
    const thread = threads.get(conversationId);
    if (!thread) return undefined;
    threads.delete(conversationId);
    threads.set(conversationId, thread);
    return copyDoc([...thread.values()]);
  }

  function apply(docs: Parameters<ThreadCache['apply']>[0], starts?: (doc: Raw) => boolean): void {
    for (const doc of docs) {
      const raw = doc as Raw;
      const conversationId = typeof raw.conversationId === 'string' ? raw.conversationId : owner.get(raw._id);
      if (!conversationId) continue;
      loading.get(conversationId)?.push(copyDoc(raw));
      let thread = threads.get(conversationId);
      if (!thread && starts?.(raw)) {
        thread = new Map();
        threads.set(conversationId, thread);
      }
      if (!thread) continue;
      put(thread, conversationId, copyDoc(raw));
      if (thread.size > maxMessages) drop(conversationId);
      trim();
    }
  }

  return {
    get size() {
      return threads.size;
    },
    get,
    apply,
    wrote(docs) {
      apply(docs);
      for (const doc of docs) if (owner.has(doc._id)) here.add(doc._id);
    },
    writing(messageIds, done) {
      const settledWrite = done.then(
        () => undefined,
        () => undefined,
      );
      for (const id of messageIds) underWay.set(id, settledWrite);
      void settledWrite.then(() => {
        for (const id of messageIds) if (underWay.get(id) === settledWrite) underWay.delete(id);
      });
    },
    async settled(messageIds) {
      const waits = messageIds.flatMap((id) => underWay.get(id) ?? []);
      if (waits.length > 0) await Promise.all(waits);
    },
    wroteHere(conversationId, messageIds) {
      const all = messageIds.every((id) => here.has(id) && owner.get(id) === conversationId);
      return all ? get(conversationId) : undefined;
    },
    async load(conversationId, read) {
      const arrived: Raw[] = [];
      loading.set(conversationId, arrived);
      try {
        const docs = await read();
        if (!docs || docs.length > maxMessages) return docs;
        const thread = new Map<string, Raw>();
        for (const d of docs) put(thread, conversationId, copyDoc(d));
        for (const d of arrived) put(thread, conversationId, d);
        drop(conversationId);
        threads.set(conversationId, thread);
        trim();
        return copyDoc([...thread.values()]);
      } finally {
        if (loading.get(conversationId) === arrived) loading.delete(conversationId);
      }
    },
    forget: drop,
  };
}
