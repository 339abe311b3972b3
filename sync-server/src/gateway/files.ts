// Validation of `files` docs (knowledge originals and message attachments, replicated by PouchDB with
// CouchDB's own protocol): a small metadata object plus `_attachments` within size limits.
import { z } from 'zod';
import type { ValidationResult } from '@app/shared/validation';
import { docIdPattern, isAttachmentName } from './paths';

export const FILE_LIMITS = {
  maxAttachments: 5,
  maxAttachmentBytes: 25 * 1024 * 1024,
  maxTotalBytes: 30 * 1024 * 1024,
  maxMetadataBytes: 4096,
};

const iso = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/);
const ref = z.string().min(1).max(128);

const metadata = z
  .object({
    fileName: z.string().min(1).max(255),
    mimeType: z.string().max(127).optional(),
    size: z.number().int().min(0).max(FILE_LIMITS.maxTotalBytes).optional(),
    kind: z.enum(['knowledge', 'attachment', 'other']).optional(),
    sourceId: ref.optional(),
    messageId: ref.optional(),
    conversationId: ref.optional(),
    contentHash: z.string().max(128).optional(),
    createdAt: iso.optional(),
    updatedAt: iso.optional(),
  })
  .strict();

const attachment = z.union([
  z
    .object({
      stub: z.literal(true),
      content_type: z.string().max(127).optional(),
      digest: z.string().max(200).optional(),
      length: z.number().int().min(0).optional(),
      revpos: z.number().int().min(0).optional(),
    })
    .strict(),
  z
    .object({
      // Padded, as CouchDB takes it: the embedded store answered 500 to `YQ` (found by bench/fuzz.ts).
      data: z
        .string()
        .regex(/^[A-Za-z0-9+/\r\n]*={0,2}$/, { message: 'must be base64' })
        .refine((d) => d.replace(/[\r\n]/g, '').length % 4 === 0, { message: 'must be padded base64' }),
      content_type: z.string().min(1).max(127),
      digest: z.string().max(200).optional(),
      length: z.number().int().min(0).optional(),
      revpos: z.number().int().min(0).optional(),
    })
    .strict(),
]);

const couchFields = new Set(['_id', '_rev', '_deleted', '_revisions', '_attachments']);

function fail(path: string, message: string): ValidationResult<Record<string, unknown>> {
  return { ok: false, issues: [{ path, message }], message: `${path}: ${message}` };
}

export function validateFileDoc(value: unknown): ValidationResult<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('(document)', 'must be a JSON object');
  }
  const raw = value as Record<string, unknown>;
  if (typeof raw._id !== 'string' || !docIdPattern.test(raw._id)) return fail('_id', 'invalid document id');
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('_')) {
      if (!couchFields.has(k)) return fail(k, `unknown field '${k}' is not allowed`);
    } else meta[k] = v;
  }
  if (raw._deleted === true) return { ok: true, doc: raw };
  if (JSON.stringify(meta).length > FILE_LIMITS.maxMetadataBytes)
    return fail('(document)', 'metadata too large');
  const parsed = metadata.safeParse(meta);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(issue.path.join('.') || '(document)', issue.message);
  }
  const atts = raw._attachments;
  if (atts === undefined) return { ok: true, doc: raw };
  if (typeof atts !== 'object' || atts === null || Array.isArray(atts)) {
    return fail('_attachments', 'must be an object');
  }
  const entries = Object.entries(atts as Record<string, unknown>);
  if (entries.length > FILE_LIMITS.maxAttachments) {
    return fail('_attachments', `at most ${FILE_LIMITS.maxAttachments} attachments`);
  }
  let total = 0;
  for (const [name, att] of entries) {
    if (!isAttachmentName(name) || name.includes('/'))
      return fail(`_attachments.${name}`, 'invalid attachment name');
    const a = attachment.safeParse(att);
    if (!a.success) return fail(`_attachments.${name}`, a.error.issues[0]?.message ?? 'invalid attachment');
    if ('data' in a.data) {
      const bytes = Math.floor((a.data.data.replace(/[\r\n=]/g, '').length * 3) / 4);
      if (bytes > FILE_LIMITS.maxAttachmentBytes) return fail(`_attachments.${name}`, 'attachment too large');
      total += bytes;
    }
  }
  if (total > FILE_LIMITS.maxTotalBytes) return fail('_attachments', 'attachments too large in total');
  return { ok: true, doc: raw };
}
