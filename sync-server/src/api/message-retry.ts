// Retry of an outgoing message whose delivery failed (Telegram refused it, the e-mail server gave up):
// POST /conversations/:id/messages/:messageId/retry puts it back to "waiting to send", its error
// cleared and its attempts kept; each channel's sender picks it up from the messages feed as any new
// outbound message. The desktop does the same offline through the sync gateway (a rep's write of the
// message's `delivery`); both are held to one access policy (`checkWrite`, @app/shared/access): members
// who may update messages, outbound messages only, nothing but the delivery changes.
import type { Router } from 'express';
import { checkWrite } from '@app/shared/access';
import { DomainError } from '@app/shared/errors';
import type { MessageDoc } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { authOf, parse, route } from '../http/route';
import { teamData } from '../store/data';
import { idParam } from './collection-router';

/** The message put back in the queue: waiting to send, its error and planned attempt cleared. */
function retried(doc: MessageDoc, at: string): MessageDoc {
  const { nextAttemptAt: _n, lastError: _e, ...delivery } = doc.delivery;
  return { ...doc, delivery: { ...delivery, status: 'pending' }, updatedAt: at };
}

export function addMessageRetryRoute(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  registry.add(
    router,
    {
      method: 'post',
      path: '/conversations/:id/messages/:messageId/retry',
      summary:
        'Send a failed outgoing message again: it waits to be sent, its error cleared (400 when it has ' +
        'not failed, 403 for an inbound message)',
      tag: 'conversations',
      access: [
        { resource: 'conversations', op: 'read' },
        { resource: 'messages', op: 'update' },
      ],
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const messageId = parse(idParam, req.params.messageId);
      const messages = teamData(deps.store, auth.teamId).messages;
      const stored = await messages.get(messageId);
      if (!stored || stored.conversationId !== id)
        throw new DomainError('not-found', 'No such message in this conversation');
      const at = new Date().toISOString();
      const check = (doc: MessageDoc) => {
        // An outgoing message that did not fail has nothing to retry (the policy would refuse it too:
        // a sent one is what the customer got); whose and which messages a role may retry, the policy.
        if (doc.direction === 'outbound' && doc.delivery.status !== 'failed')
          throw new DomainError(
            'bad-request',
            `Only a message whose delivery failed can be sent again (this one is ${doc.delivery.status})`,
          );
        if (doc.direction === 'outbound' && doc.cancelledAt)
          throw new DomainError('bad-request', 'A cancelled message is not sent again');
        const next = retried(doc, at);
        const verdict = checkWrite(auth.role, 'messages', 'update', next, doc, auth.userId);
        if (!verdict.ok) throw new DomainError('role-forbidden', verdict.reason);
        return next;
      };
      check(stored);
      // Read again at the write: the sender may have moved it meanwhile (then the checks answer anew).
      const written = await messages.update(messageId, check);
      if (!written) throw new DomainError('not-found', 'No such message in this conversation');
      res.json(written);
    }),
  );
}
