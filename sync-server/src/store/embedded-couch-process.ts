// Entry of the embedded store's own process, forked and supervised by embedded-couch.ts, so that the
// store's work (LevelDB, JSON, HTTP) runs on another core than the server's. It follows its parent:
// it stops when told to (`stop`), when its IPC channel closes (the parent exited or was killed -9, so
// no store is left behind), or on SIGTERM; Ctrl-C in a terminal reaches the whole process group,
// and the server then stops it in its own time (it may still need the store to shut down cleanly).
// After a LevelDB write error (a full disk) it stops acknowledging writes, answers what was under way,
// tells its parent (`fault`) and exits: the parent starts it again, on databases reopened from disk.
import type { Server } from 'node:http';
import { listen } from '../ops/listen';
import { createEmbeddedCouchApp } from './embedded-couch-app';

export type StoreStartMessage = {
  type: 'start';
  dir: string;
  adminPassword: string;
  /** 0 the first time; then the port the store had, so that its URL stays the same. */
  port: number;
  lockWaitMs?: number;
};
export type StoreParentMessage = StoreStartMessage | { type: 'stop' };
export type StoreChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string }
  /** A LevelDB error: the store exits (code 1) so that it is started again from what is on disk. */
  | { type: 'fault'; message: string };

const send = (m: StoreChildMessage) => process.send?.(m);

/** A restarted store takes its old port back; the old socket may take a moment to go away. */
async function listenOn(handler: Parameters<typeof listen>[0], port: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await listen(handler, port, '127.0.0.1');
    } catch (e) {
      if ((e as { code?: string }).code !== 'EADDRINUSE' || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

let running: { server: Server; dropConnections(): void; close(): Promise<void> } | undefined;
let stopping = false;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const r = running;
  if (r) {
    await new Promise<void>((ok) => {
      r.server.close(() => ok());
      r.dropConnections();
    });
    await r.close();
  }
  process.exit(code);
}

async function start(m: StoreStartMessage): Promise<void> {
  try {
    const app = await createEmbeddedCouchApp({
      dir: m.dir,
      adminPassword: m.adminPassword,
      ...(m.lockWaitMs === undefined ? {} : { lockWaitMs: m.lockWaitMs }),
      onFault: (err) => {
        send({ type: 'fault', message: err.message });
        // Should closing hang on a broken disk, exit anyway: what LevelDB acknowledged is in its log.
        setTimeout(() => process.exit(1), 5_000).unref();
        void stop(1);
      },
    });
    const { server, port, dropConnections } = await listenOn(app.handler, m.port).catch(async (e) => {
      await app.close();
      throw e;
    });
    running = { server, dropConnections, close: app.close };
    if (stopping) return;
    send({ type: 'listening', port });
  } catch (e) {
    send({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    await stop(1);
  }
}

process.on('message', (m: StoreParentMessage) => {
  if (m.type === 'start') void start(m);
  else if (m.type === 'stop') void stop(0);
});
process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => undefined);
