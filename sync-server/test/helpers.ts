// Test helpers: a real sync server on loopback (temp DATA_DIR, port 0) over the embedded store, or,
// with TEST_COUCHDB_URL set, over that Apache CouchDB (`npm run test:couchdb` starts the kit itself).
// On a shared CouchDB each server's databases carry a prefix of their own (COUCHDB_DB_PREFIX, derived
// from the DATA_DIR, so a restart on the same folder finds its data), and suites never collide.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { couchClient } from '../src/store/couch';
import { pino } from 'pino';
import type { OutboxTransport } from '../src/channels/outbox/transport';
import { loadServerConfig } from '../src/config';
import { startServer, type RunningServer, type StartOptions } from '../src/server';
import { createCouchStore, type CouchStore } from '../src/store/couch-store';
import { startEmbeddedCouch } from '../src/store/embedded-couch';

/** The Apache CouchDB the store-touching suites run against, when set (else the embedded store). */
export const testCouchUrl: string | undefined = process.env.TEST_COUCHDB_URL || undefined;

/** Names this test run's databases on a shared CouchDB: `tst<run>` (the run's, from the setup). */
const runTag = (process.env.TEST_COUCHDB_RUN ?? '').replace(/[^a-z0-9]/g, '').slice(0, 8);
export const TEST_DB_PREFIX = `tst${runTag}`;

/** A database prefix of this run: the same for the same `seed` (a DATA_DIR), else a fresh one. */
export function testDbPrefix(seed?: string): string {
  const tag = seed
    ? createHash('sha256').update(seed).digest('hex').slice(0, 12)
    : randomBytes(6).toString('hex');
  return `${TEST_DB_PREFIX}${tag}_`;
}

/** Env that points a server at TEST_COUCHDB_URL with the prefix of its DATA_DIR; {} without it. */
export function testStoreEnv(dataDir: string): Record<string, string> {
  return testCouchUrl ? { COUCHDB_URL: testCouchUrl, COUCHDB_DB_PREFIX: testDbPrefix(dataDir) } : {};
}

/** Deletes every database whose name starts with `prefix` (on TEST_COUCHDB_URL, or `url`). */
export async function dropTestDatabases(prefix: string, url = testCouchUrl): Promise<number> {
  if (!url) return 0;
  const server = couchClient({ url });
  const names = (await server.request({
    path: '_all_dbs',
    qs: { startkey: prefix, endkey: `${prefix}\ufff0` },
  })) as string[];
  for (const name of names) await server.db.destroy(name).catch(() => undefined);
  return names.length;
}

/** Parsed JSON of an answer (shape checked by the assertions). */
type Json = ReturnType<typeof JSON.parse>;

export type Session = {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; role: string; teamId: string };
  team: { id: string; name: string };
};

export function tempDir(prefix = 'sync-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function startTestServer(
  dataDir: string,
  env: Record<string, string> = {},
  opts: Partial<StartOptions> = {},
): Promise<RunningServer> {
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LONGPOLL_MAX_MS: '2000',
    // Registrations answer at once here (auth-timing.test.ts tests the budget).
    SIGNUP_ANSWER_MS: '0',
    LOG_LEVEL: 'silent',
    // Tests start many servers: the store runs in the test's process (its own process is tested too).
    EMBEDDED_STORE: 'inline',
    ...testStoreEnv(dataDir),
    ...env,
  });
  return startServer(config, {
    log: pino({ level: debugLevel() }),
    shutdownGraceMs: 500,
    ...opts,
  });
}

/**
 * Env for a second server process on the store of `first` (started on `firstDataDir`): the same
 * CouchDB and database prefix (secrets differ unless the test sets JWT_SECRET and ENCRYPTION_KEY).
 */
export function sameStoreEnv(first: RunningServer, firstDataDir: string): Record<string, string> {
  return {
    COUCHDB_URL: first.store.couchUrl,
    ...(testCouchUrl ? { COUCHDB_DB_PREFIX: testDbPrefix(firstDataDir) } : {}),
  };
}

export type TestStore = {
  store: CouchStore;
  /** Another process's store over the same databases (its own caches and ingest notes). */
  another(): CouchStore;
  close(): Promise<void>;
};

/** A CouchDB for a test: its URL, the prefix its databases take, and `close()`. */
export type TestCouch = { url: string; prefix: string; close(): Promise<void> };

/**
 * The embedded store (in this process) in a fresh temp folder, no prefix; `close()` stops it and
 * removes the folder. With TEST_COUCHDB_URL: that CouchDB under a fresh database prefix; `close()`
 * deletes the databases with that prefix.
 */
