// Importing files into the knowledge base. Each file is read, cut into chunks, validated against the
// shared schema and embedded in a staging list; only a whole file is committed to the index (and a
// failed commit is rolled back), so a broken file leaves nothing half-indexed. Errors are per file.
import { DomainError, isDomainError } from '../errors';
import type { EmbeddingProvider } from '../embeddings/types';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '../schemas/knowledge';
import { fromKnowledgeChunk } from '../search/docs';
import { bytesHash, contentHash } from '../search/hash';
import { embeddingText, type SearchIndex } from '../search/search-index';
import { formatIssues, validateDoc } from '../validation';
import { chunkSections, type ChunkerOptions } from './chunker';
import { detectKind } from './detect';
import { extractDocx, extractPdf } from './extract-binary';
import { extractCsv } from './extract-csv';
import { extractHtml } from './extract-html';
import { extractMarkdown, extractPlainText } from './extract-text';
import { checkChars, withDefaultLimits, type KnowledgeLimits } from './limits';
import { decodeText } from './text-decode';
import type { Extracted, KnowledgeFile, SourceKind } from './types';

export type IngestStage = 'reading' | 'chunking' | 'embedding' | 'indexing' | 'done' | 'failed';
export type IngestProgress = {
  file: string;
  fileIndex: number;
  files: number;
  stage: IngestStage;
  /** Chunks of this file, and how many are embedded so far (stage `embedding`). */
  chunks?: number;
  embedded?: number;
  error?: DomainError;
};

export type IngestOptions = {
  /** Commit target; without it the docs are only returned (e.g. to write them to the database). */
  index?: SearchIndex;
  /** Puts vectors on the chunk docs; defaults to the index's embedder. */
  embedder?: EmbeddingProvider;
  maxBytes?: number;
  /** Unpacked size, pages and characters a file may have (defaults: `defaultKnowledgeLimits`). */
  limits?: Partial<KnowledgeLimits>;
  chunker?: ChunkerOptions;
  embedBatch?: number;
  sourceId?: (file: KnowledgeFile) => string;
  now?: () => Date;
  onProgress?: (event: IngestProgress) => void;
};

export type IngestedSource = { source: KnowledgeSourceDoc; chunks: KnowledgeChunkDoc[] };
export type IngestResult =
  ({ ok: true } & IngestedSource & { file: string }) | { ok: false; file: string; error: DomainError };

export const defaultMaxBytes = 20 * 1024 * 1024;

const toBytes = (data: KnowledgeFile['data']): Uint8Array =>
  typeof data === 'string'
    ? new TextEncoder().encode(data)
    : data instanceof Uint8Array
      ? data
      : new Uint8Array(data);

const languageOf = (text: string): 'ru' | 'en' | undefined => {
  const cyr = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const lat = (text.match(/[a-z]/gi) ?? []).length;
  return cyr + lat === 0 ? undefined : cyr >= lat ? 'ru' : 'en';
};

async function extract(
  file: KnowledgeFile,
  kind: SourceKind,
  bytes: Uint8Array,
  limits: KnowledgeLimits,
): Promise<Extracted> {
  if (kind === 'pdf') return extractPdf(file.name, bytes, limits);
  if (kind === 'docx') return extractDocx(file.name, bytes, limits);
  const text = decodeText(file.name, bytes);
  checkChars(file.name, text.length, limits);
  switch (kind) {
    case 'html':
      return extractHtml(text);
    case 'markdown':
      return extractMarkdown(text);
    case 'csv-qa':
      return extractCsv(file.name, text);
    default:
      return extractPlainText(text);
  }
}

