// Runs the sync server as a real child process (its bundle, as `npm start` does), for crash and
// multi-process tests: kill -9 means kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onFreePort, PortTaken } from '@app/shared/testing';
import { ensureServerBuild } from '../scripts/server-build.mjs';
import { testStoreEnv } from './helpers';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Env of one of several server processes on one store (`store`: COUCHDB_URL and maybe a prefix): the
 * same secrets, the demo team with the fake Bot API's bot, and an INSTANCE_ID of its own.
 */
export function sharedStoreEnv(o: {
  dataDir: string;
  id: string;
  store: Record<string, string>;
  botToken: string;
  apiRoot: string;
}): Record<string, string> {
  return {
    DATA_DIR: `${o.dataDir}/${o.id}`,
    ...o.store,
    JWT_SECRET: 'x'.repeat(40),
    ENCRYPTION_KEY: 'y'.repeat(40),
    SEED_DEMO: 'true',
    TELEGRAM_BOT_TOKEN: o.botToken,
    TELEGRAM_API_ROOT: o.apiRoot,
    INSTANCE_ID: o.id,
  };
}

/**
 * The server's bundle as a child process, ready (its /readyz answers) within `timeoutMs`; on another
 * port when the one picked was taken before it bound it (files run side by side).
 */
export function spawnServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  return onFreePort((port) => spawnOn(port, env, timeoutMs));
}

async function spawnOn(port: number, env: Record<string, string>, timeoutMs: number): Promise<ServerProcess> {
  let output = '';
  const child = spawn(process.execPath, [await ensureServerBuild()], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // TEST_COUCHDB_URL: that CouchDB, under the DATA_DIR's prefix (unless the test names a store).
      ...(env.DATA_DIR && !env.COUCHDB_URL ? testStoreEnv(env.DATA_DIR) : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      if (output.includes('EADDRINUSE')) throw new PortTaken(port, output);
      throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    }
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    // Another file's server on the port answers too: ready only while this child still runs.
    if (ok && child.exitCode === null) break;
    if (Date.now() - t0 > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => output,
    kill: (signal = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
