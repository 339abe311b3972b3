// Fail-stop of the embedded store after a LevelDB write error (a full disk). LevelDB goes on after a
// failed write: later writes are acknowledged and readable, and gone once the database is opened
// again. The store must acknowledge no write after the error until it reopened its files from disk.
// Simulated (always runs): a leveldown that fails one write on demand. Real (root, where `mount -t
// tmpfs` works; skipped elsewhere with the reason): a small tmpfs filled up, in both modes.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import leveldown from 'leveldown';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers';
import { startEmbeddedCouch, type EmbeddedCouch, type StoreMode } from './embedded-couch';
import type { LevelDownFactory } from './fail-stop-leveldown';

const log = pino({ level: 'silent' });

function client(storeUrl: string) {
  const u = new URL(storeUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
  const base = `${u.protocol}//${u.host}`;
  return async (method: string, path: string, body?: unknown) => {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, text };
    } catch (e) {
      // The store is down (restarting): as nano sees it, a connection error.
      return { status: 0, text: String(e) };
    }
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `id` until the store acknowledges it (as the server's callers retry), up to `ms`. */
async function writeUntilAcknowledged(
  call: ReturnType<typeof client>,
  path: string,
  body: object,
  ms = 20_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await call('PUT', path, body);
    if (r.status === 201) return;
    if (Date.now() > deadline)
      throw new Error(`${path} never acknowledged; last answer ${r.status} ${r.text}`);
    await sleep(50);
  }
}

/**
 * leveldown that fails the next write of a given doc id when armed, as LevelDB does on a full disk, and counts the
 * writes acknowledged by handles that were open when a write failed: the fail-stop must make that 0.
 */
function flakyLeveldown() {
  const state = { armed: undefined as string | undefined, failed: 0, staleAcks: 0 };
  const faulty = new Set<object>();
  const open = new Set<object>();
  const factory = ((location: string) => {
    const db = leveldown(location) as unknown as Record<string, (...args: unknown[]) => unknown>;
    open.add(db);
    const write = (name: string) => {
      const original = db[name]!;
      db[name] = function (this: unknown, ...args: unknown[]) {
        const callback = args[args.length - 1] as (err?: Error | null) => void;
        if (state.armed && JSON.stringify(args.slice(0, -1)).includes(state.armed)) {
          state.armed = undefined;
          state.failed += 1;
          open.forEach((h) => faulty.add(h));
          process.nextTick(() =>
            callback(new Error(`IO error: ${location}/000003.log: No space left on device`)),
          );
          return undefined;
        }
        args[args.length - 1] = (err?: Error | null) => {
          if (!err && faulty.has(db)) state.staleAcks += 1;
          callback(err);
        };
        return original.apply(this, args);
      };
    };
    write('_batch');
    write('_put');
    const close = db._close!;
    db._close = function (this: unknown, ...args: unknown[]) {
      open.delete(db);
      return close.apply(this, args);
    };
    return db;
  }) as unknown as LevelDownFactory;
  const real = leveldown as LevelDownFactory;
  Object.assign(factory, { destroy: real.destroy.bind(real), repair: real.repair.bind(real) });
  return { factory, state };
}

describe('embedded store after a LevelDB write error (simulated, inline)', () => {
  const dir = tempDir('couch-fault-');
  const flaky = flakyLeveldown();
  let couch: EmbeddedCouch | undefined;
  afterAll(async () => {
    await couch?.close();
    dir.remove();
  });

  // Ways a write reaches LevelDB: the short way (PUT of a doc, `_bulk_docs`), express-pouchdb's routes
  // (`_local` docs, attachments).
  const failing: { name: string; path: (i: number) => string; body: object }[] = [
    { name: 'a doc (short way)', path: (i) => `/db1/failed-${i}`, body: { v: 1 } },
    { name: 'a _local doc (express-pouchdb)', path: (i) => `/db1/_local/failed-${i}`, body: { v: 1 } },
    { name: 'an attachment (express-pouchdb)', path: (i) => `/db1/failed-${i}/note.txt`, body: { v: 1 } },
    { name: 'a _bulk_docs', path: (i) => `/db1/_bulk_docs#${i}`, body: { docs: [{ _id: 'bulk-failed' }] } },
  ];

  it.each(failing.map((f, i) => [f.name, f, i] as const))(
    'a failed write of %s: no later write is acknowledged before the database is reopened; none is lost',
    async (_name, f, i) => {
      couch ??= await startEmbeddedCouch({
        dataDir: dir.path,
        adminPassword: 'pw',
        log,
        leveldown: flaky.factory,
      });
      const call = client(couch.url);
      if (i === 0) expect((await call('PUT', '/db1')).status).toBe(201);
      await writeUntilAcknowledged(call, `/db1/before-${i}`, { v: 0 });

      const path = f.path(i).replace(/#.*/, '');
      flaky.state.armed = path.endsWith('_bulk_docs') ? 'bulk-failed' : `failed-${i}`;
      const failedAnswer = await call(path.endsWith('_bulk_docs') ? 'POST' : 'PUT', path, f.body);
      expect(flaky.state.failed).toBe(i + 1);
      expect(failedAnswer.status).toBeGreaterThanOrEqual(500);
      expect(failedAnswer.text).toMatch(/No space left on device/);

      // Right after: writes are refused until the store reopened, then acknowledged by new handles.
      const afterIds = Array.from({ length: 5 }, (_, k) => `after-${i}-${k}`);
      await Promise.all(afterIds.map((id) => writeUntilAcknowledged(call, `/db1/${id}`, { v: 2 })));
      expect(flaky.state.staleAcks).toBe(0);

      // What was acknowledged is on disk: the store opened again from its files has it all.
      await couch.restart();
      for (const id of [`before-${i}`, ...afterIds])
        expect((await call('GET', `/db1/${id}`)).status).toBe(200);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// A real full disk: a tmpfs of a few MB (needs root; skipped with the reason elsewhere).

/** Mounts a small tmpfs; answers why not where it cannot (not root, not Linux, no mount). */
function tryMount(): { dir: string; unmount(): void } | string {
  if (process.platform !== 'linux') return 'not Linux';
  const dir = tempDir('couch-enospc-');
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir.path], { encoding: 'utf8' });
  if (run.status !== 0) {
    dir.remove();
    return (run.stderr || run.error?.message || `mount exited ${run.status}`).trim();
  }
  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    if (spawnSync('umount', [dir.path]).status !== 0) spawnSync('umount', ['-l', dir.path]);
    dir.remove();
  };
  process.once('exit', unmount);
  return { dir: dir.path, unmount };
}

/** Whether mounting works here, tried at once (mounted and unmounted): the tests mount their own. */
const probe = tryMount();
if (typeof probe !== 'string') probe.unmount();
const noMount = typeof probe === 'string' ? probe : undefined;

describe.skipIf(noMount !== undefined)(
  `embedded store on a full tmpfs${noMount ? ` (skipped: cannot mount a tmpfs here: ${noMount})` : ''}`,
  () => {
    let root = '';
    let unmount = () => {};
    beforeAll(() => {
      const mount = tryMount();
      if (typeof mount === 'string') throw new Error(`mount failed: ${mount}`);
      root = mount.dir;
      unmount = mount.unmount;
    });
    afterAll(() => unmount());
    const free = () => {
      const s = statfsSync(root);
      return s.bavail * s.bsize;
    };

    it.each(['inline', 'process'] as StoreMode[])(
      '%s: every write acknowledged around ENOSPC is there after a restart',
      async (mode) => {
        const dataDir = join(root, mode);
        mkdirSync(dataDir);
        const couch = await startEmbeddedCouch({ dataDir, adminPassword: 'pw', log, mode });
        const filler = join(root, `filler-${mode}`);
        try {
          const call = client(couch.url);
          expect((await call('PUT', '/db1')).status).toBe(201);
          const acked: string[] = [];
          const put = async (id: string, body: object) => {
            const r = await call('PUT', `/db1/${id}`, body);
            if (r.status === 201) acked.push(id);
            return r;
          };
          expect((await put('before', { v: 1 })).status).toBe(201);

          const fd = openSync(filler, 'w');
          const chunk = Buffer.alloc(1 << 20, 7);
          try {
            while (free() > 300_000) writeSync(fd, chunk, 0, Math.min(chunk.length, free() - 300_000));
          } catch {
            // ENOSPC: full enough
          } finally {
            closeSync(fd);
          }
          let failedAt = -1;
          for (let i = 0; i < 500 && failedAt < 0; i++) {
            const r = await put(`full-${i}`, { pad: 'x'.repeat(20_000) });
            if (r.status !== 201) failedAt = i;
          }
          expect(failedAt).toBeGreaterThanOrEqual(0);
          // Still full: whatever is acknowledged now must survive too.
          for (let i = 0; i < 10; i++) {
            await put(`still-full-${i}`, { v: 1 });
            await sleep(50);
          }

          unlinkSync(filler);
          await writeUntilAcknowledged(call, '/db1/after-freeing', { v: 2 }, 25_000);
          acked.push('after-freeing');

          await couch.restart();
          const missing: string[] = [];
          for (const id of acked) if ((await call('GET', `/db1/${id}`)).status !== 200) missing.push(id);
          expect(missing).toEqual([]);
        } finally {
          await couch.close();
          try {
            unlinkSync(filler);
          } catch {
            // already freed
          }
        }
      },
      60_000,
    );
  },
);
