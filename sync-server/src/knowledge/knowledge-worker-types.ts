// The messages between the server and a knowledge parsing worker thread.
import type { ErrorCode } from '@app/shared/errors';
import type { KnowledgeLimits, PageInfo } from '@app/shared/knowledge';
import type { KnowledgeChunkDoc } from '@app/shared/schemas';

export type ParseJob = {
  sourceId: string;
  name: string;
  title: string;
  mimeType?: string;
  bytes: Uint8Array;
  maxBytes: number;
  limits: KnowledgeLimits;
  /** A web page (a website's): its address, to read its title, links and robots meta as well. */
  page?: { url: string };
};

export type ParseReply =
  | { ok: true; chunks: KnowledgeChunkDoc[]; language?: 'ru' | 'en'; page?: PageInfo }
  | { ok: false; code: ErrorCode; message: string };
