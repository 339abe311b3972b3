// The agent engine's StorePort over one team's CouchDB databases, for one agent run (make a port per
// run). It keeps the run's round trips to the store few:
// - Reads: each doc is read once; later reads answer from what the run has seen or written. The
//   conversation's messages are read once, by the first find on them, and every later find on that
//   conversation answers from them (and the run's own writes). The inbound message comes with the
//   changes feed (`prime`), and with it the run's first reads start side by side: its conversation,
//   contact and messages (which also tell whether the message has a reply or a hand-off status
//   already). Agent settings come from an in-memory mirror of them (`mirrors`). For a message that
//   started its conversation, or came from a contact the ingest has just created, the store is not
//   asked for the conversation's messages or the contact's leads: there are none yet but the run's
//   own (store/ingest-notes.ts).
// - Writes are kept until `flush()`, the end of the run: a doc the run wrote three times is written
//   once, and each database gets one `_bulk_docs`. The reply (the messages database, whose reply doc
//   marks a message answered) is written after everything else has been: a run that fails half-way is
//   run again whole.
// - Conflicts: every write goes on the revision the run read. When a rep changed the doc meanwhile
//   (409), it is read again and the two are merged field by field against what the run read
//   (shared/src/sync/merge.ts): the agent's changes and the rep's both survive, and a value that
//   loses stays in the doc's history.
// Together this took a run from ~25 store requests, one after another, to ~12, mostly side by side.
import {
  handoffStatusIdFor,
  replyIdFor,
  type FindOptions,
  type StoreCollection,
  type StoreDocs,
  type StorePort,
  type StoreSelector,
} from '@app/shared/agents';
import type { MessageDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import type { CollectionMirror } from '../store/feeds/collection-mirror';
import { fromCouch, type Stored } from '../store/couch-docs';
import { teamData, teamStored } from '../store/data';
import { copyDoc } from '../store/copy-doc';
import { conversationMessages } from '../store/queries';
import { matches, sorted } from './find-in-memory';
import type { RecentDocs } from '../store/feeds/recent-docs';
import type { ThreadCache } from './thread-cache';
import { portWriter, type PortDoc } from './port-writes';

const MAX_FIND = 1000;

/** The contact id a selector asks for, when it asks for nothing else. */
const onlyContact = (selector: object) => {
  const keys = Object.keys(selector);
  const value = (selector as { contactId?: unknown }).contactId;
  return keys.length === 1 && typeof value === 'string' ? value : undefined;
};

export type PortStats = {
  gets: number;
  finds: number;
  puts: number;
  cached: number;
  writes: number;
  prefetched: number;
};

export type CouchStorePort = StorePort & {
  readonly stats: PortStats;
  /**
   * A doc the caller has just read (with its `_rev`): the run starts from it instead of reading it.
   * `alone: false` says another process held the conversation since this one did (or ever): what this
   * process's ingest noted about the message (a new conversation, a new contact) may be stale then —
   * the other process may have run it already — so the run reads the store instead.
   */
  prime<C extends StoreCollection>(
    collection: C,
    raw: Stored<Record<string, unknown>>,
    opts?: { alone?: boolean },
  ): void;
  /** Writes what the run wrote; call when the run ends, failed or not. Throws if a write failed. */
  flush(): Promise<void>;
};

type Raw = Stored<Record<string, unknown>>;
type Doc = PortDoc;
type Thread = { conversationId: string; docs: Map<string, MessageDoc> };

/**
 * What the runs read from memory: agent settings, the objection library, the catalog and the
 * pipelines (collections the engine does not write) and the
 * threads of conversations worked on lately (thread-cache.ts).
 */
export type PortMirrors = {
  agent_settings?: CollectionMirror<StoreDocs['agent_settings']>;
  /** The objection library, read whole by every run that may answer (agents/objections/). */
  objections?: CollectionMirror<StoreDocs['objections']>;
  /** The team's product catalog (every quote reads it whole). */
  products?: CollectionMirror<StoreDocs['products']>;
  /** The team's pipelines (a run reads its deal's to know whether the deal is still open). */
  pipelines?: CollectionMirror<StoreDocs['pipelines']>;
  threads?: ThreadCache;
  /** The contacts and conversations runs and deliveries touched lately (recent-docs.ts). */
  recent?: Partial<Record<'contacts' | 'conversations', RecentDocs>>;
};

export function createCouchStorePort(
  store: Store,
  teamId: string,
  mirrors: PortMirrors = {},
): CouchStorePort {
  return new RunPort(store, teamId, mirrors);
}

const key = (c: string, id: string) => `${c}\u0000${id}`;

/** One run's port: what it read and wrote, the conversation's thread, and its reads started ahead. */
class RunPort implements CouchStorePort {
  readonly stats: PortStats = { gets: 0, finds: 0, puts: 0, cached: 0, writes: 0, prefetched: 0 };
  /** The collections the runs read from memory once their mirror has loaded. */
  private readonly mirrored: Partial<Record<StoreCollection, CollectionMirror<Doc> | undefined>>;
  /** What the run read of each doc (and at which revision): the base of a merge. */
  private readonly seen = new Map<string, { rev: string; doc: Doc }>();
  /** What the run wrote and has not flushed, per doc. */
  private readonly pending = new Map<string, { c: StoreCollection; doc: Doc }>();
  /** All messages of the conversation the run is about (when fewer than MAX_FIND). */
  private thread: Thread | undefined;
  private threadLoading: { conversationId: string; done: Promise<Thread | undefined> } | undefined;
  /** Reads started ahead (prime), by doc: a `get` waits for them instead of reading again. */
  private readonly loading = new Map<string, Promise<Raw | undefined>>();
  /** The run's message, as the feed gave it. */
  private primed: Raw | undefined;
  /** The message's contact, when the ingest created it just now (ingest-notes.ts). */
  private newContactId: string | undefined;
  /**
   * The docs only runs of the run's message write (its reply, its hand-off status): they are in the
   * message's conversation, if anywhere.
   */
  private own: { ids: Set<string>; conversationId: string } | undefined;
  private readonly writeAll: ReturnType<typeof portWriter>['writeAll'];

  constructor(
    private readonly store: Store,
    readonly teamId: string,
    private readonly mirrors: PortMirrors,
  ) {
    this.mirrored = {
      agent_settings: mirrors.agent_settings,
      objections: mirrors.objections,
      pipelines: mirrors.pipelines,
    };
    this.writeAll = portWriter({
      db: (c) => this.db(c),
      seen: this.seen,
      stats: this.stats,
      written: (c, raw) => {
        if (c === 'messages') mirrors.threads?.wrote([raw]);
        this.recentOf(c)?.remember(raw);
      },
    }).writeAll;
  }

  private db(c: StoreCollection) {
    return teamStored(this.store, this.teamId, c);
  }

  private mirrorOf(c: StoreCollection) {
    const m = this.mirrored[c];
    return m?.loaded ? m : undefined;
  }

  private recentOf(c: StoreCollection) {
    return c === 'contacts' || c === 'conversations' ? this.mirrors.recent?.[c] : undefined;
  }

  /** A doc from the store, through the team's recent docs when they keep the collection. */
  private readDoc(c: StoreCollection, id: string): Promise<Raw | undefined> {
    const recent = this.recentOf(c);
    return recent ? recent.load(id, () => this.db(c).get(id)) : this.db(c).get(id);
  }

  private track(c: StoreCollection, doc: Doc): void {
    const m = doc as MessageDoc;
    if (c === 'messages' && this.thread && m.conversationId === this.thread.conversationId)
      this.thread.docs.set(m.id, m);
  }

  /** Takes in a doc read from the store; answers the run's view of it (its own write, if any). */
  private remember<C extends StoreCollection>(c: C, raw: Raw): StoreDocs[C] {
    const k = key(c, raw._id);
    const mine = this.pending.get(k);
    // A doc the run has written keeps the base it was written on: a merge must see the other change.
    if (mine) return copyDoc(mine.doc) as StoreDocs[C];
    const doc = fromCouch<Doc>(raw);
    this.seen.set(k, { rev: raw._rev, doc });
    this.track(c, doc);
    return copyDoc(doc) as StoreDocs[C];
  }

  /** Takes in a conversation's messages as the thread the run works on (with the run's message). */
  private adopt(conversationId: string, docs: Raw[]): Thread {
    const next: Thread = { conversationId, docs: new Map() };
    this.thread = next;
    for (const d of docs) this.remember('messages', d);
    if (this.primed && !next.docs.has(this.primed._id)) this.remember('messages', this.primed);
    for (const [k, p] of this.pending) if (k.startsWith('messages\u0000')) this.track('messages', p.doc);
    return next;
  }

  private threadOf(conversationId: string): Promise<Thread | undefined> {
    if (this.thread?.conversationId === conversationId) return Promise.resolve(this.thread);
    if (this.threadLoading?.conversationId === conversationId) return this.threadLoading.done;
    const threads = this.mirrors.threads;
    const cached = threads?.get(conversationId);
    if (cached) {
      this.stats.cached++;
      return Promise.resolve(this.adopt(conversationId, cached));
    }
    this.stats.finds++;
    const read = () =>
      this.db('messages')
        .find({ selector: conversationMessages(conversationId), limit: MAX_FIND })
        .then((docs) => (docs.length >= MAX_FIND ? undefined : docs));
    const done = (threads ? threads.load(conversationId, read) : read())
      .then((docs) => (docs ? this.adopt(conversationId, docs) : undefined))
      .finally(() => {
        if (this.threadLoading?.done === done) this.threadLoading = undefined;
      });
    this.threadLoading = { conversationId, done };
    return done;
  }

  /** Starts reading a doc now; the run's `get` of it takes this read. */
  private prefetch(c: StoreCollection, id: string | undefined): void {
    if (!id || this.seen.has(key(c, id)) || this.loading.has(key(c, id))) return;
    // Kept current in memory: read when the run needs it, as it is then.
    if (this.recentOf(c)?.has(id)) return;
    this.stats.gets++;
    this.stats.prefetched++;
    const read = this.readDoc(c, id);
    read.catch(() => undefined); // a failed read is read again by the `get`
    this.loading.set(key(c, id), read);
  }

  prime<C extends StoreCollection>(c: C, raw: Raw, primeOpts?: { alone?: boolean }): void {
    this.remember(c, raw);
    if (c !== 'messages') return;
    this.primed = raw;
    const m = fromCouch<MessageDoc>(raw);
    this.own = {
      ids: new Set([replyIdFor(m.id), handoffStatusIdFor(m.conversationId, m.id)]),
      conversationId: m.conversationId,
    };
    // Taken either way (a note is used once); trusted only while no one else held the conversation.
    const noted = this.store.ingestNotes.take(this.teamId, m.id);
    const facts = primeOpts?.alone === false ? undefined : noted;
    if (facts?.newContactId) this.newContactId = facts.newContactId;
    // The contact and the conversation the ingest created: as stored, not read again (a change
    // made since is met by the write's conflict and merged).
    // With the team's recent docs they go there, and the run takes them when it reads them (with
    // what changed meanwhile, as a profile read right after the first message does).
    for (const [rc, created] of Object.entries(facts?.created ?? {}) as [StoreCollection, Raw][]) {
      const recent = this.recentOf(rc);
      if (recent) recent.remember(created);
      else this.remember(rc, created);
    }
    if (facts?.newConversationId === m.conversationId) {
      // The message started its conversation: the thread is the message (and what the run writes).
      this.stats.cached++;
      this.thread = { conversationId: m.conversationId, docs: new Map([[m.id, m]]) };
    } else this.threadOf(m.conversationId).catch(() => undefined); // a failed read is read again by a find
    this.prefetch('conversations', m.conversationId);
    this.prefetch('contacts', m.contactId);
  }

  async get<C extends StoreCollection>(c: C, id: string): Promise<StoreDocs[C] | undefined> {
    const { stats } = this;
    const k = key(c, id);
    const known = this.pending.get(k)?.doc ?? this.seen.get(k)?.doc;
    if (known) {
      stats.cached++;
      return copyDoc(known) as StoreDocs[C];
    }
    const mirror = this.mirrorOf(c);
    if (mirror) {
      stats.cached++;
      return mirror.get(id) as StoreDocs[C] | undefined;
    }
    const recent = this.recentOf(c)?.get(id);
    if (recent) {
      stats.cached++;
      return this.remember(c, recent);
    }
    if (c === 'messages' && this.own?.ids.has(id)) {
      // Not in the conversation's messages (read under the conversation's lease): none at all.
      const t = await this.threadOf(this.own.conversationId).catch(() => undefined);
      if (t) {
        stats.cached++;
        const found = t.docs.get(id);
        return found ? (copyDoc(found) as StoreDocs[C]) : undefined;
      }
    }
    const started = this.loading.get(k);
    this.loading.delete(k);
    // Read ahead: its answer (a doc, or none). Not read ahead, or that read failed: read now.
    const raw = await (started ?? Promise.reject(new Error('not read ahead'))).catch(() => {
      stats.gets++;
      return this.readDoc(c, id);
    });
    return raw ? this.remember(c, raw) : undefined;
  }

  async find<C extends StoreCollection>(
    c: C,
    selector: StoreSelector<C>,
    options?: FindOptions<C>,
  ): Promise<StoreDocs[C][]> {
    const opts = (options ?? {}) as FindOptions<C>;
    const conversationId = (selector as { conversationId?: unknown }).conversationId;
    if (c === 'messages' && typeof conversationId === 'string') {
      const t = await this.threadOf(conversationId);
      if (t) {
        this.stats.cached++;
        const found = [...t.docs.values()].filter((m) => matches(m, selector));
        return copyDoc(sorted(found, opts)) as StoreDocs[C][];
      }
    }
    if (c === 'leads' && this.newContactId && onlyContact(selector) === this.newContactId) {
      // A contact the ingest has just created has no leads but those the run writes.
      this.stats.cached++;
      const mine = [...this.pending.values()].filter((p) => p.c === c && matches(p.doc, selector));
      return sorted(copyDoc(mine.map((p) => p.doc)) as StoreDocs[C][], opts);
    }
    const mirror = this.mirrorOf(c);
    if (mirror) {
      this.stats.cached++;
      return sorted(
        mirror.all().filter((d) => matches(d, selector)),
        opts,
      ) as StoreDocs[C][];
    }
    return this.findInStore(c, selector, opts, conversationId);
  }

  /** A query the run's memory cannot answer, with the run's own writes not yet stored. */
  private async findInStore<C extends StoreCollection>(
    c: C,
    selector: StoreSelector<C>,
    opts: FindOptions<C>,
    conversationId: unknown,
  ): Promise<StoreDocs[C][]> {
    this.stats.finds++;
    // A thread too long for the cache: still read from the conversation index (queries.ts).
    const indexed =
      c === 'messages' && typeof conversationId === 'string'
        ? { ...conversationMessages(conversationId), ...selector }
        : selector;
    const docs = await this.db(c).find({
      selector: indexed as StoreSelector<C> as never,
      limit: opts.sortBy ? MAX_FIND : Math.min(opts.limit ?? MAX_FIND, MAX_FIND),
    });
    const found = new Map<string, StoreDocs[C]>();
    for (const d of docs) found.set(d._id, this.remember(c, d));
    for (const p of this.pending.values()) {
      if (p.c !== c) continue;
      if (matches(p.doc, selector)) found.set(p.doc.id, copyDoc(p.doc) as StoreDocs[C]);
      else found.delete(p.doc.id);
    }
    return sorted([...found.values()], opts);
  }

  async products(): Promise<readonly StoreDocs['products'][]> {
    const mirror = this.mirrors.products;
    if (mirror?.loaded) {
      this.stats.cached++;
      return mirror.snapshot();
    }
    this.stats.finds++;
    return teamData(this.store, this.teamId).products.all();
  }

  async put<C extends StoreCollection>(c: C, doc: StoreDocs[C]): Promise<StoreDocs[C]> {
    this.stats.puts++;
    const copy = copyDoc(doc) as Doc;
    this.pending.set(key(c, doc.id), { c, doc: copy });
    this.track(c, copy);
    return doc;
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const byCollection = new Map<StoreCollection, Doc[]>();
    for (const { c, doc } of this.pending.values())
      byCollection.set(c, [...(byCollection.get(c) ?? []), doc]);
    this.pending.clear();
    const write = (cs: StoreCollection[]) =>
      Promise.all(cs.map((c) => this.writeAll(c, byCollection.get(c)!)));
    // The reply marks the message answered: it goes last, once everything else is stored.
    await write([...byCollection.keys()].filter((c) => c !== 'messages'));
    const messages = byCollection.get('messages');
    if (messages) {
      const done = write(['messages']);
      // The feed may bring these before the store's answer does: the outbox waits for it (thread-cache.ts).
      this.mirrors.threads?.writing(
        messages.map((d) => d.id),
        done,
      );
      await done;
    }
  }
}
