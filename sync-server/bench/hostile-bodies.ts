// `tsx bench/hostile-bodies.ts [--quick | --smoke]`: the hostile bodies of issue 60, sent to a server
// process while a probe polls /healthz back to back. A team with a viewer and a rep pushes, through the
// sync gateway, one contact whose `tags` is a 15 MB array of numbers, and 15 contacts of 500,000 such
// tags each (`_bulk_docs`, as the viewer and as the rep), a doc PUT of the first; through the REST API,
// a ~1 MB contact of wrong-typed tags (as both); and an admin restores a backup whose lines carry such
// arrays (into a team of its own). Before the fix one viewer's push held /healthz 24 s and took the
// server to 1.8 GB.
// Goals: /healthz p99 < 200 ms and its slowest < 1 s throughout, the server's RSS growth < 256 MB,
// every hostile request refused (a 4xx, or a `_bulk_docs` row that is an error for each doc). The
// process exits 1 when a goal is missed, in every mode (a smoke run too: its bodies are smaller, but
// before the fix they held the server seconds as well; a smoke run that missed only a latency goal is
// run once more, and fails if that one misses too).
// Bodies are built before the probe starts and sent in 64 KiB pieces, so this process's own stalls
// stay out of the figures; its longest stall is reported, and a latency figure over its goal by less
// than that stall, or than /healthz's p99 before the bodies (a busy machine), is marked invalid
// rather than judged (in a smoke run, which judges no figure, it is noted).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchMode, newReport, percentile, printReport, resultsFile, type Figure } from '@app/shared/bench';
import { exitOnSignals, json, peakRssOf, readProc, signUpTeam, pieces, stallMeter } from './clients';
import { startServerProcess } from './server-process';

const mode = benchMode();
const sizes =
  mode === 'smoke'
    ? {
        bigTags: 1_000_000,
        docs: 3,
        docTags: 200_000,
        apiTags: 460_000,
        lines: 3,
        lineTags: 400_000,
        rounds: 1,
      }
    : {
        bigTags: 7_500_000,
        docs: 15,
        docTags: 500_000,
        apiTags: 460_000,
        lines: 10,
        lineTags: 400_000,
        rounds: mode === 'quick' ? 1 : 3,
      };
/** The bodies are sent again, round after round, until at least this long has passed (and `rounds`). */
const MIN_SECONDS = mode === 'smoke' ? 3 : 10;
/** /healthz probed for this long before the bodies: the machine's own latency, for comparison. */
const BASELINE_MS = mode === 'smoke' ? 1_500 : 5_000;
const GOAL_P99_MS = 200;
const GOAL_MAX_MS = 1_000;
const GOAL_RSS_GROWTH_MB = 256;

/** `[1,1,…,1]` of `n` items, as text: the array at the heart of every body. */
const ones = (n: number) => `[${'1,'.repeat(n - 1)}1]`;
const contact = (id: string, tags: number) =>
  `{"_id":"${id}","name":"Hostile","identities":[],"tags":${ones(tags)}}`;

type Attack = {
  name: string;
  who: 'viewer' | 'rep' | 'admin';
  method: string;
  path: string;
  type: string;
  body: Buffer;
};

