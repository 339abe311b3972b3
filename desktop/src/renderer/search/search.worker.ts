// The search engine in a Web Worker, so indexing and ranking never block the UI. The shared Orama
// index answers; if it fails to load or throws, the small placeholder engine takes over (and says so).
// The index is kept on the device (index-snapshot-store.ts): at the next start it is restored before the
// app has read a single doc, so search answers at once, and the first rebuild only re-indexes what
// changed meanwhile. It is stored again a few seconds after a rebuild changed it. A query is also
// searched in the other script (translit.ts: "Petrova" finds «Петрова»), each doc kept at its best.
import type { SearchDoc } from '@app/shared/search';
import { IndexSnapshotStore } from './index-snapshot-store';
import { LocalIndex, engineName as placeholderName, type SearchHit } from './local-search';
import { OramaEngine, oramaEngineName } from './orama-engine';
import { mergeHits, spellings } from './translit';

export type SearchRequest =
  | { type: 'open'; store: string; token: string }
  | { type: 'replace'; docs: SearchDoc[] }
  | { type: 'search'; reqId: number; query: string; limit?: number };

/** What the worker did with its index, newest last (kept on the worker's global as `searchIndexEvents`). */
export type IndexEvent = {
  kind: 'restored' | 'rebuilt' | 'saved' | 'restore-failed' | 'save-failed';
  size: number;
  ms: number;
  /** Docs re-indexed or removed by a rebuild. */
  changed?: number;
  error?: string;
};

/** Quiet time after a rebuild that changed the index before it is stored. */
const SAVE_AFTER_MS = 3000;

export type SearchResponse =
  | { type: 'results'; reqId: number; hits: SearchHit[]; ms: number; engine: string; size: number }
  | { type: 'indexed'; size: number; engine: string };

let orama: OramaEngine | null = new OramaEngine();
let fallback: LocalIndex | null = null;
/** The worker's side of its channel (`self` is typed as a window here: the renderer's lib). */
const scope: { postMessage(m: SearchResponse): void } = self;
const post = (m: SearchResponse) => scope.postMessage(m);
let queue: Promise<unknown> = Promise.resolve();

function useFallback(docs: SearchDoc[], error: unknown) {
  console.warn('Orama search failed; using the placeholder engine', error);
  orama = null;
  fallback = new LocalIndex();
  fallback.add(docs.map((d) => ({ id: d.docId, type: d.type, title: d.title, text: d.text })));
}

let lastDocs: SearchDoc[] = [];
let store: IndexSnapshotStore | null = null;
/** The stored snapshot is the index as it is now. */
let stored = false;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const events: IndexEvent[] = [];
Object.assign(self, { searchIndexEvents: events });
const log = (e: IndexEvent) => {
  events.push(e);
  if (events.length > 50) events.shift();
};

async function restore(s: IndexSnapshotStore) {
  if (!orama || orama.size > 0) return;
  const t0 = performance.now();
  try {
    const snapshot = await s.read();
    if (!snapshot) return;
    await orama.restore(snapshot);
    stored = true;
    log({ kind: 'restored', size: orama.size, ms: performance.now() - t0 });
    post({ type: 'indexed', size: orama.size, engine: oramaEngineName });
  } catch (e) {
    // An unreadable snapshot (another format, a failed write) is dropped: the rebuild makes a new one.
    log({ kind: 'restore-failed', size: 0, ms: performance.now() - t0, error: String(e) });
    console.warn('search index snapshot could not be restored; rebuilding', e);
    await s.clear().catch(() => undefined);
  }
}

function scheduleSave() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    queue = queue.then(save).catch((e: unknown) => console.error('search worker:', e));
  }, SAVE_AFTER_MS);
}

async function save() {
  if (!orama || !store || stored) return;
  const t0 = performance.now();
  try {
    await store.write(await orama.snapshot());
    stored = true;
    log({ kind: 'saved', size: orama.size, ms: performance.now() - t0 });
  } catch (e) {
    // A full disk or a quota only costs the next start a rebuild.
    log({ kind: 'save-failed', size: orama.size, ms: performance.now() - t0, error: String(e) });
    console.warn('search index snapshot could not be stored', e);
  }
}

self.onmessage = (event: MessageEvent<SearchRequest>) => {
  const msg = event.data;
  const task = async () => {
    if (msg.type === 'open') {
      store?.close();
      store = new IndexSnapshotStore(msg.store, msg.token);
      await restore(store);
      return;
    }
    if (msg.type === 'replace') {
      lastDocs = msg.docs;
      if (orama) {
        try {
          const t0 = performance.now();
          const changed = await orama.replaceAll(msg.docs);
          log({ kind: 'rebuilt', size: orama.size, ms: performance.now() - t0, changed });
          if (changed > 0) stored = false;
          if (!stored && store) scheduleSave();
        } catch (e) {
          useFallback(msg.docs, e);
        }
      } else {
        fallback = new LocalIndex();
        fallback.add(msg.docs.map((d) => ({ id: d.docId, type: d.type, title: d.title, text: d.text })));
      }
      post({
        type: 'indexed',
        size: orama?.size ?? fallback?.size ?? 0,
        engine: orama ? oramaEngineName : placeholderName,
      });
      return;
    }
    const t0 = performance.now();
    const limit = msg.limit ?? 20;
    const queries = spellings(msg.query);
    let lists: SearchHit[][] = [];
    if (orama) {
      try {
        for (const q of queries) lists.push(await orama.search(q, limit));
      } catch (e) {
        useFallback(lastDocs, e);
      }
    }
    if (!orama && fallback) lists = queries.map((q) => fallback!.search(q, limit));
    const hits = mergeHits(lists, limit);
    post({
      type: 'results',
      reqId: msg.reqId,
      hits,
      ms: performance.now() - t0,
      engine: orama ? oramaEngineName : placeholderName,
      size: orama?.size ?? fallback?.size ?? 0,
    });
  };
  // One message at a time; a failure is logged and never blocks the ones after it.
  queue = queue.then(task).catch((e: unknown) => console.error('search worker:', e));
};
