// One database's requests and its deletion, kept apart in the embedded store. PouchDB hangs for good
// when a database is opened, or its Mango index is read, while the database is being destroyed: a
// `_find` in flight during a `DELETE /<db>` left the index's own LevelDB half closed, and the next
// `_index` on the database created again under that name never answered (a restore with
// `confirm=replace` drops and creates every database of a team while the team's runtime still reads
// them: the restore hung). Apache CouchDB has no such window. So a database's deletion waits for the
// requests on it that are running, and requests that come meanwhile wait for the deletion to end (a
// readers-writer lock per database name, the deletion the writer). A changes feed waits too, but is
// not waited for: it may wait a minute for news, and a deletion ends it itself.
import type { IncomingMessage } from 'node:http';

/** A database's deletion, a request on it, or a changes feed of it (which a deletion does not wait for). */
export type GateKind = 'delete' | 'request' | 'feed';
type Waiter = { kind: GateKind; enter: () => void };
type Gate = { running: number; deleting: boolean; queue: Waiter[] };

/** What a request holds until it ends: `release()` once, when its answer is done. */
export type GatePass = { release(): void };

/** The database a request is on, and its kind; null for a request the gate leaves alone. */
export function gatedRequest(req: IncomingMessage): { db: string; kind: GateKind } | null {
  const path = (req.url ?? '/').slice(1);
  const cut = path.search(/[/?]/);
  let db: string;
  try {
    db = decodeURIComponent(cut < 0 ? path : path.slice(0, cut));
  } catch {
    return null;
  }
  // `/`, `/_all_dbs`, `/_session`, `/_config`…: the server's routes, no database's.
  if (!db || db.startsWith('_')) return null;
  const rest = cut < 0 ? '' : path.slice(cut);
  if (/^\/_changes(?:[/?]|$)/.test(rest)) return { db, kind: 'feed' };
  const deletes = req.method === 'DELETE' && (rest === '' || rest === '/' || rest.startsWith('?'));
  return { db, kind: deletes ? 'delete' : 'request' };
}

export function createDatabaseGates() {
  const gates = new Map<string, Gate>();

  function wake(name: string, gate: Gate): void {
    while (gate.queue.length) {
      const next = gate.queue[0]!;
      if (gate.deleting || (next.kind === 'delete' && gate.running > 0)) break;
      gate.queue.shift();
      if (next.kind === 'delete') gate.deleting = true;
      else if (next.kind === 'request') gate.running++;
      next.enter();
      if (next.kind === 'delete') break;
    }
    if (!gate.running && !gate.deleting && !gate.queue.length) gates.delete(name);
  }

  /**
   * Resolves when the request may run: a deletion once no other request runs on the database, anything
   * else once no deletion runs or waits before it (a deletion is not starved by a stream of reads).
   */
  function enter(db: string, kind: GateKind): Promise<GatePass> {
    let gate = gates.get(db);
    if (!gate) {
      gate = { running: 0, deleting: false, queue: [] };
      gates.set(db, gate);
    }
    const g = gate;
    let released = false;
    const pass: GatePass = {
      release() {
        if (released) return;
        released = true;
        if (kind === 'delete') g.deleting = false;
        else if (kind === 'request') g.running--;
        else return; // a feed counted for nothing
        wake(db, g);
      },
    };
    return new Promise((resolve) => {
      g.queue.push({ kind, enter: () => resolve(pass) });
      wake(db, g);
    });
  }

  /** Databases with requests running or waiting (0 when all is quiet). */
  return { enter, size: () => gates.size };
}
