// What tools may touch: the current customer's contact, lead and conversation, and new tasks and
// events for them. No ids come from the model, so neither a prompt injection nor a confused model can
// read or change another customer's data through a tool. Lead writes also keep to the profile's policy
// for consequential effects (won/lost, value, owner: tools/lead-effects.ts), whatever tool writes them.
import type {
  CalendarEventDoc,
  ContactDoc,
  ConversationDoc,
  LeadDoc,
  MessageDoc,
  TaskDoc,
} from '../schemas/index';
import { pipelineIdOf, stageLike } from '../crm/pipelines';
import { DomainError } from '../errors';
import { DEFAULT_PIPELINE_ID } from '../schemas/pipelines';
import { stageChangeOf } from '../schemas/stage-changes';
import type { StorePort } from './ports';
import { unallowedEffects, type LeadEffectPolicy } from './tools/lead-effects';

export type CustomerScope = {
  readonly contactId: string;
  readonly conversationId: string;
  readonly leadId: string | undefined;
  contact(): Promise<ContactDoc>;
  conversation(): Promise<ConversationDoc>;
  lead(): Promise<LeadDoc | undefined>;
  saveContact(doc: ContactDoc): Promise<ContactDoc>;
  saveConversation(doc: ConversationDoc): Promise<ConversationDoc>;
  saveLead(doc: LeadDoc): Promise<LeadDoc>;
  addTask(doc: TaskDoc): Promise<TaskDoc>;
  addEvent(doc: CalendarEventDoc): Promise<CalendarEventDoc>;
  addMessage(doc: MessageDoc): Promise<MessageDoc>;
  recentMessages(limit: number): Promise<MessageDoc[]>;
};

function guard(ok: boolean, what: string): void {
  if (!ok) throw new Error(`Out of scope: ${what} belongs to another customer`);
}

/**
 * Agents speak the default stages; a lead of a team's own pipeline gets that pipeline's match (`won`
 * -> its won stage, ...). A stage with no match stays where the stored lead is.
 */
async function inPipelineOf(store: StorePort, doc: LeadDoc, stored: LeadDoc | undefined): Promise<LeadDoc> {
  const pipelineId = pipelineIdOf(doc);
  if (pipelineId === DEFAULT_PIPELINE_ID || stored?.stage === doc.stage) return doc;
  const pipeline = await store.get('pipelines', pipelineId);
  if (!pipeline) return doc;
  const stage = stageLike(pipeline, doc.stage) ?? stored?.stage;
  return stage ? { ...doc, stage } : doc;
}

export function createCustomerScope(
  store: StorePort,
  ids: { contactId: string; conversationId: string; leadId?: string },
  /** No policy: every consequential effect is left to a rep (`propose`). */
  policy: LeadEffectPolicy = {},
): CustomerScope {
  const inPipeline = (doc: LeadDoc, stored: LeadDoc | undefined) => inPipelineOf(store, doc, stored);
  const must = async <T>(p: Promise<T | undefined>, what: string): Promise<T> => {
    const doc = await p;
    if (!doc) throw new Error(`${what} not found`);
    return doc;
  };
  return {
    contactId: ids.contactId,
    conversationId: ids.conversationId,
    leadId: ids.leadId,
    contact: () => must(store.get('contacts', ids.contactId), 'contact'),
    conversation: () => must(store.get('conversations', ids.conversationId), 'conversation'),
    lead: async () => (ids.leadId ? store.get('leads', ids.leadId) : undefined),
    saveContact(doc) {
      guard(doc.id === ids.contactId, 'contact');
      return store.put('contacts', doc);
    },
    saveConversation(doc) {
      guard(doc.id === ids.conversationId && doc.contactId === ids.contactId, 'conversation');
      return store.put('conversations', doc);
    },
    async saveLead(doc) {
      guard(doc.id === ids.leadId && doc.contactId === ids.contactId, 'lead');
      const stored = await store.get('leads', doc.id);
      const refused = stored ? unallowedEffects(stored, doc, policy) : [];
      if (refused.length) {
        throw new DomainError(
          'tool-not-allowed',
          `The agent profile does not allow these lead changes without a rep: ${refused.join(', ')}`,
        );
      }
      const written = await store.put('leads', await inPipeline(doc, stored));
      // An agent's move goes into the deal's stage history (schemas/stage-changes.ts).
      const at = written.updatedAt ?? new Date().toISOString();
      const record = stored ? stageChangeOf(stored, written, { kind: 'agent' }, at, 'agent') : undefined;
      if (record) await store.put('stage_changes', record);
      return written;
    },
    addTask(doc) {
      guard(doc.contactId === ids.contactId, 'task');
      return store.put('tasks', doc);
    },
    addEvent(doc) {
      guard(doc.contactId === ids.contactId, 'event');
      return store.put('events', doc);
    },
    addMessage(doc) {
      guard(doc.conversationId === ids.conversationId, 'message');
      return store.put('messages', doc);
    },
    recentMessages: async (limit) =>
      (await store.find('messages', { conversationId: ids.conversationId }, { sortBy: 'createdAt' })).slice(
        -limit,
      ),
  };
}
