// `tsx bench/load.ts [--quick | --smoke]`: the sync server (its own process, embedded store, as `npm start`
// runs it) under 50 and 200 concurrent replicating clients. Each client does what one desktop's RxDB
// `replicateCouchDB` does against `/sync/<collection>/` (bench/clients.ts): a first pull, a live
// `_changes?feed=longpoll` on `leads` and `messages` (two of the desktop's four live collections),
// and a small edit of one of its own leads every 5 s (`POST _all_docs {keys}` + `POST _bulk_docs`).
// Clients are 25 to a team; each team has two users (an admin and an invited rep), whose tokens the
// clients share (scrypt makes signing up hundreds of users slow); every client keeps its own checkpoint.
// HTTP: Node's global fetch (undici's global Agent: keep-alive, no per-origin connection cap), one
// pool for all clients, which run in this one process.
//
// Measured per run: long-polls held at once (counted client-side: /metrics has no long-poll gauge),
// pushes per second achieved against those offered, push latency (both requests), propagation latency
// (push start -> another client's long-poll answer carrying it, for every other client of the team),
// changes never seen, errors, the server's RSS (sampled VmRSS, and VmHWM), open files and CPU.
// Baseline in the same run: 2 clients of one team, each pushing every 0.5 s (unloaded latencies).
// Each phase measures 3 consecutive windows of a whole number of push periods (so every client pushes
// the same number of times in each) and reports the median with its spread. The clients' own CPU is
// reported, and a figure is marked invalid when they, not the server, were saturated. A full run
// steps on to 500 clients and reports the knee: the client count where push or propagation p95
// crosses 1 s. `--couchdb[=<url>]`: the server on Apache CouchDB instead (backend.ts), results in
// `load-couchdb[-mode].json`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchMode,
  clientSaturation,
  knee,
  newReport,
  printReport,
  repeated,
  resultsFile,
  summarize,
  type Figure,
} from '@app/shared/bench';
import {
  exitOnSignals,
  json,
  openFilesLimit,
  peakRssOf,
  ReplicatingClient,
  sampleProcess,
  signUpTeam,
  type Json,
} from './clients';
import { backend, openBackend } from './backend';
import { startServerProcess } from './server-process';

const mode = benchMode();
const TEAM_SIZE = 25;
const LEADS_PER_CLIENT = 4;
const PUSH_EVERY_MS = 5_000;
const WARM_MS = { smoke: 1_000, quick: 3_000, full: 8_000 }[mode];
/** Measurement windows per phase and their length: a whole number of push periods each. */
const WINDOWS = mode === 'smoke' ? 1 : 3;
const WINDOW_MS = { smoke: PUSH_EVERY_MS, quick: 2 * PUSH_EVERY_MS, full: 3 * PUSH_EVERY_MS }[mode];
/** Client counts of the phases with goals; a full run also steps on to find the knee. */
const PHASES = { smoke: [10], quick: [50, 200], full: [50, 200, 500] }[mode];
const KNEE_STEPS = mode === 'full' ? [100, 300, 400] : [];
const DRAIN_MS = 5_000;
const LIVE = ['leads', 'messages'];
const at = '2026-03-02T10:15:00.000Z';

type Team = { teamId: string; tokens: string[] };
/** `window`: the measurement window the push started in, or -1 (warm-up, drain, failed). */
type Version = { v: number; startedAt: number; window: number; seenBy: number };
type Phase = {
  clients: number;
  pushEveryMs: number;
  measureMs: number;
  offered: number;
  pushes: number;
  pushMs: number[];
  propagationMs: number[];
  /** The same, per measurement window. */
  windows: { pushes: number; pushMs: number[]; propagationMs: number[] }[];
  unseen: number;
  errors: Map<string, number>;
  held: { mean: number; min: number; max: number };
  rssPeakMb: number;
  mainRssPeakMb: number;
  processes: number;
  hwm: { mainMb: number; treeMb: number };
  fdsPeak: number;
  serverCpu: number;
  benchCpu: number;
  /** CPU time of the whole machine over the window, in cores: with server and clients, everyone else. */
  machineCores: number;
  /** Set when the load generator (this process) was saturated during the phase. */
  invalid?: string;
  /** Mean time the server itself spent per request (its /metrics histogram), by endpoint. */
  serverMs: Record<string, number>;
};

