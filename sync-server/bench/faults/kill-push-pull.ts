// Scenarios 1 and 2: kill -9 of the server while a real PouchDB client (LevelDB in a temp folder,
// live replication with retry, as a long-running client keeps it) pushes to it or pulls from it;
// restart on the same DATA_DIR and port; the client resumes by itself. Counted: docs missing at the
// end, docs the server had acknowledged (201 to `_bulk_docs`) and no longer had right after the
// restart, docs with conflicting revisions, docs whose content changed, and the time to recover.
import PouchDB, { type Database } from 'pouchdb';
import {
  gatewayCount,
  gatewayDocs,
  leadDoc,
  must,
  pad,
  register,
  seconds,
  startServerProc,
  tempDir,
  until,
  type FaultFigure,
  type ScenarioContext,
  type ServerProc,
} from './harness';

/** A remote database behind the gateway whose requests fail like a dead network while `closed`. */
function gatedRemote(url: string, token: string) {
  const gate = { closed: false };
  const acknowledged = new Set<string>();
  const db: Database = new PouchDB(url, {
    fetch: async (u: string, opts: { headers: Headers; body?: unknown; method?: string }) => {
      if (gate.closed) throw new TypeError('fetch failed (client held back by the bench)');
      opts.headers.set('Authorization', `Bearer ${token}`);
      const res = await fetch(u, opts as RequestInit);
      if (res.status === 201 && u.includes('/_bulk_docs') && typeof opts.body === 'string') {
        // With new_edits:false CouchDB lists only failures; every doc sent and not listed was written.
        const sent = (JSON.parse(opts.body) as { docs: { _id: string }[] }).docs.map((d) => d._id);
        const failed = new Set(
          ((await res.clone().json()) as { id?: string; error?: string }[])
            .filter((r) => r.error)
            .map((r) => r.id),
        );
        for (const id of sent) if (!failed.has(id)) acknowledged.add(id);
      }
      return Object.assign(res, { buffer: async () => Buffer.from(await res.arrayBuffer()) });
    },
  });
  return { db, gate, acknowledged };
}

const retryOptions = { live: true, retry: true, batch_size: 100, back_off_function: () => 300 };

type KillRun = {
  server: ServerProc;
  killedAfter: number;
  serverBackMs: number;
};

/** Kills the server once `progress()` reaches `at`, restarts it on the same port and DATA_DIR. */
async function killAndRestart(
  server: ServerProc,
  dataDir: string,
  progress: () => number,
  at: number,
  gate: { closed: boolean },
  timeoutMs: number,
): Promise<KillRun & { tKill: number }> {
  if (!(await until(() => progress() >= at, timeoutMs, 5))) {
    throw new Error(`the client never got to ${at} docs (at ${progress()})`);
  }
  const killedAfter = progress();
  await server.kill9();
  const tKill = performance.now();
  gate.closed = true;
  const restarted = await startServerProc({ dataDir, port: server.port });
  return { server: restarted, killedAfter, serverBackMs: performance.now() - tKill, tKill };
}

export async function killMidPush(ctx: ScenarioContext): Promise<FaultFigure[]> {
  const N = ctx.quick ? 2_000 : 10_000;
  const dir = tempDir('faults-push-');
  const clientDir = tempDir('faults-push-client-');
  let server = await startServerProc({ dataDir: dir.path });
  let replication: { cancel(): void } | undefined;
  try {
    const { token } = await register(server.url);
    const designDocs = await gatewayCount(server.url, token, 'leads');
    const local = new (PouchDB.defaults({ prefix: `${clientDir.path}/` }))('leads');
    const docs = Array.from({ length: N }, (_, i) => leadDoc(`push-${pad(i)}`));
    await local.bulkDocs(docs);
    const remote = gatedRemote(`${server.url}/sync/leads`, token);
    let written = 0;
    let denied = 0;
    const rep = local.replicate
      .to(remote.db, retryOptions)
      .on('change', (info) => (written = (info as { docs_written: number }).docs_written))
      .on('denied', () => denied++);
    replication = rep;
    const t0 = performance.now();
    ctx.log(`push: ${N} docs, kill -9 at ~40%`);
    const run = await killAndRestart(server, dir.path, () => written, N * 0.4, remote.gate, 120_000);
    server = run.server;
    // Before the client comes back: is every doc the server acknowledged still there?
    const afterRestart = await gatewayDocs(server.url, token, 'leads');
    const ackLost = [...remote.acknowledged].filter((id) => !afterRestart.has(id)).length;
    const acknowledgedAtKill = remote.acknowledged.size;
    remote.gate.closed = false;
    const done = await until(
      async () => (await gatewayCount(server.url, token, 'leads')) - designDocs >= N,
      ctx.quick ? 60_000 : 180_000,
      250,
    );
    const recoverMs = performance.now() - run.tKill;
    rep.cancel();
    replication = undefined;
    const final = await gatewayDocs(server.url, token, 'leads');
    const byId = new Map(docs.map((d) => [d._id, d]));
    let lost = 0;
    let altered = 0;
    let conflicts = 0;
    for (const [id, want] of byId) {
      const got = final.get(id);
      if (!got) lost++;
      else {
        if (got.title !== want.title || got.stage !== want.stage) altered++;
        if (Array.isArray(got._conflicts) && got._conflicts.length > 0) conflicts++;
      }
    }
    const extra = [...final.keys()].filter((id) => !byId.has(id)).length;
    await local.close();
    return [
      {
        name: '1. kill -9 mid-push (PouchDB, live retry): docs lost',
        value: lost + ackLost,
        unit: 'docs',
        goal: '<= 0',
        note:
          `${N} written · ${final.size} on server after recovery · ${lost} missing · ` +
          `${ackLost} of ${acknowledgedAtKill} acknowledged before the kill gone after restart · ` +
          `${conflicts} conflicted (duplicates) · ${altered} altered · killed after ${run.killedAfter} pushed · ` +
          `server back in ${seconds(run.serverBackMs)} s · recovered in ${seconds(recoverMs)} s` +
          (done ? '' : ' · DID NOT RECOVER in time'),
        details: {
          written: N,
          present: final.size - extra,
          lost: lost + ackLost,
          duplicates: conflicts,
          missing: lost,
          acknowledgedBeforeKill: acknowledgedAtKill,
          acknowledgedLostByRestart: ackLost,
          altered,
          unexpectedDocs: extra,
          denied,
          killedAfterDocs: run.killedAfter,
          serverBackSeconds: seconds(run.serverBackMs),
          recoverSeconds: seconds(recoverMs),
          totalSeconds: seconds(performance.now() - t0),
          recovered: done,
        },
      },
    ];
  } finally {
    replication?.cancel();
    await server.stop();
    dir.remove();
    clientDir.remove();
  }
}

