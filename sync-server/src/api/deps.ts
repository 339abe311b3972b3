// What the API router is built from: the server's deps, the core's auth middleware, and optional hooks
// that other features wire in later (knowledge ingestion, the bot runtime, member services).
import type { RequestHandler } from 'express';
import type { KnowledgeLimits } from '@app/shared/knowledge';
import type { ServerDeps } from '../context';
import type { RouteModule } from '../http/registry';

/**
 * Starts ingestion (parse, chunk, embed) of an uploaded knowledge source; errors are logged. `bytes`,
 * when given, are the original just stored (read from the store otherwise); ingestion takes them.
 */
export type KnowledgeIngest = (teamId: string, sourceId: string, bytes?: Uint8Array) => Promise<void> | void;

/** KNOWLEDGE_MAX_UPLOAD_BYTES and the parsing limits (a DOCX's declared unpacked size is checked on upload). */
export type KnowledgeUploadLimits = { maxUploadBytes: number; limits: KnowledgeLimits };

export type WebsiteHooks = {
  /** Throws unless the server's address policy lets it fetch `url` (the message says why). */
  check(url: string): Promise<void>;
  /** Starts a crawl of the website source now (errors are logged). */
  crawl(teamId: string, siteId: string): void;
};

export type ApiDeps = ServerDeps & {
  requireAuth: RequestHandler;
  /** Wired by the knowledge feature: called after an upload is stored with status `pending`. */
  ingest?: KnowledgeIngest;
  knowledgeLimits?: KnowledgeUploadLimits;
  /** Wired by the knowledge feature: websites as knowledge (knowledge/website-crawl.ts). */
  websites?: WebsiteHooks;
  /** Wired by the bot runtime: a team's channel settings changed (start, restart or stop its bot). */
  channelsChanged?: (teamId: string) => void;
  /**
   * PUBLIC_URL: a team in webhook mode without its own webhookUrl is called at PUBLIC_URL/telegram/webhook/<team>;
   * links the API hands out point at it (http/public-url.ts: unset, this server on localhost).
   */
  publicUrl?: string;
  /** Route modules of features outside this folder (web chat widgets), documented like the rest. */
  routes?: ApiRouteModule[];
};

/** Adds a feature's routes to the API router, each described in the registry (so in OpenAPI). */
export type ApiRouteModule = RouteModule<ApiDeps>;
