// Scenario 7: the disk fills up while clients write. DATA_DIR lives on a small tmpfs; a filler file
// leaves the store a little room; clients keep writing through the gateway (`_bulk_docs`) and the
// admin API (POST /leads) until writes fail. Checked: the failures are clear JSON errors (4xx or 507,
// `{error:{code,message}}`), the server does not crash, writes work again once the filler is deleted,
// and after a restart on the same DATA_DIR every doc acknowledged before is there, unchanged.
// Where mounting is not allowed (or with FAULTS_SIMULATE_DISK_FULL=1) the fault is simulated: the server
// runs on a store of the bench's (COUCHDB_URL) behind a proxy that answers writes as the store answers
// on a full disk (500, LevelDB's "IO error: ... No space left on device"). That checks the server's
// answers and survival, not the store's own recovery from a full disk; the row says which mode ran.
// On CouchDB (faults.ts --couchdb) the disk that fills is CouchDB's: a single-node kit of the
// scenario's own runs from the tmpfs (its release takes ~18 MB there), the server's DATA_DIR is
// elsewhere; where mounting is not allowed the row says so and the scenario does not run.
import { closeSync, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { startEmbeddedCouch } from '../../src/store/embedded-couch';
import { kitScript, run } from '../../test/couchdb-kit';
import { backend, startGuardedKit } from '../backend';
import {
  gatewayDocs,
  mountTmpfs,
  pad,
  register,
  request,
  seconds,
  sleep,
  startServerProc,
  tempDir,
  type Answer,
  type FaultFigure,
  type ScenarioContext,
  type ServerProc,
} from './harness';

const TMPFS_MB = 48;
/** Room left to the store once the filler is written. */
const ROOM_BYTES = 1_500_000;

const freeBytes = (path: string) => {
  const s = statfsSync(path);
  return s.bavail * s.bsize;
};

/** Fills the file system but `leave` bytes; stops quietly at ENOSPC. */
function writeFiller(path: string, leave: number): number {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1 << 20, 7);
  let written = 0;
  try {
    for (;;) {
      const room = freeBytes(path) - leave;
      if (room <= 0) break;
      written += writeSync(fd, chunk, 0, Math.min(chunk.length, room));
    }
  } catch {
    // ENOSPC: full enough
  } finally {
    closeSync(fd);
  }
  return written;
}

const bigLead = (id: string) => ({
  _id: id,
  contactId: 'contact-1',
  title: `Lead ${id} `.padEnd(300, 'x'),
  stage: 'new',
  source: { channel: 'manual' },
  lostReason: 'r'.repeat(500),
  tags: Array.from({ length: 8 }, (_, i) => `tag-${i}-`.padEnd(90, 't')),
  createdAt: '2026-03-02T10:15:00.000Z',
  updatedAt: '2026-03-02T10:15:00.000Z',
});

/** A failure clients can act on: 507 or a 4xx, with the API's JSON error shape. */
const clear = (a: Answer) =>
  (a.status === 507 || (a.status >= 400 && a.status < 500)) && typeof a.body?.error?.code === 'string';

const describe = (a: Answer) =>
  a.status === 0 ? `network error ${a.error}` : `${a.status} ${a.text.replace(/\s+/g, ' ').slice(0, 140)}`;

type Disk = {
  mode: 'tmpfs' | 'simulated' | 'couchdb-tmpfs';
  /** DATA_DIR and extra environment of the server. */
  dataDir: string;
  env: Record<string, string>;
  describe: string;
  fill(): Promise<void>;
  free(): Promise<void>;
  /** Before the server's restart: the simulated store restarts too (on the same folder). */
  restartStore(): Promise<void>;
  cleanup(): Promise<void>;
};

