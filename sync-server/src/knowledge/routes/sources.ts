// A team's knowledge sources once added (uploads.ts, websites.ts): list, get, download the original,
// re-index (a website is crawled again) and delete (with its file and chunks; a website with its
// pages).
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { idParam } from '../../api/collection-router';
import { assertValid } from '../../api/doc-writes';
import { decodeCursor, encodeCursor, textMatch } from '../../api/paging';
import { authOf, parse, route } from '../../http/route';
import { statusOf, type ApiDoc } from '../../store/raw-docs';
import { removeKnowledgeSource } from '../knowledge-ingest';
import { measureSource } from '../knowledge-measure';
import type { KnowledgeRoutes } from './context';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(600).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(['pending', 'indexing', 'ready', 'failed']).optional(),
});

/** GET /knowledge/sources (paged, by status and text) and GET /knowledge/sources/:id. */
function addReadRoutes(k: KnowledgeRoutes): void {
  k.registry.add(
    k.router,
    {
      method: 'get',
      path: '/knowledge/sources',
      summary: 'List knowledge sources',
      tag: k.tag,
      access: { resource: 'knowledge_sources', op: 'read' },
      query: listQuery,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const q = parse(listQuery, req.query);
      const page = await k.sources(auth.teamId).scan({
        after: decodeCursor(q.cursor),
        limit: q.limit,
        match: (d) =>
          (q.status === undefined || d.status === q.status) && textMatch(q.q, [d.title, d.fileName]),
      });
      res.json({
        items: page.items.map((i) => ({ ...i.doc, rev: i.rev })),
        nextCursor: page.done ? null : encodeCursor(page.last),
      });
    }),
  );

  k.registry.add(
    k.router,
    {
      method: 'get',
      path: '/knowledge/sources/:id',
      summary: 'Get a knowledge source',
      tag: k.tag,
      access: { resource: 'knowledge_sources', op: 'read' },
      response: k.source,
    },
    route(async (req, res) => {
      const found = await k.sourceOf(authOf(res).teamId, req.params.id);
      res.json({ ...found.doc, rev: found.rev });
    }),
  );
}

/** GET /knowledge/sources/:id/file: the original upload, as an attachment. */
function addFileRoute(k: KnowledgeRoutes): void {
  k.registry.add(
    k.router,
    {
      method: 'get',
      path: '/knowledge/sources/:id/file',
      summary: 'Download the original file',
      tag: k.tag,
      access: [
        { resource: 'knowledge_sources', op: 'read' },
        { resource: 'files', op: 'read' },
      ],
      response: { mediaType: 'application/octet-stream', description: 'The original upload' },
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const found = await k.sourceOf(auth.teamId, req.params.id);
      const fileDocId = String(found.doc.fileDocId ?? '');
      await k.files(auth.teamId).getOr404(fileDocId, 'not-found', 'File');
      const bytes = await k
        .files(auth.teamId)
        .original(fileDocId)
        .catch((error: unknown) => {
          if (statusOf(error) === 404) throw new DomainError('not-found', 'The original file is missing');
          throw error;
        });
      res.set('Content-Type', String(found.doc.mimeType ?? 'application/octet-stream'));
      res.set(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(String(found.doc.fileName ?? 'file'))}`,
      );
      res.set('X-Content-Type-Options', 'nosniff');
      res.send(bytes);
    }),
  );
}

/** POST /knowledge/sources/:id/reindex. */
function addReindexRoute(k: KnowledgeRoutes): void {
  const { deps } = k;
  k.registry.add(
    k.router,
    {
      method: 'post',
      path: '/knowledge/sources/:id/reindex',
      summary: 'Mark a source pending and ingest it again',
      tag: k.tag,
      access: { resource: 'knowledge_sources', op: 'update' },
      response: k.source,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const found = await k.sourceOf(auth.teamId, req.params.id);
      if (found.doc.kind === 'website') {
        // A website is crawled again now (changed pages re-indexed, gone ones removed).
        if (!deps.websites) throw new DomainError('bad-request', 'Websites are not available on this server');
        deps.websites.crawl(auth.teamId, String(found.doc.id));
        res.status(202).json({ ...found.doc, rev: found.rev });
        return;
      }
      // Its stored original is read again; a source without one (a Q&A pair) is its chunks, counted
      // again (after a larger plan, one that failed over the knowledge size is searched again).
      if (!found.doc.fileDocId && !(await measureSource(deps.store, auth.teamId, found.doc)))
        throw new DomainError('conflict', 'This source has no stored file or chunks to index again');
      const at = deps.now().toISOString();
      const doc: ApiDoc = {
        ...found.doc,
        status: 'pending',
        // Asked for by a person: the retry bound starts again.
        attempts: 0,
        updatedAt: at,
        fieldUpdatedAt: { ...(found.doc.fieldUpdatedAt as object), status: at },
      };
      delete doc.error;
      assertValid('knowledge_sources', doc);
      const rev = await k.sources(auth.teamId).save(doc, found.rev);
      k.startIngest(auth.teamId, doc.id);
      res.json({ ...doc, rev });
    }),
  );
}

/** DELETE /knowledge/sources/:id. */
function addDeleteRoute(k: KnowledgeRoutes): void {
  k.registry.add(
    k.router,
    {
      method: 'delete',
      path: '/knowledge/sources/:id',
      summary: 'Delete a source with its file and chunks',
      tag: k.tag,
      access: [
        { resource: 'knowledge_sources', op: 'delete' },
        { resource: 'knowledge_chunks', op: 'delete' },
        { resource: 'files', op: 'delete' },
      ],
      status: 204,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const found = await k.sourceOf(auth.teamId, id);
      // A website goes with its pages.
      const pages =
        found.doc.kind === 'website'
          ? await k.sources(auth.teamId).find({ selector: { siteId: id }, limit: 100_000 })
          : [];
      for (const page of pages) await removeKnowledgeSource(k.deps.store, auth.teamId, page.id, page);
      await removeKnowledgeSource(k.deps.store, auth.teamId, id, found.doc);
      res.status(204).end();
    }),
  );
}

/** The routes of sources once added, in the order the API has always listed them. */
export function addSourceRoutes(k: KnowledgeRoutes): void {
  addReadRoutes(k);
  addFileRoute(k);
  addReindexRoute(k);
  addDeleteRoute(k);
}
