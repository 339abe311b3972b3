// The tools agents can call, and what builds them.
export * from './types';
export { defineZodTool, jsonSchemaValidator } from './define-tool';
export { executeToolCall, toolResultText, toolSet, type ToolOutcome, type ToolSet } from './executor';
export { saveClientInfoTool, updateLeadTool } from './crm-tools';
export { findProductsTool, quoteTool } from './catalog-tools';
export { sendProposalTool } from './proposal-tool';
export { writeLeadChange, type LeadWriteResult } from './lead-write';
export { createTaskTool, scheduleEventTool, searchKnowledgeTool } from './action-tools';
export { callHumanTool } from './human-tool';
export {
  toIcs,
  googleCalendarAdapter,
  googleTokenSource,
  type CalendarAdapter,
  type CalendarChange,
  type GoogleOAuth,
} from './calendar';
export {
  asanaTaskAdapter,
  githubProjectsTaskAdapter,
  notionTaskAdapter,
  taskProviders,
  trelloTaskAdapter,
  type ConnectionCheck,
  type ExternalState,
  type ExternalTaskInput,
  type ExternalTaskChange,
  type ExternalTaskContext,
  type TaskProvider,
  type ExternalTaskRef,
  type TaskAdapter,
} from './task-adapters';
export {
  eventSyncFields,
  mirrorExternally,
  retriable,
  syncedValues,
  taskSyncFields,
  withRetries,
  type SyncedValues,
} from './external-mirror';
export { webhookTool, type WebhookDeps, type WebhookToolConfig } from './webhook-tool';
export {
  checkUrl,
  isPrivateAddress,
  parsePrivateAllowList,
  portOf,
  type PrivateAllowRule,
  type SsrfPolicy,
} from './ssrf-guard';
export { connectMcp, connectMcpHttp, mcpTools, type McpConnection } from './mcp-tools';
