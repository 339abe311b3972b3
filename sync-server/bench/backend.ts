// The store a benchmark runs on. By default the embedded store (as `npm start` runs it). With
// `--couchdb=<url>` an Apache CouchDB at that URL; with `--couchdb` alone a single-node CouchDB 3.5
// started here from the kit (../shared/couchdb, through test/couchdb-kit.ts) and stopped at the end.
// On CouchDB every server gets a database prefix of its own, derived from its DATA_DIR (a restart on
// the same folder finds its data; another folder starts on a fresh store), and the databases of
// this run are deleted at the end. Benches name their results `<suite>-couchdb[-mode].json`.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { couchClient } from '../src/store/couch';
import { kitScript, startKit, type Kit } from '../test/couchdb-kit';

export type Backend = {
  kind: 'embedded' | 'couchdb';
  /** For report titles: '' on the embedded store, ' on Apache CouchDB 3.5.0 (...)' otherwise. */
  title: string;
  /** Results file suffix: '' or '-couchdb'. */
  suffix: string;
  url?: string;
  /** COUCHDB_URL and COUCHDB_DB_PREFIX of a server on this DATA_DIR (`seed`); {} on the embedded store. */
  env(seed?: string): Record<string, string>;
  /** The database prefix `env(seed)` gives ('' on the embedded store). */
  prefix(seed?: string): string;
  /**
   * The CouchDB nodes' process ids, where known: a kit started here, or the one `COUCHDB_KIT_DIR`
   * names (benches count CouchDB's CPU per message from them); [] otherwise.
   */
  storePids(): number[];
  /** The CouchDB nodes' request logs (`couchdbN.log` of a kit, as for `storePids`); [] otherwise. */
  storeLogs(): string[];
  /** Deletes this run's databases and stops a kit started here. */
  close(): Promise<void>;
};

const embedded: Backend = {
  kind: 'embedded',
  title: '',
  suffix: '',
  env: () => ({}),
  prefix: () => '',
  storePids: () => [],
  storeLogs: () => [],
  close: async () => {},
};

let current: Backend = embedded;

/** The backend `openBackend` chose (the embedded store before it is called). */
export function backend(): Backend {
  return current;
}

/** `--couchdb[=<url>]` from the command line, or undefined. */
export function couchdbFlag(argv: readonly string[] = process.argv): string | true | undefined {
  const flag = argv.find((a) => a === '--couchdb' || a.startsWith('--couchdb='));
  if (!flag) return undefined;
  return flag === '--couchdb' ? true : flag.slice('--couchdb='.length);
}

/** The pids of a kit's running nodes, from its `couchdbN.pid` files (couchdb.sh). */
function kitPids(dir: string | undefined): number[] {
  if (!dir) return [];
  const pids: number[] = [];
  for (const n of [1, 2, 3]) {
    try {
      const pid = Number(readFileSync(join(dir, `couchdb${n}.pid`), 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0) pids.push(pid);
    } catch {
      // no such node
    }
  }
  return pids;
}

/** A kit's node logs (`couchdbN.log`, couchdb.sh) for the nodes that have a pid file. */
function kitLogs(dir: string | undefined): string[] {
  if (!dir) return [];
  return [1, 2, 3]
    .filter((n) => existsSync(join(dir, `couchdb${n}.pid`)))
    .map((n) => join(dir, `couchdb${n}.log`));
}

/** A CouchDB kit (test/couchdb-kit.ts) that is stopped however this process ends. */
export async function startGuardedKit(...args: Parameters<typeof startKit>): Promise<Kit> {
  const kit = await startKit(...args);
  const dir = kit.dir;
  const stopKit = () => spawnSync(kitScript, ['stop', dir, '--rm'], { timeout: 60_000 });
  process.on('exit', stopKit);
  const stop = kit.stop;
  return {
    ...kit,
    async stop() {
      process.off('exit', stopKit);
      await stop();
    },
  };
}

/** Opens the backend the command line asks for; call once, before starting servers. */
export async function openBackend(argv: readonly string[] = process.argv): Promise<Backend> {
  const flag = couchdbFlag(argv);
  if (!flag) return (current = embedded);
  const kit = flag === true ? await startGuardedKit(1) : undefined;
  const url = kit?.url ?? (flag as string);
  const info = (await couchClient(url).info()) as { version?: string };
  const run = `bench${randomBytes(3).toString('hex')}`;
  const prefix = (seed?: string) =>
    `${run}_${(seed ? createHash('sha256').update(seed).digest('hex') : randomBytes(8).toString('hex')).slice(0, 12)}_`;
  current = {
    kind: 'couchdb',
    title: ` on Apache CouchDB ${info.version ?? '3'}${kit ? ' (kit, single node)' : ''}`,
    suffix: '-couchdb',
    url,
    env: (seed) => ({ COUCHDB_URL: url, COUCHDB_DB_PREFIX: prefix(seed) }),
    prefix,
    storePids: () => kitPids(kit?.dir ?? process.env.COUCHDB_KIT_DIR),
    storeLogs: () => kitLogs(kit?.dir ?? process.env.COUCHDB_KIT_DIR),
    async close() {
      if (kit) return kit.stop();
      const server = couchClient(url);
      const names = (await server.request({
        path: '_all_dbs',
        qs: { startkey: run, endkey: `${run}\ufff0` },
      })) as string[];
      for (const name of names) await server.db.destroy(name).catch(() => undefined);
    },
  };
  return current;
}
