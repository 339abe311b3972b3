// Entry of a knowledge parsing worker thread: the thread runs TypeScript like the server (tsx's
// loader, registered here because workers start without it), then loads the real entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
