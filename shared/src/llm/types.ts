// The engine's view of a chat model: OpenAI-shaped messages and tool calls, whatever serves them
// (a remote OpenAI-compatible service through the `openai` SDK, or the built-in offline provider).
import type { ErrorCode } from '../errors';
import { packModelRoles } from '../schemas/agent-settings';

/**
 * A domain pack's agent roles (issue 39): each may have its own provider and model in the team's
 * agent profile, beside the sales roles. The events pack's Maestro writes its merged reply with its
 * model, Communication the reminders before the event; unset, their texts are the pack's templates.
 */
export const packLlmRoles = packModelRoles;
export type PackLlmRole = (typeof packLlmRoles)[number];

/** The roles that ask a model something; each may use its own model (cheap routing, strong answers). */
export type LlmRole = 'supervisor' | 'twin' | 'scoring' | 'answer' | 'nurturing' | PackLlmRole;

export type ToolCall = {
  id: string;
  name: string;
  /** Raw JSON text as the model wrote it. */ arguments: string;
};

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export type ToolSpec = { name: string; description: string; parameters: Record<string, unknown> };

export type KnowledgeHit = {
  chunkId: string;
  sourceId: string;
  title: string;
  text: string;
  score: number;
};

/**
 * What the request is for, in structured form. Remote models read the messages; the offline provider
 * cannot understand free text, so it works from this instead (it never parses prompts).
 */
export type OfflineTask =
  | { kind: 'route'; text: string }
  | {
      kind: 'extract';
      text: string;
      now: string;
      /** Default regions for phones written without a country code, most likely first. */
      phoneRegions?: string[];
      /** The profile's time zone (IANA): dates and times in the text are its wall clock. */
      timeZone?: string;
    }
  | {
      /**
       * A text a pack's role rewrites for the customer (its draft, every figure in it): offline, the
       * draft is the answer.
       */
      kind: 'compose';
      draft: string;
    }
  | {
      kind: 'answer';
      text: string;
      intent: string;
      confidence: number;
      /**
       * The hits (by index) that answer the question: the supervisor found the evidence strong enough
       * (agents/answer-evidence.ts). Empty: the knowledge base does not answer it.
       */
      answering: number[];
      /**
       * The hit (by index) holding the quote the catalog's `quote` tool computed for the products the
       * message names: the reply is its arithmetic, cited.
       */
      quote?: number;
      /** The deal's commercial proposal (PDF) was just sent to the customer: the reply says so. */
      proposalSent?: boolean;
      /** The intent is a guess (below the routing threshold): its template reply is not used. */
      unknown: boolean;
      /** This message's contact details were saved to the customer's profile. */
      detailsSaved: boolean;
      language: 'ru' | 'en';
      hits: KnowledgeHit[];
      now: string;
      /** The profile's time zone (IANA): dates and times in the text are its wall clock. */
      timeZone?: string;
      customerName?: string;
    };

export type ChatRequest = {
  messages: ChatMessage[];
  tools?: ToolSpec[];
  /** Ask for a JSON object answer (response_format json_object). */
  json?: boolean;
  temperature?: number;
  maxTokens?: number;
  task?: OfflineTask;
};

export type Usage = { promptTokens: number; completionTokens: number; costUsd: number };

export type ChatResult = {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: Usage;
  provider: string;
  model: string;
};

export type ChatOptions = {
  model: string;
  signal?: AbortSignal;
  /** Streams the answer: called with each text delta as it arrives. */
  onDelta?: (delta: string) => void;
};

/** One provider: a remote service or the offline one. Failures throw a DomainError with an llm-* code. */
export type LlmProvider = {
  readonly id: string;
  readonly offline: boolean;
  /** The model used for a role when no profile says otherwise. */
  modelFor(role: LlmRole): string;
  chat(request: ChatRequest, options: ChatOptions): Promise<ChatResult>;
};

export type LlmAttempt = {
  provider: string;
  model: string;
  ok: boolean;
  code?: ErrorCode;
  message?: string;
  durationMs: number;
  /** Not called: the provider's circuit is open after repeated failures. */
  skipped?: boolean;
};

export type ChatOutcome = ChatResult & { offline: boolean; attempts: LlmAttempt[] };

/** A role's model choice from an agent profile: provider id (empty = the chain's first) and model. */
export type ModelChoice = { provider?: string; model: string; temperature?: number };

export type LlmCallOptions = {
  conversationId?: string;
  choice?: ModelChoice;
  /** The agent profile's fallback chain: the provider ids to use, in order (none: the team's order). */
  fallbacks?: readonly string[];
  /** The agent profile's monthly budget (USD); at it only the offline provider answers. */
  monthlyBudgetUsd?: number;
  signal?: AbortSignal;
  onDelta?: (delta: string) => void;
  /**
   * A provider failed after streaming part of its answer (its reason given): the text streamed so far
   * is void, and the next provider in the chain (or the offline one) answers from the start.
   */
  onDeltaReset?: (reason: string) => void;
};

/** What the agents use: one call, the fallback chain behind it. */
export type LlmClient = {
  /** True when only the offline provider is configured. */
  readonly offlineOnly: boolean;
  chat(role: LlmRole, request: ChatRequest, options?: LlmCallOptions): Promise<ChatOutcome>;
  usage(conversationId: string): ConversationUsage;
};

export type ConversationUsage = Usage & { calls: number; byModel: Record<string, Usage & { calls: number }> };
