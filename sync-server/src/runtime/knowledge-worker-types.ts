// The messages between the server and a knowledge parsing worker thread.
import type { ErrorCode } from '@app/shared/errors';
import type { KnowledgeLimits } from '@app/shared/knowledge';
import type { KnowledgeChunkDoc } from '@app/shared/schemas';

export type ParseJob = {
  sourceId: string;
  name: string;
  title: string;
  mimeType?: string;
  bytes: Uint8Array;
  maxBytes: number;
  limits: KnowledgeLimits;
};

export type ParseReply =
  | { ok: true; chunks: KnowledgeChunkDoc[]; language?: 'ru' | 'en' }
  | { ok: false; code: ErrorCode; message: string };
