// The embedded CouchDB-compatible server (express-pouchdb on PouchDB + LevelDB under DATA_DIR, see
// embedded-couch-app.ts) on a plain node `http` server bound to 127.0.0.1 with an ephemeral port. The
// rest of the server talks to it over HTTP through nano, exactly as to Apache CouchDB 3, with the
// server admin's credentials (password kept in DATA_DIR); every app database gets a `_security` doc
// for admins only.
//
// Two modes. `process` (what `npm start` runs): the store lives in a child process of its own
// (embedded-couch-process.ts), so its work uses another core than the server's. This module supervises
// it: a store that dies is started again (after 0.1 s, doubling up to 5 s while it keeps dying) on the
// same port, so its URL never changes; `up` is false meanwhile (the server's readiness answers 503);
// `close()` stops it cleanly; and it stops by itself when this process dies (its IPC channel closes).
// `inline`: the store runs in this process (tests start many servers; it is quicker to start).
// Fail-stop: after a LevelDB write error (a full disk) the store acknowledges no more writes; it is
// reopened from disk (process: its process exits and is started again with the same backoff; inline:
// closed and opened again, retried with that backoff), so no acknowledged write is lost.
// In both, the store holds a lock on its folder while it runs: one store per DATA_DIR.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { listen } from '../ops/listen';
import { EMBEDDED_ADMIN } from './embedded-admin';
import type { StoreChildMessage, StoreStartMessage } from './embedded-couch-process';
import type { LevelDownFactory } from './fail-stop-leveldown';

export { EMBEDDED_ADMIN } from './embedded-admin';

export type StoreMode = 'process' | 'inline';

export type EmbeddedCouch = {
  /** Base URL with the admin's credentials; the same for the store's whole life, restarts included. */
  readonly url: string;
  readonly mode: StoreMode;
  /** False while the store is down: its process died and is being started again, or it is closed. */
  readonly up: boolean;
  /** The store process's id (process mode, while it runs). */
  readonly pid: number | undefined;
  /** Stops the store and starts it again on the same port (requests meanwhile fail as if it were down). */
  restart(): Promise<void>;
  close(): Promise<void>;
};

export type EmbeddedCouchOptions = {
  dataDir: string;
  adminPassword: string;
  log: Logger;
  /** Default `inline`; the server passes its EMBEDDED_STORE setting (default `process`). */
  mode?: StoreMode;
  /**
   * Process mode: libuv threads of the store process (every LevelDB call is a job for them). On a
   * small machine one is measurably quicker than four taking turns on LevelDB's locks. Default 1.
   */
  threads?: number;
  /** How long to wait for a store that still has this DATA_DIR to let go of it. Default 10 s. */
  lockWaitMs?: number;
  /** Inline mode, for tests: the LevelDB binding (a wrapped leveldown that makes writes fail). */
  leveldown?: LevelDownFactory;
};

const processEntry = fileURLToPath(new URL('./embedded-couch-process.ts', import.meta.url));

/** The store process runs TypeScript like its parent: with tsx's loader. */
const childExecArgv = () => ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];

export async function startEmbeddedCouch(opts: EmbeddedCouchOptions): Promise<EmbeddedCouch> {
  const dir = resolve(opts.dataDir, 'couch');
  const store = opts.mode === 'process' ? await startProcess(dir, opts) : await startInline(dir, opts);
  opts.log.info(
    { port: store.port, mode: store.handle.mode, storePid: store.handle.pid },
    'embedded CouchDB-compatible store listening on loopback',
  );
  return store.handle;
}

const urlOf = (password: string, port: number) =>
  `http://${EMBEDDED_ADMIN}:${encodeURIComponent(password)}@127.0.0.1:${port}`;

type Started = { port: number; handle: EmbeddedCouch };

/** The supervisor's wait before starting a store again: 0.1 s, doubling up to 5 s while it keeps dying. */
const nextBackoff = (previousMs: number, startedAt: number) =>
  Date.now() - startedAt < 10_000 ? Math.min(5_000, Math.max(100, previousMs * 2)) : 100;

const faultMessage =
  'the embedded store hit a LevelDB error (disk full?): it acknowledges no more writes and is reopened from disk';

async function startInline(dir: string, opts: EmbeddedCouchOptions): Promise<Started> {
  const { log } = opts;
  let port = 0;
  let current: { close(): Promise<void> } | undefined;
  let closed = false;
  let openedAt = 0;
  let backoffMs = 0;
  let faults = 0;
  let recovering: Promise<void> | undefined;
  const open = async () => {
    // PouchDB and express-pouchdb load here, only in a process that runs the store (about 0.5 s).
    const { createEmbeddedCouchApp } = await import('./embedded-couch-app');
    const app = await createEmbeddedCouchApp({
      dir,
      adminPassword: opts.adminPassword,
      ...(opts.lockWaitMs === undefined ? {} : { lockWaitMs: opts.lockWaitMs }),
      ...(opts.leveldown ? { leveldown: opts.leveldown } : {}),
      onFault: (err) => {
        faults += 1;
        log.error({ err, faults }, faultMessage);
        recovering ??= recover().finally(() => (recovering = undefined));
      },
    });
    const listening = await listen(app.handler, port, '127.0.0.1').catch(async (e: unknown) => {
      await app.close();
      throw e;
    });
    port = listening.port;
    openedAt = Date.now();
    current = {
      close: async () => {
        await new Promise<void>((ok) => {
          listening.server.close(() => ok());
          listening.dropConnections();
        });
        await app.close();
      },
    };
  };
  const shut = async () => {
    const c = current;
    current = undefined;
    await c?.close();
  };
  /** After a fault: closed (the port refuses connections meanwhile), then opened again from disk. */
  const recover = async () => {
    await shut();
    for (;;) {
      backoffMs = nextBackoff(backoffMs, openedAt);
      await new Promise((r) => setTimeout(r, backoffMs));
      if (closed) return;
      try {
        await open();
        log.info({ port, faults }, 'embedded store reopened after a LevelDB error');
        return;
      } catch (err) {
        openedAt = Date.now();
        log.error(
          { err, retryInMs: nextBackoff(backoffMs, openedAt) },
          'the embedded store did not open again; retrying',
        );
      }
    }
  };
  await open();
  let closing: Promise<void> | undefined;
  return {
    port,
    handle: {
      url: urlOf(opts.adminPassword, port),
      mode: 'inline',
      get up() {
        return current !== undefined;
      },
      pid: undefined,
      async restart() {
        if (closed) throw new Error('the store is closed');
        await recovering;
        await shut();
        await open();
      },
      close: () =>
        (closing ??= (async () => {
          closed = true;
          await recovering?.catch(() => undefined);
          await shut();
        })()),
    },
  };
}

