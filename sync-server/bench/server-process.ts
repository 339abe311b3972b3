// Runs the sync server as `npm start` does (main.ts in its own process), so its memory is measured
// apart from the benchmark's clients. Gives its URL, its store's URL (the embedded store's, or the
// CouchDB of the bench's backend, see backend.ts), the database prefix, its pid and peak RSS.
// `env` adds to (or, with undefined, removes from) the environment; the child is killed if the
// benchmark exits without stopping it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBuild } from '../scripts/server-build.mjs';
import { backend } from './backend';

export type ServerProcess = {
  url: string;
  storeUrl: string;
  /** Before every database name (COUCHDB_DB_PREFIX; '' on the embedded store). */
  dbPrefix: string;
  pid: number;
  peakRssMb(): number;
  /** SIGTERM (a graceful shutdown); SIGKILL if it has not exited after `killAfterMs`. */
  stop(killAfterMs?: number): Promise<void>;
};

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function startServerProcess(
  dataDir: string,
  env: Record<string, string | undefined> = {},
  /** Sees everything the server writes to stdout (its JSON log lines). */
  onOutput?: (text: string) => void,
): Promise<ServerProcess> {
  // On CouchDB: the backend's URL and a database prefix of this DATA_DIR, unless `env` names a store.
  const storeEnv = 'COUCHDB_URL' in env ? {} : backend().env(dataDir);
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    // Sign-ups answer at once: their fixed answer time (auth-timing.test.ts) is not what is measured.
    SIGNUP_ANSWER_MS: '0',
    ...storeEnv,
    ...env,
  };
  const couchUrl = childEnv.COUCHDB_URL;
  const child = spawn(process.execPath, [await ensureServerBuild()], {
    cwd: serverDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    onOutput?.(c.toString());
    // Keep only what start-up needs; request logs would grow without bound.
    if (out.length > 1_000_000) out = out.slice(-100_000);
  });
  const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const ports = await new Promise<{ server: number; store: number }>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server did not start:\n${out}`));
    }, 60_000);
    const check = () => {
      const lines = out.split('\n').filter((l) => l.startsWith('{'));
      const port = (msg: string) =>
        (lines.map((l) => JSON.parse(l) as { msg?: string; port?: number }).find((l) => l.msg === msg) ?? {})
          .port;
      const server = port('sync server listening');
      // With COUCHDB_URL there is no embedded store to wait for.
      const store = couchUrl ? -1 : port('embedded CouchDB-compatible store listening on loopback');
      if (server && store) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        ok({ server, store });
      }
    };
    child.stdout.on('data', check);
  });
  const embeddedUrl = () => {
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
      embeddedAdminPassword: string;
    };
    return `http://admin:${encodeURIComponent(secrets.embeddedAdminPassword)}@127.0.0.1:${ports.store}`;
  };
  return {
    url: `http://127.0.0.1:${ports.server}`,
    storeUrl: couchUrl ?? embeddedUrl(),
    dbPrefix: childEnv.COUCHDB_DB_PREFIX ?? '',
    pid: child.pid!,
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return kb / 1024;
    },
    async stop(killAfterMs = Infinity) {
      child.kill('SIGTERM');
      const timer = Number.isFinite(killAfterMs)
        ? setTimeout(() => child.kill('SIGKILL'), killAfterMs)
        : undefined;
      await exited;
      clearTimeout(timer);
    },
  };
}
