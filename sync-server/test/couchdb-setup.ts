// Global setup of the Apache CouchDB pass (vitest.couchdb.config.ts): uses TEST_COUCHDB_URL when set,
// else starts the CouchDB kit (../shared/couchdb/couchdb.sh beside the repo, or COUCHDB_KIT) on a free
// base port and stops it at the end. Every database this run creates starts with `tst<run>`
// (helpers.ts); at the end they are deleted from a CouchDB the run did not start.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import nano from 'nano';

const run = promisify(execFile);
const kit =
  process.env.COUCHDB_KIT ?? fileURLToPath(new URL('../../../shared/couchdb/couchdb.sh', import.meta.url));

async function startKit(): Promise<{ url: string; dir: string }> {
  if (!existsSync(kit)) throw new Error(`TEST_COUCHDB_URL is not set and there is no CouchDB kit at ${kit}`);
  let lastError: unknown;
  // A random base port (kits need 10 ports each); a busy one is tried again elsewhere.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 26_000 + 10 * Math.floor(Math.random() * 300);
    try {
      const { stdout } = await run(kit, ['start', '--port', String(port)], { timeout: 120_000 });
      const env = Object.fromEntries(
        stdout
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      if (env.COUCHDB_URL && env.COUCHDB_KIT_DIR) return { url: env.COUCHDB_URL, dir: env.COUCHDB_KIT_DIR };
      lastError = new Error(`unexpected kit output: ${stdout}`);
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

export default async function setup(): Promise<() => Promise<void>> {
  const runTag = randomBytes(3).toString('hex');
  process.env.TEST_COUCHDB_RUN = runTag;
  let started: { url: string; dir: string } | undefined;
  if (!process.env.TEST_COUCHDB_URL) {
    started = await startKit();
    process.env.TEST_COUCHDB_URL = started.url;
  }
  const url = process.env.TEST_COUCHDB_URL;
  const info = (await nano(url).info()) as { version?: string };
  console.log(
    `CouchDB pass: Apache CouchDB ${info.version ?? '?'} (run ${runTag}${started ? ', kit started here' : ''})`,
  );
  return async () => {
    if (started) {
      await run(kit, ['stop', started.dir, '--rm'], { timeout: 60_000 }).catch((e: unknown) =>
        console.error('stopping the CouchDB kit failed', e),
      );
      return;
    }
    const server = nano(url);
    const prefix = `tst${runTag}`;
    const names = (await server.request({
      path: '_all_dbs',
      qs: { startkey: prefix, endkey: `${prefix}\ufff0` },
    })) as string[];
    for (const name of names) await server.db.destroy(name).catch(() => undefined);
  };
}
