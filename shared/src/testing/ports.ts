// Ports for the servers tests start as child processes (dovecot, the sync server's bundle). A port
// picked free and handed to a child can be taken by another test file's listener before the child
// binds it (files run side by side): the child then fails with "address in use", or, worse, a
// readiness probe reaches the other listener. `onFreePort` picks the port right before each start
// and starts again on another one when the start says its port was taken.
import { createServer } from 'node:net';

/** A TCP port on loopback that was free a moment ago (bound and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** What a start throws when its port was taken before it bound it: `onFreePort` tries another. */
export class PortTaken extends Error {
  constructor(
    readonly port: number,
    /** What the child wrote so far (a retry may keep it: a first start prints things once). */
    readonly output: string,
  ) {
    super(`port ${port} was taken before the server bound it\n${output}`);
  }
}

/** Runs `start` on a port free just before, again on another one (up to `attempts`) after PortTaken. */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (e) {
      if (!(e instanceof PortTaken) || attempt >= attempts) throw e;
    }
  }
}
