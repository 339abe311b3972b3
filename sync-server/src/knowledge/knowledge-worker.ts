// The body of a knowledge parsing worker thread: reads one uploaded file into chunk docs with the
// shared ingestion (limits on unpacked size, pages and characters), off the server's event loop.
// The parent ends the thread when a file takes too long or runs out of memory, and keeps a thread that
// answered for the next file a short while.
import { parentPort } from 'node:worker_threads';
import { isDomainError } from '@app/shared/errors';
import { decodeText, parseKnowledgeFile, readPage } from '@app/shared/knowledge';
import type { ParseJob, ParseReply } from './knowledge-worker-types';

async function run(job: ParseJob): Promise<ParseReply> {
  try {
    // Read before parsing, which may take the bytes' buffer.
    const page = job.page ? readPage(decodeText(job.name, job.bytes), job.page.url) : undefined;
    const parsed = await parseKnowledgeFile(
      {
        name: job.name,
        data: job.bytes,
        ...(job.mimeType ? { mimeType: job.mimeType } : {}),
        title: job.title,
      },
      { sourceId: () => job.sourceId, maxBytes: job.maxBytes, limits: job.limits },
    );
    return {
      ok: true,
      chunks: parsed.chunks,
      ...(parsed.source.language ? { language: parsed.source.language } : {}),
      ...(page ? { page } : {}),
    };
  } catch (err) {
    return isDomainError(err)
      ? { ok: false, code: err.code, message: err.message }
      : { ok: false, code: 'file-unreadable', message: `${job.name}: ${(err as Error).message}` };
  }
}

// One job at a time (the parent sends the next only after the reply); a thread may serve several.
parentPort?.on('message', (job: ParseJob) => {
  void run(job).then((reply) => parentPort?.postMessage(reply));
});
