// What Apache CouchDB itself counts, for the channels benchmark's per-message cost measured on the
// server side (issue 36): the docs it wrote and read, the HTTP requests it served
// (`/_node/_local/_stats/couchdb`: claim writes and every other client included, which the nano hook
// of store-requests.ts does not see) and its nodes' CPU time. A window counts from `start()` to `stop()`, less the requests the
// bench sent itself meanwhile (`own`) and its own reads of the counter.
import { basicAuthOf } from '../src/store/couch-auth';
import { cpuMsOf } from './process-cpu';

type Counters = { requests: number; docWrites: number; docReads: number };

/**
 * CouchDB's counts so far (this read's request included): HTTP requests served, docs written
 * (`document_writes`, each doc of a bulk write) and docs read (`database_reads`, feeds' included docs too).
 */
async function couchCounters(couchUrl: string): Promise<Counters> {
  const url = new URL('/_node/_local/_stats/couchdb', couchUrl);
  const auth = basicAuthOf(url);
  url.username = '';
  url.password = '';
  const res = await fetch(url, { headers: auth ? { authorization: auth } : {} });
  if (!res.ok) throw new Error(`CouchDB's stats answered ${res.status}`);
  const body = (await res.json()) as {
    httpd?: { requests?: { value?: number } };
    document_writes?: { value?: number };
    database_reads?: { value?: number };
  };
  return {
    requests: Number(body.httpd?.requests?.value ?? NaN),
    docWrites: Number(body.document_writes?.value ?? NaN),
    docReads: Number(body.database_reads?.value ?? NaN),
  };
}

export type CouchCost = { requests: number; cpuMs: number; docWrites: number; docReads: number };

/** Windows of CouchDB's requests and CPU, summed. `pids`: its nodes' (CPU not counted without). */
export function couchCostMeter(couchUrl: string, pids: readonly number[]) {
  const total: CouchCost = { requests: 0, cpuMs: 0, docWrites: 0, docReads: 0 };
  let own = 0;
  const cpu = () => pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  return {
    total,
    /** One request the bench sent itself (its feed reads): not the server's cost. */
    ownRequest() {
      own++;
    },
    async start() {
      const from = { ...(await couchCounters(couchUrl)), cpuMs: cpu(), own };
      return {
        async stop(): Promise<CouchCost> {
          const cpuMs = cpu() - from.cpuMs;
          const to = await couchCounters(couchUrl);
          // Less the bench's own requests and this read of the counter (the start's is before `from`).
          const requests = to.requests - from.requests - (own - from.own) - 1;
          const docWrites = to.docWrites - from.docWrites;
          const docReads = to.docReads - from.docReads;
          total.requests += requests;
          total.cpuMs += cpuMs;
          total.docWrites += docWrites;
          total.docReads += docReads;
          return { requests, cpuMs, docWrites, docReads };
        },
      };
    },
  };
}
