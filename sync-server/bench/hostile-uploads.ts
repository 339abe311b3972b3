// `tsx bench/hostile-uploads.ts [--quick | --smoke]`: five hostile knowledge files (a DOCX bomb whose
// declared sizes lie, a 20,000-page PDF, 8 MB of text without a space, a DOCX declaring huge entries,
// a ZIP passed off as knowledge) uploaded one after another to a server process while 20 clients of
// another team use the API and a probe polls /healthz, in three rounds (each from a team of its own).
// Reports API and /healthz p99 during the uploads (goal < 200 ms each, the median of the rounds), the server's peak RSS (goal < 1 GB) and how each upload ended: failed
// with its reason, or refused up front with a 4xx naming the limit (goal: all five). The uploads are
// sent as streams of 64 KiB pieces: a multi-MB body handed to fetch at once held this process's event
// loop ~250 ms, and every API call in flight was timed that much slower for it. This process's own
// stalls and CPU are reported; the latency figures are marked invalid when either could have set them.
// Then four hostile restore files (issue 34), one after another into a team of their own: a newline
// bomb, one line of 300 MB, a gzip bomb of files docs over the 1 GiB unpacked limit (a smoke run: a
// smaller one, refused as truncated) and deeply nested lines. Goals: each refused with a 4xx, the
// server alive after it, and the slowest /healthz while it was read under 500 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchMode,
  clientSaturation,
  repeated,
  newReport,
  printReport,
  resultsFile,
  type Figure,
} from '@app/shared/bench';
import { docxFile, pdfFile, zipFile } from '@app/shared/testing';
import { hostileBackups, type HostileBackup } from '../test/hostile-backups';
import { exitOnSignals, json, sampleProcess, signUpTeam, pieces, stallMeter } from './clients';
import { ownCpuMs } from './process-cpu';
import { startServerProcess } from './server-process';

const mode = benchMode();
const CLIENTS = mode === 'smoke' ? 4 : 20;
/** The latency goals are judged on the median of the rounds' p99 (a smoke run only checks it runs). */
const ROUNDS = mode === 'smoke' ? 1 : 3;
const SETTLE_MS = 180_000;

type Hostile = { name: string; what: string; body: Uint8Array };

function hostileFiles(): Hostile[] {
  const huge = 0xfff0_0000;
  return [
    {
      name: 'bomb.docx',
      what: 'DOCX bomb: one 100 MB text run, sizes declared as 1 KB',
      body: docxFile({ runChars: 100_000_000, declaredSize: 1_000 }),
    },
    // A smoke run only checks that the bench starts and reports: files just over the limits.
    mode === 'smoke'
      ? { name: 'pages.pdf', what: 'PDF of 2,500 pages', body: pdfFile(2_500) }
      : { name: 'pages.pdf', what: 'PDF of 20,000 pages', body: pdfFile(20_000) },
    mode === 'smoke'
      ? {
          name: 'nospace.txt',
          what: '5.2 MB of text without a space',
          body: new Uint8Array(5_200_000).fill(0x78),
        }
      : {
          name: 'nospace.txt',
          what: '8 MB of text without a space',
          body: new Uint8Array(8_000_000).fill(0x78),
        },
    {
      name: 'huge-entries.docx',
      what: 'ZIP (as .docx) declaring two 4 GB entries',
      body: zipFile([
        { name: 'word/document.xml', data: 'x'.repeat(1000), declaredSize: huge },
        { name: 'word/media/blob.bin', data: 'y'.repeat(1000), declaredSize: huge },
      ]),
    },
    {
      name: 'archive.zip',
      what: 'ZIP of the DOCX bomb as a .zip (wrong type)',
      body: docxFile({ runChars: 1_000_000 }),
    },
  ];
}

/** The hostile restores: the same files in every mode but the gzip bomb, kept small in a smoke run. */
const restoreFiles = () =>
  hostileBackups({
    newlineMib: 160,
    lineMb: 300,
    bomb: mode === 'smoke' ? { count: 4, attachmentMib: 8 } : { count: 40, attachmentMib: 24 },
    nested: { lines: 50, depth: 1_000_000 },
  });

type RestoreOutcome = {
  file: HostileBackup;
  status: string;
  reason: string;
  seconds: number;
  alive: boolean;
  /** This process's longest event-loop stall meanwhile (a /healthz figure it could have set). */
  clientStall: number;
};

/** Posts a restore, then asks /healthz once (5 s at most) whether the server is still there. */
async function restore(url: string, token: string, file: HostileBackup): Promise<RestoreOutcome> {
  const t0 = performance.now();
  const stalls = stallMeter();
  let status = 'no answer';
  let reason = '';
  try {
    const res = await fetch(`${url}/api/v1/admin/restore?confirm=replace`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
      body: pieces(file.body),
      duplex: 'half',
    } as RequestInit);
    const body = (await res.json()) as { error?: { code: string; message: string } };
    status = String(res.status);
    reason = body.error ? `${body.error.code}: ${body.error.message}` : '';
  } catch (error) {
    reason = (error as Error).message;
  }
  const seconds = (performance.now() - t0) / 1000;
  const clientStall = stalls.stop();
  const alive = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })
    .then((r) => r.status === 200)
    .catch(() => false);
  return { file, status, reason, seconds, alive, clientStall };
}

