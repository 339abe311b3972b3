import { ensureWebBuild, startSyncServer } from './harness';
ensureWebBuild();
const t0 = Date.now();
const s = await startSyncServer();
console.log('started in', Date.now() - t0, 'ms');
await new Promise((r) => setTimeout(r, 3000));
await s.stop();
