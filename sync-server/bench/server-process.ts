// Runs the sync server as `npm start` does (main.ts in its own process), so its memory is measured
// apart from the benchmark's clients. Gives its URL, the embedded store's URL, its pid and peak RSS.
// `env` adds to (or, with undefined, removes from) the environment; the child is killed if the
// benchmark exits without stopping it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ServerProcess = {
  url: string;
  storeUrl: string;
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
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      ...env,
    },
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
      const store = port('embedded CouchDB-compatible store listening on loopback');
      if (server && store) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        ok({ server, store });
      }
    };
    child.stdout.on('data', check);
  });
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
    embeddedAdminPassword: string;
  };
  return {
    url: `http://127.0.0.1:${ports.server}`,
    storeUrl: `http://admin:${encodeURIComponent(secrets.embeddedAdminPassword)}@127.0.0.1:${ports.store}`,
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
