// The renderer's Vite config, shared by the Electron build (electron.vite.config.ts) and the plain web
// build served by the sync server at /app (vite.web.config.ts). Hash routing keeps relative asset
// paths valid under file://, /app/ and any other mount point.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';

const root = resolve(import.meta.dirname, 'src/renderer');

export function rendererConfig({ base }: { base: string }) {
  return {
    root,
    base,
    plugins: [react()],
    worker: { format: 'es' as const },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      target: 'es2022',
      // electron-vite leaves the renderer unminified; the same files are served on the web at /app.
      minify: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: { index: resolve(root, 'index.html') } },
    },
  };
}
