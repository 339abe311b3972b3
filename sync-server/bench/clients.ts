// Pieces the load benchmarks share: JSON over fetch, teams signed up through the real routes, a client
// that replicates like the desktop's RxDB `replicateCouchDB` against `/sync/<collection>/`, and
// sampling of a server process through /proc, the instant fake LLM the runtime benchmarks answer
// with, bodies sent in pieces as the connection asks, and a meter of this process's own stalls. HTTP is Node's global fetch: undici's global Agent, keep-alive, no per-origin connection cap;
// all simulated clients share its pool.
import { readdirSync, readFileSync } from 'node:fs';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import { DEMO_SEED_DOC_ID } from '../src/seed/seed-doc';

/** Parsed JSON of an answer (read loosely: the benchmarks check what they use). */
export type Json = ReturnType<typeof JSON.parse>;

export async function json(url: string, init: RequestInit & { token?: string } = {}): Promise<Json> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  if (!res.ok) {
    const where = `${init.method ?? 'GET'} ${new URL(url).pathname}`;
    throw new Error(`${where}: ${res.status} ${text.slice(0, 200)}`);
  }
  return JSON.parse(text);
}

/**
 * The API under load: bursts of `clients` clients at once, each making `perClient` GETs one after the
 * other of `paths` in turn (client k starts at path k) under `base`, signed in with `token`. One burst
 * first is not counted: it warms up (the first paid for JIT and caches, 3x the next ones). Answers the
 * latencies (ms) of each counted burst, and the wall time the counted bursts took.
 */
export async function apiBursts(
  base: string,
  token: string,
  o: { clients: number; perClient: number; bursts: number; paths: readonly string[] },
): Promise<{ bursts: number[][]; ms: number }> {
  const bursts: number[][] = [];
  let started = performance.now();
  for (let burst = -1; burst < o.bursts; burst++) {
    if (burst === 0) started = performance.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: o.clients }, async (_, client) => {
        for (let i = 0; i < o.perClient; i++) {
          const t0 = performance.now();
          await json(`${base}${o.paths[(client + i) % o.paths.length]!}`, { token });
          times.push(performance.now() - t0);
        }
      }),
    );
    if (burst >= 0) bursts.push(times);
  }
  return { bursts, ms: performance.now() - started };
}

/** The embedded store's URL carries admin credentials; fetch wants them as a header. */
export function storeAccess(storeUrl: string): { base: string; headers: Record<string, string> } {
  const u = new URL(storeUrl);
  const user = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  return {
    base: `${u.protocol}//${u.host}`,
    headers: { authorization: `Basic ${Buffer.from(user).toString('base64')}` },
  };
}

/**
 * The demo team's id on a store (`base` and `headers` as storeAccess gives them; `prefix` the server's
 * database prefix): the team the seed remembers in app_runtime, which TELEGRAM_BOT_TOKEN connects. Not
 * the first team of app_teams: the seed makes a second team (the events demo, issue 39) and team ids
 * are random, so the first by id was the events team in about half the starts, and a bench counting
 * that team's messages saw no reply at all (issue 65).
 */
export async function demoTeamId(
  store: { base: string; headers: Record<string, string> },
  prefix: string,
): Promise<string> {
  const seed = await json(`${store.base}/${prefix}app_runtime/${encodeURIComponent(DEMO_SEED_DOC_ID)}`, {
    headers: store.headers,
  });
  if (typeof seed.teamId !== 'string') throw new Error(`no demo team on the store (prefix ${prefix})`);
  return seed.teamId;
}

let emails = 0;
const email = (tag: string) => `${tag}-${Date.now()}-${emails++}@example.com`;

/**
 * Registers a team (its admin) and invites `reps` members who accept: every user costs one scrypt
 * hash on the server, so benchmarks sign up a few users and share their tokens among clients.
 */
