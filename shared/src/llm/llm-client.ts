// The fallback chain: a role's request goes to the chosen provider first, then to the next on any
// coded llm-* failure (error, timeout, 429, 5xx, bad response), and finally to the offline provider,
// which always answers. Every attempt is reported so the activity log shows what happened.
import { DomainError, isDomainError } from '../errors';
import { createUsageLedger, type UsageLedger } from './usage-ledger';
import type { ChatOutcome, LlmAttempt, LlmClient, LlmProvider } from './types';

export type LlmClientDeps = {
  /** Remote providers in fallback order; empty means offline only. */
  providers: LlmProvider[];
  offline: LlmProvider;
  ledger?: UsageLedger;
  now?: () => number;
};

export function createLlmClient(deps: LlmClientDeps): LlmClient {
  const ledger = deps.ledger ?? createUsageLedger();
  const now = deps.now ?? (() => performance.now());

  return {
    offlineOnly: deps.providers.length === 0,
    usage: (conversationId) => ledger.get(conversationId),
    async chat(role, request, options = {}) {
      const choice = options.choice;
      const first = choice?.provider
        ? deps.providers.find((p) => p.id === choice.provider)
        : deps.providers[0];
      const chain = first ? [first, ...deps.providers.filter((p) => p !== first)] : [...deps.providers];
      const attempts: LlmAttempt[] = [];
      const req =
        choice?.temperature === undefined ? request : { ...request, temperature: choice.temperature };
      for (const provider of [...chain, deps.offline]) {
        const model = provider === first && choice?.model ? choice.model : provider.modelFor(role);
        const started = now();
        try {
          const result = await provider.chat(req, {
            model,
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.onDelta ? { onDelta: options.onDelta } : {}),
          });
          attempts.push({
            provider: provider.id,
            model: result.model,
            ok: true,
            durationMs: now() - started,
          });
          if (options.conversationId) ledger.record(options.conversationId, result.model, result.usage);
          return { ...result, offline: provider.offline, attempts } satisfies ChatOutcome;
        } catch (error) {
          const coded = isDomainError(error)
            ? error
            : new DomainError('llm-bad-response', error instanceof Error ? error.message : String(error));
          attempts.push({
            provider: provider.id,
            model,
            ok: false,
            code: coded.code,
            message: coded.message,
            durationMs: now() - started,
          });
          if (options.signal?.aborted) throw coded;
        }
      }
      throw new DomainError('llm-unavailable', 'Every LLM provider failed, including the offline one', {
        details: attempts,
      });
    },
  };
}
