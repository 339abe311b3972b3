// Uploading a knowledge file: the original is stored as an attachment in the team's `files` db and a
// knowledge_sources doc with status `pending` is created, then ingested (parse, chunk, embed) in the
// background. Limits that are cheap to check are checked here (size; a DOCX's declared unpacked size
// and entry count, read from its ZIP directory): such a file is refused with a 413 or 422 naming the
// limit. The same bytes uploaded again answer the source they made (200, `duplicate`).
import { z } from 'zod';
import { newId } from '@app/shared/ids';
import { checkZipDeclared, defaultKnowledgeLimits } from '@app/shared/knowledge';
import { assertValid } from '../../api/doc-writes';
import { allowedExtensions, cleanFileName, knowledgeFileType } from '../../api/file-types';
import { authOf, parse, route } from '../../http/route';
import { readUpload } from '../../http/upload';
import type { KnowledgeRoutes } from './context';

export const KNOWLEDGE_MAX_BYTES = 20 * 1024 * 1024;
const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

const uploadQuery = z.strictObject({
  fileName: z.string().max(255).optional(),
  title: z.string().max(300).optional(),
  tags: z.string().max(1000).optional(),
});

type Upload = Awaited<ReturnType<typeof readUpload>>;
type FileType = ReturnType<typeof knowledgeFileType>;

/** The source doc of an upload: its title and tags from the form's fields or the query. */
function uploadedSource(
  upload: Upload,
  q: z.infer<typeof uploadQuery>,
  fileName: string,
  type: FileType,
  at: string,
) {
  const title =
    (upload.fields.title ?? q.title ?? fileName.replace(/\.[^.]+$/, '')).trim().slice(0, 300) || fileName;
  const tags = (upload.fields.tags ?? q.tags ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 50);
  const id = newId('source');
  return {
    id,
    title,
    kind: type.kind,
    fileName,
    mimeType: type.mimeType,
    size: upload.bytes.length,
    fileDocId: `kfile-${id}`,
    contentHash: upload.contentHash,
    status: 'pending',
    ...(tags.length ? { tags } : {}),
    createdAt: at,
    updatedAt: at,
    fieldUpdatedAt: { title: at, status: at },
  };
}

/** POST /knowledge/sources: a file, raw or multipart. */
export function addUploadRoutes(k: KnowledgeRoutes): void {
  const { deps } = k;
  const maxBytes = deps.knowledgeLimits?.maxUploadBytes ?? KNOWLEDGE_MAX_BYTES;
  const limits = deps.knowledgeLimits?.limits ?? defaultKnowledgeLimits;
  k.registry.add(
    k.router,
    {
      method: 'post',
      path: '/knowledge/sources',
      summary: `Upload a knowledge file (${allowedExtensions.join(', ')}; up to ${mib(maxBytes)}): raw body with ?fileName= or multipart 'file' (+ title, tags fields)`,
      tag: k.tag,
      access: [
        { resource: 'knowledge_sources', op: 'create' },
        { resource: 'files', op: 'create' },
      ],
      query: uploadQuery,
      body: {
        mediaType: 'multipart/form-data',
        description: "A 'file' part, optional 'title' and 'tags' (comma separated) fields",
      },
      response: k.source,
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
      const existing = await k.sources(auth.teamId).scan({
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
      const doc = uploadedSource(upload, q, fileName, type, at);
      assertValid('knowledge_sources', doc);
      // The original as a standalone attachment of raw bytes (no base64, no JSON around 8 MB), which
      // the embedded store writes its short way (store/embedded-couch-attachments.ts).
      await k.files(auth.teamId).store(
        doc.fileDocId,
        {
          kind: 'knowledge',
          sourceId: doc.id,
          fileName,
          mimeType: type.mimeType,
          size: upload.bytes.length,
          contentHash,
          createdAt: at,
        },
        upload.bytes,
        type.mimeType,
      );
      const rev = await k.sources(auth.teamId).save(doc);
      // The bytes in hand go to ingestion, which would otherwise read them back from the store at once.
      k.startIngest(auth.teamId, doc.id, upload.bytes);
      res.status(201).json({ ...doc, rev });
    }),
  );
}