/** The client's stalls that would show in a latency figure: half the goal (200 ms) or more. */
const MAX_CLIENT_STALL_MS = 100;

const p99 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] ?? NaN;

/** Calls `probe` back to back until `stop` is set; latencies with the phase they fell in. */
function loop(
  probe: () => Promise<void>,
  phase: () => string,
  stop: () => boolean,
  out: Map<string, number[]>,
) {
  return (async () => {
    while (!stop()) {
      const t0 = performance.now();
      const at = phase();
      try {
        await probe();
        const list = out.get(at) ?? [];
        list.push(performance.now() - t0);
        out.set(at, list);
      } catch {
        out.set(`${at}:errors`, [...(out.get(`${at}:errors`) ?? []), 1]);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
}

type Outcome = { file: Hostile; ended: string; reason: string; seconds: number };

/** Uploads a file after `delayMs` and follows its source until it fails or is ready. */
async function upload(url: string, token: string, file: Hostile, delayMs: number): Promise<Outcome> {
  await new Promise((r) => setTimeout(r, delayMs));
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/knowledge/sources?fileName=${file.name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: pieces(file.body),
    duplex: 'half',
  } as RequestInit);
  const body = (await res.json()) as { id?: string; error?: { message: string } };
  if (res.status !== 201)
    return {
      file,
      ended: `refused ${res.status}`,
      reason: body.error?.message ?? '',
      seconds: (performance.now() - t0) / 1000,
    };
  for (;;) {
    const source = await json(`${url}/api/v1/knowledge/sources/${body.id}`, { token });
    const seconds = (performance.now() - t0) / 1000;
    if (source.status === 'failed' || source.status === 'ready' || seconds * 1000 > SETTLE_MS)
      return { file, ended: String(source.status), reason: String(source.error ?? ''), seconds };
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  exitOnSignals();
  const dir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
  const server = await startServerProcess(dir, { LOG_LEVEL: 'info', RUNTIME: 'true' });
  const report = newReport(`hostile knowledge uploads: 5 files while ${CLIENTS} clients use the API`);
  try {
    const users = await signUpTeam(server.url, 'Busy team', 1);
    // Each round's files come from a team of their own (a team's second copy of a file is a duplicate).
    const attackers: Array<Awaited<ReturnType<typeof signUpTeam>>> = [];
    for (let round = 0; round < ROUNDS; round++)
      attackers.push(await signUpTeam(server.url, `Hostile team ${round + 1}`, 0));
    const files = hostileFiles();
    let phase = 'warm-up';
    let stop = false;
    const api = new Map<string, number[]>();
    const health = new Map<string, number[]>();
    const clients = Array.from({ length: CLIENTS }, (_, i) =>
      loop(
        async () => {
          const token = users.tokens[i % users.tokens.length]!;
          await json(`${server.url}/api/v1/${i % 2 ? 'leads' : 'contacts'}?limit=20`, { token });
        },
        () => phase,
        () => stop,
        api,
      ),
    );
    const probe = loop(
      async () => {
        const res = await fetch(`${server.url}/healthz`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`healthz ${res.status}`);
      },
      () => phase,
      () => stop,
      health,
    );
    const sampler = sampleProcess(server.pid, 100, () => ({ phase }));
    await new Promise((r) => setTimeout(r, mode === 'smoke' ? 1_000 : 5_000));
    const rounds: Array<{
      phase: string;
      outcomes: Outcome[];
      seconds: number;
      clientStall: number;
      clientCpu: number;
    }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      phase = `uploads ${round + 1}`;
      const started = performance.now();
      const cpuBefore = ownCpuMs();
      const stalls = stallMeter();
      const outcomes = await Promise.all(
        files.map((file, k) => upload(server.url, attackers[round]!.tokens[0]!, file, k * 200)),
      );
      rounds.push({
        phase,
        outcomes,
        seconds: (performance.now() - started) / 1000,
        clientStall: stalls.stop(),
        clientCpu: ownCpuMs() - cpuBefore,
      });
      phase = 'between';
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const restorer = await signUpTeam(server.url, 'Restoring team', 0);
    const restores: RestoreOutcome[] = [];
    for (const file of restoreFiles()) {
      phase = `restore ${file.name}`;
      restores.push(await restore(server.url, restorer.tokens[0]!, file));
      phase = 'between';
      await new Promise((r) => setTimeout(r, 500));
    }
    stop = true;
    await Promise.all([...clients, probe]);
    const samples = sampler.stop();
    const peak = (list: typeof samples) => Math.max(...list.map((s) => s.mainRssMb));
    const during = samples.filter((s) => s.phase.startsWith('uploads'));
    const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
    const clientStall = Math.max(...rounds.map((r) => r.clientStall));
    const clientCpu = rounds.reduce((sum, r) => sum + r.clientCpu, 0);
    const why =
      clientSaturation(clientCpu, seconds * 1000) ??
      (clientStall >= MAX_CLIENT_STALL_MS
        ? `invalid: the measuring process stalled ${Math.round(clientStall)} ms`
        : undefined);
    // A smoke run judges nothing (it only shows the bench runs, on a machine busy with CI): the reason
    // is noted, not made a figure that was not measured.
    const invalid = mode === 'smoke' ? undefined : why;
    const smokeNote =
      mode === 'smoke' && why
        ? `${why.replace(/^invalid: /, 'in a quick run this would be invalid: ')}; `
        : '';
    const during99 = (calls: Map<string, number[]>) =>
      repeated(rounds.map((r) => p99(calls.get(r.phase) ?? [])));
    const count = (calls: Map<string, number[]>, suffix = '') =>
      rounds.reduce((sum, r) => sum + (calls.get(`${r.phase}${suffix}`)?.length ?? 0), 0);
    const failedOrRefused = Math.min(
      ...rounds.map(
        (r) => r.outcomes.filter((o) => o.ended === 'failed' || /^refused 4/.test(o.ended)).length,
      ),
    );
    const figures: Figure[] = [
      {
        name: 'API p99 during the uploads',
        ...during99(api),
        unit: 'ms',
        goal: '< 200',
        baseline: { name: 'before', value: p99(api.get('warm-up') ?? []) },
        note: `${smokeNote}${count(api)} calls by ${CLIENTS} clients of another team (GET leads / contacts); errors: ${count(api, ':errors')}`,
        ...(invalid ? { invalid } : {}),
      },
      {
        name: '/healthz p99 during the uploads',
        ...during99(health),
        unit: 'ms',
        goal: '< 200',
        baseline: { name: 'before', value: p99(health.get('warm-up') ?? []) },
        note: `${smokeNote}${count(health)} probes; errors: ${count(health, ':errors')}`,
        ...(invalid ? { invalid } : {}),
      },
      {
        name: 'measuring process: longest event-loop stall during the uploads',
        value: Math.round(clientStall),
        unit: 'ms',
        note: `its CPU: ${Math.round(clientCpu / 10 / seconds)}% of a core; the latency figures are invalid from a ${MAX_CLIENT_STALL_MS} ms stall or a saturated client`,
      },
      {
        name: 'server RSS, peak during the uploads',
        value: Math.round(peak(during.length ? during : samples)),
        unit: 'MB',
        goal: '< 1024',
        baseline: { name: 'before', value: Math.round(peak(samples.filter((s) => s.phase === 'warm-up'))) },
        note: 'VmRSS of main.ts (its worker threads included; the embedded store process apart), sampled every 100 ms',
      },
      {
        name: 'uploads ended failed or refused with a reason',
        value: failedOrRefused,
        unit: `of ${files.length}`,
        goal: `>= ${files.length}`,
        note: `fewest of any round; the rounds settled in ${rounds.map((r) => r.seconds.toFixed(1)).join(', ')} s`,
      },
      ...rounds[0]!.outcomes.map((o) => ({
        name: `${o.file.name} (${Math.round(o.file.body.length / 1024)} KB): ${o.file.what}`,
        value: Number(o.seconds.toFixed(2)),
        unit: 's',
        note: `round 1: ${o.ended}: ${o.reason.slice(0, 200)}`,
      })),
      {
        name: 'hostile restores refused with a 4xx, server alive after each',
        value: restores.filter((r) => /^4\d\d$/.test(r.status) && r.alive).length,
        unit: `of ${restores.length}`,
        goal: `>= ${restores.length}`,
        note: `POST /admin/restore?confirm=replace, one file after another; alive: /healthz answers 200 within 5 s after it; server RSS peak meanwhile ${Math.round(peak(samples.filter((s) => s.phase.startsWith('restore'))))} MB`,
      },
      ...restores.map((r) => {
        const probes = health.get(`restore ${r.file.name}`) ?? [];
        const errors = health.get(`restore ${r.file.name}:errors`)?.length ?? 0;
        // A probe that got no answer (the server gone) waited at least as long as the restore.
        const worst = Math.max(0, ...probes, errors || !r.alive ? r.seconds * 1000 : 0);
        const stalled =
          r.clientStall >= MAX_CLIENT_STALL_MS
            ? `invalid: the measuring process stalled ${Math.round(r.clientStall)} ms`
            : undefined;
        return {
          ...(stalled && mode !== 'smoke' ? { invalid: stalled } : {}),
          name: `restore ${r.file.name} (${Math.round(r.file.body.length / 1024)} KB): slowest /healthz while read`,
          value: Math.round(worst),
          unit: 'ms',
          goal: '< 500',
          note: `${r.file.what}; ${r.status} in ${r.seconds.toFixed(1)} s${r.alive ? '' : ', server gone'}; ${probes.length} probes, errors: ${errors}; measuring process's longest stall ${Math.round(r.clientStall)} ms; ${r.reason.slice(0, 160)}`,
        };
      }),
    ];
    report.figures.push(...figures);
  } finally {
    await server.stop(15_000);
    rmSync(dir, { recursive: true, force: true });
  }
  printReport(report, resultsFile(new URL('./results/', import.meta.url).pathname, 'hostile-uploads', mode));
}

await main();
