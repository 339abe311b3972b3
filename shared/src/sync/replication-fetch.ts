// For a replication's fetch: an error answer becomes a thrown error. RxDB's CouchDB replication reads
// every answer as a result, so one error answer (a 503 while the server's store restarts) ended its
// live long-poll loop for good and the collection stopped receiving changes; thrown, it is retried.
// Used by the desktop's replication and by the fault benchmark's replica built like it.
export async function throwOnErrorStatus(res: Response): Promise<Response> {
  if (res.ok) return res;
  let code = '';
  try {
    code = ((await res.clone().json()) as { error?: { code?: unknown } }).error?.code as string;
  } catch {
    // not JSON
  }
  throw new Error(`HTTP ${res.status}${typeof code === 'string' && code ? ` ${code}` : ''}`);
}
