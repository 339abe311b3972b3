// Talks to the search worker and keeps its index fed from the local database (a deal with its
// contact's name, so a deal is found by the person).
import type { Observable, Subscription } from 'rxjs';
import type { Workspace } from '../data/workspace';
import { fromContact, fromKnowledgeChunk, fromLead, type SearchDoc } from '@app/shared/search';
import type { ContactDoc, KnowledgeChunkDoc, LeadDoc } from '@app/shared/schemas';
import type { SearchHit } from './local-search';
import type { SearchRequest, SearchResponse } from './search.worker';

export type SearchResult = { hits: SearchHit[]; ms: number; engine: string; size: number };

/** A deal is found by its contact's name too ("john" finds John's deal): the name joins its text. */
export function withContactName(doc: SearchDoc, names: ReadonlyMap<string, string | undefined>): SearchDoc {
  const name = doc.contactId ? names.get(doc.contactId) : undefined;
  return name ? { ...doc, text: [doc.text, name].filter(Boolean).join('\n') } : doc;
}

export class SearchClient {
  private readonly worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;
  /** Bumped each time the worker finishes (re)indexing, so open result lists can refresh. */
  version = 0;
  private readonly listeners = new Set<(version: number) => void>();
  private readonly waiting = new Map<number, (r: SearchResult) => void>();
  private subs: Subscription[] = [];
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private idle: number | undefined;

  constructor() {
    this.worker.onmessage = (e: MessageEvent<SearchResponse>) => {
      const m = e.data;
      if (m.type === 'indexed') {
        this.version++;
        this.listeners.forEach((l) => l(this.version));
        return;
      }
      this.waiting.get(m.reqId)?.({ hits: m.hits, ms: m.ms, engine: m.engine, size: m.size });
      this.waiting.delete(m.reqId);
    };
  }

  private send(m: SearchRequest) {
    this.worker.postMessage(m);
  }

  onIndexed(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  search(query: string, limit = 20): Promise<SearchResult> {
    const reqId = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(reqId, resolve);
      this.send({ type: 'search', reqId, query, limit });
    });
  }

  /** Indexes leads, contacts and knowledge chunks, and re-indexes (debounced) when they change. */
  attach(ws: Workspace) {
    // The worker restores the index kept on this device first; the rebuild below then only re-indexes
    // what changed since. Sent before any rebuild (messages are handled in order).
    const opened = ws.db.storageToken
      .then((token) => this.send({ type: 'open', store: ws.db.name, token }))
      .catch((e: unknown) => console.warn('search index store not opened', e));
    const rebuild = async () => {
      await opened;
      const [leads, contacts, chunks, sources] = await Promise.all([
        ws.db.leads.find().exec(),
        ws.db.contacts.find().exec(),
        ws.db.knowledge_chunks.find().exec(),
        ws.db.knowledge_sources.find().exec(),
      ]);
      const titles = new Map(sources.map((s) => [s.id, s.title]));
      const names = new Map(contacts.map((c) => [c.id, c.name]));
      const docs: SearchDoc[] = [
        ...leads.map((l) => withContactName(fromLead(l.toJSON() as LeadDoc), names)),
        // A merged contact (a tombstone) is found as the contact it was merged into.
        ...contacts
          .map((c) => c.toJSON() as ContactDoc)
          .flatMap((c) => (c.mergedInto ? [] : [fromContact(c)])),
        ...chunks.map((k) => {
          // Vectors stay out of the full-text index and the worker message.
          const { embedding: _e, ...chunk } = k.toJSON() as KnowledgeChunkDoc;
          return fromKnowledgeChunk(chunk, titles.get(k.sourceId));
        }),
      ];
      this.send({ type: 'replace', docs });
    };
    // Debounced, but never postponed for more than 2 s by a steady stream of changes.
    let pendingSince = 0;
    const schedule = () => {
      const now = Date.now();
      pendingSince ||= now;
      clearTimeout(this.rebuildTimer);
      const run = () => {
        pendingSince = 0;
        void rebuild();
      };
      if (now - pendingSince > 2000) run();
      else this.rebuildTimer = setTimeout(run, 600);
    };
    const sources: Observable<unknown>[] = [
      ws.db.leads.$,
      ws.db.contacts.$,
      ws.db.knowledge_chunks.$,
      ws.db.knowledge_sources.$,
    ];
    this.subs = sources.map((o) => o.subscribe(schedule));
    // The first build waits until the screen is up: it reads every lead, contact and chunk. On a busy
    // machine 1.5 s may not see the first screen painted, so it also waits for the page to be idle
    // (at most 5 s more): at 50,000 deals it reads for seconds and would hold the board back.
    this.rebuildTimer = setTimeout(() => {
      if (typeof requestIdleCallback === 'function')
        this.idle = requestIdleCallback(() => void rebuild(), { timeout: 5000 });
      else void rebuild();
    }, 1500);
  }

  dispose() {
    this.subs.forEach((s) => s.unsubscribe());
    clearTimeout(this.rebuildTimer);
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.worker.terminate();
  }
}
