// The fault suite's harness: the sync server as its own process group (kill -9 means kill -9, of the
// server and of anything it started), restarted on the same port and DATA_DIR; an exit guard that
// kills every child and unmounts every tmpfs this run made, even when the bench fails; small HTTP
// helpers that report network errors as status 0 instead of throwing. On CouchDB (faults.ts
// `--couchdb[=<url>]`) each DATA_DIR gets a database prefix of its own (backend.ts): every scenario
// starts on a fresh store, as on the embedded one, and finds its data again after a restart.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from '@app/shared/bench';
import { ensureServerBuild } from '../../scripts/server-build.mjs';
import { freePort } from '@app/shared/testing';
import { backend } from '../backend';

/** Parsed JSON of an answer (shapes are checked where they are used). */
export type Json = ReturnType<typeof JSON.parse>;

/** A report row: a figure, plus every number of the scenario for the JSON. */
export type FaultFigure = Figure & { details?: Record<string, number | string | boolean> };

export type ScenarioContext = { quick: boolean; log(message: string): void };

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Exit guard: synchronous clean-ups that run however the process ends.

const guards = new Set<() => void>();

/** Registers a synchronous clean-up for process exit; returns the function that unregisters it. */
export function onExit(cleanup: () => void): () => void {
  guards.add(cleanup);
  return () => guards.delete(cleanup);
}

function runGuards(): void {
  for (const g of [...guards].reverse()) {
    try {
      g();
    } catch {
      // keep cleaning up
    }
  }
  guards.clear();
}