function attacks(): Attack[] {
  const big = Buffer.from(`{"docs":[${contact('big-tags', sizes.bigTags)}]}`);
  const many = Buffer.from(
    `{"docs":[${Array.from({ length: sizes.docs }, (_, i) => contact(`many-${i}`, sizes.docTags)).join(',')}]}`,
  );
  const put = Buffer.from(contact('put-tags', sizes.bigTags));
  const api = Buffer.from(`{"name":"Hostile","tags":${ones(sizes.apiTags)}}`);
  const mb = (b: Buffer) => `${(b.length / 1e6).toFixed(1)} MB`;
  const gateway = (who: 'viewer' | 'rep'): Attack[] => [
    {
      name: `gateway _bulk_docs, 1 contact with ${sizes.bigTags.toLocaleString('en-US')} tags (${mb(big)})`,
      who,
      method: 'POST',
      path: '/sync/contacts/_bulk_docs',
      type: 'application/json',
      body: big,
    },
    {
      name: `gateway _bulk_docs, ${sizes.docs} contacts × ${sizes.docTags.toLocaleString('en-US')} tags (${mb(many)})`,
      who,
      method: 'POST',
      path: '/sync/contacts/_bulk_docs',
      type: 'application/json',
      body: many,
    },
    {
      name: `gateway PUT of a contact with ${sizes.bigTags.toLocaleString('en-US')} tags (${mb(put)})`,
      who,
      method: 'PUT',
      path: '/sync/contacts/put-tags',
      type: 'application/json',
      body: put,
    },
    {
      name: `REST POST /contacts, ${sizes.apiTags.toLocaleString('en-US')} wrong-typed tags (${mb(api)})`,
      who,
      method: 'POST',
      path: '/api/v1/contacts',
      type: 'application/json',
      body: api,
    },
  ];
  return [...gateway('viewer'), ...gateway('rep'), restoreAttack()];
}

/** A backup whose doc lines each carry a contact of `lineTags` tags (under 1 MiB: checked inline). */
function restoreAttack(): Attack {
  const header = JSON.stringify({
    type: 'header',
    format: 'sales-workspace-backup',
    version: 1,
    teamId: 'hostile',
    createdAt: new Date(0).toISOString(),
    collections: ['contacts'],
  });
  const lines = Array.from(
    { length: sizes.lines },
    (_, i) =>
      `{"type":"doc","collection":"contacts","doc":${contact(`line-${i}`, sizes.lineTags).replace('{', '{"_rev":"1-abc",')}}`,
  );
  const end = JSON.stringify({ type: 'end', counts: { contacts: sizes.lines } });
  const body = gzipSync([header, ...lines, end, ''].join('\n'));
  return {
    name: `restore, ${sizes.lines} lines of a contact with ${sizes.lineTags.toLocaleString('en-US')} tags (${(body.length / 1e3).toFixed(0)} KB packed)`,
    who: 'admin',
    method: 'POST',
    path: '/api/v1/admin/restore?confirm=replace',
    type: 'application/gzip',
    body,
  };
}

/** Registers a member of `role` through an invite and signs them in. */
async function addMember(base: string, admin: string, role: string): Promise<string> {
  const password = 'bench password 1';
  const invite = await json(`${base}/api/v1/members/invite`, {
    method: 'POST',
    token: admin,
    body: JSON.stringify({ email: `${role}-${Date.now()}@example.com`, role }),
  });
  await json(`${base}/api/v1/auth/accept-invite`, {
    method: 'POST',
    body: JSON.stringify({ token: invite.inviteToken, password }),
  });
  const login = await json(`${base}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: invite.email, password }),
  });
  return login.accessToken as string;
}

/**
 * The server's longest event-loop delay since the last scrape (prom-client's
 * nodejs_eventloop_lag_max_seconds, whose histogram is reset at each scrape), in ms.
 */
async function eventLoopMaxMs(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^nodejs_eventloop_lag_max_seconds ([\d.e+-]+)$/m.exec(text)?.[1] ?? NaN) * 1000;
}

type Outcome = { attack: Attack; status: number; reason: string; ms: number; refused: boolean };

/** Refused: a 4xx, or a `_bulk_docs` answer whose every row is an error (CouchDB's way). */
function refusedBy(status: number, text: string): boolean {
  if (status >= 400 && status < 500) return true;
  if (status !== 201) return false;
  try {
    const rows = JSON.parse(text) as { error?: string }[];
    return Array.isArray(rows) && rows.length > 0 && rows.every((r) => typeof r.error === 'string');
  } catch {
    return false;
  }
}

async function send(base: string, token: string, a: Attack): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}${a.path}`, {
      method: a.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': a.type },
      body: pieces(a.body),
      duplex: 'half',
      signal: AbortSignal.timeout(120_000),
    } as RequestInit);
    const text = await res.text();
    const ms = performance.now() - t0;
    return {
      attack: a,
      status: res.status,
      reason: text.slice(0, 160),
      ms,
      refused: refusedBy(res.status, text),
    };
  } catch (error) {
    const ms = performance.now() - t0;
    return { attack: a, status: 0, reason: (error as Error).message, ms, refused: false };
  }
}

