// Every collection of the domain, one schema source each.
import { activityCollection } from './activity';
import { agentSettingsCollection } from './agent-settings';
import { contactsCollection } from './contacts';
import { conversationsCollection } from './conversations';
import { knowledgeChunksCollection, knowledgeSourcesCollection } from './knowledge';
import { leadsCollection } from './leads';
import { messagesCollection } from './messages';
import { objectionsCollection } from './objections';
import { pipelinesCollection } from './pipelines';
import { productsCollection } from './products';
import { stageChangesCollection } from './stage-changes';
import { eventsCollection, tasksCollection } from './tasks';

export * from './activity';
export * from './agent-settings';
export * from './collection';
export * from './common';
export * from './contact-points';
export * from './contacts';
export * from './experiment-changes';
export * from './experiments';
export * from './conversations';
export * from './knowledge';
export * from './lead-proposals';
export * from './commercial-proposals';
export type { CollectionDocs } from './collection-docs';
export * from './leads';
export * from './messages';
export * from './objection-rules';
export * from './objections';
export * from './pipelines';
export * from './products';
export * from './product-rules';
export * from './stage-changes';
export * from './tasks';
export * from './vendor-requests';
export * from './social-mentions';

export const collections = {
  contacts: contactsCollection,
  leads: leadsCollection,
  conversations: conversationsCollection,
  messages: messagesCollection,
  knowledge_sources: knowledgeSourcesCollection,
  knowledge_chunks: knowledgeChunksCollection,
  tasks: tasksCollection,
  events: eventsCollection,
  activity: activityCollection,
  agent_settings: agentSettingsCollection,
  pipelines: pipelinesCollection,
  stage_changes: stageChangesCollection,
  products: productsCollection,
  objections: objectionsCollection,
} as const;

export type CollectionName = keyof typeof collections;
export const collectionNames = Object.keys(collections) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collections, name);
}
