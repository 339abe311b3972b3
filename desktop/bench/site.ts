// What the desktop benchmarks share around the page: the built renderer served as at /app, and the
// wait until the device's analytics rollup is stored (a page closed before would build it again).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import type { Page } from 'playwright-core';

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
};

/**
 * Serves a renderer build under `/app/` on loopback. Port 0 takes a free one; a fixed port keeps a
 * persistent browser profile's IndexedDB, which belongs to the origin.
 */
export function serveRenderer(rendererDir: string, port = 0): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    const path =
      decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/app\/?/, '') ||
      'index.html';
    const file = join(rendererDir, path);
    if (!file.startsWith(rendererDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((r) =>
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      r({ url: `http://127.0.0.1:${bound}/app/`, close: () => server.close() });
    }),
  );
}

/** Resolves once the page's database has its analytics rollup stored. */
export async function rollupStored(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const name = `${(window as unknown as { __swBench: { ws: { db: { name: string } } } }).__swBench.ws.db.name}-analytics-rollup`;
    const stored = () =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => {
          const idb = req.result;
          if (!idb.objectStoreNames.contains('rollup')) return resolve(false);
          const get = idb.transaction('rollup').objectStore('rollup').get('state');
          get.onsuccess = () => resolve(get.result !== undefined);
          get.onerror = () => resolve(false);
        };
        req.onerror = () => resolve(false);
      });
    while (!(await stored())) await new Promise((r) => setTimeout(r, 250));
  });
}

/**
 * Opens the app as a signed-in bench user with replication off (`sw.bench.nosync`), in English: the
 * seeded docs stand for data already in sync. Later pages of the context start the same way.
 */
export async function openBenchApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => {
    localStorage.setItem('sw.bench', '1');
    localStorage.setItem('sw.bench.nosync', '1');
    localStorage.setItem('sw.locale', 'en');
    localStorage.setItem(
      'sw.session',
      JSON.stringify({
        serverUrl: 'http://127.0.0.1:9',
        accessToken: 'x',
        refreshToken: 'y',
        userId: 'bench',
        email: 'bench@example.com',
      }),
    );
  });
}
