// The HTTP status of a failed CouchDB call (nano puts it on the error as `statusCode`): 404 missing,
// 409 conflict, 412 exists. One definition for every module that talks to CouchDB.
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; status?: unknown };
  const code = typeof e.statusCode === 'number' ? e.statusCode : e.status;
  return typeof code === 'number' ? code : undefined;
}

/** A CouchDB error as nano makes it: the status as `statusCode`, the body's `error` and `reason`. */
export function couchError(statusCode: number, error: string, reason: string): Error {
  return Object.assign(new Error(reason), { scope: 'couch', statusCode, error, reason });
}
