// What Apache CouchDB itself counts, for the channels benchmark's per-message cost measured on the
// server side (issue 36): the HTTP requests it served (`/_node/_local/_stats/couchdb/httpd/requests`,
// claim writes and every other client included, which the nano hook of store-requests.ts does not
// see) and its nodes' CPU time. A window counts from `start()` to `stop()`, less the requests the
// bench sent itself meanwhile (`own`) and its own reads of the counter.
import { basicAuthOf } from '../src/store/couch-auth';
import { cpuMsOf } from './process-cpu';

/** CouchDB's count of the HTTP requests it served so far (this read included). */
export async function couchRequests(couchUrl: string): Promise<number> {
  const url = new URL('/_node/_local/_stats/couchdb/httpd/requests', couchUrl);
  const auth = basicAuthOf(url);
  url.username = '';
  url.password = '';
  const res = await fetch(url, { headers: auth ? { authorization: auth } : {} });
  if (!res.ok) throw new Error(`CouchDB's stats answered ${res.status}`);
  const body = (await res.json()) as { value?: number };
  return Number(body.value ?? NaN);
}

export type CouchCost = { requests: number; cpuMs: number };

/** Windows of CouchDB's requests and CPU, summed. `pids`: its nodes' (CPU not counted without). */
export function couchCostMeter(couchUrl: string, pids: readonly number[]) {
  const total: CouchCost = { requests: 0, cpuMs: 0 };
  let own = 0;
  const cpu = () => pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  return {
    total,
    /** One request the bench sent itself (its feed reads): not the server's cost. */
    ownRequest() {
      own++;
    },
    async start() {
      const from = { requests: await couchRequests(couchUrl), cpuMs: cpu(), own };
      return {
        async stop(): Promise<CouchCost> {
          const cpuMs = cpu() - from.cpuMs;
          // Less the bench's own requests and this read of the counter (the start's is before `from`).
          const requests = (await couchRequests(couchUrl)) - from.requests - (own - from.own) - 1;
          total.requests += requests;
          total.cpuMs += cpuMs;
          return { requests, cpuMs };
        },
      };
    },
  };
}
