// Global setup of the Apache CouchDB pass (vitest.couchdb.config.ts at the repo root): uses TEST_COUCHDB_URL when set,
// else starts the CouchDB kit (../shared/couchdb/couchdb.sh beside the repo, or COUCHDB_KIT) on a free
// base port and stops it at the end. Every database this run creates starts with `tst<run>`
// (helpers.ts); at the end they are deleted from a CouchDB the run did not start.
import { randomBytes } from 'node:crypto';
import { couchClient } from '../src/store/couch';
import { startKit, type Kit } from './couchdb-kit';

export default async function setup(): Promise<() => Promise<void>> {
  const runTag = randomBytes(3).toString('hex');
  process.env.TEST_COUCHDB_RUN = runTag;
  let started: Kit | undefined;
  if (!process.env.TEST_COUCHDB_URL) {
    started = await startKit();
    process.env.TEST_COUCHDB_URL = started.url;
  }
  const url = process.env.TEST_COUCHDB_URL;
  const info = (await couchClient(url).info()) as { version?: string };
  console.log(
    `CouchDB pass: Apache CouchDB ${info.version ?? '?'} (run ${runTag}${started ? ', kit started here' : ''})`,
  );
  return async () => {
    if (started) {
      await started.stop().catch((e: unknown) => console.error('stopping the CouchDB kit failed', e));
      return;
    }
    const server = couchClient(url);
    const prefix = `tst${runTag}`;
    const names = (await server.request({
      path: '_all_dbs',
      qs: { startkey: prefix, endkey: `${prefix}\ufff0` },
    })) as string[];
    for (const name of names) await server.db.destroy(name).catch(() => undefined);
  };
}
