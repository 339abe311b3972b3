// The embedded CouchDB-compatible server: express-pouchdb (Express 4 inside it) on PouchDB + LevelDB
// under DATA_DIR, on a plain node `http` server bound to 127.0.0.1 with an ephemeral port. The rest of
// the server talks to it over HTTP through nano, exactly as to Apache CouchDB 3. It has a server admin
// (password kept in DATA_DIR), and every app database gets a `_security` doc for admins only.
// `_all_dbs` (open to anonymous in express-pouchdb, and it would list team ids) is switched off.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import type { Logger } from 'pino';
import { listen } from '../ops/listen';

export type EmbeddedCouch = { url: string; close(): Promise<void> };

export const EMBEDDED_ADMIN = 'admin';

/** express-pouchdb parts we leave out: UIs, replication daemons, rewrites, stats, compression. */
const excluded = [
  'compression',
  'routes/all-dbs',
  'replicator',
  'routes/active-tasks',
  'routes/cluster',
  'routes/cluster-rewrite',
  'routes/db-updates',
  'routes/ddoc-info',
  'routes/fauxton',
  'routes/http-log',
  'routes/list',
  'routes/log',
  'routes/replicate',
  'routes/rewrite',
  'routes/show',
  'routes/special-test-auth',
  'routes/stats',
  'routes/temp-views',
  'routes/update',
  'routes/vhosts',
  'validation',
];

function writeConfig(path: string, adminPassword: string): void {
  const current = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  // A plain-text admin password is hashed by express-pouchdb when it loads the file.
  const next = { ...current, admins: { [EMBEDDED_ADMIN]: adminPassword }, log: { level: 'error' } };
  // Atomic (write + rename), so a crash mid-write never leaves a broken config behind.
  writeFileSync(`${path}.tmp`, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export async function startEmbeddedCouch(opts: {
  dataDir: string;
  adminPassword: string;
  log: Logger;
}): Promise<EmbeddedCouch> {
  const dir = resolve(opts.dataDir, 'couch');
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'config.json');
  writeConfig(configPath, opts.adminPassword);
  const Pouch = PouchDB.defaults({ prefix: `${dir}/` });
  // Every database the store opens, so close() can release LevelDB's locks (restart in one process).
  const opened = new Set<string>();
  const onCreated = (name: unknown) => {
    if (typeof name === 'string') opened.add(name);
  };
  Pouch.on('created', onCreated);
  const app = expressPouchDB(Pouch, {
    mode: 'fullCouchDB',
    configPath,
    logPath: join(dir, 'log.txt'),
    overrideMode: { exclude: excluded },
  });
  const { server, port, dropConnections } = await listen(app, 0, '127.0.0.1');
  const url = `http://${EMBEDDED_ADMIN}:${encodeURIComponent(opts.adminPassword)}@127.0.0.1:${port}`;
  opts.log.info({ port }, 'embedded CouchDB-compatible store listening on loopback');
  let closing: Promise<void> | undefined;
  const close = async () => {
    await new Promise<void>((ok) => {
      server.close(() => ok());
      dropConnections();
    });
    Pouch.removeListener('created', onCreated);
    // Opening a name again shares its LevelDB handle; closing that closes the shared handle.
    await Promise.allSettled([...opened].map((name) => new Pouch(name).close()));
  };
  return {
    url,
    close: () => (closing ??= close()),
  };
}
