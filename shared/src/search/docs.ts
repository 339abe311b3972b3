// What the search index holds: one flat document per searchable thing, whatever its collection, and
// the mappers from the collections' docs (knowledge chunks, contacts, leads, messages).
import type { ContactDoc } from '../schemas/contacts';
import type { KnowledgeChunkDoc } from '../schemas/knowledge';
import type { LeadDoc } from '../schemas/leads';
import type { MessageDoc } from '../schemas/messages';
import type { StoredVector } from '../embeddings/types';

export const searchDocTypes = ['knowledge', 'contact', 'lead', 'message'] as const;
export type SearchDocType = (typeof searchDocTypes)[number];

export type ChunkPosition = { start: number; end: number; page?: number; row?: number };

export type SearchDoc = {
  /** Unique in the index: `<type>:<doc id>` for docs mapped from collections. */
  id: string;
  type: SearchDocType;
  /** The collection doc this came from. */
  docId: string;
  title: string;
  text: string;
  /** Knowledge: the source; message: the conversation; lead: the contact. */
  sourceId?: string;
  stage?: string;
  ownerId?: string;
  contactId?: string;
  /** Epoch milliseconds (updated or created). */
  date?: number;
  language?: string;
  tags?: string[];
  headings?: string[];
  /** Knowledge: the source's title, for citations. */
  sourceTitle?: string;
  question?: string;
  answer?: string;
  /** Knowledge: its source's learned phrasings (customers' questions it answered, learned-phrasings.ts). */
  phrasings?: string[];
  position?: ChunkPosition;
  ordinal?: number;
  /** A vector made earlier (e.g. stored on the chunk): reused when its provider and model match. */
  vector?: StoredVector;
};

/**
 * What a knowledge chunk asks, for the index's question field: a Q&A import's question, else the
 * chunk's deepest heading (a Markdown FAQ's question is its heading). FAQ users ask in the FAQ's own
 * words more often than in its answer's, so the field gets its own weight in ranking.
 */
export const faqQuestionOf = (doc: Pick<SearchDoc, 'type' | 'question' | 'headings'>): string | undefined =>
  doc.type !== 'knowledge' ? undefined : doc.question?.trim() || doc.headings?.at(-1)?.trim() || undefined;

export const searchDocId = (type: SearchDocType, docId: string) => `${type}:${docId}`;

const time = (iso: string | undefined): number | undefined => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * A knowledge chunk; `sourceTitle` (the source doc's title) is shown with citations, `phrasings` (the
 * source's learned phrasings) are searched with it.
 */
export function fromKnowledgeChunk(
  chunk: KnowledgeChunkDoc,
  sourceTitle?: string,
  phrasings?: readonly string[],
): SearchDoc {
  const headings = chunk.headings ?? [];
  return compact({
    id: searchDocId('knowledge', chunk.id),
    type: 'knowledge',
    docId: chunk.id,
    title: [sourceTitle, ...headings].filter(Boolean).join(' › '),
    text: chunk.text,
    sourceId: chunk.sourceId,
    date: time(chunk.updatedAt ?? chunk.createdAt),
    language: chunk.language,
    headings,
    sourceTitle,
    question: chunk.question,
    answer: chunk.answer,
    phrasings: phrasings?.length ? [...phrasings] : undefined,
    position: chunk.position,
    ordinal: chunk.ordinal,
    vector: chunk.embedding,
  }) satisfies SearchDoc;
}

export function fromContact(contact: ContactDoc): SearchDoc {
  const twin = contact.twin;
  const facts = twin.facts.filter((f) => f.status === 'active').map((f) => `${f.key}: ${f.value}`);
  return compact({
    id: searchDocId('contact', contact.id),
    type: 'contact',
    docId: contact.id,
    title: [contact.name, contact.company].filter(Boolean).join(', '),
    text: [contact.position, contact.notes, twin.summary, ...facts, ...(twin.interests ?? [])]
      .filter(Boolean)
      .join('\n'),
    ownerId: contact.ownerId,
    contactId: contact.id,
    date: time(contact.updatedAt),
    language: contact.language,
    tags: contact.tags,
  }) satisfies SearchDoc;
}

export function fromLead(lead: LeadDoc): SearchDoc {
  const reasons = lead.score?.reasons.map((r) => r.note).filter(Boolean) ?? [];
  return compact({
    id: searchDocId('lead', lead.id),
    type: 'lead',
    docId: lead.id,
    title: lead.title,
    text: [lead.lostReason, lead.source.campaign, ...reasons, ...(lead.tags ?? [])]
      .filter(Boolean)
      .join('\n'),
    sourceId: lead.contactId,
    contactId: lead.contactId,
    stage: lead.stage,
    ownerId: lead.ownerId,
    date: time(lead.updatedAt),
    tags: lead.tags,
  }) satisfies SearchDoc;
}

export function fromMessage(message: MessageDoc): SearchDoc {
  return compact({
    id: searchDocId('message', message.id),
    type: 'message',
    docId: message.id,
    title: message.author.name ?? message.direction,
    text: message.text,
    sourceId: message.conversationId,
    contactId: message.contactId,
    date: time(message.createdAt),
  }) satisfies SearchDoc;
}
