// `npm run bench -w sync-server [-- --quick | --smoke]`: the sync server's figures. Initial pull of
// 100,000 docs (quick: 2,000) through the gateway vs straight from the store, judged on the median of
// the per-round ratios, with the server's memory during the gateway pulls (each `_changes` batch is
// bounded, so it should stay flat), push of the same docs, push of 10,000 docs, live propagation latency
// client -> server -> client, GET /api/v1/leads at 50 concurrent clients (the same first page, as a
// team's reps polling it: served from the list cache while the leads do not change), and the peak
// memory of the server and of its embedded store's process. `--couchdb[=<url>]`: the same on Apache
// CouchDB (backend.ts), the store's side being CouchDB's own `_changes`; results in
// `sync-server-couchdb[-mode].json`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchMode, newReport, printReport, repeated, resultsFile, summarize } from '@app/shared/bench';
import { teamDbName } from '../src/store/db-names';
import { openBackend } from './backend';
import { apiBursts } from './clients';
import { startServerProcess } from './server-process';

/** Parsed JSON of an answer (shape checked by the assertions). */
type Json = ReturnType<typeof JSON.parse>;

const mode = benchMode();
const DOCS = { smoke: 200, quick: 2_000, full: 100_000 }[mode];
const LIVE_SAMPLES = { smoke: 6, quick: 30, full: 60 }[mode];
const CLIENTS = 50;
const PULL_ROUNDS = { smoke: 1, quick: 5, full: 3 }[mode];
/** The API burst is repeated this many times; its p95 goal is judged on the median. */
const API_REPS = mode === 'smoke' ? 1 : 3;
const REQUESTS_PER_CLIENT = mode === 'smoke' ? 2 : 10;
/** Growth of the server's RSS allowed while clients pull everything: a bounded batch, not the set. */
const PULL_MEMORY_GOAL_MB = 64;

/** Resident memory of a process now (Linux). */
function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Samples a process's RSS every 50 ms while `fn` runs; gives the peak growth over the start. */
async function rssGrowth<T>(
  pid: number,
  fn: () => Promise<T>,
): Promise<{ value: T; growthMb: number; startMb: number }> {
  const startMb = rssMbOf(pid);
  let peak = startMb;
  const timer = setInterval(() => (peak = Math.max(peak, rssMbOf(pid))), 50);
  try {
    const value = await fn();
    peak = Math.max(peak, rssMbOf(pid));
    return { value, growthMb: peak - startMb, startMb };
  } finally {
    clearInterval(timer);
  }
}
const at = '2026-03-02T10:15:00.000Z';

const lead = (i: number) => ({
  _id: `lead-${String(i).padStart(6, '0')}`,
  contactId: `contact-${i % 500}`,
  title: `Lead ${i}: CRM for a team of ${(i % 40) + 2}`,
  stage: ['new', 'qualified', 'proposal', 'negotiation', 'won', 'lost'][i % 6],
  score: { value: i % 100, reasons: [{ factor: 'engagement', points: 10, note: 'Asked about prices' }] },
  value: { amount: (i % 50) * 10_000, currency: 'RUB' },
  source: { channel: 'telegram', campaign: 'spring' },
  tags: ['bench'],
  createdAt: at,
  updatedAt: at,
});

async function json(url: string, init: RequestInit & { token?: string } = {}): Promise<Json> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  if (!res.ok)
    throw new Error(
      `${init.method ?? 'GET'} ${url.replace(/\/\/[^@]*@/, '//')}: ${res.status} ${text.slice(0, 200)}`,
    );
  return JSON.parse(text);
}

/** Peak resident memory of a process (Linux). */
function peakRssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Store URLs carry credentials; fetch wants them as a header. */
function direct(storeUrl: string) {
  const u = new URL(storeUrl);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
  return { base: `${u.protocol}//${u.host}`, headers: { authorization: auth } };
}

/** Pulls a database like RxDB's initial replication: `_changes` with docs, in batches. */
async function pullAll(base: string, headers: Record<string, string>, batch = 1000): Promise<number> {
  let since: unknown = 0;
  let count = 0;
  for (;;) {
    const q = `style=all_docs&include_docs=true&limit=${batch}&seq_interval=${batch}&since=${encodeURIComponent(String(since))}`;
    const res = await json(`${base}/_changes?${q}`, { headers });
    count += res.results.filter((r: { id: string }) => !r.id.startsWith('_design/')).length;
    since = res.last_seq;
    if (res.results.length < batch) return count;
  }
}

