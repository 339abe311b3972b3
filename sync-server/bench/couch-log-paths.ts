// What a CouchDB kit node served, by kind, read from its request log (the kit logs every HTTP request
// at notice level in `couchdbN.log`, couchdb.sh): a window remembers the log's length at `start()` and
// folds the request lines written until `stop()` into `METHOD <database> <what>` (store-requests.ts's
// kindOf), so a bench says which requests a setup adds (issue 65: two server processes against one).
import { readFileSync, statSync } from 'node:fs';
import { kindOf, type RequestCounts } from './store-requests';

/** `[notice] <time> <node> <pid> <id> <host> <peer> <user> GET /db/path?qs 200 ok 3` -> method and path. */
const requestLine = /^\[notice\] \S+ \S+ \S+ \S+ \S+ \S+ \S+ (GET|PUT|POST|DELETE|HEAD|COPY) (\S+) \d{3} /;

/** The requests of `text`'s request lines, by kind. */
export function foldRequestLog(text: string): RequestCounts {
  const counts: RequestCounts = new Map();
  for (const line of text.split('\n')) {
    const m = requestLine.exec(line);
    if (!m) continue;
    let kind: string;
    try {
      kind = kindOf(m[1]!, `http://node${m[2]!}`);
    } catch {
      kind = `${m[1]!} (unreadable path)`;
    }
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

/** Windows over one node's request log (`file`): the requests logged meanwhile, by kind. */
export function requestLogMeter(file: string) {
  const size = () => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return {
    start() {
      const from = size();
      return {
        stop(): RequestCounts {
          const to = size();
          if (to <= from) return new Map();
          const text = readFileSync(file).subarray(from, to).toString('utf8');
          return foldRequestLog(text);
        },
      };
    },
  };
}
