// Fail-stop for the embedded store's LevelDB: after one write fails (ENOSPC, "IO error: ...") a LevelDB
// handle must not be trusted with another. LevelDB keeps appending to a log whose last record is
// broken: later writes are acknowledged and readable, and gone once the database is opened again (a
// plain PouchDB shows it too). So this leveldown stand-in, given to PouchDB as its `db`, watches every
// LevelDB call of every database of a store (PouchDB's writes, express-pouchdb's attachments and
// `_local` docs, views): at the first write error, or a read that reports an IO error or corruption,
// it calls `onFault` once and fails every write of the store from then on, including those already
// queued whose success comes back later. The store then reopens its databases from disk (a restart
// of its process; inline, a reopen): nothing is acknowledged that the disk does not hold.
// It also answers "Database is not open" to a call on a handle that is closing or closed (and an
// iterator begun on one finds nothing), where leveldown's own get, put, batch and iterator go
// straight to the binding (abstract-leveldown 7 checks only getMany) and LevelDB, its handle gone,
// ends the process with a segmentation fault. A request still under way when the store closes (a
// test worker's, or a reopen's after a fault) made exactly that call.
import leveldown from 'leveldown';

type Callback = (err?: Error | null, ...rest: unknown[]) => void;
type Method = (...args: unknown[]) => unknown;
/** The leveldown instance's own methods that we wrap (abstract-leveldown's `_…` hooks). */
type Hooks = Record<string, Method | undefined>;

/** leveldown's module: a factory of LevelDB handles, plus destroy() and repair() of a folder. */
export type LevelDownFactory = typeof leveldown & {
  destroy(location: string, cb: Callback): void;
  repair(location: string, cb: Callback): void;
};

export type FailStop = {
  /** For PouchDB's `db` option. */
  readonly leveldown: LevelDownFactory;
  /** The first LevelDB error of the store, once there was one. */
  readonly fault: Error | undefined;
};

/** What abstract-leveldown's status says of a handle: `open` is the only one LevelDB may be called in. */
type Opened = { readonly status: string };

const notOpen = () => new Error('Database is not open');

/** abstract-leveldown's own hooks (leveldown's prototype's prototype), for a closed handle's batch. */
const abstractHooks = Object.getPrototypeOf(
  (leveldown as unknown as { prototype: object }).prototype,
) as Hooks;

/**
 * An iterator asked of a closed handle: it finds nothing. Not an error: PouchDB's read streams do not
 * listen for one, so it would be thrown as uncaught; and whatever write the read leads to is refused.
 */
const closedIterator = (db: unknown) => ({
  db,
  next: (callback: Callback) => process.nextTick(() => callback()),
  seek: () => undefined,
  end: (callback: Callback) => process.nextTick(() => callback()),
});

/** A read error that says the files or the disk are broken (not LevelDB's `NotFound`). */
const isIoError = (e: Error) => /^(IO error|Corruption)\b/.test(e.message) || /ENOSPC|EIO\b/.test(e.message);

export function failStopLeveldown(opts: {
  onFault: (err: Error) => void;
  /** The LevelDB binding underneath (tests wrap leveldown to make a write fail). */
  base?: LevelDownFactory;
}): FailStop {
  const base = opts.base ?? (leveldown as LevelDownFactory);
  let fault: Error | undefined;
  const refusal = () =>
    Object.assign(new Error(`the store stopped after a LevelDB error and is reopening: ${fault?.message}`), {
      code: 'STORE_FAULT',
    });
  const noteFault = (err: Error) => {
    if (fault) return;
    fault = err;
    opts.onFault(err);
  };

  /** A write's callback: its error is a fault; a success after a fault is not acknowledged. */
  const writeCallback =
    (callback: Callback): Callback =>
    (err, ...rest) => {
      if (err) {
        noteFault(err);
        return callback(err);
      }
      if (fault) return callback(refusal());
      return callback(null, ...rest);
    };
  const readCallback =
    (callback: Callback): Callback =>
    (err, ...rest) => {
      if (err && isIoError(err)) noteFault(err);
      return callback(err, ...rest);
    };
  const lastIsCallback = (args: unknown[]) => typeof args[args.length - 1] === 'function';

  /**
   * Wraps the hooks `names` of `target`: refused while `db` is not open (unless `db` is undefined: an
   * iterator's steps, which leveldown itself keeps safe until its close); writes refused after a
   * fault, errors noted.
   */
  function wrap(target: Hooks, names: string[], kind: 'write' | 'read', db: Opened | undefined) {
    for (const name of names) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      target[name] = function (this: unknown, ...args: unknown[]) {
        if (!lastIsCallback(args)) return original.apply(this, args);
        const callback = args[args.length - 1] as Callback;
        if (db && db.status !== 'open') {
          process.nextTick(() => callback(notOpen()));
          return undefined;
        }
        if (kind === 'write' && fault) {
          process.nextTick(() => callback(refusal()));
          return undefined;
        }
        args[args.length - 1] = kind === 'write' ? writeCallback(callback) : readCallback(callback);
        return original.apply(this, args);
      };
    }
  }

  // Named as leveldown is: PouchDB keys its table of open stores, and its `backend_adapter`, by it.
  const factory = function leveldown(location: string) {
    const level = base(location);
    const db = level as unknown as Hooks;
    const opened = level as unknown as Opened;
    wrap(db, ['_put', '_del', '_batch', '_clear'], 'write', opened);
    wrap(db, ['_get', '_getMany', '_approximateSize', '_compactRange'], 'read', opened);
    const chainedBatch = db._chainedBatch;
    if (chainedBatch)
      db._chainedBatch = function (this: unknown, ...args: unknown[]) {
        // One made on a closed handle is abstract-leveldown's, which writes through `_batch` above.
        if (opened.status !== 'open') return abstractHooks._chainedBatch!.apply(this, args);
        const batch = chainedBatch.apply(this, args) as Hooks;
        wrap(batch, ['_write'], 'write', opened);
        return batch;
      };
    const iterator = db._iterator;
    if (iterator)
      db._iterator = function (this: unknown, ...args: unknown[]) {
        if (opened.status !== 'open') return closedIterator(level);
        const it = iterator.apply(this, args) as Hooks;
        wrap(it, ['_next'], 'read', undefined);
        return it;
      };
    return db;
  } as unknown as LevelDownFactory;
  // Deleting and repairing a database go straight to LevelDB.
  Object.assign(factory, { destroy: base.destroy.bind(base), repair: base.repair.bind(base) });
  return {
    leveldown: factory,
    get fault() {
      return fault;
    },
  };
}