/** A store process (embedded-couch-process.ts), not yet told to start. */
function forkStore(opts: EmbeddedCouchOptions): ChildProcess {
  return fork(processEntry, [], {
    execArgv: childExecArgv(),
    env: { ...process.env, UV_THREADPOOL_SIZE: String(opts.threads ?? 1) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** What a store process is told to start with: the port it had (0 the first time: any). */
function startMessage(dir: string, opts: EmbeddedCouchOptions, port: number): StoreStartMessage {
  return {
    type: 'start',
    dir,
    adminPassword: opts.adminPassword,
    port,
    ...(opts.lockWaitMs === undefined ? {} : { lockWaitMs: opts.lockWaitMs }),
  };
}

/** Asks the store to stop (it closes its databases), then waits for it; kills it if it hangs. */
async function stopChild(c: ChildProcess | undefined): Promise<void> {
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((ok) => c.once('exit', () => ok()));
  if (c.connected) c.send({ type: 'stop' });
  else c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function startProcess(dir: string, opts: EmbeddedCouchOptions): Promise<Started> {
  const { log } = opts;
  let port = 0;
  let child: ChildProcess | undefined;
  let up = false;
  let closed = false;
  /** Set while restart() or close() stops the store on purpose: its exit is not a crash. */
  let stopping: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let backoffMs = 0;
  let startedAt = 0;
  let faults = 0;

  /** Forks a store process and waits until it listens (or fails). */
  function spawnStore(): Promise<void> {
    return new Promise<void>((ok, fail) => {
      const c = forkStore(opts);
      child = c;
      let settled = false;
      let listening = false;
      c.on('message', (m: StoreChildMessage) => {
        if (m.type === 'fault') {
          faults += 1;
          log.error({ storeError: m.message, faults, storePid: c.pid }, faultMessage);
          return;
        }
        if (settled) return;
        settled = true;
        if (m.type === 'listening') {
          listening = true;
          port = m.port;
          up = true;
          startedAt = Date.now();
          ok();
        } else fail(new Error(`the embedded store did not start: ${m.message}`));
      });
      c.on('error', (e) => log.error({ err: e }, 'embedded store process error'));
      c.on('exit', (code, signal) => {
        up = false;
        if (child === c) child = undefined;
        if (!settled) {
          settled = true;
          fail(new Error(`the embedded store exited while starting (code ${code}, signal ${signal})`));
          return;
        }
        // One that failed to start is retried by whoever started it (scheduleRestart, restart()).
        if (closed || stopping || !listening) return;
        scheduleRestart();
        log.error(
          { code, signal, retryInMs: backoffMs },
          'the embedded store process died; starting it again',
        );
      });
      c.send(startMessage(dir, opts, port));
    });
  }

  function scheduleRestart(): void {
    // A store that keeps dying soon after its start is retried less and less often.
    backoffMs = nextBackoff(backoffMs, startedAt);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (closed || stopping) return;
      spawnStore().then(
        () => log.info({ port, storePid: child?.pid }, 'embedded store started again'),
        (err: unknown) => {
          startedAt = Date.now();
          if (closed || stopping) return;
          scheduleRestart();
          log.error({ err, retryInMs: backoffMs }, 'the embedded store did not start again; retrying');
        },
      );
    }, backoffMs);
    retryTimer.unref();
  }

  /** No retry pending, and the store stopped. */
  async function stopStore(): Promise<void> {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    await stopChild(child);
  }

  // Should this process exit without close(), the store goes too (it also sees its IPC channel close).
  const onExit = () => child?.kill('SIGTERM');
  process.on('exit', onExit);
  await spawnStore().catch((e: unknown) => {
    process.off('exit', onExit);
    throw e;
  });

  let closing: Promise<void> | undefined;
  return {
    port,
    handle: {
      url: urlOf(opts.adminPassword, port),
      mode: 'process',
      get up() {
        return up;
      },
      get pid() {
        return child?.pid;
      },
      async restart() {
        if (closed) throw new Error('the store is closed');
        if (stopping) return stopping;
        stopping = (async () => {
          await stopStore();
          // Did not come up: the supervisor keeps trying, as after a crash.
          await spawnStore().catch((e: unknown) => {
            scheduleRestart();
            throw e;
          });
        })().finally(() => (stopping = undefined));
        return stopping;
      },
      close: () =>
        (closing ??= (async () => {
          closed = true;
          await stopping?.catch(() => undefined);
          await stopStore();
          process.off('exit', onExit);
        })()),
    },
  };
}