async function tmpfsDisk(ctx: ScenarioContext): Promise<Disk | string> {
  const dir = tempDir('faults-disk-');
  const mount = mountTmpfs(dir.path, TMPFS_MB);
  if (!mount.ok) {
    dir.remove();
    return mount.error ?? 'mount failed';
  }
  const filler = join(dir.path, 'filler');
  return {
    mode: 'tmpfs',
    dataDir: join(dir.path, 'data'),
    env: {},
    describe: `tmpfs of ${TMPFS_MB} MB`,
    async fill() {
      const bytes = writeFiller(filler, ROOM_BYTES);
      ctx.log(`filler ${Math.round(bytes / 1e6)} MB, ${Math.round(freeBytes(dir.path) / 1e3)} kB left`);
    },
    async free() {
      unlinkSync(filler);
    },
    async restartStore() {},
    async cleanup() {
      mount.unmount();
      dir.remove();
    },
  };
}

/** A CouchDB kit of its own on a tmpfs: the disk that fills is CouchDB's. */
async function couchTmpfsDisk(ctx: ScenarioContext): Promise<Disk | string> {
  const dir = tempDir('faults-disk-couch-');
  const server = tempDir('faults-disk-server-');
  const mb = TMPFS_MB + 32;
  const mount = mountTmpfs(dir.path, mb);
  if (!mount.ok) {
    dir.remove();
    server.remove();
    return mount.error ?? 'mount failed';
  }
  const kit = await startGuardedKit(1, { dir: dir.path }).catch((e: unknown) => {
    mount.unmount();
    dir.remove();
    server.remove();
    throw e;
  });
  const filler = join(dir.path, 'filler');
  const describe = `a CouchDB kit on a tmpfs of ${mb} MB`;
  const disk: Disk = {
    mode: 'couchdb-tmpfs',
    dataDir: server.path,
    env: { COUCHDB_URL: kit.url, COUCHDB_DB_PREFIX: 'faults_disk_' },
    describe,
    async fill() {
      const bytes = writeFiller(filler, ROOM_BYTES);
      ctx.log(`filler ${Math.round(bytes / 1e6)} MB, ${Math.round(freeBytes(dir.path) / 1e3)} kB left`);
    },
    async free() {
      unlinkSync(filler);
    },
    // As an operator would: a CouchDB node that died of the full disk is started again.
    async restartStore() {
      const up = await run(kitScript, ['status', kit.dir]).then(
        () => true,
        () => false,
      );
      if (up) return;
      ctx.log('the CouchDB node died of the full disk: started again');
      disk.describe = `${describe}; the CouchDB node died of the full disk and was started again`;
      await run(kitScript, ['restart-node', kit.dir, '1'], { timeout: 120_000 });
    },
    async cleanup() {
      await kit.stop().catch((e: unknown) => ctx.log(`stopping its CouchDB kit failed: ${String(e)}`));
      mount.unmount();
      dir.remove();
      server.remove();
    },
  };
  return disk;
}

/** What the embedded store answered on the full tmpfs (path shortened). */
const fullAnswer = JSON.stringify({
  error: 'bad_request',
  reason: 'IO error: /data/couch/t_leads/000003.log: No space left on device',
});

