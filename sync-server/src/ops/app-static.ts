// The workspace UI at /app: the desktop renderer's web build when it exists, else a short note.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

export function createAppStatic(appDir: string): Router {
  const r = Router();
  if (existsSync(join(appDir, 'index.html'))) {
    r.use(express.static(appDir, { index: 'index.html', maxAge: '1h', fallthrough: true }));
    // Client-side routes fall back to the app shell.
    r.get('*', (_req, res) => res.sendFile(join(appDir, 'index.html')));
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