export async function killMidPull(ctx: ScenarioContext): Promise<FaultFigure[]> {
  const N = ctx.quick ? 2_000 : 10_000;
  const dir = tempDir('faults-pull-');
  const clientDir = tempDir('faults-pull-client-');
  let server = await startServerProc({ dataDir: dir.path });
  let replication: { cancel(): void } | undefined;
  try {
    const { token } = await register(server.url);
    const docs = Array.from({ length: N }, (_, i) => leadDoc(`pull-${pad(i)}`));
    for (let i = 0; i < N; i += 500) {
      await must(`${server.url}/sync/leads/_bulk_docs`, {
        method: 'POST',
        token,
        body: { docs: docs.slice(i, i + 500) },
        timeoutMs: 60_000,
      });
    }
    const local = new (PouchDB.defaults({ prefix: `${clientDir.path}/` }))('leads');
    const remote = gatedRemote(`${server.url}/sync/leads`, token);
    let written = 0;
    const rep = local.replicate
      .from(remote.db, retryOptions)
      .on('change', (info) => (written = (info as { docs_written: number }).docs_written));
    replication = rep;
    ctx.log(`pull: ${N} docs, kill -9 at ~40%`);
    const run = await killAndRestart(server, dir.path, () => written, N * 0.4, remote.gate, 120_000);
    server = run.server;
    const onServer = (await gatewayDocs(server.url, token, 'leads')).size;
    remote.gate.closed = false;
    const done = await until(
      async () => (await local.info()).doc_count >= N,
      ctx.quick ? 60_000 : 180_000,
      100,
    );
    const recoverMs = performance.now() - run.tKill;
    rep.cancel();
    replication = undefined;
    const rows = (await local.allDocs({ include_docs: true, conflicts: true })).rows;
    const got = new Map(rows.filter((r) => !r.id.startsWith('_design/')).map((r) => [r.id, r.doc!]));
    let lost = 0;
    let altered = 0;
    let conflicts = 0;
    for (const want of docs) {
      const doc = got.get(want._id);
      if (!doc) lost++;
      else {
        if (doc.title !== want.title) altered++;
        if (Array.isArray(doc._conflicts) && doc._conflicts.length > 0) conflicts++;
      }
    }
    await local.close();
    return [
      {
        name: '2. kill -9 mid-pull (PouchDB, live retry): docs lost',
        value: lost,
        unit: 'docs',
        goal: '<= 0',
        note:
          `${N} on server · ${got.size} in client after recovery · ${lost} missing · ` +
          `${N - onServer} gone from the server by the kill · ${conflicts} conflicted · ${altered} altered · ` +
          `killed after ${run.killedAfter} pulled · server back in ${seconds(run.serverBackMs)} s · ` +
          `recovered in ${seconds(recoverMs)} s` +
          (done ? '' : ' · DID NOT RECOVER in time'),
        details: {
          written: N,
          present: got.size,
          lost,
          duplicates: conflicts,
          onServerAfterRestart: onServer,
          altered,
          killedAfterDocs: run.killedAfter,
          serverBackSeconds: seconds(run.serverBackMs),
          recoverSeconds: seconds(recoverMs),
          recovered: done,
        },
      },
    ];
  } finally {
    replication?.cancel();
    await server.stop();
    dir.remove();
    clientDir.remove();
  }
}
