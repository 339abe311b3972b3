// A knowledge source's learned phrasings (issue 61): the customers' questions it answered when they
// picked it among offered choices (shared/src/agents/learned-phrasings.ts), searched with its passages.
// Reps list them and remove one that taught the search something wrong; the same access as the other
// knowledge routes (read: any member; change: reps and admins).
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { withoutPhrasing } from '@app/shared/agents';
import { idParam } from '../../api/collection-router';
import { assertValid } from '../../api/doc-writes';
import { authOf, parse, route } from '../../http/route';
import type { ApiDoc } from '../../store/raw-docs';
import type { KnowledgeRoutes } from './context';

const phrasingsAnswer = z.object({ sourceId: z.string(), phrasings: z.array(z.string()) });
const removeBody = z.strictObject({ text: z.string().trim().min(1).max(1000) });

/** GET /knowledge/sources/:id/phrasings and POST /knowledge/sources/:id/phrasings/remove. */
export function addPhrasingRoutes(k: KnowledgeRoutes): void {
  k.registry.add(
    k.router,
    {
      method: 'get',
      path: '/knowledge/sources/:id/phrasings',
      summary: "List a source's learned phrasings",
      tag: k.tag,
      access: { resource: 'knowledge_sources', op: 'read' },
      response: phrasingsAnswer,
    },
    route(async (req, res) => {
      const found = await k.sourceOf(authOf(res).teamId, req.params.id);
      res.json({ sourceId: found.doc.id, phrasings: (found.doc.phrasings as string[] | undefined) ?? [] });
    }),
  );

  k.registry.add(
    k.router,
    {
      method: 'post',
      path: '/knowledge/sources/:id/phrasings/remove',
      summary: 'Remove a learned phrasing from a source',
      tag: k.tag,
      access: { resource: 'knowledge_sources', op: 'update' },
      body: removeBody,
      response: phrasingsAnswer,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const { text } = parse(removeBody, req.body);
      const found = await k.sourceOf(auth.teamId, id);
      const learned = Array.isArray(found.doc.phrasings) ? (found.doc.phrasings as string[]) : [];
      const kept = withoutPhrasing(learned, text);
      if (!kept) throw new DomainError('not-found', 'This source has no such learned phrasing');
      const at = k.deps.now().toISOString();
      const doc: ApiDoc = {
        ...found.doc,
        phrasings: kept,
        updatedAt: at,
        fieldUpdatedAt: { ...(found.doc.fieldUpdatedAt as object), phrasings: at },
      };
      if (kept.length === 0) delete doc.phrasings;
      assertValid('knowledge_sources', doc);
      await k.sources(auth.teamId).save(doc, found.rev);
      res.json({ sourceId: id, phrasings: kept });
    }),
  );
}
