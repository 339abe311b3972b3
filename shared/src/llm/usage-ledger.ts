// Token and cost accounting per conversation, summed over every call and model.
import type { ConversationUsage, Usage } from './types';

export type UsageLedger = {
  record(conversationId: string, model: string, usage: Usage): void;
  get(conversationId: string): ConversationUsage;
};

const empty = (): ConversationUsage => ({
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  calls: 0,
  byModel: {},
});

/** Keeps the most recently used `max` conversations (a long-running server sees many). */
export function createUsageLedger(max = 10_000): UsageLedger {
  const byConversation = new Map<string, ConversationUsage>();
  return {
    record(conversationId, model, usage) {
      const total = byConversation.get(conversationId) ?? empty();
      const m = total.byModel[model] ?? { promptTokens: 0, completionTokens: 0, costUsd: 0, calls: 0 };
      for (const t of [total, m]) {
        t.promptTokens += usage.promptTokens;
        t.completionTokens += usage.completionTokens;
        t.costUsd += usage.costUsd;
        t.calls += 1;
      }
      total.byModel[model] = m;
      byConversation.delete(conversationId);
      byConversation.set(conversationId, total);
      if (byConversation.size > max) byConversation.delete(byConversation.keys().next().value!);
    },
    get: (conversationId) => structuredClone(byConversation.get(conversationId) ?? empty()),
  };
}
