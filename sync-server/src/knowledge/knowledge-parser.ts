// Runs knowledge parsing off the event loop: files are read in worker threads with a memory budget
// (V8 heap limits) and a wall-clock budget per file (the thread is terminated), a few at a time, so a
// hostile upload can neither block the server's requests nor take its memory. A file over a budget
// comes back as a `file-over-limit` failure whose message names the budget. A thread that answered
// is kept two seconds for the next file (up to 50 files): a thread's start costs about a second, so a
// website's 50 pages took 100 s one thread each and about 5 s so; a thread that failed is never reused.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { defaultKnowledgeLimits, type KnowledgeLimits } from '@app/shared/knowledge';
import type { ParseJob, ParseReply } from './knowledge-worker-types';

export type KnowledgeParserOptions = {
  /** Largest original accepted (the upload limit). */
  maxBytes: number;
  limits: KnowledgeLimits;
  /** Wall-clock budget of one file, from when its thread gets it. */
  timeoutMs: number;
  /** Heap budget of one parsing thread. */
  memoryMb: number;
  /** Files parsed at once (each in its own thread). */
  concurrency: number;
  /**
   * The parsing threads' nice value (Linux; 0: the server's own priority): parsing takes the CPU the
   * server leaves, so a hostile file slows the API of no team on a machine with few cores.
   */
  nice: number;
};

export const defaultParserOptions: KnowledgeParserOptions = {
  maxBytes: 20 * 1024 * 1024,
  limits: defaultKnowledgeLimits,
  timeoutMs: 60_000,
  memoryMb: 384,
  concurrency: 1,
  nice: 0,
};

export type ParseRequest = Omit<ParseJob, 'maxBytes' | 'limits'>;

export type KnowledgeParser = {
  readonly options: KnowledgeParserOptions;
  /**
   * Parses in a thread. Bytes that own their whole buffer are moved there (the caller must not use
   * them after); others (a slice of Node's buffer pool, of a larger buffer) are copied.
   */
  parse(request: ParseRequest): Promise<ParseReply>;
  /** Ends running threads (their files fail) and refuses queued ones. */
  close(): Promise<void>;
};

const boot = fileURLToPath(new URL('./knowledge-worker-boot.mjs', import.meta.url));
const entry = new URL('./knowledge-worker.ts', import.meta.url).href;

const fail = (
  message: string,
  code: 'file-over-limit' | 'file-unreadable' = 'file-over-limit',
): ParseReply => ({
  ok: false,
  code,
  message,
});

/**
 * A parsing thread and how many files it has read. A thread that answered stays a short while for
 * the next file (a website's pages come in a row; starting a thread costs about a second), up to
 * `maxJobsPerThread`; one that failed, ran out of time or memory is ended, never reused.
 */
type Thread = { worker: Worker; jobs: number; idleTimer?: NodeJS.Timeout };

const IDLE_MS = 2_000;
const MAX_JOBS_PER_THREAD = 50;

function startThread(options: KnowledgeParserOptions): Thread {
  const worker = new Worker(boot, {
    workerData: { entry, nice: options.nice },
    resourceLimits: {
      maxOldGenerationSizeMb: options.memoryMb,
      maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(options.memoryMb / 8))),
    },
    stdout: true,
    stderr: true,
  });
  // pdf.js and mammoth warn on stdout/stderr about odd files: not the server's log.
  worker.stdout.resume();
  worker.stderr.resume();
  return { worker, jobs: 0 };
}

/** One file in a thread; resolves with the worker's reply or the budget it went over. */
function runInWorker(
  job: ParseJob,
  options: KnowledgeParserOptions,
  running: Set<Worker>,
  idle: Thread[],
  isClosed: () => boolean,
): Promise<ParseReply> {
  return new Promise((resolve) => {
    let thread = idle.pop();
    if (thread) clearTimeout(thread.idleTimer);
    thread ??= startThread(options);
    const { worker } = thread;
    thread.jobs++;
    running.add(worker);
    let settled = false;
    const finish = (reply: ParseReply, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      running.delete(worker);
      if (reusable && !isClosed() && thread.jobs < MAX_JOBS_PER_THREAD) {
        const kept = thread;
        kept.idleTimer = setTimeout(() => {
          const at = idle.indexOf(kept);
          if (at >= 0) idle.splice(at, 1);
          void worker.terminate();
        }, IDLE_MS);
        kept.idleTimer.unref();
        // A kept thread that dies while idle is simply not reused.
        worker.once('exit', () => {
          const at = idle.indexOf(kept);
          if (at >= 0) idle.splice(at, 1);
        });
        idle.push(kept);
      } else void worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(
      () =>
        finish(
          fail(`${job.name}: reading the file took longer than the limit of ${options.timeoutMs / 1000} s`),
        ),
      options.timeoutMs,
    );
    const onMessage = (reply: ParseReply) => finish(reply, true);
    const onError = (err: Error & { code?: string }) =>
      finish(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? fail(
              `${job.name}: reading the file needed more than the limit of ${options.memoryMb} MB of memory`,
            )
          : fail(`${job.name}: the file could not be read (${err.message})`, 'file-unreadable'),
      );
    const onExit = (code: number) =>
      finish(
        fail(`${job.name}: the file could not be read (the parser stopped, code ${code})`, 'file-unreadable'),
      );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // Moved to the thread: the bytes themselves when they own their buffer, else a private copy (a
    // slice may share Node's buffer pool). Copying 8 MB held the event loop ~60 ms here.
    const owned = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength;
    const bytes =
      owned && job.bytes.buffer instanceof ArrayBuffer
        ? (job.bytes as Uint8Array<ArrayBuffer>)
        : new Uint8Array(job.bytes);
    worker.postMessage({ ...job, bytes }, [bytes.buffer]);
  });
}

export function createKnowledgeParser(overrides: Partial<KnowledgeParserOptions> = {}): KnowledgeParser {
  const options = { ...defaultParserOptions, ...overrides };
  const running = new Set<Worker>();
  const idle: Thread[] = [];
  const queue: Array<() => void> = [];
  let active = 0;
  let closed = false;
  const next = () => {
    if (active >= options.concurrency) return;
    const start = queue.shift();
    if (start) start();
  };
  return {
    options,
    parse(request) {
      if (closed) return Promise.resolve(fail(`${request.name}: the server is stopping`, 'file-unreadable'));
      const job: ParseJob = { ...request, maxBytes: options.maxBytes, limits: options.limits };
      return new Promise<ParseReply>((resolve) => {
        queue.push(() => {
          active++;
          const run = closed
            ? Promise.resolve(fail(`${request.name}: the server is stopping`, 'file-unreadable'))
            : runInWorker(job, options, running, idle, () => closed);
          void run.then((reply) => {
            active--;
            resolve(reply);
            next();
          });
        });
        next();
      });
    },
    async close() {
      closed = true;
      const kept = idle.splice(0);
      for (const t of kept) clearTimeout(t.idleTimer);
      await Promise.all([...running, ...kept.map((t) => t.worker)].map((w) => w.terminate()));
      while (queue.length) queue.shift()?.();
    },
  };
}
