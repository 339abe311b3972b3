// A tool the answer agent may call: a name, a description, a JSON schema for its arguments, a
// validator that runs before any effect, and the effect itself, given only the current customer's scope.
import type { KnowledgeRetriever, SentProposal } from '../ports';
import type { CustomerScope } from '../customer-scope';
import type { RunLog } from '../activity-log';
import type { AgentRole, ProductDoc } from '../../schemas/index';
import type { TaxSetting } from '../../catalog/index';
import type { LeadEffectPolicy } from './lead-effects';

export type ToolValidation = { ok: true; value: unknown } | { ok: false; message: string };

export type ToolContext = {
  scope: CustomerScope;
  now: Date;
  runId: string;
  /** The inbound message being handled: the provenance of facts the tool saves. */
  messageId: string;
  role: AgentRole;
  log: RunLog;
  /** Deterministic ids for documents the tool creates. */
  newId(prefix: string): string;
  retriever?: KnowledgeRetriever;
  /** The profile's policy for consequential lead changes (won/lost, value, owner); none: propose all. */
  leadPolicy?: LeadEffectPolicy;
  /** The team's catalog for `find_products` and `quote` (none: those tools have no products). */
  catalog?: CatalogAccess;
  /** Sends the deal's commercial proposal (`send_proposal`): given only when the profile allows it. */
  proposals?: ProposalAccess;
  /** Set by call_human: the run ends in a hand-off to a rep. */
  requestHandoff(reason: string): void;
  /** The conversation's language (the replies'): what a task for the rep is titled in. English when not given. */
  language?: 'ru' | 'en';
};

export type AgentTool = {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  validate(args: unknown): ToolValidation;
  execute(args: unknown, ctx: ToolContext): Promise<unknown>;
};

/** What the catalog tools read: the team's products, its tax setting, the reply language. */
export type CatalogAccess = {
  products(): Promise<readonly ProductDoc[]>;
  taxes?: TaxSetting;
  language: 'ru' | 'en';
};

/** What `send_proposal` calls: the server makes the PDF of the deal's quote and sends it. */
export type ProposalAccess = {
  send(leadId: string, options: { language?: 'ru' | 'en' }): Promise<SentProposal>;
};
