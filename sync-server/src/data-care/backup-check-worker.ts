// The body of a backup-checking worker thread (restore.ts starts one per restore): reads the file
// once with backup-check.ts and answers its summary or the refusal, off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { isDomainError, type ErrorCode } from '@app/shared/errors';
import { checkBackup, type BackupSummary } from './backup-check';
import type { BackupLimits } from './backup-lines';

export type CheckJob = { gzipped: Uint8Array; limits: BackupLimits };
export type CheckReply =
  { ok: true; summary: BackupSummary } | { ok: false; code: ErrorCode; message: string; details?: unknown };

async function run(job: CheckJob): Promise<CheckReply> {
  try {
    return { ok: true, summary: await checkBackup(job.gzipped, job.limits) };
  } catch (err) {
    return isDomainError(err)
      ? { ok: false, code: err.code, message: err.message, details: err.details }
      : {
          ok: false,
          code: 'file-unreadable',
          message: `The backup could not be read: ${(err as Error).message}`,
        };
  }
}

parentPort?.once('message', (job: CheckJob) => {
  void run(job).then((reply) => parentPort?.postMessage(reply));
});
