// Knowledge sources: upload an original (stored as an attachment in the team's `files` db), which
// creates a knowledge_sources doc with status `pending` and calls the injectable `deps.ingest` hook
// (parse, chunk, embed: wired by the knowledge feature). List, get, download, re-index and delete.
// Limits that are cheap to check are checked here (size; a DOCX's declared unpacked size and entry
// count, read from its ZIP directory): such a file is refused with a 413 or 422 naming the limit.
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { newId } from '@app/shared/ids';
import { checkZipDeclared, defaultKnowledgeLimits } from '@app/shared/knowledge';
import { knowledgeSourceSchema } from '@app/shared/schemas';
import { authOf, parse, route } from '../http/route';
import { idParam } from './collection-router';
import { statusOf, type ApiDoc } from '../store/raw-docs';
import { removeKnowledgeSource } from '../knowledge/knowledge-ingest';
import { measureSource } from '../knowledge/knowledge-measure';
import type { ApiDeps } from './deps';
import { assertValid } from './doc-writes';
import { allowedExtensions, cleanFileName, knowledgeFileType } from './file-types';
import { decodeCursor, encodeCursor, textMatch } from './paging';
import type { RouteRegistry } from '../http/registry';
import { readUpload } from '../http/upload';
import { apiDocs, teamData } from '../store/data';

export const KNOWLEDGE_MAX_BYTES = 20 * 1024 * 1024;
const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

const uploadQuery = z.strictObject({
  fileName: z.string().max(255).optional(),
  title: z.string().max(300).optional(),
  tags: z.string().max(1000).optional(),
});
const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(600).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(['pending', 'indexing', 'ready', 'failed']).optional(),
});
const source = { jsonSchema: knowledgeSourceSchema, description: 'Knowledge source' };
const websiteBody = z.strictObject({
  url: z.string().trim().min(1).max(2048),
  title: z.string().trim().min(1).max(300).optional(),
  maxPages: z.number().int().min(1).max(10_000).optional(),
  refreshHours: z.number().int().min(0).max(8760).default(24),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});

/** Pages a new website takes when not said: 200, or fewer on a plan that takes fewer. */
const DEFAULT_MAX_PAGES = 200;

/**
 * The pages a website may take: as asked (402 plan-limit-reached over the plan's `websitePages`), or
 * the default within the plan.
 */
async function websitePages(deps: ApiDeps, teamId: string, asked: number | undefined): Promise<number> {
  const bound = (await deps.plans?.websitePages?.(teamId, asked)) ?? null;
  return asked ?? (bound === null ? DEFAULT_MAX_PAGES : Math.min(DEFAULT_MAX_PAGES, bound));
}

