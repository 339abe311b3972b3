// A store on the test's CouchDB (startTestCouch) that records every HTTP request it sends, as
// `METHOD /path`: for tests of what a hot path costs the store (billing, the outbox's feed).
import { pino } from 'pino';
import { createCouchStore, type CouchStore } from '../src/store/couch-store';
import { startTestCouch } from './helpers';

export type CountingStore = {
  store: CouchStore;
  /** Every request sent so far. */
  requests: string[];
  /** The requests `fn` sends. */
  requestsOf(fn: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
};

export async function startCountingStore(folderPrefix: string): Promise<CountingStore> {
  const couch = await startTestCouch(folderPrefix);
  const requests: string[] = [];
  const store = createCouchStore({
    url: couch.url,
    log: pino({ level: 'silent' }),
    ...(couch.prefix ? { prefix: couch.prefix } : {}),
    onRequest: (method, url) => requests.push(`${method.toUpperCase()} ${new URL(url).pathname}`),
  });
  await store.setup();
  return {
    store,
    requests,
    async requestsOf(fn) {
      const from = requests.length;
      await fn();
      return requests.slice(from);
    },
    async close() {
      await store.close();
      await couch.close();
    },
  };
}
