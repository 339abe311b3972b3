// The body of a knowledge parsing worker thread: reads one uploaded file into chunk docs with the
// shared ingestion (limits on unpacked size, pages and characters), off the server's event loop.
// One job per thread; the parent ends the thread when it takes too long or runs out of memory.
import { parentPort } from 'node:worker_threads';
import { isDomainError } from '@app/shared/errors';
import { parseKnowledgeFile } from '@app/shared/knowledge';
import type { ParseJob, ParseReply } from './knowledge-worker-types';

async function run(job: ParseJob): Promise<ParseReply> {
  try {
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
    };
  } catch (err) {
    return isDomainError(err)
      ? { ok: false, code: err.code, message: err.message }
      : { ok: false, code: 'file-unreadable', message: `${job.name}: ${(err as Error).message}` };
  }
}

parentPort?.once('message', (job: ParseJob) => {
  void run(job).then((reply) => parentPort?.postMessage(reply));
});
