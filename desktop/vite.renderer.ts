// The renderer's Vite config, shared by the Electron build (electron.vite.config.ts) and the plain web
// build served by the sync server at /app (vite.web.config.ts). Hash routing keeps relative asset
// paths valid under file://, /app/ and any other mount point.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const root = resolve(import.meta.dirname, 'src/renderer');
const outDir = resolve(import.meta.dirname, 'out/renderer');
/** `@app/shared`'s sources as a pattern for module ids, which Vite writes resolved through links
 * (the workspace's node_modules/@app/shared) and with forward slashes on every platform. */
const sharedDir = realpathSync(resolve(import.meta.dirname, '..', 'shared', 'src')).replaceAll('\\', '/');
const sharedSrc = new RegExp(`^${sharedDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`);

/**
 * The web app's service worker (Workbox `generateSW`) and install manifest. Both builds emit them; only
 * the browser registers the worker (src/renderer/lib/pwa.ts: never inside Electron, whose app://
 * scheme has no service-worker privilege). The worker precaches the app shell and its hashed assets,
 * answers every navigation in its scope (`/app/`) with the cached index.html, and routes nothing else:
 * API and `/sync` calls go to the network untouched, never into a cache. A new version installs and
 * waits until the rep chooses "Reload to update" (registerType 'prompt'), so a reload never lands in
 * the middle of an edit.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  strategies: 'generateSW',
  outDir,
  filename: 'sw.js',
  manifestFilename: 'manifest.webmanifest',
  base: './',
  scope: './',
  manifest: {
    id: './',
    name: 'Sales Workspace',
    short_name: 'Sales Workspace',
    description: 'Local-first AI sales workspace: inbox, contacts, pipelines and agents, also offline.',
    start_url: './',
    scope: './',
    display: 'standalone',
    // --sidebar-bg and --bg of styles.css.
    theme_color: '#111827',
    background_color: '#f6f7f9',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    // The shell and its hashed chunks; the manifest and its icons are added by the plugin.
    globPatterns: ['**/*.{js,css,html}'],
    // Every chunk, the lazily loaded screens too: an offline reload must still open each screen. The
    // largest is about 0.3 MB; the limit only guards against a file silently left out.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/(api|sync)\//],
    cleanupOutdatedCaches: true,
    // The first install takes over the open page at once (nothing cached to conflict with); updates wait.
    clientsClaim: true,
    skipWaiting: false,
    runtimeCaching: [],
  },
});

export function rendererConfig({ base }: { base: string }) {
  return {
    root,
    base,
    plugins: [react(), pwa],
    worker: { format: 'es' as const },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // electron-vite leaves the renderer unminified; the same files are served on the web at /app.
      minify: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: {
        input: { index: resolve(root, 'index.html') },
        // `@app/shared` is plain modules with no side effects on import, but its package does not say
        // so; told here, a barrel such as `@app/shared/crm` no longer drags every module it re-exports
        // into each chunk that imports one name from it. Without this the calendar export (ical-generator,
        // luxon, time zones: 140 KB) rode in the start-up bundle although only the Tasks screen uses it.
        treeshake: { moduleSideEffects: [{ test: sharedSrc, sideEffects: false }] },
        // Two vendor chunks that change only when their packages are upgraded, so an app update leaves
        // them in the browser's and the service worker's cache: React, and the local database (RxDB on
        // Dexie, with what they import). Both are needed by the first screen; nothing lazy moves here.
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              { name: 'rxdb', test: /[\\/]node_modules[\\/](rxdb|dexie)[\\/]/ },
            ],
          },
        },
      },
    },
  };
}
