// The body of a proposal rendering thread: one proposal to PDF bytes (proposal-pdf.ts), off the
// server's event loop (a proposal takes hundreds of milliseconds of CPU: fonts are parsed and
// subset). One job per thread; the parent ends the thread when it takes too long.
import { parentPort } from 'node:worker_threads';
import { renderProposalPdf, type ProposalDocument } from './proposal-pdf';

export type RenderReply = { ok: true; pdf: Uint8Array } | { ok: false; message: string };

parentPort?.once('message', (job: ProposalDocument) => {
  renderProposalPdf(job).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf);
      parentPort?.postMessage({ ok: true, pdf: bytes } satisfies RenderReply, [bytes.buffer]);
    },
    (err: unknown) =>
      parentPort?.postMessage({ ok: false, message: (err as Error).message } satisfies RenderReply),
  );
});
