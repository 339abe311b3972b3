// `GET /webchat/v1/<key>/draft?visitorId=...`: the answer to a visitor while the agents write it, as
// server-sent events (the widget opens an EventSource after sending a message):
//   event: draft  data: {"text": "..."}   the answer so far ('' = typing, nothing fit to show yet)
//   event: done   data: {}                the answer is stored (the message poll brings it), or there
//                                         was nothing to wait for: the widget closes the stream
// Sent at most every `throttleMs`, the latest state each time. The drafts are this process's
// (agents/reply-drafts.ts), already checked for markup and the reply gate's rules. The stream ends by
// itself when no draft has come within `waitMs` (the answer is written elsewhere, or not at all), and
// in any case after `maxMs`; every `pingMs` a comment keeps proxies from closing it, and a draft that
// expired unended ends it.
import type { Response } from 'express';
import { z } from 'zod';
import type { ReplyDrafts } from '../../agents/reply-drafts';

export const webchatDraftSchema = z.object({
  visitorId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16-64 letters, digits, - or _'),
});

export type DraftStreamOptions = { throttleMs?: number; waitMs?: number; maxMs?: number; pingMs?: number };

export function streamDraft(
  res: Response,
  drafts: Pick<ReplyDrafts, 'read' | 'watch'>,
  where: { teamId: string; conversationId: string },
  opts: DraftStreamOptions = {},
): void {
  const throttleMs = opts.throttleMs ?? 150;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    // Proxies (nginx) would otherwise hold the events back.
    'x-accel-buffering': 'no',
  });
  // The headers go now: the widget knows the stream is open before any draft.
  res.flushHeaders();
  let sentText: string | undefined;
  let sentAt = 0;
  let seen = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = (event: string, data: unknown) => {
    if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const stop = () => {
    clearTimeout(timer);
    clearTimeout(waiting);
    clearTimeout(limit);
    clearInterval(ping);
    unwatch();
  };
  const finish = () => {
    stop();
    if (!res.writableEnded) {
      send('done', {});
      res.end();
    }
  };
  const flush = () => {
    timer = undefined;
    const draft = drafts.read(where.teamId, where.conversationId);
    if (!draft) {
      // The answer ended (it is stored): done. Before any draft, keep waiting for one.
      if (seen) finish();
      return;
    }
    seen = true;
    clearTimeout(waiting);
    if (draft.text === sentText) return;
    sentText = draft.text;
    sentAt = Date.now();
    send('draft', { text: draft.text });
  };
  const changed = () => {
    if (timer) return;
    timer = setTimeout(flush, Math.max(0, sentAt + throttleMs - Date.now()));
  };
  const unwatch = drafts.watch(where.teamId, where.conversationId, changed);
  const waiting = setTimeout(finish, opts.waitMs ?? 25_000);
  const limit = setTimeout(finish, opts.maxMs ?? 300_000);
  const ping = setInterval(() => {
    if (!res.writableEnded) res.write(': ping\n\n');
    if (seen && !timer) flush();
  }, opts.pingMs ?? 15_000);
  res.on('close', stop);
  flush();
}
