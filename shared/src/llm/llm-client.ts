// The fallback chain: a role's request goes to the chosen provider first, then to the next on any
// coded llm-* failure (error, timeout, 429, 5xx, bad response), and finally to the offline provider,
// which always answers. Every attempt is reported so the activity log shows what happened.
// Guards against a weak or broken model server: every role's answer is bounded (`max_tokens` per role
// unless the request says otherwise), every step has a short timeout of its own, and a circuit breaker
// stops calling a provider that keeps failing (a server that accepts connections and never answers
// costs one step's timeout, not one per step and message). Failures are logged at warn level with the
// provider and the provider's own explanation.
import { DomainError, isDomainError } from '../errors';
import { createUsageLedger, type UsageLedger } from './usage-ledger';
import {
  packLlmRoles,
  type ChatOutcome,
  type LlmAttempt,
  type LlmClient,
  type LlmProvider,
  type LlmRole,
  type ModelChoice,
  type PackLlmRole,
} from './types';

/** Answers are bounded: a model that never stops costs at most this many tokens per role. */
export const defaultRoleMaxTokens: Record<LlmRole, number> = {
  supervisor: 60,
  twin: 400,
  scoring: 200,
  answer: 500,
  nurturing: 300,
  ...packRoleLimits(700),
};

/** The same limit for every pack role. */
function packRoleLimits(n: number): Record<PackLlmRole, number> {
  return Object.fromEntries(packLlmRoles.map((r) => [r, n])) as Record<PackLlmRole, number>;
}

/** Each step's own time limit (a customer waits for routing, facts and the answer in turn). */
export const defaultStepTimeoutMs: Record<LlmRole, number> = {
  supervisor: 8_000,
  twin: 10_000,
  scoring: 10_000,
  answer: 25_000,
  nurturing: 25_000,
  ...packRoleLimits(25_000),
};

export type CircuitOptions = {
  /** Consecutive failures that open the circuit (a timeout opens it at once). Default 2. */
  failures?: number;
  /** How long an open circuit skips the provider, doubling on each failed trial up to `maxOpenMs`. */
  openMs?: number;
  maxOpenMs?: number;
};

/** The slice of a pino logger the client needs. */
export type LlmLog = { warn(obj: Record<string, unknown>, msg?: string): void };

export type LlmClientDeps = {
  /** Remote providers in fallback order; empty means offline only. */
  providers: LlmProvider[];
  offline: LlmProvider;
  ledger?: UsageLedger;
  now?: () => number;
  /** `max_tokens` per role, the most any request of the role gets (defaults: `defaultRoleMaxTokens`). */
  roleMaxTokens?: Partial<Record<LlmRole, number>>;
  /** Each remote attempt's time limit per role (defaults: `defaultStepTimeoutMs`). */
  stepTimeoutMs?: Partial<Record<LlmRole, number>>;
  circuit?: CircuitOptions;
  log?: LlmLog;
};

type Circuit = { failures: number; openUntil: number; openMs: number };

/** Failures that say the provider is unwell (not that this one request was wrong). */
function countsAgainst(error: DomainError): boolean {
  if (error.code === 'llm-timeout' || error.code === 'llm-rate-limited') return true;
  const status = (error.details as { status?: number } | undefined)?.status;
  if (error.code === 'llm-unavailable') return status === undefined || status >= 500 || status === 401;
  return false;
}

/**
 * The providers to try in turn: the chosen one first, then the others. A role pinned to the offline
 * provider asks no remote model (e.g. only Maestro on GigaChat).
 */
function chainOf(deps: LlmClientDeps, choice: ModelChoice | undefined) {
  const offlineChosen = choice?.provider === deps.offline.id;
  const first = offlineChosen
    ? undefined
    : choice?.provider
      ? deps.providers.find((p) => p.id === choice.provider)
      : deps.providers[0];
  const chain = offlineChosen
    ? []
    : first
      ? [first, ...deps.providers.filter((p) => p !== first)]
      : [...deps.providers];
  return { first, chain };
}

/** A provider skipped while its circuit is open. */
function skippedAttempt(provider: string, model: string, circuit: Circuit): LlmAttempt {
  return {
    provider,
    model,
    ok: false,
    code: 'llm-unavailable',
    message: `LLM provider '${provider}' skipped: it failed ${circuit.failures} time(s) in a row; tried again after ${new Date(circuit.openUntil).toISOString()}`,
    durationMs: 0,
    skipped: true,
  };
}

/** A provider's failure as a coded llm-* error (anything uncoded is a bad response). */
function codedError(error: unknown): DomainError {
  return isDomainError(error)
    ? error
    : new DomainError('llm-bad-response', error instanceof Error ? error.message : String(error));
}

