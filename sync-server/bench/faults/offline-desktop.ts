// Scenario 6: a desktop offline for a day of edits. A client replica built like the desktop's (RxDB
// with memory storage instead of IndexedDB, `fieldMergeConflictHandler` from @app/shared/sync as the
// conflict handler, edits stamped with `touchFields` as desktop/src/renderer/data/workspace.ts does,
// live `replicateCouchDB` through the gateway) goes offline (its requests fail and the ones in flight
// are aborted, as the desktop's SyncEngine does on `offline`), makes 500 edits on leads and contacts
// while the server side edits some of the same docs through the admin API, then comes back online.
//
// An edit counts as kept when its value is the field's final value on the server, or sits in the
// doc's `history` for that field (it lost the field merge, as the merge promises). Edits a side
// overwrote itself later (the same rep editing one field twice) are not conflicts and not counted.
import { leadStages } from '@app/shared/schemas';
import { canonicalJson, sameValue, touchFields, type MergeableDoc } from '@app/shared/sync';
import { openDesktopReplica, type DesktopReplica, type ReplicaName } from './desktop-replica';
import {
  gatewayDocs,
  must,
  pad,
  register,
  request,
  seconds,
  sleep,
  startServerProc,
  tempDir,
  type FaultFigure,
  type ScenarioContext,
} from './harness';

type Name = ReplicaName;
type Edit = { side: 'desktop' | 'server'; collection: Name; id: string; field: string; value: unknown };