export async function startTestCouch(
  folderPrefix: string,
  log = pino({ level: 'silent' }),
): Promise<TestCouch> {
  if (testCouchUrl) {
    const prefix = testDbPrefix();
    return { url: testCouchUrl, prefix, close: () => dropTestDatabases(prefix).then(() => undefined) };
  }
  const dir = tempDir(folderPrefix);
  const couch = await startEmbeddedCouch({ dataDir: dir.path, adminPassword: 'pw', log });
  return {
    url: couch.url,
    prefix: '',
    async close() {
      await couch.close();
      dir.remove();
    },
  };
}

/**
 * The test's CouchDB (startTestCouch) with the system databases set up, for tests of the runtime's
 * parts without a server; `close()` ends it.
 */
export async function startTestStore(prefix: string, log = pino({ level: 'silent' })): Promise<TestStore> {
  const couch = await startTestCouch(prefix, log);
  const open = () =>
    createCouchStore({ url: couch.url, log, ...(couch.prefix ? { prefix: couch.prefix } : {}) });
  const store = open();
  await store.setup();
  return { store, another: open, close: () => couch.close() };
}

/** Waits until `cond` holds, asking every `everyMs`; throws after `timeoutMs`. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until `probe` answers something (not undefined), and answers it; throws after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  let value: T | undefined;
  await until(async () => (value = await probe()) !== undefined, timeoutMs);
  return value!;
}

/** Whether a process is alive (signal 0 reaches it). */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Env for tests of the core: the agent runtime (tested on its own) stays off. */
export const CORE = { RUNTIME: 'false' } as const;

let counter = 0;
export const uniqueEmail = (tag = 'user') => `${tag}-${Date.now()}-${counter++}@example.com`;

export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The password the helpers give every account they make (strong enough for the strength check). */
export const TEST_PASSWORD = 'correct horse battery';

/** Signs in: the session (throws unless 200). */
export async function login(base: string, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await call(base, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Session;
}

/** Registers a team with its admin (202, no session) and signs the admin in. */
export async function register(base: string, teamName = 'Team', email = uniqueEmail()): Promise<Session> {
  const res = await call(base, 'POST', '/api/v1/auth/register', {
    body: { teamName, email, password: TEST_PASSWORD },
  });
  if (res.status !== 202) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return login(base, email);
}

/** Redeems an invite (202, no session) and signs the new member in. */
export async function acceptInvite(
  base: string,
  invite: { inviteToken: string; email: string },
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await call(base, 'POST', '/api/v1/auth/accept-invite', {
    body: { token: invite.inviteToken, password },
  });
  if (res.status !== 202) throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.body)}`);
  return login(base, invite.email, password);
}

/** A valid lead in CouchDB's shape. */
export function leadDoc(
  id: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> & { _id: string } {
  const at = '2026-03-02T10:15:00.000Z';
  return {
    _id: id,
    contactId: 'contact-1',
    title: `Lead ${id}`,
    stage: 'new',
    source: { channel: 'manual' },
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

/** A request whose path is sent exactly as given (fetch would resolve `..` segments first). */
export function rawCall(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: string } = {},
): Promise<{ status: number; body: Json }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // keep text
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * A transport for outbox tests (channels/outbox/): records the id of each message handed to it, in
 * order, and reports it sent at once.
 */
export function recordingTransport(
  sent: string[],
  channel: OutboxTransport['channel'] = 'telegram',
  accepts?: OutboxTransport['accepts'],
): OutboxTransport {
  return {
    channel,
    ...(accepts ? { accepts } : {}),
    send: ({ doc }) => {
      sent.push(doc.id);
      return Promise.resolve({ kind: 'sent', externalId: `x-${doc.id}` });
    },
  };
}

/** Raw requests to a store (embedded or CouchDB) with the URL's credentials as a header; JSON answers. */
export function storeClient(storeUrl: string) {
  const u = new URL(storeUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
  const base = `${u.protocol}//${u.host}`;
  return {
    base,
    authorization,
    async call<T = Record<string, unknown>>(
      method: string,
      path: string,
      body?: unknown,
      opts: { headers?: Record<string, string>; signal?: AbortSignal } = {},
    ) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...opts.headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as T) : undefined };
    },
  };
}

/** The test server's log level: DEBUG_LOG=1 shows errors, DEBUG_LOG=warn (or any pino level) that level. */
function debugLevel(): string {
  const asked = process.env.DEBUG_LOG;
  if (!asked) return 'silent';
  return ['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(asked) ? asked : 'error';
}
