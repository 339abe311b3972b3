// `GET /api/v1/conversations/:id/typing`: whether the agents are writing an answer in the conversation
// right now, in this process (agents/reply-drafts.ts, the web chat widget's drafts), for the desktop's
// conversation view ("AI is typing…"). Only the flag: the rep sees the reply itself once it is stored.
// The caller's team's drafts only; a conversation with no draft (or another process's) answers false.
import type { Router } from 'express';
import { z } from 'zod';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { authOf, parse, route } from '../http/route';
import type { ReplyDrafts } from '../agents/reply-drafts';
import { idParam } from './collection-router';

export function conversationTypingRoutes(drafts: Pick<ReplyDrafts, 'read'>) {
  return (router: Router, registry: RouteRegistry, _deps: ServerDeps): void => {
    registry.add(
      router,
      {
        method: 'get',
        path: '/conversations/:id/typing',
        summary: 'Whether the agents are writing an answer in the conversation now (this server process)',
        tag: 'conversations',
        access: [
          { resource: 'conversations', op: 'read' },
          { resource: 'messages', op: 'read' },
        ],
        response: z.object({ typing: z.boolean() }),
      },
      route(async (req, res) => {
        const auth = authOf(res);
        const id = parse(idParam, req.params.id);
        res.set('Cache-Control', 'no-store').json({ typing: !!drafts.read(auth.teamId, id) });
      }),
    );
  };
}