/** A small deterministic PRNG, so every run makes the same edits. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const fieldsOf: Record<Name, ((k: number, side: string) => [string, unknown])[]> = {
  leads: [
    (k, side) => ['title', `Lead renamed by ${side} #${k}`],
    (k) => ['stage', leadStages[k % leadStages.length]],
    (k, side) => ['tags', [`${side}-${k}`, 'faults']],
    (k) => ['value', { amount: 1_000 * (k + 1), currency: 'RUB' }],
    (k, side) => ['lostReason', `Reason ${k} from the ${side}`],
  ],
  contacts: [
    (k, side) => ['company', `Company ${k} (${side})`],
    (k, side) => ['position', `Position ${k} (${side})`],
    (k, side) => ['notes', `Notes written by the ${side}, edit ${k}`],
    (k) => ['phone', `+7999${String(1_000_000 + k).slice(-7)}`],
    (k, side) => ['tags', [`${side}-${k}`]],
  ],
};

export async function offlineDesktop(ctx: ScenarioContext): Promise<FaultFigure[]> {
  const EDITS = 500;
  const SERVER_EDITS = ctx.quick ? 80 : 150;
  const LEADS = ctx.quick ? 100 : 300;
  const CONTACTS = ctx.quick ? 50 : 150;
  const dir = tempDir('faults-offline-');
  const server = await startServerProc({ dataDir: dir.path });
  let replica: DesktopReplica | undefined;
  const net = { online: true, inflight: new AbortController(), refused: 0 };
  try {
    const { token } = await register(server.url);
    const seededAt = new Date(Date.now() - 25 * 3_600_000).toISOString();
    const stamp = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, seededAt]));
    const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
      _id: `contact-${pad(i)}`,
      name: `Contact ${i}`,
      company: `Company ${i}`,
      identities: [],
      twin: { facts: [] },
      optOut: false,
      agentAccess: 'default',
      createdAt: seededAt,
      updatedAt: seededAt,
      fieldUpdatedAt: stamp(['name', 'company']),
    }));
    const leads = Array.from({ length: LEADS }, (_, i) => ({
      _id: `lead-${pad(i)}`,
      contactId: `contact-${pad(i % CONTACTS)}`,
      title: `Lead ${i}`,
      stage: 'new',
      source: { channel: 'manual' },
      createdAt: seededAt,
      updatedAt: seededAt,
      fieldUpdatedAt: stamp(['title', 'stage']),
    }));
    for (const [name, docs] of [
      ['contacts', contacts],
      ['leads', leads],
    ] as const) {
      const rows = await must(`${server.url}/sync/${name}/_bulk_docs`, {
        method: 'POST',
        token,
        body: { docs },
      });
      if ((rows as { ok?: boolean }[]).some((r) => !r.ok)) throw new Error(`seeding ${name} was refused`);
    }

    // The desktop replica, with a network switch: offline, requests fail and those in flight are cut.
    replica = await openDesktopReplica({
      url: server.url,
      token,
      names: ['leads', 'contacts'],
      deviceId: 'desktop-a',
      retryTime: 1_000,
      fetch: (url, init) => {
        if (!net.online) {
          net.refused++;
          return Promise.reject(new TypeError('fetch failed (offline)'));
        }
        return fetch(url, { ...init, signal: net.inflight.signal });
      },
    });
    const { local, replications } = replica;
    await Promise.all(replications.map((r) => r.awaitInitialReplication()));
    const inClient = (await local.leads.count().exec()) + (await local.contacts.count().exec());
    if (inClient !== LEADS + CONTACTS) throw new Error(`initial pull brought ${inClient} docs`);

    // Offline: requests fail, the ones in flight (long-polls) are cut.
    net.online = false;
    net.inflight.abort();
    net.inflight = new AbortController();
    ctx.log(`offline: ${EDITS} desktop edits, ${SERVER_EDITS} server-side edits through the API`);
    const rnd = prng(8);
    const edits: Edit[] = [];
    // Most edits go to a hot set of docs, so the server's edits meet them.
    const pickId = (name: Name) => {
      const n = name === 'leads' ? LEADS : CONTACTS;
      const hot = Math.max(5, Math.floor(n / 5));
      const i = rnd() < 0.7 ? Math.floor(rnd() * hot) : Math.floor(rnd() * n);
      return `${name === 'leads' ? 'lead' : 'contact'}-${pad(i)}`;
    };
    const pickEdit = (side: Edit['side'], k: number): Edit => {
      const collection: Name = rnd() < 0.65 ? 'leads' : 'contacts';
      const fields = fieldsOf[collection];
      const [field, value] = fields[Math.floor(rnd() * fields.length)]!(k, side);
      return { side, collection, id: pickId(collection), field, value };
    };
    let serverErrors = 0;
    let noOps = 0;
    const every = Math.floor(EDITS / SERVER_EDITS);
    const t0 = performance.now();
    for (let k = 0; k < EDITS; k++) {
      const e = pickEdit('desktop', k);
      const doc = await local[e.collection].findOne(e.id).exec();
      if (!doc) throw new Error(`${e.id} missing in the replica`);
      let changed = false;
      await doc.incrementalModify((data: MergeableDoc) => {
        changed = !sameValue(data[e.field], e.value);
        return touchFields(data, { [e.field]: e.value } as Partial<MergeableDoc>, new Date().toISOString());
      });
      // Setting a field to the value it has is no edit (touchFields leaves the doc as it is).
      if (changed) edits.push(e);
      else noOps++;
      if (k % every === every - 1) {
        const s = pickEdit('server', k);
        const sentAt = new Date().toISOString();
        const r = await request(`${server.url}/api/v1/${s.collection}/${s.id}`, {
          method: 'PATCH',
          token,
          body: { [s.field]: s.value },
        });
        // The server stamps the fields it changed; a PATCH to the same value changes nothing.
        if (r.status !== 200) serverErrors++;
        else if ((r.body?.fieldUpdatedAt?.[s.field] ?? '') >= sentAt) edits.push(s);
        else noOps++;
      }
      // Apart in time, as a day of edits is: field times decide the merge.
      if (k % 10 === 0) await sleep(2);
    }
    const editMs = performance.now() - t0;

    // Back online, as the desktop does on `online`: everything re-syncs now.
    const tOnline = performance.now();
    net.online = true;
    for (const r of replications) r.reSync();
    const inSync = async () => {
      await Promise.all(replications.map((r) => r.awaitInSync()));
      return true;
    };
    const synced = await Promise.race([inSync(), sleep(ctx.quick ? 60_000 : 120_000).then(() => false)]);
    // One more round: a merge pushed late still has to come back to this replica.
    await sleep(1_000);
    for (const r of replications) r.reSync();
    await Promise.race([inSync(), sleep(20_000)]);
    const recoverMs = performance.now() - tOnline;

    const finalDocs: Record<Name, Map<string, Record<string, unknown>>> = {
      leads: await gatewayDocs(server.url, token, 'leads'),
      contacts: await gatewayDocs(server.url, token, 'contacts'),
    };
    // Per side and (doc, field), the last value is that side's edit; earlier ones it overwrote itself.
    const lastOf = new Map<string, Edit>();
    for (const e of edits) lastOf.set(`${e.side}|${e.collection}|${e.id}|${e.field}`, e);
    const both = new Set<string>();
    const seen = new Map<string, Set<string>>();
    for (const e of lastOf.values()) {
      const key = `${e.collection}|${e.id}|${e.field}`;
      const sides = seen.get(key) ?? new Set();
      sides.add(e.side);
      seen.set(key, sides);
      if (sides.size === 2) both.add(key);
    }
    const result = { won: 0, inHistory: 0, lost: 0, lostByServer: 0, lostByDesktop: 0 };
    const lostExamples: string[] = [];
    for (const e of lastOf.values()) {
      const doc = finalDocs[e.collection].get(e.id);
      const value = canonicalJson(e.value);
      const history = (doc?.history ?? []) as { field: string; value: string }[];
      if (doc && canonicalJson(doc[e.field]) === value) result.won++;
      else if (history.some((h) => h.field === e.field && h.value === value)) result.inHistory++;
      else {
        result.lost++;
        if (e.side === 'server') result.lostByServer++;
        else result.lostByDesktop++;
        if (lostExamples.length < 3) lostExamples.push(`${e.side} ${e.id}.${e.field}=${value}`);
      }
    }
    // Do the replica and the server agree now?
    let diverged = 0;
    for (const name of ['leads', 'contacts'] as const) {
      for (const d of await local[name].find().exec()) {
        const mine = d.toJSON() as Record<string, unknown>;
        const theirs = finalDocs[name].get(String(mine.id));
        const strip = (o: Record<string, unknown> | undefined) => {
          const {
            _rev: _r,
            _id: _i,
            _meta: _m,
            _attachments: _a,
            _deleted: _d,
            _conflicts: _c,
            id: _x,
            ...rest
          } = o ?? {};
          return canonicalJson(rest);
        };
        if (!theirs || strip(mine) !== strip(theirs)) diverged++;
      }
    }
    const desktopEdits = edits.filter((e) => e.side === 'desktop').length;
    const serverEdits = edits.length - desktopEdits;
    const overwrittenBySameSide = edits.length - lastOf.size;
    return [
      {
        name: '6. desktop offline for a day of edits, then back: edits lost',
        value: result.lost,
        unit: 'edits',
        goal: '<= 0',
        note:
          `${desktopEdits} desktop edits offline + ${serverEdits} server edits (API) on ${LEADS} leads/${CONTACTS} contacts · ` +
          `${overwrittenBySameSide} overwritten later by the same side, ${noOps} set a field to the value it had (not counted) · ` +
          `${both.size} fields edited on both sides · ` +
          `of the rest: ${result.won} won, ${result.inHistory} lost the merge and are in history, ${result.lost} lost ` +
          `(${result.lostByDesktop} desktop, ${result.lostByServer} server)${lostExamples.length ? ` e.g. ${lostExamples.join('; ')}` : ''} · ` +
          `${diverged} docs differ between the replica and the server · in sync ${seconds(recoverMs)} s after reconnecting` +
          `${synced ? '' : ' (NOT in sync in time)'}${serverErrors ? ` · ${serverErrors} API edits refused` : ''}`,
        details: {
          written: edits.length,
          present: result.won + result.inHistory + overwrittenBySameSide,
          lost: result.lost,
          desktopEdits,
          serverEdits,
          overwrittenBySameSide,
          fieldsEditedOnBothSides: both.size,
          won: result.won,
          keptInHistory: result.inHistory,
          lostDesktopEdits: result.lostByDesktop,
          lostServerEdits: result.lostByServer,
          replicaDivergedDocs: diverged,
          noOpEditsNotCounted: noOps,
          offlineRequestsRefused: net.refused,
          apiEditsRefused: serverErrors,
          editSeconds: seconds(editMs),
          recoverSeconds: seconds(recoverMs),
          inSync: synced,
        },
      },
    ];
  } finally {
    // Long-polls still in flight would outlive the server otherwise.
    net.online = false;
    net.inflight.abort();
    await replica?.close();
    await server.stop();
    dir.remove();
  }
}