const lead = (slot: number, k: number, v: number) => ({
  _id: `lead-${slot}-${k}`,
  contactId: `contact-${slot}`,
  title: `Lead ${slot}-${k}: CRM for a team of ${(slot % 40) + 2} v${v}`,
  stage: ['new', 'qualified', 'proposal', 'negotiation'][v % 4],
  value: { amount: v * 1000, currency: 'RUB' },
  source: { channel: 'telegram', campaign: 'spring' },
  tags: ['bench'],
  createdAt: at,
  updatedAt: new Date().toISOString(),
});
const versionOf = (doc: Json) => Number(/ v(\d+)$/.exec(String(doc.title))?.[1] ?? 0);
const t0 = performance.now();
const log = (msg: string) => console.error(`load: ${((performance.now() - t0) / 1000).toFixed(1)} s ${msg}`);

/**
 * Sum and count of the server's request-duration histogram per sync endpoint (all statuses). The
 * server runs on loopback, where /metrics needs no token unless METRICS_TOKEN is set (it inherits ours).
 */
async function serverTimes(base: string): Promise<Map<string, { sum: number; count: number }>> {
  const token = process.env.METRICS_TOKEN;
  const res = await fetch(`${base}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const text = await res.text();
  const out = new Map<string, { sum: number; count: number }>();
  const re =
    /^http_request_duration_seconds_(sum|count)\{[^}]*route="\/sync\/:collection\/([a-z-]+)"[^}]*\} (\S+)$/gm;
  for (const m of text.matchAll(re)) {
    const entry = out.get(m[2]!) ?? { sum: 0, count: 0 };
    entry[m[1] as 'sum' | 'count'] += Number(m[3]);
    out.set(m[2]!, entry);
  }
  return out;
}

/** Busy CPU ticks (1/100 s) of all the machine's cores so far, from /proc/stat (Linux). */
function machineBusyTicks(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

async function runPhase(
  base: string,
  serverPid: number,
  teams: Team[],
  clients: number,
  pushEveryMs: number,
  windowMs: number,
  windows = WINDOWS,
): Promise<Phase> {
  const measureMs = windowMs * windows;
  const errors = new Map<string, number>();
  const fail = (kind: string, e: unknown) => {
    const key = `${kind}: ${String((e as Error).message ?? e).slice(0, 80)}`;
    errors.set(key, (errors.get(key) ?? 0) + 1);
  };
  /** Versions pushed, per `<team>|<doc id>`, in order. */
  const pushed = new Map<string, Version[]>();
  const perWindow = Array.from({ length: windows }, () => ({
    pushes: 0,
    pushMs: [] as number[],
    propagationMs: [] as number[],
  }));
  let windowStart = Infinity;
  let windowEnd = Infinity;
  const windowOf = (t: number) =>
    t >= windowStart && t < windowEnd ? Math.floor((t - windowStart) / windowMs) : -1;
  let pushing = true;
  let stopPushing = () => {};
  const stopped = new Promise<void>((ok) => (stopPushing = ok));

  const sims = Array.from({ length: clients }, (_, i) => {
    const teamIndex = Math.floor(i / TEAM_SIZE);
    const team = teams[teamIndex]!;
    const slot = i % TEAM_SIZE;
    const lastSeen = new Map<string, number>();
    const client = new ReplicatingClient(base, team.tokens[slot % team.tokens.length]!, {
      onDocs(collection, docs, now) {
        if (collection !== 'leads') return;
        for (const doc of docs) {
          if (String(doc._id).startsWith(`lead-${slot}-`)) continue; // its own edit coming back
          const key = `${teamIndex}|${doc._id}`;
          const v = versionOf(doc);
          const from = lastSeen.get(key) ?? 0;
          if (v <= from) continue;
          lastSeen.set(key, v);
          // Every version up to this one has reached this client (CouchDB sends a doc's latest only).
          for (const version of pushed.get(key) ?? []) {
            if (version.v <= from || version.v > v) continue;
            version.seenBy++;
            if (version.window >= 0) perWindow[version.window]!.propagationMs.push(now - version.startedAt);
          }
        }
      },
      onError: (kind, e) => fail(kind, e),
    });
    return { client, teamIndex, slot, versions: new Map<number, number>(), assumed: new Map<string, Json>() };
  });

  async function pushLoop(sim: (typeof sims)[number]) {
    let next = performance.now() + Math.random() * pushEveryMs;
    for (let n = 0; pushing; n++) {
      const wait = next - performance.now();
      if (wait > 0) await Promise.race([new Promise((r) => setTimeout(r, wait)), stopped]);
      if (!pushing) return;
      const k = n % LEADS_PER_CLIENT;
      const v = (sim.versions.get(k) ?? 0) + 1;
      sim.versions.set(k, v);
      const doc = lead(sim.slot, k, v);
      const key = `${sim.teamIndex}|${doc._id}`;
      const started = performance.now();
      const version: Version = { v, startedAt: started, window: windowOf(started), seenBy: 0 };
      pushed.set(key, [...(pushed.get(key) ?? []), version]);
      try {
        const conflicts = await sim.client.push('leads', [doc], sim.assumed);
        if (conflicts.length > 0) fail('push', new Error('conflict'));
        else if (version.window >= 0) {
          perWindow[version.window]!.pushes++;
          perWindow[version.window]!.pushMs.push(performance.now() - started);
        }
      } catch (e) {
        version.window = -1; // not written: nobody can see it
        fail('push', e);
      }
      // Closed loop per client: a push that overruns its slot delays the next one.
      next = Math.max(next + pushEveryMs, performance.now());
    }
  }

  const benchCpu0 = process.cpuUsage();
  const sampler = sampleProcess(serverPid, 500, () => ({
    held: sims.reduce((n, s) => n + s.client.held, 0),
  }));
  // Start over ~2 s, as desktops would not all open at the same millisecond.
  const loops: Promise<void>[] = [];
  for (const sim of sims) {
    for (const c of LIVE) sim.client.live(c);
    for (const c of LIVE) void sim.client.pull(c);
    loops.push(pushLoop(sim));
    await new Promise((r) => setTimeout(r, 2_000 / clients));
  }
  await new Promise((r) => setTimeout(r, WARM_MS));
  const times0 = await serverTimes(base);
  windowStart = performance.now();
  windowEnd = windowStart + measureMs;
  const cpuStart = sampler.samples.at(-1)!;
  const benchStart = process.cpuUsage(benchCpu0);
  const machineStart = machineBusyTicks();
  await new Promise((r) => setTimeout(r, measureMs));
  pushing = false;
  stopPushing();
  const times1 = await serverTimes(base);
  await Promise.all(loops);
  const window = sampler.samples.filter((s) => s.at >= windowStart && s.at <= windowEnd);
  const cpuEnd = window.at(-1) ?? cpuStart;
  const benchEnd = process.cpuUsage(benchCpu0);
  const machineEnd = machineBusyTicks();

  // Drain: wait until every measured version reached every other client of its team, or give up.
  const expected = (teamIndex: number) => Math.min(TEAM_SIZE, clients - teamIndex * TEAM_SIZE) - 1;
  const unseen = () => {
    let n = 0;
    for (const [key, versions] of pushed) {
      const others = expected(Number(key.split('|')[0]));
      for (const v of versions) if (v.window >= 0) n += Math.max(0, others - v.seenBy);
    }
    return n;
  };
  for (const deadline = performance.now() + DRAIN_MS; unseen() > 0 && performance.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const missing = unseen();
  await Promise.all(sims.map((s) => s.client.stop()));
  const all = sampler.stop();

  const seconds = measureMs / 1000;
  const serverMs: Record<string, number> = {};
  for (const [endpoint, t] of times1) {
    const before = times0.get(endpoint) ?? { sum: 0, count: 0 };
    if (t.count > before.count) serverMs[endpoint] = ((t.sum - before.sum) / (t.count - before.count)) * 1000;
  }
  const held = window.map((s) => s.held);
  const benchCpu =
    ((benchEnd.user + benchEnd.system - benchStart.user - benchStart.system) / 1e6 / seconds) * 100;
  const invalid = clientSaturation(benchCpu / 100, 1);
  return {
    clients,
    pushEveryMs,
    measureMs,
    offered: clients / (pushEveryMs / 1000),
    pushes: perWindow.reduce((n, w) => n + w.pushes, 0),
    pushMs: perWindow.flatMap((w) => w.pushMs),
    propagationMs: perWindow.flatMap((w) => w.propagationMs),
    windows: perWindow,
    ...(invalid ? { invalid } : {}),
    unseen: missing,
    errors,
    held: {
      mean: held.reduce((a, b) => a + b, 0) / (held.length || 1),
      min: Math.min(...held),
      max: Math.max(...held),
    },
    rssPeakMb: Math.max(...all.map((s) => s.rssMb)),
    mainRssPeakMb: Math.max(...all.map((s) => s.mainRssMb)),
    processes: Math.max(...all.map((s) => s.processes)),
    hwm: peakRssOf(serverPid),
    fdsPeak: Math.max(...all.map((s) => s.fds)),
    serverCpu: ((cpuEnd.cpuSeconds - cpuStart.cpuSeconds) / ((cpuEnd.at - cpuStart.at) / 1000)) * 100,
    serverMs,
    benchCpu,
    machineCores: (machineEnd - machineStart) / 100 / seconds,
  };
}

function figures(p: Phase, base: Phase, goals: { push: number; propagation: number }): Figure[] {
  const label = `${p.clients} clients`;
  const push = summarize(p.pushMs);
  const prop = summarize(p.propagationMs);
  const bPush = summarize(base.pushMs);
  const bProp = summarize(base.propagationMs);
  const baseName = `${base.clients} clients`;
  const errors = [...p.errors.values()].reduce((a, b) => a + b, 0);
  const expectedHeld = p.clients * LIVE.length;
  const perWindow = (f: (w: Phase['windows'][number]) => number) => repeated(p.windows.map(f));
  const windowS = p.measureMs / p.windows.length / 1000;
  const invalid = p.invalid ? { invalid: p.invalid } : {};
  const judged = `${p.windows.length} windows of ${windowS} s`;
  return [
    {
      name: `${label}: long-polls held at once (mean)`,
      value: p.held.mean,
      unit: 'polls',
      goal: `>= ${Math.floor(expectedHeld * 0.95)}`,
      note: `${expectedHeld} expected (${LIVE.join(' + ')} per client); min ${p.held.min}, max ${p.held.max}; counted client-side every 500 ms`,
    },
    {
      name: `${label}: pushes per second achieved`,
      ...perWindow((w) => w.pushes / windowS),
      unit: 'push/s',
      goal: `>= ${(p.offered * 0.95).toFixed(1)}`,
      ...invalid,
      note: `${p.offered} offered (a 1-doc edit per client every ${p.pushEveryMs / 1000} s, closed loop); ${p.pushes} in ${judged}`,
    },
    {
      name: `${label}: push p50`,
      value: push.p50,
      unit: 'ms',
      baseline: { name: baseName, value: bPush.p50 },
      note: `_all_docs {keys} + _bulk_docs, as RxDB pushes; mean time inside the server (/metrics): _all_docs ${Math.round(p.serverMs['all-docs'] ?? NaN)} ms, _bulk_docs ${Math.round(p.serverMs['bulk-docs'] ?? NaN)} ms`,
    },
    {
      name: `${label}: push p95`,
      ...perWindow((w) => summarize(w.pushMs).p95),
      unit: 'ms',
      goal: `< ${goals.push}`,
      ...invalid,
      note: `median of the p95 of each of ${judged}; all pushes together: ${Math.round(push.p95)} ms`,
      baseline: { name: baseName, value: bPush.p95 },
    },
    {
      name: `${label}: propagation p50`,
      value: prop.p50,
      unit: 'ms',
      baseline: { name: baseName, value: bProp.p50 },
      note: `push start -> each other team client's long-poll answer; ${prop.n} deliveries`,
    },
    {
      name: `${label}: propagation p95`,
      ...perWindow((w) => summarize(w.propagationMs).p95),
      unit: 'ms',
      goal: `< ${goals.propagation}`,
      ...invalid,
      note: `median of the p95 of each of ${judged}; all deliveries together: ${Math.round(prop.p95)} ms`,
      baseline: { name: baseName, value: bProp.p95 },
    },
    {
      name: `${label}: changes never seen by a team client`,
      value: p.unseen,
      unit: 'deliveries',
      goal: '<= 0',
      note: `${DRAIN_MS / 1000} s after the last push`,
    },
    {
      name: `${label}: errors`,
      value: errors,
      unit: 'errors',
      goal: '<= 0',
      ...(errors > 0
        ? {
            note: [...p.errors]
              .map(([k, n]) => `${n}× ${k}`)
              .join('; ')
              .slice(0, 300),
          }
        : {}),
    },
    {
      name: `${label}: server RSS peak`,
      value: p.rssPeakMb,
      unit: 'MB',
      baseline: { name: baseName, value: base.rssPeakMb },
      note: `sampled VmRSS, sum over main.ts and its children (${p.processes} processes: ${backend().kind === 'couchdb' ? 'CouchDB not counted' : 'the store runs in its own unless EMBEDDED_STORE=inline'}); main.ts alone ${Math.round(p.mainRssPeakMb)} MB; VmHWM so far ${Math.round(p.hwm.mainMb)} MB main, ${Math.round(p.hwm.treeMb)} MB summed; open files peak ${p.fdsPeak}`,
    },
    {
      name: `${label}: server CPU (all its processes)`,
      value: p.serverCpu,
      unit: '% of a core',
      baseline: { name: baseName, value: base.serverCpu },
      note: `the whole machine was busy ${p.machineCores.toFixed(2)} of its ${cpus().length} cores meanwhile: ${Math.max(0, p.machineCores - (p.serverCpu + p.benchCpu) / 100).toFixed(2)} of them other processes`,
    },
    {
      name: `${label}: load generator CPU (the clients, this process)`,
      value: p.benchCpu,
      unit: '% of a core',
      note: p.invalid ?? 'below 85% of its one core: the server, not the clients, set the pace',
    },
  ];
}

