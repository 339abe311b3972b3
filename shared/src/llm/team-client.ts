// A team's LLM client: the team's providers in the order an agent profile's fallback chain gives
// (one fallback-chain client per order, built on demand and kept), and the profile's monthly budget:
// once the team's spending this month reaches it, only the offline provider answers, and the outcome
// carries a refused attempt saying why (the activity log shows it to reps). Every remote call's
// tokens and cost go to the team's usage meter (per conversation and model).
import type { ChatOutcome, LlmAttempt, LlmCallOptions, LlmClient, Usage } from './types';

export type UsageEvent = { conversationId?: string; provider: string; model: string; usage: Usage };

export type UsageMeter = {
  record(event: UsageEvent): void;
  /** What the team has spent on models this calendar month (USD), over every server process. */
  monthCostUsd(): number;
};

export type TeamLlmDeps = {
  /** The team's provider ids, in the team's order. */
  providerIds: string[];
  /** A fallback-chain client over these providers, in this order (then the offline provider). */
  clientFor(order: string[]): LlmClient;
  /** The offline provider alone (budget reached). */
  offline: LlmClient;
  meter: UsageMeter;
  /** Told when a call is refused by the budget (once per call). */
  onBudgetReached?: (info: { budgetUsd: number; spentUsd: number; conversationId?: string }) => void;
};

/** The order a profile's chain gives: its providers (known ones, once each), or the team's order. */
export function chainOrder(providerIds: string[], fallbacks: readonly string[] | undefined): string[] {
  if (!fallbacks?.length) return providerIds;
  return [...new Set(fallbacks)].filter((id) => providerIds.includes(id));
}

export function createTeamLlm(deps: TeamLlmDeps): LlmClient {
  const clients = new Map<string, LlmClient>();
  const clientFor = (order: string[]) => {
    const key = order.join('\n');
    let client = clients.get(key);
    if (!client) clients.set(key, (client = deps.clientFor(order)));
    return client;
  };

  const count = (outcome: ChatOutcome, options: LlmCallOptions) => {
    if (outcome.offline) return;
    deps.meter.record({
      ...(options.conversationId ? { conversationId: options.conversationId } : {}),
      provider: outcome.provider,
      model: outcome.model,
      usage: outcome.usage,
    });
  };

  return {
    offlineOnly: deps.providerIds.length === 0,
    usage: (conversationId) => deps.offline.usage(conversationId),
    async chat(role, request, options = {}) {
      const budget = options.monthlyBudgetUsd;
      const spent = budget === undefined ? 0 : deps.meter.monthCostUsd();
      if (budget !== undefined && deps.providerIds.length > 0 && spent >= budget) {
        deps.onBudgetReached?.({
          budgetUsd: budget,
          spentUsd: spent,
          ...(options.conversationId ? { conversationId: options.conversationId } : {}),
        });
        const refused: LlmAttempt = {
          provider: options.choice?.provider || deps.providerIds[0]!,
          model: options.choice?.model ?? '',
          ok: false,
          code: 'llm-unavailable',
          message: `the monthly model budget of $${budget.toFixed(2)} is reached ($${spent.toFixed(2)} spent this month): the offline provider answers until next month or a higher budget`,
          durationMs: 0,
        };
        const { choice: _choice, ...rest } = options;
        const outcome = await deps.offline.chat(role, request, rest);
        return { ...outcome, attempts: [refused, ...outcome.attempts] };
      }
      const outcome = await clientFor(chainOrder(deps.providerIds, options.fallbacks)).chat(
        role,
        request,
        options,
      );
      count(outcome, options);
      return outcome;
    },
  };
}