/** Reads one file into a source doc and its chunk docs (staging: nothing is indexed). Throws DomainError. */
export async function parseKnowledgeFile(
  file: KnowledgeFile,
  options: Omit<IngestOptions, 'index' | 'onProgress'> = {},
): Promise<IngestedSource> {
  const bytes = toBytes(file.data);
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  if (bytes.length > maxBytes) {
    throw new DomainError('file-too-large', `${file.name}: ${bytes.length} bytes, the limit is ${maxBytes}`);
  }
  if (bytes.length === 0) throw new DomainError('file-empty', `${file.name}: the file is empty`);
  const kind = detectKind(file, bytes);
  const limits = withDefaultLimits(options.limits);
  const extracted = await extract(file, kind, bytes, limits);
  checkChars(
    file.name,
    extracted.sections.reduce((sum, s) => sum + s.text.length, 0),
    limits,
  );
  const pieces = chunkSections(extracted.sections, options.chunker);
  if (pieces.length === 0) throw new DomainError('file-empty', `${file.name}: no text found in the file`);

  const now = (options.now?.() ?? new Date()).toISOString();
  const sourceId = options.sourceId?.(file) ?? `src:${contentHash(file.name)}`;
  const title =
    (file.title ?? extracted.title ?? file.name.replace(/\.[^.]+$/, '')).slice(0, 300) || file.name;
  const chunks: KnowledgeChunkDoc[] = pieces.map((p, ordinal) => {
    const language = languageOf(p.text);
    return {
      id: `${sourceId}:${ordinal}`,
      sourceId,
      ordinal,
      text: p.text.slice(0, 12_000),
      headings: p.headings.slice(0, 10).map((h) => h.slice(0, 300)),
      position: {
        start: p.start,
        end: p.end,
        ...(p.page ? { page: p.page } : {}),
        ...(p.row ? { row: p.row } : {}),
      },
      ...(p.question ? { question: p.question, answer: p.answer } : {}),
      contentHash: contentHash(p.text),
      ...(language ? { language } : {}),
      createdAt: now,
      updatedAt: now,
    };
  });
  const language = languageOf(
    chunks
      .map((c) => c.text)
      .join(' ')
      .slice(0, 20_000),
  );
  const source: KnowledgeSourceDoc = {
    id: sourceId,
    title,
    kind,
    fileName: file.name.slice(0, 255),
    ...(file.mimeType ? { mimeType: file.mimeType.slice(0, 127) } : {}),
    size: bytes.length,
    contentHash: bytesHash(bytes),
    status: 'ready',
    chunkCount: chunks.length,
    ...(language ? { language } : {}),
    ...(file.tags ? { tags: file.tags } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const checks: Array<['knowledge_sources' | 'knowledge_chunks', unknown]> = [
    ['knowledge_sources', source],
    ...chunks.map((c) => ['knowledge_chunks', c] as ['knowledge_chunks', unknown]),
  ];
  for (const [name, doc] of checks) {
    const result = validateDoc(name, doc);
    if (!result.ok) {
      throw new DomainError('file-unreadable', `${file.name}: ${formatIssues(result.issues)}`, {
        details: result.issues,
      });
    }
  }
  return { source, chunks };
}

/** Puts a current vector on each chunk that lacks one (by content hash and model), in batches. */
export async function embedChunks(
  chunks: KnowledgeChunkDoc[],
  sourceTitle: string,
  embedder: EmbeddingProvider,
  options: { batch?: number; onBatch?: (done: number) => void } = {},
): Promise<KnowledgeChunkDoc[]> {
  const texts = chunks.map((c) => embeddingText(fromKnowledgeChunk(c, sourceTitle)));
  const hashes = texts.map(contentHash);
  const stale = chunks.flatMap((c, i) => {
    const e = c.embedding;
    const fresh =
      e && e.provider === embedder.id && e.model === embedder.model && e.contentHash === hashes[i];
    return fresh ? [] : [i];
  });
  const out = [...chunks];
  const batch = options.batch ?? 64;
  for (let at = 0; at < stale.length; at += batch) {
    const ids = stale.slice(at, at + batch);
    const vectors = await embedder.embed(
      ids.map((i) => texts[i]!),
      { kind: 'document' },
    );
    ids.forEach((i, k) => {
      out[i] = {
        ...out[i]!,
        embedding: {
          provider: embedder.id,
          model: embedder.model,
          contentHash: hashes[i]!,
          values: vectors[k]!,
        },
      };
    });
    options.onBatch?.(Math.min(stale.length, at + batch));
  }
  return out;
}

/** Imports files one by one; each gets its own result, and a failure never stops the others. */
export async function ingestFiles(
  files: KnowledgeFile[],
  options: IngestOptions = {},
): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const embedder = options.embedder ?? options.index?.embedder;
  for (const [fileIndex, file] of files.entries()) {
    const progress = (stage: IngestStage, extra: Partial<IngestProgress> = {}) =>
      options.onProgress?.({ file: file.name, fileIndex, files: files.length, stage, ...extra });
    const committed: string[] = [];
    try {
      progress('reading');
      const staged = await parseKnowledgeFile(file, options);
      const total = staged.chunks.length;
      progress('chunking', { chunks: total });
      let chunks = staged.chunks;
      if (embedder) {
        progress('embedding', { chunks: total, embedded: 0 });
        chunks = await embedChunks(chunks, staged.source.title, embedder, {
          batch: options.embedBatch,
          onBatch: (embedded) => progress('embedding', { chunks: total, embedded }),
        });
      }
      if (options.index) {
        progress('indexing', { chunks: total });
        const docs = chunks.map((c) => fromKnowledgeChunk(c, staged.source.title));
        committed.push(...docs.map((d) => d.id));
        await options.index.upsert(docs);
        const keep = new Set(docs.map((d) => d.id));
        await options.index.removeWhere((d) => d.sourceId === staged.source.id && !keep.has(d.id));
      }
      progress('done', { chunks: total });
      results.push({ ok: true, file: file.name, source: staged.source, chunks });
    } catch (cause) {
      if (options.index && committed.length) await options.index.remove(committed).catch(() => 0);
      const error = isDomainError(cause)
        ? cause
        : new DomainError('file-unreadable', `${file.name}: ${(cause as Error).message}`, { cause });
      progress('failed', { error });
      results.push({ ok: false, file: file.name, error });
    }
  }
  return results;
}