/** Goals per client count: the issue's for 50 and 200; 1 s (the knee's line) beyond. */
const goalsFor = (clients: number) =>
  clients <= 50
    ? { push: 500, propagation: 1000 }
    : clients <= 200
      ? { push: 1000, propagation: 2000 }
      : { push: 1000, propagation: 1000 };

async function main() {
  exitOnSignals();
  const on = await openBackend();
  const report = newReport(
    `sync-server under load: ${PHASES.join(', ')} replicating clients${on.title} (${mode})`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'sync-load-'));
  const server = await startServerProcess(dataDir);
  log(`server pid ${server.pid} up`);
  try {
    const most = Math.max(...PHASES, ...KNEE_STEPS);
    const teams: Team[] = [];
    for (let t = 0; t < Math.ceil(most / TEAM_SIZE); t++) {
      const team = await signUpTeam(server.url, `Load ${t}`, 1);
      teams.push(team);
      // Every client's leads exist before it starts (each client edits only its own).
      const docs = Array.from({ length: TEAM_SIZE * LEADS_PER_CLIENT }, (_, i) =>
        lead(Math.floor(i / LEADS_PER_CLIENT), i % LEADS_PER_CLIENT, 0),
      );
      await json(`${server.url}/sync/leads/_bulk_docs`, {
        method: 'POST',
        token: team.tokens[0],
        body: JSON.stringify({ docs }),
      });
    }
    log(`${teams.length} teams signed up`);
    const baseline = await runPhase(server.url, server.pid, teams, 2, 500, WINDOW_MS / 2, 1);
    log('baseline done');
    const bPush = summarize(baseline.pushMs);
    report.figures.push({
      name: `baseline ${baseline.clients} clients: push p95`,
      value: bPush.p95,
      unit: 'ms',
      note: `one team, a push every ${baseline.pushEveryMs / 1000} s each, ${bPush.n} pushes; propagation p95 ${Math.round(summarize(baseline.propagationMs).p95)} ms; errors ${[...baseline.errors.values()].reduce((a, b) => a + b, 0)}`,
    });
    const steps: Phase[] = [];
    for (const clients of [...PHASES, ...KNEE_STEPS].sort((a, b) => a - b)) {
      const phase = await runPhase(server.url, server.pid, teams, clients, PUSH_EVERY_MS, WINDOW_MS);
      log(`${clients} clients done`);
      steps.push(phase);
      if (PHASES.includes(clients)) report.figures.push(...figures(phase, baseline, goalsFor(clients)));
    }
    if (KNEE_STEPS.length) {
      const at = (f: (p: Phase) => number[]) =>
        steps.map((p) => ({ clients: p.clients, p95: summarize(f(p)).p95 }));
      const table = (pts: { clients: number; p95: number }[]) =>
        pts.map((x) => `${x.clients}: ${Math.round(x.p95)} ms`).join(', ');
      for (const [what, f] of [
        ['push', (p: Phase) => p.pushMs],
        ['propagation', (p: Phase) => p.propagationMs],
      ] as const) {
        const pts = at(f);
        const k = knee(pts);
        report.figures.push({
          name: `knee: clients where ${what} p95 crosses 1 s`,
          value: k ?? NaN,
          unit: 'clients',
          note: `${k === undefined ? `not reached up to ${most} clients; ` : ''}p95 by client count: ${table(pts)}`,
        });
      }
    }
    report.figures.push({
      name: 'server open-files limit',
      value: openFilesLimit(server.pid),
      unit: 'files',
      note: 'per process (ulimit -n); a held long-poll costs ~3 descriptors: the client socket and the socket to the store in main.ts, its end in the store',
    });
  } finally {
    log('stopping the server');
    // A graceful stop waits out idle keep-alive sockets of hundreds of clients (~20 s): not measured.
    await server.stop(3_000);
    log('stopped');
    rmSync(dataDir, { recursive: true, force: true });
    await on.close();
  }
  const out = resultsFile(new URL('./results/', import.meta.url).pathname, `load${on.suffix}`, mode);
  printReport(report, out);
}

await main();
process.exit(0);
