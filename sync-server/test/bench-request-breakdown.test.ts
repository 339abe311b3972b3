// The benches' breakdown of CouchDB's requests (bench/request-breakdown.ts): a burst's requests by
// kind beside an idle window's, per message, with the bench's own reads of CouchDB left out.
import { describe, expect, it } from 'vitest';
import { foldRequestLog } from '../bench/couch-log-paths';
import { breakdown, breakdownTable } from '../bench/request-breakdown';

const line = (method: string, path: string) =>
  `[notice] 2026-12-06T22:00:00.000000Z couchdb@127.0.0.1 <0.1.0> abc 127.0.0.1:5984 127.0.0.1 admin ${method} ${path} 201 ok 3`;

describe('request breakdown', () => {
  it('counts the burst and the idle window by kind, per message, without the bench its own reads', () => {
    const burst = foldRequestLog(
      [
        line('POST', '/bench_t_demo_messages/_bulk_docs'),
        line('POST', '/bench_t_demo_messages/_bulk_docs'),
        line('GET', '/bench_app_channels/_all_docs?startkey=%22tool%3A%22'),
        line('GET', '/_node/_local/_stats/couchdb'),
        line('PUT', '/bench_app_runtime/lease%3Abot'),
      ].join('\n'),
    );
    const idle = foldRequestLog(
      [line('GET', '/bench_app_channels/_all_docs'), line('GET', '/_up')].join('\n'),
    );
    const b = breakdown(burst, idle, 2);
    expect(b.rows).toEqual([
      { kind: 'POST messages _bulk_docs', burst: 2, idle: 0 },
      { kind: 'GET app_channels _all_docs', burst: 1, idle: 1 },
      { kind: 'PUT app_runtime {doc lease}', burst: 1, idle: 0 },
    ]);
    expect(b.perMessage).toBe(2);
    expect(b.idlePerMessage).toBe(0.5);
    const table = breakdownTable(b, 2, 'by kind');
    expect(table).toContain('| POST messages _bulk_docs | 1.000 | 2 | 0 |');
    expect(table).toContain('| all | 2.000 | 4 | 1 |');
  });
});
