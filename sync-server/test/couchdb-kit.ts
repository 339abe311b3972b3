// The Apache CouchDB kit (../shared/couchdb/couchdb.sh beside the repo, or COUCHDB_KIT): starts a single
// node or a 3-node cluster on a free base port for the CouchDB test pass, and stops it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
/**
 * Runs a command of the kit (or another program). Nodes get 90 s to answer /_up where the kit's
 * default is 30: the cluster test starts three beside other test files on two cores.
 */
export const run = (file: string, args: string[], opts: { timeout?: number } = {}) =>
  execFileAsync(file, args, { ...opts, env: { COUCHDB_KIT_TIMEOUT: '90', ...process.env } });
export const kitScript =
  process.env.COUCHDB_KIT ?? fileURLToPath(new URL('../../../shared/couchdb/couchdb.sh', import.meta.url));

export type Kit = {
  dir: string;
  url: string;
  /** Each node's URL (one for a single node). */
  nodeUrls: string[];
  stop(): Promise<void>;
};

/**
 * Starts the kit on a random free base port (kits need 10 ports each; a busy one is tried elsewhere),
 * in `opts.dir/kit<attempt>` when given (a disk of the caller's choosing), else in a fresh temp folder.
 */
export async function startKit(nodes: 1 | 3 = 1, opts: { dir?: string } = {}): Promise<Kit> {
  if (!existsSync(kitScript)) throw new Error(`there is no CouchDB kit at ${kitScript}`);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 26_000 + 10 * Math.floor(Math.random() * 300);
    try {
      const args = ['start', '--nodes', String(nodes), '--port', String(port)];
      if (opts.dir) args.push('--dir', join(opts.dir, `kit${attempt}`));
      const { stdout } = await run(kitScript, args, { timeout: 180_000 });
      const env = Object.fromEntries(
        stdout
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      const dir = env.COUCHDB_KIT_DIR;
      if (env.COUCHDB_URL && dir)
        return {
          dir,
          url: env.COUCHDB_URL,
          nodeUrls: env.COUCHDB_NODE_URLS ? env.COUCHDB_NODE_URLS.split(',') : [env.COUCHDB_URL],
          stop: async () => {
            await run(kitScript, ['stop', dir, '--rm'], { timeout: 60_000 });
          },
        };
      lastError = new Error(`unexpected kit output: ${stdout}`);
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}
