// What the headless runtime (headless.ts) is started with: the store, the models and embeddings, the
// channels' configuration, the plans' AI-reply limit and the intervals it checks at.
import type { EmbeddingsConfig, LlmConfig } from '@app/shared/llm';
import type { Logger } from 'pino';
import type { ServerConfig } from './config';
import type { Store } from './context';
import type { OutboundDeps } from './integrations/index';
import type { TeamModels } from './models/team-models';
import type { AgentProposalSender } from './proposals/agent-proposals';
import type { IngestDeps } from './knowledge/knowledge-ingest';
import type { ReplyDrafts } from './agents/reply-drafts';
import type { KnowledgeEmbedderChoice } from './knowledge/team-knowledge-switch';

export type RuntimeOptions = {
  store: Store;
  log: Logger;
  /** Unique among live processes, stable across restarts (default: host and port). */
  instanceId: string;
  encryptionKey: Buffer;
  /** The server's configuration, for the channels' background work (API roots, a demo account). */
  config?: ServerConfig;
  /** The demo team once known (the seed's), for a wing that connects the server's demo account to it. */
  demoTeam?: () => string | undefined;
  /** The default models (LLM_*, parsed once by main.ts); none: the offline provider. */
  llm?: LlmConfig;
  /** Each team's LLM from its own model providers (Settings); none: every team uses `llm`. */
  models?: TeamModels;
  /** EMBEDDINGS_*: an OpenAI-compatible endpoint; none: the local embedder. */
  embeddings?: EmbeddingsConfig | undefined;
  /** A team's own embeddings choice (Settings), else `fallback` (EMBEDDINGS_* or the local one). */
  embeddingsFor?: (teamId: string, fallback: KnowledgeEmbedderChoice) => Promise<KnowledgeEmbedderChoice>;
  /** Sends a deal's commercial proposal for the agents' `send_proposal` (proposals/agent-proposals.ts). */
  proposals?: (teamId: string) => AgentProposalSender;
  /**
   * How often the runtime checks teams and settings without being told (default a minute, headless.ts
   * CHECK_MS): new teams and settings changed through any process come through their feeds at once.
   */
  checkMs?: number;
  /**
   * How long after another process's last sign of work a message it took in is still left to it
   * (agents/agent-runner.ts deferMs; default 10 s, and at most six times that after it came).
   */
  agentsDeferMs?: number;
  leaseTtlMs?: number;
  /** How the teams' integrations reach out (the SSRF-checked fetch); default: the server's policy. */
  integrations?: OutboundDeps;
  /** Answers being written, shown by channels that can (as they grow); none: not drafted. */
  drafts?: ReplyDrafts;
  /** Resumes a team's knowledge sources left half-way (default: the default parser and retry bound). */
  resumeKnowledge?: (teamId: string, log: Logger) => Promise<number>;
  /**
   * What the knowledge sources devices push are indexed with: the parser, retry bound and plan
   * (knowledge/knowledge-intake.ts; default: the default parser, no plan).
   */
  knowledgeIngest?: IngestDeps;
  /** Crawls a team's websites whose next crawl is due (knowledge/website-crawl.ts crawlDueWebsites). */
  websites?: (teamId: string, log: Logger) => Promise<number>;
  /** How often each team's websites are looked at (default a minute). */
  websiteCheckMs?: number;
  /**
   * The plans' AI-reply limit (billing/policy.ts): paused, the agents hand off (the reason in the
   * conversation's language); each AI reply counted, a reservation no reply came of given back.
   */
  aiReplies?: {
    aiRepliesPaused(teamId: string, language: 'en' | 'ru'): Promise<string | undefined>;
    countAiReply(teamId: string, instanceId: string): Promise<void>;
    releaseAiReply(teamId: string): Promise<void>;
  };
};
