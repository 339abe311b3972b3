// Entry of a knowledge parsing worker thread: the thread runs TypeScript like the server (tsx's
// loader, registered here because workers start without it), then loads the real entry.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// This thread yields the CPU to the server: on Linux a thread is a task of its own, with its own nice
// value (/proc/thread-self names it). Elsewhere, or when not allowed, it keeps the server's priority.
if (workerData.nice > 0) {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, workerData.nice);
  } catch {
    // not Linux, or not permitted
  }
}

register();
await import(workerData.entry);