export function createLlmClient(deps: LlmClientDeps): LlmClient {
  const ledger = deps.ledger ?? createUsageLedger();
  const now = deps.now ?? (() => performance.now());
  const maxTokens = { ...defaultRoleMaxTokens, ...deps.roleMaxTokens };
  const timeouts = { ...defaultStepTimeoutMs, ...deps.stepTimeoutMs };
  const threshold = deps.circuit?.failures ?? 2;
  const baseOpenMs = deps.circuit?.openMs ?? 30_000;
  const maxOpenMs = deps.circuit?.maxOpenMs ?? 5 * 60_000;
  const circuits = new Map<string, Circuit>();
  const circuitOf = (id: string) => {
    let c = circuits.get(id);
    if (!c) circuits.set(id, (c = { failures: 0, openUntil: 0, openMs: baseOpenMs }));
    return c;
  };

  return {
    offlineOnly: deps.providers.length === 0,
    usage: (conversationId) => ledger.get(conversationId),
    async chat(role, request, options = {}) {
      const choice = options.choice;
      const { first, chain } = chainOf(deps, choice);
      const attempts: LlmAttempt[] = [];
      const req = {
        ...request,
        ...(choice?.temperature === undefined ? {} : { temperature: choice.temperature }),
        // A request may ask for fewer tokens than its role's bound, never more.
        maxTokens: Math.min(request.maxTokens ?? Infinity, maxTokens[role]),
      };
      for (const provider of [...chain, deps.offline]) {
        const model = provider === first && choice?.model ? choice.model : provider.modelFor(role);
        const started = now();
        const circuit = provider.offline ? undefined : circuitOf(provider.id);
        const wallNow = Date.now();
        if (circuit && circuit.openUntil > wallNow) {
          attempts.push(skippedAttempt(provider.id, model, circuit));
          continue;
        }
        // A trial call after the pause: one failure opens the circuit again, for longer.
        const trial = !!circuit && circuit.openUntil > 0;
        const step = provider.offline ? undefined : AbortSignal.timeout(timeouts[role]);
        const signal =
          step && options.signal ? AbortSignal.any([step, options.signal]) : (step ?? options.signal);
        // Whether this attempt streamed any text: if it then fails, what the listener showed is not
        // the answer, and it is told before the next provider starts again from nothing.
        let streamed = false;
        const onDelta = options.onDelta;
        try {
          const result = await provider.chat(req, {
            model,
            ...(signal ? { signal } : {}),
            ...(onDelta
              ? {
                  onDelta: (d: string) => {
                    streamed = true;
                    onDelta(d);
                  },
                }
              : {}),
          });
          if (circuit) Object.assign(circuit, { failures: 0, openUntil: 0, openMs: baseOpenMs });
          attempts.push({
            provider: provider.id,
            model: result.model,
            ok: true,
            durationMs: now() - started,
          });
          if (options.conversationId) ledger.record(options.conversationId, result.model, result.usage);
          return { ...result, offline: provider.offline, attempts } satisfies ChatOutcome;
        } catch (error) {
          const coded =
            step?.aborted && !options.signal?.aborted
              ? new DomainError(
                  'llm-timeout',
                  `LLM provider '${provider.id}' gave no answer within the ${role} step's ${timeouts[role]} ms`,
                  { cause: error },
                )
              : codedError(error);
          const durationMs = now() - started;
          attempts.push({
            provider: provider.id,
            model,
            ok: false,
            code: coded.code,
            message: coded.message,
            durationMs,
          });
          let opened = false;
          if (circuit && countsAgainst(coded)) {
            circuit.failures++;
            if (trial || coded.code === 'llm-timeout' || circuit.failures >= threshold) {
              if (trial) circuit.openMs = Math.min(circuit.openMs * 2, maxOpenMs);
              circuit.openUntil = Date.now() + circuit.openMs;
              opened = true;
            }
          }
          deps.log?.warn(
            {
              provider: provider.id,
              model,
              role,
              code: coded.code,
              error: coded.message,
              durationMs: Math.round(durationMs),
              ...(opened ? { pausedForMs: circuit!.openMs } : {}),
            },
            opened ? 'LLM call failed; provider paused' : 'LLM call failed; falling back',
          );
          if (options.signal?.aborted) throw coded;
          if (streamed) options.onDeltaReset?.(coded.message);
        }
      }
      throw new DomainError('llm-unavailable', 'Every LLM provider failed, including the offline one', {
        details: attempts,
      });
    },
  };
}
