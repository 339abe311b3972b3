// The store's HTTP client under nano: undici's request API on a keep-alive pool of its own, handed to
// nano as its `fetch` (patches/nano+11.0.7.patch adds that option). nano asks a fetch for the status,
// headers and body of each answer and nothing else; Node's global fetch builds WHATWG Request,
// Response, Headers, web streams and abort plumbing for each request, which cost ~360 µs of CPU per
// round trip against ~65 µs for undici's request on this machine (a loopback microbenchmark), and a
// message taken in makes about 12 store requests. Answers are passed on as they come: no decompression
// (nor is it asked for), no redirects, the status text from Node's table.
import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';

type Body = string | Buffer | Uint8Array | Readable | URLSearchParams | null | undefined;

/** What nano passes to fetch (nano/lib/nano.js `relax`); the rest of RequestInit is not used. */
export type StoreFetchInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: Body;
  signal?: AbortSignal | null;
};

/** The part of the Headers interface nano reads: `get`, and iteration (`Object.fromEntries`). */
class AnswerHeaders {
  readonly #raw: Record<string, string | string[] | undefined>;
  constructor(raw: Record<string, string | string[] | undefined>) {
    this.#raw = raw;
  }
  get(name: string): string | null {
    const v = this.#raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const [k, v] of Object.entries(this.#raw))
      if (v !== undefined) yield [k, Array.isArray(v) ? v.join(', ') : v];
  }
}

/** The part of the Response interface nano reads. `body` is a Node stream (the patch takes those). */
export class StoreAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: AnswerHeaders;
  readonly body: Dispatcher.ResponseData['body'];
  constructor(res: Dispatcher.ResponseData) {
    this.status = res.statusCode;
    this.statusText = STATUS_CODES[res.statusCode] ?? '';
    this.headers = new AnswerHeaders(res.headers);
    this.body = res.body;
  }
  json(): Promise<unknown> {
    return this.body.json();
  }
  text(): Promise<string> {
    return this.body.text();
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.body.arrayBuffer();
  }
}

export type StoreFetch = ((url: string, init?: StoreFetchInit) => Promise<StoreAnswer>) & {
  /** Requests sent so far (none after nano's first: nano is not using it). */
  readonly requests: number;
  /** Closes the pool's idle sockets and ends those in use. */
  close(): Promise<void>;
};

/** A fetch for nano over one undici pool (no cap on sockets: long-polls each hold one while they wait). */
export function storeFetch(): StoreFetch {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  let requests = 0;
  const fetch = async (url: string, init: StoreFetchInit = {}): Promise<StoreAnswer> => {
    requests++;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(init.headers ?? {}))
      if (k.toLowerCase() !== 'accept-encoding') headers[k] = v;
    const body = init.body instanceof URLSearchParams ? init.body.toString() : (init.body ?? null);
    try {
      const res = await request(url, {
        method: (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
        headers,
        body,
        signal: init.signal ?? undefined,
        dispatcher: agent,
      });
      return new StoreAnswer(res);
    } catch (e) {
      // As fetch fails: an abort with the signal's reason, anything else as "fetch failed" with the
      // cause (nano reports the cause: "error happened in your connection. Reason: ...").
      if (init.signal?.aborted) throw init.signal.reason;
      throw new TypeError('fetch failed', { cause: e });
    }
  };
  return Object.defineProperties(fetch, {
    requests: { get: () => requests },
    close: { value: () => agent.destroy() },
  }) as StoreFetch;
}
