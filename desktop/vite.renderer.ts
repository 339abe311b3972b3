// The renderer's Vite config, shared by the Electron build (electron.vite.config.ts) and the plain web
// build served by the sync server at /app (vite.web.config.ts). Hash routing keeps relative asset
// paths valid under file://, /app/ and any other mount point.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const root = resolve(import.meta.dirname, 'src/renderer');
const outDir = resolve(import.meta.dirname, 'out/renderer');

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
    // The main chunk is about 0.8 MB; the whole shell must be cached or offline start fails.
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
      rollupOptions: { input: { index: resolve(root, 'index.html') } },
    },
  };
}
