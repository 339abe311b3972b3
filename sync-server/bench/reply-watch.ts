// When each awaited doc (a reply, by id) appears in a database's changes, read from one continuous
// `_changes` request (issue 65): the scaling bench polled `_changes` every 50 ms, 20 requests a second
// on the node it measures, whose CPU then counted as the servers' and varied with each burst's length.
// One held request costs the node about a change read per change, whichever setup is measured.

/** Resolves with each id's time of arrival once all are seen, or with those seen when `capMs` passed. */
export async function watchDocs(opts: {
  /** The database's URL (`<base>/<db>`). */
  db: string;
  headers: Record<string, string>;
  /** The position after which to look (the database's update_seq before the docs were caused). */
  since: string;
  ids: ReadonlySet<string>;
  capMs: number;
}): Promise<Map<string, number>> {
  const seenAt = new Map<string, number>();
  const stop = new AbortController();
  const cap = setTimeout(() => stop.abort(), opts.capMs);
  const url = `${opts.db}/_changes?feed=continuous&heartbeat=5000&since=${encodeURIComponent(opts.since)}`;
  try {
    const res = await fetch(url, { headers: opts.headers, signal: stop.signal });
    if (!res.ok || !res.body) throw new Error(`GET _changes: ${res.status}`);
    const decoder = new TextDecoder();
    let partial = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const lines = (partial + decoder.decode(chunk, { stream: true })).split('\n');
      partial = lines.pop() ?? '';
      const at = Date.now();
      for (const line of lines) {
        if (!line.trim()) continue;
        const id = (JSON.parse(line) as { id?: string }).id;
        if (id && opts.ids.has(id) && !seenAt.has(id)) seenAt.set(id, at);
      }
      if (seenAt.size >= opts.ids.size) break;
    }
  } catch (e) {
    if (!stop.signal.aborted) throw e;
  } finally {
    clearTimeout(cap);
    stop.abort();
  }
  return seenAt;
}