export function addKnowledgeRoutes(router: Router, registry: RouteRegistry, deps: ApiDeps): void {
  const tag = 'knowledge';
  const sources = (teamId: string) => apiDocs(deps.store, teamId, 'knowledge_sources');
  const files = (teamId: string) => teamData(deps.store, teamId).files;
  const maxBytes = deps.knowledgeLimits?.maxUploadBytes ?? KNOWLEDGE_MAX_BYTES;
  const limits = deps.knowledgeLimits?.limits ?? defaultKnowledgeLimits;
  const startIngest = (teamId: string, sourceId: string, bytes?: Uint8Array) => {
    if (!deps.ingest) return;
    Promise.resolve()
      .then(() => deps.ingest?.(teamId, sourceId, bytes))
      .catch((err: unknown) =>
        deps.log.error({ err, teamId, sourceId }, 'knowledge ingestion failed to start'),
      );
  };

  registry.add(
    router,
    {
      method: 'post',
      path: '/knowledge/sources',
      summary: `Upload a knowledge file (${allowedExtensions.join(', ')}; up to ${mib(maxBytes)}): raw body with ?fileName= or multipart 'file' (+ title, tags fields)`,
      tag,
      access: [
        { resource: 'knowledge_sources', op: 'create' },
        { resource: 'files', op: 'create' },
      ],
      query: uploadQuery,
      body: {
        mediaType: 'multipart/form-data',
        description: "A 'file' part, optional 'title' and 'tags' (comma separated) fields",
      },
      response: source,
      status: 201,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const q = parse(uploadQuery, req.query);
      const upload = await readUpload(req, maxBytes);
      const fileName = cleanFileName(upload.fileName || q.fileName || '');
      const type = knowledgeFileType(fileName, upload.mimeType, upload.bytes);
      if (type.kind === 'docx') checkZipDeclared(fileName, upload.bytes, limits);
      const { contentHash } = upload;
      const existing = await sources(auth.teamId).scan({
        limit: 1,
        match: (d) => d.contentHash === contentHash,
        maxScan: 100_000,
      });
      if (existing.items[0]) {
        res.status(200).json({ ...existing.items[0].doc, rev: existing.items[0].rev, duplicate: true });
        return;
      }
      // Over the plan's knowledge size or its storage with this file: 402, nothing stored.
      await deps.plans?.assertKnowledge(auth.teamId, upload.bytes.length);
      await deps.plans?.assertStorage?.(auth.teamId, upload.bytes.length);
      const at = deps.now().toISOString();
      const title =
        (upload.fields.title ?? q.title ?? fileName.replace(/\.[^.]+$/, '')).trim().slice(0, 300) || fileName;
      const tags = (upload.fields.tags ?? q.tags ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
        .slice(0, 50);
      const id = newId('source');
      const fileDocId = `kfile-${id}`;
      const doc = {
        id,
        title,
        kind: type.kind,
        fileName,
        mimeType: type.mimeType,
        size: upload.bytes.length,
        fileDocId,
        contentHash,
        status: 'pending',
        ...(tags.length ? { tags } : {}),
        createdAt: at,
        updatedAt: at,
        fieldUpdatedAt: { title: at, status: at },
      };
      assertValid('knowledge_sources', doc);
      // The original as a standalone attachment of raw bytes (no base64, no JSON around 8 MB), which
      // the embedded store writes its short way (store/embedded-couch-attachments.ts).
      await files(auth.teamId).store(
        fileDocId,
        {
          kind: 'knowledge',
          sourceId: id,
          fileName,
          mimeType: type.mimeType,
          size: upload.bytes.length,
          contentHash,
          createdAt: at,
        },
        upload.bytes,
        type.mimeType,
      );
      const rev = await sources(auth.teamId).save(doc);
      // The bytes in hand go to ingestion, which would otherwise read them back from the store at once.
      startIngest(auth.teamId, id, upload.bytes);
      res.status(201).json({ ...doc, rev });
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/knowledge/websites',
      summary:
        "Add a website (a page, a site's start page or its sitemap) as knowledge: its pages are crawled now and again every refreshHours (0: only on re-index)",
      tag,
      access: [
        { resource: 'knowledge_sources', op: 'create' },
        { resource: 'files', op: 'create' },
      ],
      body: websiteBody,
      response: source,
      status: 201,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const body = parse(websiteBody, req.body);
      if (!deps.websites) throw new DomainError('bad-request', 'Websites are not available on this server');
      let url: URL;
      try {
        url = new URL(body.url);
      } catch {
        throw new DomainError('validation-failed', 'url: not a web address (https://…)');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new DomainError('validation-failed', 'url: only http and https addresses can be crawled');
      if (url.username || url.password)
        throw new DomainError(
          'validation-failed',
          'url: an address with a user name or password is not crawled',
        );
      url.hash = '';
      // The pages asked for within the plan (402 over it), before anything is fetched.
      const maxPages = await websitePages(deps, auth.teamId, body.maxPages);
      try {
        await deps.websites.check(url.href);
      } catch (error) {
        throw new DomainError('address-refused', `url: ${(error as Error).message}`);
      }
      const existing = await sources(auth.teamId).scan({
        limit: 1,
        match: (d) => d.kind === 'website' && d.url === url.href,
        maxScan: 100_000,
      });
      if (existing.items[0]) {
        res.status(200).json({ ...existing.items[0].doc, rev: existing.items[0].rev, duplicate: true });
        return;
      }
      // A website's pages are measured as they are crawled: a team at its knowledge size adds none.
      await deps.plans?.assertKnowledge(auth.teamId, 1);
      const at = deps.now().toISOString();
      const doc = {
        id: newId('site'),
        title: body.title ?? url.host,
        kind: 'website',
        url: url.href,
        contentHash: `url-${url.href}`.slice(0, 128),
        status: 'pending',
        site: { maxPages, refreshHours: body.refreshHours, state: 'idle' },
        ...(body.tags?.length ? { tags: body.tags } : {}),
        createdAt: at,
        updatedAt: at,
        fieldUpdatedAt: { title: at, status: at },
      };
      assertValid('knowledge_sources', doc);
      const rev = await sources(auth.teamId).save(doc);
      deps.websites.crawl(auth.teamId, doc.id);
      res.status(201).json({ ...doc, rev });
    }),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/knowledge/sources',
      summary: 'List knowledge sources',
      tag,
      access: { resource: 'knowledge_sources', op: 'read' },
      query: listQuery,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const q = parse(listQuery, req.query);
      const page = await sources(auth.teamId).scan({
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

  registry.add(
    router,
    {
      method: 'get',
      path: '/knowledge/sources/:id',
      summary: 'Get a knowledge source',
      tag,
      access: { resource: 'knowledge_sources', op: 'read' },
      response: source,
    },
    route(async (req, res) => {
      const found = await sources(authOf(res).teamId).getOr404(
        parse(idParam, req.params.id),
        'not-found',
        'Knowledge source',
      );
      res.json({ ...found.doc, rev: found.rev });
    }),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/knowledge/sources/:id/file',
      summary: 'Download the original file',
      tag,
      access: [
        { resource: 'knowledge_sources', op: 'read' },
        { resource: 'files', op: 'read' },
      ],
      response: { mediaType: 'application/octet-stream', description: 'The original upload' },
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const found = await sources(auth.teamId).getOr404(
        parse(idParam, req.params.id),
        'not-found',
        'Knowledge source',
      );
      const fileDocId = String(found.doc.fileDocId ?? '');
      await files(auth.teamId).getOr404(fileDocId, 'not-found', 'File');
      const bytes = await files(auth.teamId)
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

  registry.add(
    router,
    {
      method: 'post',
      path: '/knowledge/sources/:id/reindex',
      summary: 'Mark a source pending and ingest it again',
      tag,
      access: { resource: 'knowledge_sources', op: 'update' },
      response: source,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const found = await sources(auth.teamId).getOr404(
        parse(idParam, req.params.id),
        'not-found',
        'Knowledge source',
      );
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
      const rev = await sources(auth.teamId).save(doc, found.rev);
      startIngest(auth.teamId, doc.id);
      res.json({ ...doc, rev });
    }),
  );

  registry.add(
    router,
    {
      method: 'delete',
      path: '/knowledge/sources/:id',
      summary: 'Delete a source with its file and chunks',
      tag,
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
      const found = await sources(auth.teamId).getOr404(id, 'not-found', 'Knowledge source');
      // A website goes with its pages.
      const pages =
        found.doc.kind === 'website'
          ? await sources(auth.teamId).find({ selector: { siteId: id }, limit: 100_000 })
          : [];
      for (const page of pages) await removeKnowledgeSource(deps.store, auth.teamId, page.id, page);
      await removeKnowledgeSource(deps.store, auth.teamId, id, found.doc);
      res.status(204).end();
    }),
  );
}
