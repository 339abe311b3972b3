// Fail-stop for the embedded store's LevelDB: after one write fails (ENOSPC, "IO error: ...") a LevelDB
// handle must not be trusted with another. LevelDB keeps appending to a log whose last record is
// broken: later writes are acknowledged and readable, and gone once the database is opened again (a
// plain PouchDB shows it too). So this leveldown stand-in, given to PouchDB as its `db`, watches every
// LevelDB call of every database of a store (PouchDB's writes, express-pouchdb's attachments and
// `_local` docs, views): at the first write error, or a read that reports an IO error or corruption,
// it calls `onFault` once and fails every write of the store from then on, including those already
// queued whose success comes back later. The store then reopens its databases from disk (a restart
// of its process; inline, a reopen): nothing is acknowledged that the disk does not hold.
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

  /** Wraps the hooks `names` of `target`: writes refused after a fault, errors noted. */
  function wrap(target: Hooks, names: string[], kind: 'write' | 'read') {
    for (const name of names) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      target[name] = function (this: unknown, ...args: unknown[]) {
        if (!lastIsCallback(args)) return original.apply(this, args);
        const callback = args[args.length - 1] as Callback;
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
    const db = base(location) as unknown as Hooks;
    wrap(db, ['_put', '_del', '_batch', '_clear'], 'write');
    wrap(db, ['_get', '_getMany'], 'read');
    const chainedBatch = db._chainedBatch;
    if (chainedBatch)
      db._chainedBatch = function (this: unknown, ...args: unknown[]) {
        const batch = chainedBatch.apply(this, args) as Hooks;
        wrap(batch, ['_write'], 'write');
        return batch;
      };
    const iterator = db._iterator;
    if (iterator)
      db._iterator = function (this: unknown, ...args: unknown[]) {
        const it = iterator.apply(this, args) as Hooks;
        wrap(it, ['_next'], 'read');
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