process.on('exit', runGuards);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    runGuards();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}
/** Errors no scenario caught (a client library failing in the background while a server is down). */
export const stray = { count: 0, last: '' };
const noteStray = (kind: string) => (err: unknown) => {
  stray.count++;
  stray.last = `${kind}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
  const stack = err instanceof Error ? (err.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
  console.error(`faults bench: ${stray.last}\n${stack}`);
};
// Logged and counted, not fatal: one scenario's background noise must not stop the others.
process.on('uncaughtException', noteStray('uncaught exception'));
process.on('unhandledRejection', noteStray('unhandled rejection'));

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(path, { recursive: true, force: true });
  const unguard = onExit(remove);
  return {
    path,
    remove: () => {
      unguard();
      remove();
    },
  };
}

/** Mounts a tmpfs of `sizeMb` on `dir`; false when mounting is not allowed here. */
export function mountTmpfs(dir: string, sizeMb: number): { ok: boolean; error?: string; unmount(): void } {
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (run.status !== 0)
    return { ok: false, error: (run.stderr || run.error?.message || '').trim(), unmount() {} };
  const unmount = () => {
    if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
  };
  const unguard = onExit(unmount);
  return {
    ok: true,
    unmount: () => {
      unguard();
      unmount();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The server process.

export type ServerProc = {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The demo login printed at the first start with SEED_DEMO (only that start prints it). */
  readonly demo?: { email: string; password: string };
  /** Exit code or signal if the process ended; undefined while it runs. */
  exited(): { code: number | null; signal: NodeJS.Signals | null; expected: boolean } | undefined;
  /** The last part of its stdout and stderr. */
  output(): string;
  /** Its error-level log lines (the last 200). */
  errors(): string[];
  /** kill -9 of the server's process group; resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM to the server, then SIGKILL to its group after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
};

export type StartOptions = {
  dataDir: string;
  /** Restarts pass the port of the first start, so clients keep their URL. */
  port?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
};

export async function startServerProc(opts: StartOptions): Promise<ServerProc> {
  const port = opts.port ?? (await freePort());
  let output = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null; expected: boolean } | undefined;
  let expected = false;
  // Its own process group: kill -9 reaches whatever the server starts (a store process, say).
  const child: ChildProcess = spawn(process.execPath, [await ensureServerBuild()], {
    cwd: serverDir,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      ...(opts.env?.COUCHDB_URL ? {} : backend().env(opts.dataDir)),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const unguard = onExit(() => killGroup('SIGKILL'));
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal, expected };
      unguard();
      // Whatever the server started dies with it.
      killGroup('SIGKILL');
      resolve();
    }),
  );
  const errorLines: string[] = [];
  let partial = '';
  const keep = (d: Buffer) => {
    const text = d.toString();
    output = (output + text).slice(-40_000);
    // Error-level log lines (pino level >= 50) are kept apart: request logs would push them out.
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{"level":5') && !line.startsWith('{"level":6')) continue;
      errorLines.push(line.slice(0, 4_000));
      if (errorLines.length > 200) errorLines.shift();
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 90_000;
  for (;;) {
    if (exit) throw new Error(`server exited (${exit.code ?? exit.signal}) before it was ready:\n${output}`);
    const r = await request(`${url}/readyz`, { timeoutMs: 2_000 });
    if (r.status === 200) break;
    if (Date.now() - t0 > timeoutMs) {
      killGroup('SIGKILL');
      throw new Error(`server not ready in ${timeoutMs} ms:\n${output}`);
    }
    await sleep(100);
  }
  const email = /e-mail:\s+(\S+)/.exec(output)?.[1];
  const password = /password:\s+(\S+)/.exec(output)?.[1];
  return {
    url,
    port,
    pid,
    ...(email && password ? { demo: { email, password } } : {}),
    exited: () => exit,
    output: () => output,
    errors: () => [...errorLines],
    async kill9() {
      expected = true;
      killGroup('SIGKILL');
      await gone;
    },
    async stop(graceMs = 15_000) {
      expected = true;
      if (exit) return;
      // The server alone, as `docker stop` or a supervisor would: it stops what it started in its
      // own time (its store last); what is left when it exits is killed with the group.
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => killGroup('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP.

export type Answer = { status: number; body: Json; text: string; error?: string; ms: number };

/** A request that never throws: network errors and timeouts answer status 0 with `error`. */
export async function request(
  url: string,
  opts: {
    method?: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: Json = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text, ms: performance.now() - t0 };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return {
      status: 0,
      body: undefined,
      text: '',
      error: err.cause?.code ?? err.name ?? String(e),
      ms: performance.now() - t0,
    };
  }
}

/** Like `request`, but a non-2xx answer throws (set-up steps, not the measured part). */
export async function must(url: string, opts: Parameters<typeof request>[1] = {}): Promise<Json> {
  const r = await request(url, opts);
  if (r.status < 200 || r.status >= 300) {
    throw new Error(`${opts.method ?? 'GET'} ${url}: ${r.status || r.error} ${r.text.slice(0, 300)}`);
  }
  return r.body;
}

let registered = 0;
/** Registrations that failed and were tried again (set-up, not what a scenario measures): reported. */
export const setupRetries: string[] = [];

export async function register(url: string): Promise<{ token: string; teamId: string }> {
  for (let attempt = 1; ; attempt++) {
    const r = await request(`${url}/api/v1/auth/register`, {
      method: 'POST',
      body: {
        teamName: 'Faults',
        email: `faults-${Date.now()}-${registered++}@example.com`,
        password: 'faults password 1',
      },
    });
    // 202 without a session (the same answer whatever the e-mail): the admin signs in.
    if (r.status === 202) {
      const session = await must(`${url}/api/v1/auth/login`, {
        method: 'POST',
        body: { email: r.body.email as string, password: 'faults password 1' },
      });
      return { token: session.accessToken as string, teamId: session.team.id as string };
    }
    const what = `POST /api/v1/auth/register: ${r.status || r.error} ${r.text.slice(0, 200)}`;
    if (attempt >= 8) throw new Error(what);
    setupRetries.push(what);
    await sleep(500);
  }
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const body = await must(`${url}/api/v1/auth/login`, { method: 'POST', body: { email, password } });
  return body.accessToken as string;
}

/** Every doc of a collection through the gateway (design docs left out), with conflicts listed. */
export async function gatewayDocs(
  url: string,
  token: string,
  collection: string,
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  let startkey: string | undefined;
  for (;;) {
    const q = new URLSearchParams({ include_docs: 'true', conflicts: 'true', limit: '2000' });
    if (startkey !== undefined) {
      q.set('startkey', JSON.stringify(startkey));
      q.set('skip', '1');
    }
    const body = await must(`${url}/sync/${collection}/_all_docs?${q}`, { token, timeoutMs: 60_000 });
    const rows = body.rows as { id: string; doc?: Record<string, unknown> }[];
    for (const r of rows) if (!r.id.startsWith('_design/') && r.doc) out.set(r.id, r.doc);
    if (rows.length < 2000) return out;
    startkey = rows.at(-1)!.id;
  }
}

/** How many docs (design docs included) a collection holds: cheap enough to poll. */
export async function gatewayCount(url: string, token: string, collection: string): Promise<number> {
  const r = await request(`${url}/sync/${collection}/_all_docs?limit=0`, { token });
  return r.status === 200 ? (r.body.total_rows as number) : -1;
}

// ---------------------------------------------------------------------------------------------
// Small things.

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it holds; false on timeout. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 200,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
}

const at = '2026-03-02T10:15:00.000Z';

/** A valid lead in CouchDB's shape; `pad` lengthens it (disk-full runs). */
export function leadDoc(
  id: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> & { _id: string } {
  return {
    _id: id,
    contactId: `contact-${id.length % 7}`,
    title: `Lead ${id}: CRM for a team of ${(id.length % 40) + 2}`,
    stage: 'new',
    value: { amount: 120_000, currency: 'RUB' },
    source: { channel: 'manual' },
    tags: ['faults'],
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

export const pad = (n: number) => String(n).padStart(6, '0');

export const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** An error row for a scenario that could not run to its end. */
export function errorRow(name: string, error: unknown): FaultFigure {
  const message = error instanceof Error ? error.message : String(error);
  return {
    name: `${name}: ERROR`,
    value: Number.NaN,
    unit: '',
    goal: '<= 0',
    note: `scenario failed: ${message.split('\n')[0]!.slice(0, 300)}`,
    details: { error: message.slice(0, 2000) },
  };
}
