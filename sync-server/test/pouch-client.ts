// PouchDB clients for tests: local LevelDB databases in a temp folder, and remote databases behind
// the gateway with a bearer token added to every request.
import PouchDB, { type Database } from 'pouchdb';

export function localPouch(dir: string) {
  const Local = PouchDB.defaults({ prefix: `${dir}/` });
  return (name: string): Database => new Local(name);
}

export function remotePouch(url: string, token: string | (() => string)): Database {
  return new PouchDB(url, {
    fetch: async (u: string, opts: { headers: Headers }) => {
      opts.headers.set('Authorization', `Bearer ${typeof token === 'string' ? token : token()}`);
      const res = await fetch(u, opts as RequestInit);
      // PouchDB's Node build reads attachments with node-fetch's `buffer()` (else a Blob it cannot hash).
      return Object.assign(res, { buffer: async () => Buffer.from(await res.arrayBuffer()) });
    },
  });
}
