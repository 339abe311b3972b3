// The web app at /app as the server serves it to a browser: the service worker and the install
// manifest are revalidated on every load with the worker allowed the whole /app/ scope, the app shell
// too, hashed assets are cached briefly, client routes get the shell, a missing file is a 404 (not the
// shell, which a worker would cache as JavaScript), and the CSP lets the page register a same-origin
// worker and nothing else. A fixture build stands in for desktop/out/renderer (the e2e serves the real one).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, startTestServer, tempDir } from './helpers';

const data = tempDir();
const appDir = tempDir('app-build-');
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(join(appDir.path, 'assets'));
  writeFileSync(join(appDir.path, 'index.html'), '<!doctype html><title>Sales Workspace</title>');
  writeFileSync(join(appDir.path, 'sw.js'), "importScripts('workbox-4754cb34.js');");
  writeFileSync(join(appDir.path, 'workbox-4754cb34.js'), 'self.workbox = {};');
  writeFileSync(
    join(appDir.path, 'manifest.webmanifest'),
    JSON.stringify({ name: 'Sales Workspace', start_url: './', scope: './', icons: [] }),
  );
  writeFileSync(join(appDir.path, 'assets', 'index-AbC123.js'), 'console.log(1);');
  server = await startTestServer(data.path, { ...CORE, APP_DIR: appDir.path });
});

afterAll(async () => {
  await server.close();
  data.remove();
  appDir.remove();
});

const get = (path: string) => fetch(`${server.url}${path}`);

describe('/app for a service worker', () => {
  it('serves sw.js uncached, as JavaScript, allowed to control /app/', async () => {
    const res = await get('/app/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('service-worker-allowed')).toBe('/app/');
    expect(await res.text()).toContain('importScripts');
  });

  it('serves the install manifest uncached as application/manifest+json', async () => {
    const res = await get('/app/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(((await res.json()) as { name: string }).name).toBe('Sales Workspace');
  });

  it('revalidates the app shell and caches hashed assets for an hour', async () => {
    for (const path of ['/app/', '/app/index.html', '/app/leads/some-route']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toContain('<title>Sales Workspace</title>');
    }
    const asset = await get('/app/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(asset.headers.get('service-worker-allowed')).toBeNull();
  });

  it('answers a missing file with a 404, not the app shell', async () => {
    for (const path of [
      '/app/assets/index-Old999.js',
      '/app/workbox-00000000.js',
      '/app/missing.webmanifest',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('route-not-found');
    }
  });

  it('keeps a strict CSP that allows a same-origin worker and manifest only', async () => {
    const csp = (await get('/app/')).headers.get('content-security-policy') ?? '';
    const directives = directivesOf(csp);
    // No worker-src/manifest-src of its own: both fall back to these (CSP Level 3).
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.has('worker-src') ? directives.get('worker-src') : ["'self'"]).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    // The worker's own response carries the same policy (it governs what the worker may import).
    expect((await get('/app/sw.js')).headers.get('content-security-policy')).toBe(csp);
  });

  it("shows customers' photos from the blob: URLs the app makes", async () => {
    const directives = directivesOf((await get('/app/')).headers.get('content-security-policy') ?? '');
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('works on a plain-HTTP LAN address: no upgrade-insecure-requests without an https PUBLIC_URL', async () => {
    const directives = directivesOf((await get('/app/')).headers.get('content-security-policy') ?? '');
    // Without an https PUBLIC_URL, scripts at http://192.0.2.2:8080/app/ must not be upgraded to https.
    expect(directives.has('upgrade-insecure-requests')).toBe(false);
  });

  it('upgrades insecure requests when the public URL is https', async () => {
    const dir = tempDir();
    const https = await startTestServer(dir.path, {
      ...CORE,
      APP_DIR: appDir.path,
      PUBLIC_URL: 'https://crm.example.com',
    });
    try {
      const res = await fetch(`${https.url}/app/`);
      const directives = directivesOf(res.headers.get('content-security-policy') ?? '');
      expect(directives.get('upgrade-insecure-requests')).toEqual([]);
      expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    } finally {
      await https.close();
      dir.remove();
    }
  });
});

function directivesOf(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );
}
