// The workspace UI at /app: the desktop renderer's web build when it exists, else a short note.
// The build carries a service worker (sw.js, Workbox) and an install manifest: those, and the app shell
// index.html, are revalidated on every load (`no-cache`) so a new version is found at once; the
// worker may control the whole mount (`Service-Worker-Allowed`). Hashed assets keep a short max-age.
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import express, { Router, type Response } from 'express';

/** Files whose name does not change between versions: always revalidated. */
const unversioned = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'registerSW.js']);

export function createAppStatic(appDir: string): Router {
  const r = Router();
  if (existsSync(join(appDir, 'index.html'))) {
    r.use(
      express.static(appDir, {
        index: 'index.html',
        maxAge: '1h',
        fallthrough: true,
        setHeaders(res: Response, path: string) {
          const name = basename(path);
          if (unversioned.has(name)) res.setHeader('Cache-Control', 'no-cache');
          if (name === 'sw.js') res.setHeader('Service-Worker-Allowed', `${res.req.baseUrl}/`);
          if (name === 'manifest.webmanifest') res.type('application/manifest+json');
        },
      }),
    );
    // Client-side routes fall back to the app shell; a missing file (a name with an extension) is a
    // 404, not the shell: an old service worker or page asking for a replaced asset gets a clear miss.
    r.get('*', (req, res, next) => {
      if (extname(req.path)) {
        next(); // the app's JSON 404 (route-not-found)
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(appDir, 'index.html'));
    });
    return r;
  }
  r.get('*', (_req, res) => {
    res
      .status(200)
      .type('html')
      .send(
        '<!doctype html><meta charset="utf-8"><title>Sales Workspace</title>' +
          '<h1>Sales Workspace</h1><p>The workspace UI is not built yet. Build the desktop app ' +
          '(<code>npm run build -w desktop</code>) and reload; the API is at <code>/api/v1</code>, ' +
          'sync at <code>/sync/&lt;collection&gt;/</code>.</p>',
      );
  });
  return r;
}
