// Validation of `files` docs (knowledge originals and message attachments, replicated by PouchDB with
// CouchDB's own protocol): a small metadata object plus `_attachments` within size limits. A push's new
// bytes are held to the team's plan storage before anything is written (`assertFilesFit`: 402
// plan-limit-reached, the file stays on the device until there is room).
import { z } from 'zod';
import type { ValidationResult } from '@app/shared/validation';
import type { PlanPolicy } from '../context';
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

/** An inline attachment's bytes (its base64 decoded length). */
const decodedBytes = (data: string) => Math.floor((data.replace(/[\r\n=]/g, '').length * 3) / 4);

/**
 * The bytes a push to `files` brings: the inline attachments' data of its docs (a `_bulk_docs` body
 * `{docs}` or one doc, parsed, or the raw bytes of a `_bulk_docs` not parsed yet). Stubs are bytes
 * stored already; each new revision's data counts in full; a delete brings none.
 */
export function pushedFileBytes(body: unknown): number {
  if (Buffer.isBuffer(body)) return rawDataBytes(body);
  if (typeof body !== 'object' || body === null) return 0;
  const docs = Array.isArray((body as { docs?: unknown }).docs)
    ? ((body as { docs: unknown[] }).docs as unknown[])
    : [body];
  let bytes = 0;
  for (const doc of docs) {
    const atts = (doc as { _attachments?: unknown } | null)?._attachments;
    if (typeof atts !== 'object' || atts === null) continue;
    for (const att of Object.values(atts as Record<string, { data?: unknown } | null>)) {
      if (typeof att?.data === 'string') bytes += decodedBytes(att.data);
    }
  }
  return bytes;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isBase64 = (c: number) =>
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x2b ||
  c === 0x2f;
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The decoded bytes of every `"data": "<base64>"` member of raw JSON, in one pass over the bytes (no
 * parse: the body may be as large as the files limit). A `"data"` key elsewhere (metadata, which
 * validation refuses anyway) can only count more, never less.
 */
function rawDataBytes(raw: Buffer): number {
  const key = Buffer.from('"data"');
  let bytes = 0;
  for (let at = raw.indexOf(key); at !== -1; at = raw.indexOf(key, at)) {
    let i = at + key.length;
    while (isSpace(raw[i])) i++;
    if (raw[i] !== 0x3a) {
      at = i;
      continue;
    }
    i++;
    while (isSpace(raw[i])) i++;
    if (raw[i] !== QUOTE) {
      at = i;
      continue;
    }
    let chars = 0;
    for (i++; i < raw.length && raw[i] !== QUOTE; i++) {
      if (raw[i] === BACKSLASH)
        i++; // an escape (`\n`): not a base64 character
      else if (isBase64(raw[i]!)) chars++;
    }
    bytes += Math.floor((chars * 3) / 4);
    at = i + 1;
  }
  return bytes;
}

/** Refuses (402 plan-limit-reached) a push whose new bytes would take the team over its plan's storage. */
export async function assertFilesFit(
  plans: Pick<PlanPolicy, 'assertStorage'> | undefined,
  teamId: string,
  body: unknown,
): Promise<void> {
  const bytes = pushedFileBytes(body);
  if (bytes > 0) await plans?.assertStorage?.(teamId, bytes);
}

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
      const bytes = decodedBytes(a.data.data);
      if (bytes > FILE_LIMITS.maxAttachmentBytes) return fail(`_attachments.${name}`, 'attachment too large');
      total += bytes;
    }
  }
  if (total > FILE_LIMITS.maxTotalBytes) return fail('_attachments', 'attachments too large in total');
  return { ok: true, doc: raw };
}
