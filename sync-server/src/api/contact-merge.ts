// Merging two contacts of the caller's team (issue 14): `GET /contacts/:id/merge?from=` answers what
// would move (counts, nothing written), `POST /contacts/:id/merge {from}` moves the other contact's
// conversations, deals, tasks, meetings and twin to this one and leaves the other as a tombstone
// (`mergedInto`); `POST /contacts/:id/split {from}` undoes it (store/contact-split.ts). Who may is the
// access table's `contact_merges` row; the work is store/contact-merge.ts.
import type { Router } from 'express';
import { z } from 'zod';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { mergeContacts, mergePreview } from '../store/contact-merge';
import { splitContacts } from '../store/contact-split';
import { idParam } from './collection-router';

const fromBody = z.object({ from: idParam }).strict();
const counts = z.object({
  conversations: z.number(),
  leads: z.number(),
  tasks: z.number(),
  events: z.number(),
  messages: z.number(),
  facts: z.number(),
});
const brief = z.object({ id: z.string(), name: z.string() });
const preview = z.object({ into: brief, from: brief, moves: counts });
const merged = z.object({
  contact: z.record(z.string(), z.unknown()),
  from: z.string(),
  moved: counts,
  alreadyMerged: z.boolean(),
});

const split = z.object({
  contact: z.record(z.string(), z.unknown()),
  restored: z.record(z.string(), z.unknown()),
  moved: counts,
  recorded: z.boolean(),
});

export function addContactMergeRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  /** POST /contacts/:id/{merge,split} `{from}`: `act` on the pair as the caller, logged and answered. */
  const pairAction = <R extends { moved: unknown }>(
    act: (...args: Parameters<typeof mergeContacts>) => Promise<R>,
    idKey: 'into' | 'kept',
    message: string,
  ) =>
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const { from } = parse(fromBody, req.body);
      const by = { userId: auth.userId, email: auth.email };
      const result = await act(deps.store, auth.teamId, id, from, by, deps.now());
      deps.log.info({ teamId: auth.teamId, [idKey]: id, from, moved: result.moved }, message);
      res.json(result);
    });

  registry.add(
    router,
    {
      method: 'get',
      path: '/contacts/:id/merge',
      summary: 'What merging contact `from` into this one would move (counts; nothing is written)',
      tag: 'contacts',
      access: { resource: 'contact_merges', op: 'read' },
      query: z.object({ from: idParam }),
      response: preview,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const { from } = parse(z.object({ from: idParam }), req.query);
      const p = await mergePreview(deps.store, auth.teamId, id, from);
      res.json({
        into: { id: p.kept.id, name: p.kept.name },
        from: { id: p.from.id, name: p.from.name },
        moves: p.moves,
      });
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/contacts/:id/merge',
      summary:
        'Merge contact `from` into this one: its conversations, deals, tasks, meetings and twin move here, identifiers are united (verified wins), and it stays as a tombstone with `mergedInto`. A retry changes nothing twice.',
      tag: 'contacts',
      access: { resource: 'contact_merges', op: 'create' },
      body: fromBody,
      response: merged,
    },
    pairAction(mergeContacts, 'into', 'contacts merged'),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/contacts/:id/split',
      summary:
        'Split contact `from` out of this one again (undo a merge): its own conversations, deals, tasks, meetings, messages, channel ids, e-mails, phones and twin facts go back, its link is cleared and the two are marked not the same person. 409 when `from` is not merged into this one.',
      tag: 'contacts',
      access: { resource: 'contact_merges', op: 'create' },
      body: fromBody,
      response: split,
    },
    pairAction(splitContacts, 'kept', 'contact split'),
  );
}
