// Knowledge: the company's sources (files, pages, Q&A sets) and the chunks they are cut into. Chunks
// carry their source and position so answers can cite, and a content hash so only changes re-embed.
import {
  editableFields,
  editableRequired,
  idSchema,
  isoDateSchema,
  languageSchema,
  refSchema,
  shortText,
  stringList,
  vectorSchema,
} from './common';
import { defineCollection, type DocOf } from './collection';

export const sourceKinds = ['text', 'markdown', 'html', 'pdf', 'docx', 'csv-qa', 'url', 'website'] as const;

/** How a website source's crawls went: the schedule, the last run's counts, the one in progress. */
const siteSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['maxPages', 'refreshHours'],
  properties: {
    /** Pages taken at most (from the sitemap, else by following the site's own links). */
    maxPages: { type: 'integer', minimum: 1, maximum: 10_000 },
    /** Hours between crawls; 0: only when asked. */
    refreshHours: { type: 'integer', minimum: 0, maximum: 8760 },
    /** `crawling` while a run holds the site (since `runStartedAt`), else `idle`. */
    state: { type: 'string', enum: ['idle', 'crawling'] },
    runStartedAt: isoDateSchema,
    lastRunAt: isoDateSchema,
    nextRunAt: isoDateSchema,
    /** The run's progress (during a run) or its outcome (after it). */
    found: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    done: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    changed: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    unchanged: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    removed: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    failed: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    skipped: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  },
} as const;

export const knowledgeSourceSchema = {
  title: 'knowledge source',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'kind', 'status', 'contentHash', ...editableRequired],
  properties: {
    id: idSchema,
    title: { type: 'string', minLength: 1, maxLength: 300 },
    kind: { type: 'string', enum: sourceKinds },
    fileName: shortText(255),
    mimeType: shortText(127),
    size: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
    /** The original file in the files store (PouchDB with attachments). */
    fileDocId: shortText(128),
    contentHash: { type: 'string', maxLength: 128 },
    status: { type: 'string', enum: ['pending', 'indexing', 'ready', 'failed'] },
    /** Why the source failed (`status: 'failed'`), e.g. the limit it is over. */
    error: shortText(1000),
    /** Ingestion runs started for the current file; a source left `indexing` this often is given up. */
    attempts: { type: 'integer', minimum: 0, maximum: 1000 },
    chunkCount: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    language: languageSchema,
    tags: stringList(),
    /** A web page's address (kind `url`), or the address a website source starts from (`website`). */
    url: shortText(2048),
    /** The website source a page (kind `url`) was found on. */
    siteId: refSchema,
    /** The page's validators from its last fetch, for conditional requests. */
    http: {
      type: 'object',
      additionalProperties: false,
      properties: { etag: shortText(512), lastModified: shortText(128), fetchedAt: isoDateSchema },
    },
    site: siteSchema,
    /**
     * Learned phrasings (issue 61): customers' questions that this source answered when they picked it
     * among offered choices, oldest first, at most `phrasingLimits.perSource` (learned-phrasings.ts).
     * Searched as a field of the source's passages; never shown to a model as instructions.
     */
    phrasings: stringList(20, 300),
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export const knowledgeChunkSchema = {
  title: 'knowledge chunk',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'sourceId', 'ordinal', 'text', 'position', 'contentHash', 'createdAt'],
  properties: {
    id: idSchema,
    sourceId: refSchema,
    /** The chunk's place in its source, from 0. */
    ordinal: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    text: { type: 'string', minLength: 1, maxLength: 12_000 },
    /** Headings above the chunk, outermost first: shown with citations. */
    headings: stringList(10, 300),
    position: {
      type: 'object',
      additionalProperties: false,
      required: ['start', 'end'],
      properties: {
        start: { type: 'integer', minimum: 0 },
        end: { type: 'integer', minimum: 0 },
        page: { type: 'integer', minimum: 1, maximum: 100_000 },
        row: { type: 'integer', minimum: 1 },
      },
    },
    /** For CSV Q&A sources: the pair this chunk is. */
    question: shortText(4000),
    answer: shortText(8000),
    contentHash: { type: 'string', minLength: 1, maxLength: 128 },
    language: languageSchema,
    embedding: vectorSchema,
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  },
  indexes: ['createdAt'],
} as const;

/** The bounds of a source's learned phrasings (the schema's `phrasings`). */
export const phrasingLimits = { perSource: 20, length: 300 } as const;

export type KnowledgeSourceDoc = DocOf<typeof knowledgeSourceSchema>;
export type KnowledgeChunkDoc = DocOf<typeof knowledgeChunkSchema>;

export const knowledgeSourcesCollection = defineCollection({
  name: 'knowledge_sources',
  schema: knowledgeSourceSchema,
  mergeFields: ['title', 'status', 'error', 'chunkCount', 'tags', 'language', 'phrasings'],
  appendOnly: false,
  migrations: {
    // Version 1 adds the optional `attempts` count; a version-0 doc is valid as it is (no attempts yet).
    1: (old) => old,
    // Version 2 adds websites and their pages (`url`, `siteId`, `http`, `site`), all optional.
    2: (old) => old,
    // Version 3 adds the optional learned `phrasings`.
    3: (old) => old,
  },
});

export const knowledgeChunksCollection = defineCollection({
  name: 'knowledge_chunks',
  schema: knowledgeChunkSchema,
  mergeFields: [],
  appendOnly: true,
  migrations: {},
});
