// One way to start an HTTP server for the app and for the embedded store: listen, keep track of
// open connections, and be able to drop them at shutdown (keep-alive sockets would hold it open).
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Listening = { server: Server; port: number; dropConnections(): void };

export async function listen(handler: RequestListener, port: number, host: string): Promise<Listening> {
  const server = createServer(handler);
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    dropConnections: () => sockets.forEach((s) => s.destroy()),
  };
}
