// Each collection's doc type, by collection name: the one map the server's typed collections
// (sync-server/src/store/collections.ts) and the desktop's database read their doc types from.
import type { ActivityDoc } from './activity';
import type { AgentSettingsDoc } from './agent-settings';
import type { ContactDoc } from './contacts';
import type { ConversationDoc } from './conversations';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from './knowledge';
import type { LeadDoc } from './leads';
import type { MessageDoc } from './messages';
import type { ObjectionDoc } from './objections';
import type { PipelineDoc } from './pipelines';
import type { ProductDoc } from './products';
import type { StageChangeDoc } from './stage-changes';
import type { CalendarEventDoc, TaskDoc } from './tasks';

export type CollectionDocs = {
  contacts: ContactDoc;
  leads: LeadDoc;
  conversations: ConversationDoc;
  messages: MessageDoc;
  knowledge_sources: KnowledgeSourceDoc;
  knowledge_chunks: KnowledgeChunkDoc;
  tasks: TaskDoc;
  events: CalendarEventDoc;
  activity: ActivityDoc;
  agent_settings: AgentSettingsDoc;
  pipelines: PipelineDoc;
  stage_changes: StageChangeDoc;
  products: ProductDoc;
  objections: ObjectionDoc;
};