export async function signUpTeam(
  base: string,
  name: string,
  reps = 1,
): Promise<{ teamId: string; tokens: string[] }> {
  const password = 'bench password 1';
  // Registering and accepting an invite answer 202 without a session: each user then signs in.
  const signIn = (address: string) =>
    json(`${base}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ email: address, password }) });
  const adminEmail = email('admin');
  await json(`${base}/api/v1/auth/register`, {
    method: 'POST',
    body: JSON.stringify({ teamName: name, email: adminEmail, password }),
  });
  const reg = await signIn(adminEmail);
  const admin = reg.accessToken as string;
  const tokens = [admin];
  for (let i = 0; i < reps; i++) {
    const invite = await json(`${base}/api/v1/members/invite`, {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ email: email('rep'), role: 'rep' }),
    });
    await json(`${base}/api/v1/auth/accept-invite`, {
      method: 'POST',
      body: JSON.stringify({ token: invite.inviteToken, password }),
    });
    tokens.push((await signIn(invite.email as string)).accessToken as string);
  }
  return { teamId: reg.team.id as string, tokens };
}

export type ReplicationEvents = {
  /** Docs a live long-poll brought, with the time its answer was read. */
  onDocs(collection: string, docs: Json[], at: number): void;
  onError(kind: 'pull' | 'longpoll' | 'push', error: unknown): void;
};

const isAbort = (e: unknown) => (e as Error).name === 'AbortError';
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((ok) => {
    const t = setTimeout(ok, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), ok()), { once: true });
  });

/**
 * One desktop's replication, request for request as RxDB 17's `replicateCouchDB` makes them (see
 * rxdb/plugins/replication-couchdb and desktop/src/renderer/data/replication.ts): a first pull by
 * `_changes?feed=normal` batches from the client's own checkpoint; a live loop of
 * `_changes?feed=longpoll` from `since=now`, retried after `retryMs` on errors; pushes as
 * `POST _all_docs {keys, include_docs}` (the remote state, for conflicts) then `POST _bulk_docs`.
 */
export class ReplicatingClient {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  /** Long-polls sent and not yet answered. */
  held = 0;

  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly events: ReplicationEvents,
    private readonly opts = { batchSize: 200, heartbeatMs: 25_000, retryMs: 5_000 },
  ) {}

  private async get(path: string, init: RequestInit = {}): Promise<Json> {
    return json(`${this.base}/sync/${path}`, { ...init, token: this.token, signal: this.abort.signal });
  }

  private changes(collection: string, feed: 'normal' | 'longpoll', since: unknown): string {
    const q = new URLSearchParams({
      style: 'all_docs',
      feed,
      include_docs: 'true',
      since: String(since),
      heartbeat: String(this.opts.heartbeatMs),
      limit: String(this.opts.batchSize),
      seq_interval: String(this.opts.batchSize),
    });
    return `${collection}/_changes?${q}`;
  }

  /** The first pull, until a short batch; answers how many docs came. */
  async pull(collection: string, since: unknown = 0): Promise<number> {
    let count = 0;
    try {
      for (;;) {
        const res = await this.get(this.changes(collection, 'normal', since));
        count += res.results.length;
        since = res.last_seq;
        if (res.results.length < this.opts.batchSize) return count;
      }
    } catch (e) {
      if (!isAbort(e)) this.events.onError('pull', e);
      return count;
    }
  }

  /** Starts the live long-poll loop of a collection. */
  live(collection: string): void {
    const signal = this.abort.signal;
    const loop = async () => {
      let since: unknown = 'now';
      while (!signal.aborted) {
        const started = performance.now();
        this.held++;
        let res: Json;
        try {
          res = await this.get(this.changes(collection, 'longpoll', since));
        } catch (e) {
          if (signal.aborted || isAbort(e)) return;
          this.events.onError('longpoll', e);
          // RxDB: a poll that failed soon after it started waits `retryTime`; an old one retries now.
          if (performance.now() - started < this.opts.retryMs) await sleep(this.opts.retryMs, signal);
          continue;
        } finally {
          this.held--;
        }
        since = res.last_seq;
        const docs = (res.results as { doc?: Json }[]).flatMap((r) => (r.doc ? [r.doc] : []));
        if (docs.length > 0) this.events.onDocs(collection, docs, performance.now());
      }
    };
    this.loops.push(loop());
  }

  /**
   * Pushes docs the way RxDB does; `assumed` is the remote state the client last saw (by id). A remote
   * doc that differs from it is a conflict (RxDB would merge and push again); answers them.
   */
  async push(collection: string, docs: Json[], assumed: Map<string, Json> = new Map()): Promise<string[]> {
    const remote = await this.get(`${collection}/_all_docs`, {
      method: 'POST',
      body: JSON.stringify({ keys: docs.map((d) => d._id), include_docs: true, deleted: 'ok' }),
    });
    const revs = new Map<string, string>();
    const conflicts: string[] = [];
    for (const row of remote.rows as { key: string; doc?: Json }[]) {
      if (!row.doc) continue;
      const seen = assumed.get(row.key);
      if (seen && seen._rev !== row.doc._rev) conflicts.push(row.key);
      else revs.set(row.key, row.doc._rev as string);
    }
    const body = docs
      .filter((d) => !conflicts.includes(d._id as string))
      .map((d) => (revs.has(d._id) ? { ...d, _rev: revs.get(d._id) } : d));
    const rows = (await this.get(`${collection}/_bulk_docs`, {
      method: 'POST',
      body: JSON.stringify({ docs: body }),
    })) as { id: string; ok?: boolean; rev?: string; error?: string; reason?: string }[];
    for (const row of rows) {
      if (row.error === 'conflict') conflicts.push(row.id);
      else if (!row.ok) throw new Error(`_bulk_docs refused ${row.id}: ${row.error} ${row.reason ?? ''}`);
      else {
        const doc = docs.find((d) => d._id === row.id);
        assumed.set(row.id, { ...doc, _rev: row.rev });
      }
    }
    return conflicts;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }
}

export type ProcSample = {
  at: number;
  /** Resident memory of the process and its descendants (the server forks its embedded store). */
  rssMb: number;
  /** Of the process alone. */
  mainRssMb: number;
  fds: number;
  cpuSeconds: number;
  processes: number;
};

const CLOCK_TICKS = 100; // USER_HZ on Linux

const statFields = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
};

/** The process and its descendants, by their parent ids in /proc. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(statFields(Number(entry))[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

const statusKb = (pid: number, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** One reading of a process tree: resident memory, open file descriptors, CPU time used so far. */
export function readProc(pid: number): ProcSample {
  const sample: ProcSample = {
    at: performance.now(),
    rssMb: 0,
    mainRssMb: statusKb(pid, 'VmRSS') / 1024,
    fds: 0,
    cpuSeconds: 0,
    processes: 0,
  };
  for (const p of processTree(pid)) {
    try {
      const fields = statFields(p);
      const rss = statusKb(p, 'VmRSS') / 1024;
      const fds = readdirSync(`/proc/${p}/fd`).length;
      sample.rssMb += rss;
      sample.fds += fds;
      sample.cpuSeconds += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
      sample.processes++;
    } catch {
      // exited meanwhile
    }
  }
  return sample;
}

/** Peak resident memory so far (VmHWM) of the process, and summed over its tree (an upper bound of
 * the tree's peak: the processes may have peaked at different times). */
export function peakRssOf(pid: number): { mainMb: number; treeMb: number } {
  let tree = 0;
  for (const p of processTree(pid)) {
    try {
      tree += statusKb(p, 'VmHWM');
    } catch {
      // exited meanwhile
    }
  }
  return { mainMb: statusKb(pid, 'VmHWM') / 1024, treeMb: tree / 1024 };
}

/** The soft open-files limit of a process. */
export function openFilesLimit(pid: number): number {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  return Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? NaN);
}

/** Samples a process every `everyMs` (plus whatever `extra` reads), until stopped. */
export function sampleProcess<T extends object>(
  pid: number,
  everyMs: number,
  extra: () => T,
): { samples: (ProcSample & T)[]; stop(): (ProcSample & T)[] } {
  const samples: (ProcSample & T)[] = [];
  const take = () => {
    try {
      samples.push({ ...readProc(pid), ...extra() });
    } catch {
      // the process is gone: nothing to sample
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** SIGINT/SIGTERM end the benchmark through `process.exit`, so `exit` handlers kill the server. */
export function exitOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

/**
 * An OpenAI-compatible server on loopback that answers at once, as the agents' three calls expect:
 * the router's intent, the twin's facts (none), and the demo knowledge's support hours with a citation.
 */
export function startInstantLlm(): Promise<FakeOpenAi> {
  return startFakeOpenAi((req) => {
    const system = String((req.body.messages as { content: string }[])[0]?.content);
    const content = system.startsWith('Classify')
      ? '{"intent":"product_question","confidence":0.9}'
      : system.startsWith('Extract')
        ? '{"facts":[]}'
        : 'Поддержка работает с 9:00 до 21:00 [1].';
    return { body: fakeCompletion({ content }) };
  });
}

/** A body sent in 64 KiB pieces, each when the connection asks for it. */
export function pieces(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, (at += 64 * 1024)));
    },
  });
}

/** The longest stall of this process's event loop while running (a 10 ms timer that fires late). */
export function stallMeter() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return longest;
    },
  };
}
