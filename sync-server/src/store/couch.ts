// The CouchDB client as the rest of the server sees it: only store/ imports nano (issue 63, the
// noNano rule of eslint.config.js), so the Store contract (context.ts) takes the client's types from
// here, and a test or test kit that needs a client of its own (a dead address, a counting log) makes
// it here.
import nano from 'nano';

export type { DocumentScope, ServerScope } from 'nano';

/** How a client is made: CouchDB's URL with credentials, or nano's options (`url`, `log`, ...). */
export type CouchClientConfig = string | nano.Configuration;

/** A CouchDB client (Apache CouchDB 3 or the embedded store) of its own, outside the Store. */
export function couchClient(config: CouchClientConfig): nano.ServerScope {
  return nano(config);
}
