// Plain web build of the renderer (no Electron): `npm run build:web -w desktop`, served at /app.
import { defineConfig } from 'vite';
import { rendererConfig } from './vite.renderer';

export default defineConfig(rendererConfig({ base: process.env.APP_BASE ?? './' }));
