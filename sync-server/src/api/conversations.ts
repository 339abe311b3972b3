// Conversations and their messages, read-only: writes come through the sync gateway (rep replies are
// outbound message docs) and the bot.
import type { Router } from 'express';
import { z } from 'zod';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import { idParam } from './collection-router';
import { fromCouchRaw, getOr404, scan, type CouchRaw } from '../store/raw-docs';
import { commonMatch, decodeCursor, encodeCursor, listQuery } from './paging';
import type { RouteRegistry } from '../http/registry';

const conversationQuery = listQuery.extend({
  contactId: z.string().max(128).optional(),
  status: z.enum(['open', 'snoozed', 'closed']).optional(),
  mode: z.enum(['ai', 'human']).optional(),
});

const messagesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(600).optional(),
});

const list = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  nextCursor: z.string().nullable(),
});

export function addConversationRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  const tag = 'conversations';
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
      const page = await scan(deps.store.teamDb(auth.teamId, 'conversations'), {
        after: decodeCursor(q.cursor),
        limit: q.limit,
        match: (d) =>
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
      const db = deps.store.teamDb(auth.teamId, 'conversations');
      const found = await getOr404(
        db,
        parse(idParam, req.params.id),
        'conversation-not-found',
        'Conversation',
      );
      res.json({ ...found.doc, rev: found.rev });
    }),
  );

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
      await getOr404(
        deps.store.teamDb(auth.teamId, 'conversations'),
        id,
        'conversation-not-found',
        'Conversation',
      );
      const cursor = decodeCursor(q.cursor);
      const [afterAt = '', afterId = ''] = cursor ? cursor.split('\n') : [];
      const db = deps.store.teamDb(auth.teamId, 'messages');
      const res2 = await db.find({
        selector: { conversationId: id, createdAt: afterAt ? { $gte: afterAt } : { $gt: null } },
        sort: [{ conversationId: 'asc' }, { createdAt: 'asc' }],
        limit: q.limit + 50,
      });
      const docs = (res2.docs as unknown as CouchRaw[])
        .map((d) => fromCouchRaw(d).doc)
        .filter(
          (d) => !afterAt || String(d.createdAt) > afterAt || (d.createdAt === afterAt && d.id > afterId),
        )
        .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)) || a.id.localeCompare(b.id));
      const items = docs.slice(0, q.limit);
      const last = items.at(-1);
      const more = docs.length > q.limit || res2.docs.length === q.limit + 50;
      res.json({
        items,
        nextCursor: more && last ? encodeCursor(`${String(last.createdAt)}\n${last.id}`) : null,
      });
    }),
  );
}
