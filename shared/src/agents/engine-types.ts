// The engine's dependencies and results.
import type { IntentClassifier } from '../llm/offline/intent-classifier';
import type { ConversationUsage, LlmClient } from '../llm/types';
import type {
  ActivityDoc,
  ContactDoc,
  ConversationDoc,
  LeadDoc,
  MessageDoc,
  TwinFact,
} from '../schemas/index';
import type { AgentPlugin } from './plugins';
import type { Clock, Embedder, KnowledgeRetriever, Logger, StorePort } from './ports';
import type { FollowUpDecision } from './roles/nurturing';
import type { FollowUpScan } from './roles/nurturing-scan';
import type { RoutePlan } from './roles/supervisor';
import type { ToolOutcome } from './tools/executor';
import type { AgentTool } from './tools/types';

export type AgentEngineDeps = {
  store: StorePort;
  llm: LlmClient;
  retriever?: KnowledgeRetriever;
  log?: Logger;
  clock?: Clock;
  /** Extra tools (webhook, MCP, adapter-backed); one with a built-in's name replaces it. */
  tools?: AgentTool[];
  embedder?: Embedder;
  /** The offline intent classifier (default: trained on the repo's labelled examples, on first use). */
  classifier?: IntentClassifier;
  limits?: {
    maxToolSteps?: number;
    historyLimit?: number;
    /** The history's share of the answer's prompt, in estimated tokens (default 1,500). */
    historyTokens?: number;
    knowledgeLimit?: number;
  };
  perfNow?: () => number;
  /** The team's plan's AI replies: the reply-budget step asks it, the run's end settles it. */
  replyBudget?: ReplyBudget;
  /**
   * The packs' plug-ins (shared/src/packs/ gives them): a run uses those of the packs its team
   * applied; the planned messages of every one keep their rules (plugins.ts).
   */
  plugins?: readonly AgentPlugin[];
};

export type ReplyBudget = {
  /**
   * Why the agents may not answer now (the team's plan: its AI replies of the month used up), in
   * the conversation's language (the reps' hand-off task says it), or undefined. Asked once per run
   * that would answer; paused, the run hands the conversation to a rep.
   */
  pause(language: 'en' | 'ru'): Promise<string | undefined>;
  /** The run's end, every run's: what it gave (an answer sent counts), or what it failed with. */
  settle?(outcome: { result: InboundResult } | { error: unknown }): Promise<void>;
};

export type HandleOptions = {
  botId?: string;
  externalChatId?: string;
  /** Streams the answer's text as the model writes it. */
  onDelta?: (delta: string) => void;
  /**
   * The answer so far as the customer may see it (reply-draft.ts), for a channel that shows a draft:
   * '' when the answer begins or nothing fit to show is there (typing only). Not called when only the
   * offline provider answers.
   */
  onDraft?: (text: string) => void;
  signal?: AbortSignal;
};

export type InboundResult = {
  runId: string;
  /** Not answered: a duplicate, a silent run, or a pack's step that took the message (its name). */
  skipped?: 'duplicate' | 'handled-by-bot' | 'human-mode' | 'agent-access-denied' | (string & {});
  route?: RoutePlan;
  replies: MessageDoc[];
  followUps: MessageDoc[];
  toolCalls: ToolOutcome[];
  activity: ActivityDoc[];
  handoff?: { reason: string };
  facts: { added: TwinFact[]; superseded: TwinFact[] };
  score?: LeadDoc['score'];
  contact: ContactDoc;
  conversation: ConversationDoc;
  lead: LeadDoc;
  /** Who wrote the reply; absent for templates (hand-off notices). */
  provider?: { id: string; model: string; offline: boolean };
  safety: {
    toxicReplyBlocked: boolean;
    injectionSuspected: boolean;
    customerSentiment: string;
    /** Why the model's reply failed the reply gate (reply-gate.ts); it was not sent. */
    replyGate?: string;
  };
  /** Tokens and cost of the conversation so far (this client's calls). */
  usage: ConversationUsage;
};

export type AgentEngine = {
  handleInbound(message: MessageDoc, options?: HandleOptions): Promise<InboundResult>;
  /** Nurturing pass over quiet conversations (run it periodically): plans due follow-ups. */
  planFollowUps(): Promise<FollowUpScan>;
  /**
   * An agent's answer was delivered (at `at`, default the clock's now): plans its follow-up from then
   * (none is planned while it is in flight). The server's outbox calls it for every delivered message.
   */
  afterDelivery(answer: MessageDoc, at?: Date): Promise<FollowUpDecision>;
};
