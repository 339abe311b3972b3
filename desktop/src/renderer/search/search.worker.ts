// The search engine in a Web Worker, so indexing and ranking never block the UI. The shared Orama
// index answers; if it fails to load or throws, the small placeholder engine takes over (and says so).
import type { SearchDoc } from '@app/shared/search';
import { LocalIndex, engineName as placeholderName, type SearchHit } from './local-search';
import { OramaEngine, oramaEngineName } from './orama-engine';

export type SearchRequest =
  { type: 'replace'; docs: SearchDoc[] } | { type: 'search'; reqId: number; query: string; limit?: number };

export type SearchResponse =
  | { type: 'results'; reqId: number; hits: SearchHit[]; ms: number; engine: string; size: number }
  | { type: 'indexed'; size: number; engine: string };

let orama: OramaEngine | null = new OramaEngine();
let fallback: LocalIndex | null = null;
const post = (m: SearchResponse) =>
  (self as unknown as { postMessage(m: SearchResponse): void }).postMessage(m);
let queue: Promise<unknown> = Promise.resolve();

function useFallback(docs: SearchDoc[], error: unknown) {
  console.warn('Orama search failed; using the placeholder engine', error);
  orama = null;
  fallback = new LocalIndex();
  fallback.add(docs.map((d) => ({ id: d.docId, type: d.type, title: d.title, text: d.text })));
}

let lastDocs: SearchDoc[] = [];

self.onmessage = (event: MessageEvent<SearchRequest>) => {
  const msg = event.data;
  const task = async () => {
    if (msg.type === 'replace') {
      lastDocs = msg.docs;
      if (orama) {
        try {
          await orama.replaceAll(msg.docs);
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
    let hits: SearchHit[] = [];
    if (orama) {
      try {
        hits = await orama.search(msg.query, msg.limit ?? 20);
      } catch (e) {
        useFallback(lastDocs, e);
      }
    }
    if (!orama && fallback) hits = fallback.search(msg.query, msg.limit ?? 20);
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
