// Store round trips by kind, for benches (issue 13): `startServer(config, { onStoreRequest: c.hook })`
// sees every HTTP request the server sends to its store; `kindOf` folds a request into
// `METHOD <database> <what>`: the team's collection or the system database for the database, and
// `_find`, `_bulk_docs`, `_changes`, ... or `{doc}` (with the doc id's prefix up to `:`) for the path.
// `window()` counts the requests from now until its `stop()`; a bench's own reads are left out by
// sending them inside `ownRequest`.

export type RequestCounts = Map<string, number>;

/** `GET messages {doc msg}`, `POST conversations _find`, `PUT app_runtime {doc lease}`, ... */
export function kindOf(method: string, url: string): string {
  const path = new URL(url).pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [db = '', ...rest] = path;
  const team = /t_[a-z0-9-]+_([a-z_]+)$/.exec(db);
  const dbKind = team ? team[1]! : db.replace(/^[a-z][a-z0-9_]*?_(?=app_)/, '');
  let what = '';
  if (rest.length > 0) {
    const first = rest[0]!;
    if (first.startsWith('_') && first !== '_local' && first !== '_design') what = rest.join('/');
    else {
      const id = first === '_local' || first === '_design' ? `${first}/${rest[1] ?? ''}` : first;
      const colon = id.indexOf(':');
      what = `{doc${colon > 0 ? ` ${id.slice(0, colon)}` : ''}}`;
    }
  }
  return `${method.toUpperCase()} ${dbKind}${what ? ` ${what}` : ''}`;
}

export function requestCounter() {
  const windows = new Set<RequestCounts>();
  let own = 0;
  return {
    hook(method: string, url: string) {
      if (own > 0 || windows.size === 0) return;
      const k = kindOf(method, url);
      for (const w of windows) w.set(k, (w.get(k) ?? 0) + 1);
    },
    /** Runs `send` (which must send its request synchronously) without counting it. */
    ownRequest<T>(send: () => T): T {
      own++;
      try {
        return send();
      } finally {
        own--;
      }
    },
    window() {
      const counts: RequestCounts = new Map();
      windows.add(counts);
      return {
        stop(): RequestCounts {
          windows.delete(counts);
          return counts;
        },
      };
    },
  };
}

export type RequestCounter = ReturnType<typeof requestCounter>;

/** Sums several windows' counts. */
export function addCounts(all: readonly RequestCounts[]): RequestCounts {
  const sum: RequestCounts = new Map();
  for (const c of all) for (const [k, n] of c) sum.set(k, (sum.get(k) ?? 0) + n);
  return sum;
}

export function totalOf(c: RequestCounts): number {
  let n = 0;
  for (const v of c.values()) n += v;
  return n;
}

/** Lines `  12.34  POST messages _bulk_docs`, per message, most first. */
export function perMessageTable(c: RequestCounts, messages: number): string {
  return [...c.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${(n / messages).toFixed(2).padStart(7)}  ${k}`)
    .join('\n');
}
