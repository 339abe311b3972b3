// Renders proposals in worker threads (proposal-worker.ts) within limits: at most `concurrency` at
// once (others wait their turn), a time and a memory budget per proposal, and a cap on the PDF's
// size. The thread boots like the knowledge parser's (knowledge/knowledge-worker-boot.mjs: TypeScript
// through tsx, its nice value raised so the server keeps the CPU).
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@app/shared/errors';
import type { ProposalDocument } from './proposal-pdf';
import type { RenderReply } from './proposal-worker';

export type ProposalRendererOptions = {
  timeoutMs: number;
  memoryMb: number;
  concurrency: number;
  maxBytes: number;
  nice: number;
};

export const defaultRendererOptions: ProposalRendererOptions = {
  timeoutMs: 30_000,
  memoryMb: 256,
  concurrency: 2,
  maxBytes: 8 * 1024 * 1024,
  nice: 10,
};

export type ProposalRenderer = {
  render(doc: ProposalDocument): Promise<Uint8Array>;
  close(): Promise<void>;
};

const boot = fileURLToPath(new URL('../knowledge/knowledge-worker-boot.mjs', import.meta.url));
const entry = new URL('./proposal-worker.ts', import.meta.url).href;

const failed = (message: string) =>
  new DomainError('proposal-failed', `The proposal could not be made: ${message}`);

function runInWorker(doc: ProposalDocument, o: ProposalRendererOptions, running: Set<Worker>) {
  return new Promise<Uint8Array>((resolve, reject) => {
    const worker = new Worker(boot, {
      workerData: { entry, nice: o.nice },
      resourceLimits: { maxOldGenerationSizeMb: o.memoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    running.add(worker);
    let settled = false;
    const finish = (error: Error | undefined, pdf?: Uint8Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(worker);
      void worker.terminate();
      if (error) reject(error);
      else resolve(pdf!);
    };
    const timer = setTimeout(
      () => finish(failed(`over the time limit of ${o.timeoutMs / 1000} s`)),
      o.timeoutMs,
    );
    worker.on('message', (reply: RenderReply) => {
      if (!reply.ok) return finish(failed(reply.message));
      if (reply.pdf.byteLength > o.maxBytes)
        return finish(failed(`over the size limit of ${o.maxBytes} bytes`));
      finish(undefined, reply.pdf);
    });
    worker.on('error', (err: Error) => finish(failed(err.message)));
    worker.on('exit', (code) => finish(failed(`the renderer stopped (code ${code})`)));
    worker.postMessage(doc);
  });
}

export function createProposalRenderer(overrides: Partial<ProposalRendererOptions> = {}): ProposalRenderer {
  const o = { ...defaultRendererOptions, ...overrides };
  const running = new Set<Worker>();
  const waiting: (() => void)[] = [];
  let active = 0;
  let closed = false;
  const turn = () =>
    active < o.concurrency ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve));
  return {
    async render(doc) {
      if (closed) throw failed('the server is stopping');
      await turn();
      active++;
      try {
        return await runInWorker(doc, o, running);
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
    async close() {
      closed = true;
      await Promise.all([...running].map((w) => w.terminate()));
    },
  };
}