async function simulatedDisk(ctx: ScenarioContext): Promise<Disk> {
  const dir = tempDir('faults-disk-sim-');
  const password = 'faults-simulated-store';
  const log = pino({ level: 'silent' });
  let store = await startEmbeddedCouch({ dataDir: join(dir.path, 'store'), adminPassword: password, log });
  const target = () => new URL(store.url);
  let full = false;
  const reads = /\/(_changes|_all_docs|_bulk_get|_revs_diff|_find|_explain|_session)(\?|$)/;
  const proxy = createServer((req, res) => {
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD' && !reads.test(req.url ?? '');
    if (full && isWrite) {
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' }).end(fullAnswer);
      return;
    }
    const t = target();
    const up = httpRequest(
      { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  const port = (proxy.address() as AddressInfo).port;
  ctx.log('simulated disk full: a proxy in front of the store answers writes with ENOSPC');
  return {
    mode: 'simulated',
    dataDir: join(dir.path, 'server'),
    env: {
      COUCHDB_URL: `http://admin:${password}@127.0.0.1:${port}`,
      JWT_SECRET: 'f'.repeat(40),
      ENCRYPTION_KEY: 'e'.repeat(40),
    },
    describe: 'simulated: writes answered 500 ENOSPC by a proxy before the store',
    async fill() {
      full = true;
    },
    async free() {
      full = false;
    },
    async restartStore() {
      await store.close();
      store = await startEmbeddedCouch({ dataDir: join(dir.path, 'store'), adminPassword: password, log });
    },
    async cleanup() {
      proxy.closeAllConnections();
      await new Promise((ok) => proxy.close(ok));
      await store.close();
      dir.remove();
    },
  };
}

export async function diskFull(ctx: ScenarioContext): Promise<FaultFigure[]> {
  let disk: Disk;
  let why = '';
  if (backend().kind === 'couchdb') {
    const couch = await couchTmpfsDisk(ctx);
    if (typeof couch === 'string') throw new Error(`a tmpfs for CouchDB cannot be mounted here: ${couch}`);
    try {
      return await runDiskFull(ctx, couch, '');
    } finally {
      await couch.cleanup();
    }
  }
  const tmpfs =
    process.env.FAULTS_SIMULATE_DISK_FULL === '1' ? 'FAULTS_SIMULATE_DISK_FULL=1' : await tmpfsDisk(ctx);
  if (typeof tmpfs === 'string') {
    why = tmpfs;
    disk = await simulatedDisk(ctx);
  } else disk = tmpfs;
  try {
    return await runDiskFull(ctx, disk, why);
  } finally {
    await disk.cleanup();
  }
}

async function runDiskFull(ctx: ScenarioContext, disk: Disk, why: string): Promise<FaultFigure[]> {
  const { dataDir, env } = disk;
  let server: ServerProc | undefined;
  try {
    server = await startServerProc({ dataDir, env });
    const { token } = await register(server.url);
    const acknowledged = new Map<string, string>();
    let n = 0;
    const writeBatch = async (size: number) => {
      const docs = Array.from({ length: size }, () => bigLead(`disk-${pad(n++)}`));
      const a = await request(`${server!.url}/sync/leads/_bulk_docs`, {
        method: 'POST',
        token,
        body: { docs },
        timeoutMs: 20_000,
      });
      if (a.status === 201 && Array.isArray(a.body)) {
        for (const row of a.body as { id: string; ok?: boolean }[]) {
          const doc = docs.find((d) => d._id === row.id);
          if (row.ok && doc) acknowledged.set(doc._id, doc.title);
        }
        return { answer: a, ok: (a.body as { ok?: boolean }[]).every((r) => r.ok) };
      }
      return { answer: a, ok: false };
    };
    const writeApi = async () => {
      const lead = bigLead(`disk-api-${pad(n++)}`);
      const { _id, createdAt: _c, updatedAt: _u, ...body } = lead;
      const a = await request(`${server!.url}/api/v1/leads`, {
        method: 'POST',
        token,
        body: { ...body, id: _id },
        timeoutMs: 20_000,
      });
      if (a.status === 201) acknowledged.set(_id, lead.title);
      return { answer: a, ok: a.status === 201 };
    };
    // Contacts the leads point at (the API checks), and a first batch while there is room.
    await request(`${server.url}/api/v1/contacts`, {
      method: 'POST',
      token,
      body: {
        id: 'contact-1',
        name: 'Disk',
        identities: [],
        twin: { facts: [] },
        optOut: false,
        agentAccess: 'default',
      },
    });
    await writeBatch(50);
    await disk.fill();

    // Write until it fails for a while.
    const failures: { path: string; answer: Answer }[] = [];
    let consecutive = 0;
    const t0 = performance.now();
    while (consecutive < 6 && performance.now() - t0 < 60_000) {
      const g = await writeBatch(20);
      const a = await writeApi();
      if (!g.ok) failures.push({ path: 'gateway _bulk_docs', answer: g.answer });
      if (!a.ok) failures.push({ path: 'API POST /leads', answer: a.answer });
      consecutive = !g.ok && !a.ok ? consecutive + 1 : 0;
      if (server.exited()) break;
    }
    const ackedWhileFull = acknowledged.size;
    const lastIdWhileFull = n;
    const crashedWhileFull = server.exited();
    const health = crashedWhileFull
      ? undefined
      : await request(`${server.url}/healthz`, { timeoutMs: 10_000 });
    const unclear = failures.filter((f) => !clear(f.answer));
    const samples = new Map<string, string>();
    for (const f of failures) samples.set(`${f.path} ${f.answer.status}`, `${f.path}: ${describe(f.answer)}`);

    // Free the space; do writes work again without a restart?
    await disk.free();
    let resumed = false;
    let resumeMs = Number.NaN;
    let okRounds = 0;
    const tFree = performance.now();
    while (!crashedWhileFull && !server.exited() && okRounds < 5 && performance.now() - tFree < 10_000) {
      const g = await writeBatch(5);
      const a = await writeApi();
      if (g.ok && a.ok) {
        if (!resumed) resumeMs = performance.now() - tFree;
        resumed = true;
        okRounds++;
      }
      await sleep(200);
    }
    const ackedAfterFreeing = [...acknowledged.keys()].filter(
      (id) => Number(id.slice(-6)) >= lastIdWhileFull,
    );

    // Restart on the same DATA_DIR: is everything acknowledged there, unchanged?
    const port = server.port;
    await server.stop();
    await disk.restartStore();
    const tRestart = performance.now();
    let restartError = '';
    server = await startServerProc({ dataDir, port, env }).catch((e: unknown) => {
      restartError = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      return undefined;
    });
    const restartMs = performance.now() - tRestart;
    let missing = acknowledged.size;
    let altered = 0;
    const missingIds: string[] = [];
    let missingAfterFreeing = 0;
    let writesAfterRestart = false;
    if (server) {
      const docs = await gatewayDocs(server.url, token, 'leads');
      missing = 0;
      for (const [id, title] of acknowledged) {
        const d = docs.get(id);
        if (!d) {
          missing++;
          if (ackedAfterFreeing.includes(id)) missingAfterFreeing++;
          if (missingIds.length < 20) missingIds.push(id);
        } else if (d.title !== title) altered++;
      }
      writesAfterRestart = (await writeBatch(5)).ok;
    }
    const crashes = crashedWhileFull ? 1 : 0;
    const lost = missing + altered;
    const value = lost + crashes + (server ? 0 : 1);
    return [
      {
        name: `7. disk full while writing (${{ tmpfs: 'tmpfs', 'couchdb-tmpfs': "CouchDB's disk, tmpfs", simulated: 'SIMULATED write errors' }[disk.mode]}): acknowledged docs lost`,
        value,
        unit: 'docs',
        goal: '<= 0',
        note:
          `${disk.describe}${why ? ` (mount not possible: ${why})` : ''} · ` +
          `${acknowledged.size} docs acknowledged (${ackedWhileFull} before the space was freed) · ` +
          `${failures.length} writes refused while full, ${failures.length - unclear.length} with a clear 4xx/507 JSON error, ` +
          `${unclear.length} unclear (${[...samples.values()].join(' | ')}) · ` +
          `${crashedWhileFull ? `SERVER CRASHED (${crashedWhileFull.code ?? crashedWhileFull.signal})` : `server up, /healthz ${health?.status}`} · ` +
          `writes ${resumed ? `resumed ${seconds(resumeMs)} s after freeing space` : 'did NOT resume after freeing space (until restart)'} · ` +
          `restart on the same DATA_DIR ${server ? `ok in ${seconds(restartMs)} s` : `FAILED: ${restartError}`} · ` +
          `${missing} acknowledged docs missing, ${altered} altered · writes after restart ${writesAfterRestart ? 'ok' : 'FAIL'}`,
        details: {
          written: acknowledged.size,
          present: acknowledged.size - missing,
          lost,
          failedWithReason: failures.length - unclear.length,
          recoverSeconds: seconds(restartMs),
          missing,
          altered,
          refusedWhileFull: failures.length,
          unclearErrors: unclear.length,
          serverCrashed: !!crashedWhileFull,
          healthzWhileFull: health?.status ?? 0,
          resumedWithoutRestart: resumed,
          restartOk: !!server,
          writesAfterRestart,
          mode: disk.mode,
          missingIds: missingIds.join(' '),
          acknowledgedAfterFreeing: ackedAfterFreeing.length,
          missingOfThoseAfterFreeing: missingAfterFreeing,
          firstIdAfterFreeing: lastIdWhileFull,
        },
      },
    ];
  } finally {
    await server?.stop();
  }
}