/** One run: the goals it missed. */
async function main(): Promise<string[]> {
  exitOnSignals();
  const dir = mkdtempSync(join(tmpdir(), 'bench-bodies-'));
  const server = await startServerProcess(dir, { LOG_LEVEL: 'info' });
  const report = newReport(
    `hostile bodies (issue 60): gateway, REST API and restore as viewer, rep and admin`,
  );
  let failed: string[] = [];
  try {
    const team = await signUpTeam(server.url, 'Hostile bodies', 1);
    const tokens = {
      admin: team.tokens[0]!,
      rep: team.tokens[1]!,
      viewer: await addMember(server.url, team.tokens[0]!, 'viewer'),
    };
    const restorer = (await signUpTeam(server.url, 'Restoring team', 0)).tokens[0]!;
    const list = attacks();
    // Warm-up: the routes and validators compiled, then the baseline memory.
    await json(`${server.url}/api/v1/contacts?limit=1`, { token: tokens.rep });
    await new Promise((r) => setTimeout(r, 500));
    const rssBefore = readProc(server.pid).mainRssMb;

    let stop = false;
    let inFlight: Attack | undefined;
    const slowestDuring = new Map<Attack, number>();
    let health: number[] = [];
    let healthErrors = 0;
    const probe = (async () => {
      while (!stop) {
        const t0 = performance.now();
        const during = inFlight;
        try {
          const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(60_000) });
          await res.arrayBuffer();
          if (res.status !== 200) healthErrors++;
        } catch {
          healthErrors++;
        }
        const ms = performance.now() - t0;
        health.push(ms);
        // The slowest probe that began while each body was being sent or answered.
        if (during) slowestDuring.set(during, Math.max(slowestDuring.get(during) ?? 0, ms));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, BASELINE_MS));
    const baseline = [...health].sort((a, b) => a - b);
    health = [];
    await eventLoopMaxMs(server.url);
    const stalls = stallMeter();
    const started = performance.now();
    const outcomes: Outcome[] = [];
    for (let round = 0; round < sizes.rounds || performance.now() - started < MIN_SECONDS * 1000; round++) {
      for (const a of list) {
        const token = a.who === 'admin' ? restorer : tokens[a.who];
        inFlight = a;
        outcomes.push(await send(server.url, token, a));
        inFlight = undefined;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const clientStall = stalls.stop();
    const serverLoopMax = await eventLoopMaxMs(server.url);
    stop = true;
    await probe;
    const peak = peakRssOf(server.pid).mainMb;
    const sorted = [...health].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    const slowest = sorted[sorted.length - 1] ?? NaN;
    // A stall of this process adds at most its length to a probe, and a busy machine its own latency
    // (the p99 before the bodies): a figure over its goal by no more than the larger of the two cannot
    // be judged (invalid); one over it by more is the server's.
    const noise = Math.max(clientStall, percentile(baseline, 99));
    const judged = (value: number, goal: number) =>
      value < goal ? 'met' : value - noise >= goal ? 'missed' : 'unknown';
    // A smoke run judges no figure (it only shows the bench runs, on a machine busy with CI): a figure
    // within the noise is noted, not made one that was not measured; a miss beyond the noise still fails.
    const invalidOf = (value: number, goal: number, note?: string): Pick<Figure, 'invalid' | 'note'> => {
      if (judged(value, goal) !== 'unknown') return note ? { note } : {};
      const why = `over the goal by less than the noise (this process stalled ${Math.round(clientStall)} ms, /healthz p99 before the bodies ${Math.round(percentile(baseline, 99))} ms)`;
      if (mode !== 'smoke') return { invalid: `invalid: ${why}`, ...(note ? { note } : {}) };
      return { note: [`in a quick run this would be invalid: ${why}`, note].filter(Boolean).join('; ') };
    };
    const refused = outcomes.filter((o) => o.refused).length;
    const figures: Figure[] = [
      {
        name: '/healthz p99 during the hostile bodies',
        value: Math.round(p99),
        unit: 'ms',
        goal: `< ${GOAL_P99_MS}`,
        baseline: { name: 'before the bodies', value: Math.round(percentile(baseline, 99)) },
        ...invalidOf(
          p99,
          GOAL_P99_MS,
          `${health.length} probes over ${seconds.toFixed(1)} s, errors: ${healthErrors}; median ${Math.round(percentile(sorted, 50))} ms`,
        ),
      },
      {
        name: '/healthz slowest during the hostile bodies',
        value: Math.round(slowest),
        unit: 'ms',
        goal: `< ${GOAL_MAX_MS}`,
        ...invalidOf(slowest, GOAL_MAX_MS),
      },
      {
        name: "server's longest event-loop delay during the bodies",
        value: Math.round(serverLoopMax),
        unit: 'ms',
        note: "the server's own nodejs_eventloop_lag_max_seconds (/metrics), free of this process's stalls; on a busy machine it includes waits for a CPU",
      },
      {
        name: 'server RSS growth (peak during the bodies less RSS before)',
        value: Math.round(peak - rssBefore),
        unit: 'MB',
        goal: `< ${GOAL_RSS_GROWTH_MB}`,
        note: `VmHWM of main.ts ${Math.round(peak)} MB, VmRSS before ${Math.round(rssBefore)} MB (its worker threads included; the embedded store's process apart)`,
      },
      {
        name: 'hostile requests refused (a 4xx, or every row of a _bulk_docs an error)',
        value: refused,
        unit: `of ${outcomes.length}`,
        goal: `>= ${outcomes.length}`,
      },
      {
        name: 'measuring process: longest event-loop stall',
        value: Math.round(clientStall),
        unit: 'ms',
        note: 'a latency figure over its goal by less than this (or than the p99 before the bodies) is not judged (invalid)',
      },
      ...outcomes.slice(0, list.length).map((o) => ({
        name: `${o.attack.name} as ${o.attack.who}: answered in`,
        value: Math.round(o.ms),
        unit: 'ms',
        note: `slowest /healthz begun meanwhile (any round): ${Math.round(slowestDuring.get(o.attack) ?? NaN)} ms; first round: ${o.status} ${o.reason.replace(/\s+/g, ' ')}`,
      })),
    ];
    report.figures.push(...figures);
    const missed = [
      judged(p99, GOAL_P99_MS) === 'missed' && `/healthz p99 ${Math.round(p99)} ms`,
      judged(slowest, GOAL_MAX_MS) === 'missed' && `/healthz slowest ${Math.round(slowest)} ms`,
      peak - rssBefore >= GOAL_RSS_GROWTH_MB && `RSS growth ${Math.round(peak - rssBefore)} MB`,
      refused < outcomes.length && `${outcomes.length - refused} hostile requests not refused`,
    ].filter((m): m is string => typeof m === 'string');
    if (missed.length) {
      failed = missed;
      console.error(`hostile-bodies: goals missed: ${missed.join('; ')}`);
    }
  } finally {
    await server.stop(15_000);
    rmSync(dir, { recursive: true, force: true });
  }
  printReport(report, resultsFile(new URL('./results/', import.meta.url).pathname, 'hostile-bodies', mode));
  return failed;
}

// A smoke run shares a busy CI machine: one that missed only a latency goal is run again, and fails
// when the second run misses too (before the fix each run missed it by seconds).
let missed = await main();
if (mode === 'smoke' && missed.length && missed.every((m) => m.startsWith('/healthz'))) {
  console.error('hostile-bodies: a latency goal was missed; running once more');
  missed = await main();
}
if (missed.length) process.exitCode = 1;
