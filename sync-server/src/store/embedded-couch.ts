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
// In both, the store holds a lock on its folder while it runs: one store per DATA_DIR.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { listen } from '../ops/listen';
import { createEmbeddedCouchApp, EMBEDDED_ADMIN } from './embedded-couch-app';
import type { StoreChildMessage, StoreStartMessage } from './embedded-couch-process';

export { EMBEDDED_ADMIN } from './embedded-couch-app';

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

async function startInline(dir: string, opts: EmbeddedCouchOptions): Promise<Started> {
  let port = 0;
  let current: { close(): Promise<void> } | undefined;
  const open = async () => {
    const app = await createEmbeddedCouchApp({
      dir,
      adminPassword: opts.adminPassword,
      ...(opts.lockWaitMs === undefined ? {} : { lockWaitMs: opts.lockWaitMs }),
    });
    const listening = await listen(app.handler, port, '127.0.0.1').catch(async (e: unknown) => {
      await app.close();
      throw e;
    });
    port = listening.port;
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
        if (closing) throw new Error('the store is closed');
        await shut();
        await open();
      },
      close: () => (closing ??= shut()),
    },
  };
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

  /** Forks a store process and waits until it listens (or fails). */
  function spawnStore(): Promise<void> {
    return new Promise<void>((ok, fail) => {
      const c = fork(processEntry, [], {
        execArgv: childExecArgv(),
        env: { ...process.env, UV_THREADPOOL_SIZE: String(opts.threads ?? 1) },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      child = c;
      let settled = false;
      c.on('message', (m: StoreChildMessage) => {
        if (settled) return;
        settled = true;
        if (m.type === 'listening') {
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
        if (closed || stopping) return;
        log.error({ code, signal }, 'the embedded store process died; starting it again');
        scheduleRestart();
      });
      const start: StoreStartMessage = {
        type: 'start',
        dir,
        adminPassword: opts.adminPassword,
        port,
        ...(opts.lockWaitMs === undefined ? {} : { lockWaitMs: opts.lockWaitMs }),
      };
      c.send(start);
    });
  }

  function scheduleRestart(): void {
    // A store that keeps dying soon after its start is retried less and less often.
    backoffMs = Date.now() - startedAt < 10_000 ? Math.min(5_000, Math.max(100, backoffMs * 2)) : 100;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (closed || stopping) return;
      spawnStore().then(
        () => log.info({ port, storePid: child?.pid }, 'embedded store started again'),
        (err: unknown) => {
          log.error({ err }, 'the embedded store did not start again; retrying');
          startedAt = Date.now();
          if (!closed && !stopping) scheduleRestart();
        },
      );
    }, backoffMs);
    retryTimer.unref();
  }

  /** Asks the store to stop (it closes its databases), then waits for it; kills it if it hangs. */
  async function stopStore(): Promise<void> {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((ok) => c.once('exit', () => ok()));
    if (c.connected) c.send({ type: 'stop' });
    else c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
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
