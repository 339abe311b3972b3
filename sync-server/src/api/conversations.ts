// Conversations and their messages, read-only: writes come through the sync gateway (rep replies are
// outbound message docs) and the bot. A message's stored attachments are served as downloads.
import type { Router } from 'express';
import { z } from 'zod';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import { idParam } from './collection-router';
import { teamCollection } from '../store/collections';
import { commonMatch, decodeCursor, encodeCursor, listQuery } from './paging';
import type { RouteRegistry } from '../http/registry';
import { DomainError } from '@app/shared/errors';
import type { AttachmentMeta } from '@app/shared/schemas';
import { statusOf } from '../store/couch-errors';
import { conversationTime, historyWindow, outsideHistory, withinHistory } from '@app/shared/billing';
import { apiDocs, teamData } from '../store/data';

const conversationQuery = listQuery.extend({
  contactId: z.string().max(128).optional(),
  status: z.enum(['open', 'snoozed', 'closed']).optional(),
  mode: z.enum(['ai', 'human']).optional(),
});

const messagesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(600).optional(),
});

const attachmentIndex = z.coerce.number().int().min(0).max(19);

const list = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  nextCursor: z.string().nullable(),
});

const tag = 'conversations';

export function addConversationRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  addConversationLists(router, registry, deps);
  addConversationFiles(router, registry, deps);
}

/** GET the conversations and one conversation. */
function addConversationLists(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  registry.add(
    router,
    {
      method: 'get',
      path: '/conversations',
      summary: 'List conversations',
      tag,
      access: { resource: 'conversations', op: 'read' },
      query: conversationQuery,
      response: list,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const q = parse(conversationQuery, req.query);
      const history = await historyWindow(deps.plans, auth.teamId, deps.now());
      const page = await apiDocs(deps.store, auth.teamId, 'conversations').scan({
        after: decodeCursor(q.cursor),
        limit: q.limit,
        match: (d) =>
          withinHistory(history, conversationTime(d)) &&
          commonMatch({ ...q, owner: undefined }, d) &&
          (q.owner === undefined || d.assigneeId === q.owner) &&
          (q.contactId === undefined || d.contactId === q.contactId) &&
          (q.status === undefined || d.status === q.status) &&
          (q.mode === undefined || d.mode === q.mode) &&
          (q.channel === undefined || d.channel === q.channel),
      });
      res.json({
        items: page.items.map((i) => ({ ...i.doc, rev: i.rev })),
        nextCursor: page.done ? null : encodeCursor(page.last),
      });
    }),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/conversations/:id',
      summary: 'Get a conversation',
      tag,
      access: { resource: 'conversations', op: 'read' },
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const found = await apiDocs(deps.store, auth.teamId, 'conversations').getOr404(
        parse(idParam, req.params.id),
        'conversation-not-found',
        'Conversation',
      );
      const history = await historyWindow(deps.plans, auth.teamId, deps.now());
      if (!withinHistory(history, conversationTime(found.doc))) throw outsideHistory(history!);
      res.json({ ...found.doc, rev: found.rev });
    }),
  );
}

/** GET a conversation's messages and a message's attachment. */
function addConversationFiles(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  registry.add(
    router,
    {
      method: 'get',
      path: '/conversations/:id/messages',
      summary: 'Messages of a conversation, oldest first (cursor paging)',
      tag,
      access: [
        { resource: 'conversations', op: 'read' },
        { resource: 'messages', op: 'read' },
      ],
      query: messagesQuery,
      response: list,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const q = parse(messagesQuery, req.query);
      const conversation = await apiDocs(deps.store, auth.teamId, 'conversations').getOr404(
        id,
        'conversation-not-found',
        'Conversation',
      );
      const history = await historyWindow(deps.plans, auth.teamId, deps.now());
      if (!withinHistory(history, conversationTime(conversation.doc))) throw outsideHistory(history!);
      const cursor = decodeCursor(q.cursor);
      const [cursorAt = '', afterId = ''] = cursor ? cursor.split('\n') : [];
      // Messages before the plan's history are left out (kept): the read starts at the window.
      const afterAt = history && history.since > cursorAt ? history.since : cursorAt;
      const found = await teamCollection(deps.store, auth.teamId, 'messages').find({
        selector: { conversationId: id, createdAt: afterAt ? { $gte: afterAt } : { $gt: null } },
        sort: [{ conversationId: 'asc' }, { createdAt: 'asc' }],
        limit: q.limit + 50,
      });
      const docs = found
        .filter((d) => !afterAt || d.createdAt > afterAt || (d.createdAt === afterAt && d.id > afterId))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      const items = docs.slice(0, q.limit);
      const last = items.at(-1);
      const more = docs.length > q.limit || found.length === q.limit + 50;
      res.json({
        items,
        nextCursor: more && last ? encodeCursor(`${last.createdAt}\n${last.id}`) : null,
      });
    }),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/conversations/:id/messages/:messageId/attachments/:index',
      summary:
        "Download a message's stored attachment (a customer's photo or document, a file a rep sent); " +
        "404 when only the channel's file id was kept (over the size limit, or the download failed)",
      tag,
      access: [
        { resource: 'conversations', op: 'read' },
        { resource: 'messages', op: 'read' },
        { resource: 'files', op: 'read' },
      ],
      response: { mediaType: 'application/octet-stream', description: 'The file' },
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const messageId = parse(idParam, req.params.messageId);
      const index = parse(attachmentIndex, req.params.index);
      const { doc: message } = await apiDocs(deps.store, auth.teamId, 'messages').getOr404(
        messageId,
        'not-found',
        'Message',
      );
      if (message.conversationId !== id)
        throw new DomainError('not-found', 'No such message in this conversation');
      const attachments = Array.isArray(message.attachments) ? (message.attachments as AttachmentMeta[]) : [];
      const attachment = attachments[index];
      if (!attachment) throw new DomainError('not-found', 'No such attachment');
      if (!attachment.fileDocId)
        throw new DomainError('not-found', 'Only the channel kept this file (it was not stored here)');
      const files = teamData(deps.store, auth.teamId).files;
      const bytes = await files.original(attachment.fileDocId).catch((error: unknown) => {
        if (statusOf(error) === 404) throw new DomainError('not-found', 'The stored file is missing');
        throw error;
      });
      // The stored doc names the file when the channel did not (a Telegram photo).
      const stored = (await files.get(attachment.fileDocId))?.doc;
      const fileName =
        attachment.fileName ?? (typeof stored?.fileName === 'string' ? stored.fileName : 'file');
      // Served as a download whatever its type: a customer's file never renders in the app's origin.
      res.set('Content-Type', attachment.mimeType ?? 'application/octet-stream');
      res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
      res.set('X-Content-Type-Options', 'nosniff');
      res.set('Content-Security-Policy', "default-src 'none'; sandbox");
      res.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }),
  );
}