async function main() {
  const backend = await openBackend();
  const report = newReport(`sync-server${backend.title}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'sync-bench-'));
  // The embedded store runs in a process of its own; its pid is in the server's start-up log.
  let storePid: number | undefined;
  const server = await startServerProcess(dataDir, {}, (text) => {
    storePid ??= Number(/"storePid":(\d+)/.exec(text)?.[1]) || undefined;
  });
  try {
    // Registering answers 202 without a session: the admin signs in.
    const admin = { email: `bench-${Date.now()}@example.com`, password: 'bench password 1' };
    await json(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      body: JSON.stringify({ teamName: 'Bench', ...admin }),
    });
    const reg = await json(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify(admin),
    });
    const token = reg.accessToken as string;
    const teamId = reg.team.id as string;
    const gw = `${server.url}/sync/leads`;

    // Push: 10,000 docs through the gateway in replication-sized batches (validated one by one).
    const docs = Array.from({ length: DOCS }, (_, i) => lead(i));
    const t0 = performance.now();
    for (let i = 0; i < docs.length; i += 500) {
      const rows = await json(`${gw}/_bulk_docs`, {
        method: 'POST',
        token,
        body: JSON.stringify({ docs: docs.slice(i, i + 500) }),
      });
      if (rows.some((r: { ok?: boolean }) => !r.ok)) throw new Error('push refused a doc');
    }
    const pushMs = performance.now() - t0;
    report.figures.push({
      name: `push of ${DOCS} docs through the gateway`,
      value: pushMs / 1000,
      unit: 's',
      note: `${Math.round(DOCS / (pushMs / 1000))} docs/s, _bulk_docs batches of 500`,
    });

    // Initial pull: gateway vs the store directly, whole pulls.
    const store = direct(server.storeUrl);
    const storeDb = `${store.base}/${teamDbName(teamId, 'leads', server.dbPrefix)}`;
    const viaGateway: number[] = [];
    const viaStore: number[] = [];
    const pullDirect = async () => {
      const t = performance.now();
      if ((await pullAll(storeDb, store.headers)) !== DOCS) throw new Error('direct pull incomplete');
      viaStore.push(performance.now() - t);
    };
    const pullGateway = async () => {
      const t = performance.now();
      if ((await pullAll(gw, { authorization: `Bearer ${token}` })) !== DOCS)
        throw new Error('gateway pull incomplete');
      viaGateway.push(performance.now() - t);
    };
    // Alternating which goes first; each round's ratio compares two pulls made side by side in time.
    // One pull each way first, not counted: the first pull reads a cold store.
    await pullDirect().then(pullGateway);
    viaGateway.length = 0;
    viaStore.length = 0;
    const { growthMb, startMb } = await rssGrowth(server.pid, async () => {
      for (let round = 0; round < PULL_ROUNDS; round++) {
        if (round % 2 === 0) await pullDirect().then(pullGateway);
        else await pullGateway().then(pullDirect);
      }
    });
    const g = repeated(viaGateway.map((ms) => ms / 1000));
    const d = repeated(viaStore.map((ms) => ms / 1000));
    report.figures.push({
      name: `initial pull of ${DOCS} docs via gateway`,
      ...g,
      unit: 's',
      baseline: { name: 'store directly', value: d.value },
      note: `${PULL_ROUNDS} whole pulls each way, alternating, _changes batches of 1000`,
    });
    report.figures.push({
      name: `pull ratio gateway / store (${DOCS} docs)`,
      ...repeated(viaGateway.map((ms, i) => ms / viaStore[i]!)),
      unit: '×',
      goal: '<= 1.3',
      note: 'median of the ratios of the pulls of each round',
    });
    report.figures.push({
      name: `server memory growth while pulling ${DOCS} docs`,
      value: growthMb,
      unit: 'MB',
      goal: `<= ${PULL_MEMORY_GOAL_MB}`,
      note: `main.ts VmRSS peak over its ${Math.round(startMb)} MB at the start, sampled every 50 ms over all the pulls: flat when batches stream through, not the whole set`,
    });

    // The same pull batch by batch, each batch fetched alternately both ways and its best time kept:
    // less sensitive to other work on a shared machine than whole pulls.
    const seqs: unknown[] = [0];
    for (let since: unknown = 0; ;) {
      const res = await json(
        `${storeDb}/_changes?style=all_docs&limit=1000&since=${encodeURIComponent(String(since))}`,
        { headers: store.headers },
      );
      if (res.results.length < 1000) break;
      since = res.last_seq;
      seqs.push(since);
    }
    let batchGateway = 0;
    let batchStore = 0;
    const timed = async (url: string, headers: Record<string, string>) => {
      const t = performance.now();
      await (await fetch(url, { headers })).arrayBuffer();
      return performance.now() - t;
    };
    for (const since of seqs) {
      const q = `/_changes?style=all_docs&include_docs=true&limit=1000&seq_interval=1000&since=${encodeURIComponent(String(since))}`;
      const gs: number[] = [];
      const ds: number[] = [];
      for (let i = 0; i < 3; i++) {
        ds.push(await timed(`${storeDb}${q}`, store.headers));
        gs.push(await timed(`${gw}${q}`, { authorization: `Bearer ${token}` }));
      }
      batchGateway += Math.min(...gs);
      batchStore += Math.min(...ds);
    }
    report.figures.push({
      name: `pull of ${DOCS} docs via gateway, per batch`,
      value: batchGateway / 1000,
      unit: 's',
      baseline: { name: 'store directly', value: batchStore / 1000 },
      note: `sum of the best of 3 times of each of ${seqs.length} batches of 1000 (less noisy); ratio goal <= 1.3`,
    });

    // Live propagation: B waits in a long-poll, A writes; time from A's write to B's answer.
    const latencies: number[] = [];
    for (let i = 0; i < LIVE_SAMPLES; i++) {
      const info = await json(`${gw}/`, { token });
      const id = `live-${i}`;
      let written = 0;
      const poll = json(
        `${gw}/_changes?feed=longpoll&include_docs=true&heartbeat=10000&since=${encodeURIComponent(String(info.update_seq))}`,
        { token },
      ).then((res) => {
        if (!res.results.some((r: { id: string }) => r.id === id)) throw new Error('live change missing');
        return performance.now() - written;
      });
      await new Promise((r) => setTimeout(r, 30));
      written = performance.now();
      await json(`${gw}/_bulk_docs`, {
        method: 'POST',
        token,
        body: JSON.stringify({ docs: [{ ...lead(DOCS + i), _id: id }] }),
      });
      latencies.push(await poll);
    }
    const live = summarize(latencies);
    const thirds = [0, 1, 2].map((i) => summarize(latencies.filter((_, j) => j % 3 === i)).p95);
    report.figures.push({
      name: 'live change propagation p50',
      value: live.p50,
      unit: 'ms',
      note: `${live.n} samples: write via _bulk_docs -> waiting long-poll answers`,
    });
    report.figures.push({
      name: 'live change propagation p95',
      ...repeated(thirds),
      unit: 'ms',
      goal: '< 1000',
      note: 'median of the p95 of 3 interleaved thirds of the samples',
    });

    // API under load: 50 concurrent clients.
    let apiPath = '/api/v1/leads?limit=50';
    const probe = await fetch(`${server.url}${apiPath}`, { headers: { authorization: `Bearer ${token}` } });
    if (probe.status === 404) apiPath = '/api/v1/me';
    const load = await apiBursts(server.url, token, {
      clients: CLIENTS,
      perClient: REQUESTS_PER_CLIENT,
      bursts: API_REPS,
      paths: [apiPath],
    });
    const apiP95s = load.bursts.map((these) => summarize(these).p95);
    const apiLatencies = load.bursts.flat();
    const api = summarize(apiLatencies);
    const rps = apiLatencies.length / (load.ms / 1000);
    report.figures.push({
      name: `GET ${apiPath.split('?')[0]} p50 at ${CLIENTS} clients`,
      value: api.p50,
      unit: 'ms',
      note: `${api.n} requests, ${Math.round(rps)} req/s, ${DOCS + LIVE_SAMPLES} leads in the team`,
    });
    report.figures.push({
      name: `GET ${apiPath.split('?')[0]} p95 at ${CLIENTS} clients`,
      ...repeated(apiP95s),
      unit: 'ms',
      goal: '< 200',
      note: `median of ${API_REPS} bursts of ${CLIENTS * REQUESTS_PER_CLIENT} requests${apiPath === '/api/v1/me' ? '; /api/v1/leads absent: measured /api/v1/me' : ''}`,
    });
    const storeMb = storePid ? peakRssMbOf(storePid) : 0;
    report.figures.push({
      name: 'server peak memory (RSS)',
      value: server.peakRssMb() + storeMb,
      unit: 'MB',
      note: storePid
        ? `main.ts process ${Math.round(server.peakRssMb())} MB + embedded store process ${Math.round(storeMb)} MB`
        : `main.ts process; the store${backend.title} not counted`,
    });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await backend.close();
  }
  printReport(
    report,
    resultsFile(
      join(dirname(fileURLToPath(import.meta.url)), 'results'),
      `sync-server${backend.suffix}`,
      mode,
    ),
  );
}

await main();
