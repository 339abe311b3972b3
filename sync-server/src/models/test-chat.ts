// The Agents screen's test chat: `POST /agents/test-chat` asks the team's own models, as an agent
// profile would (its persona and instructions, its model for the `answer` role, its fallback chain
// and monthly budget, the team's knowledge within its scope), and streams the answer back as
// server-sent events while the model writes it:
//   event: delta  data: {"text": "..."}            a piece of the answer
//   event: reset  data: {"reason": "..."}          a provider failed mid-answer: drop what was shown,
//                                                   the next provider (or the offline one) starts over
//   event: done   data: {content, provider, model, offline, finishReason, usage, attempts, sources}
//   event: error  data: {"message": "..."}          nothing could answer (the reason in words)
// Only who may edit profiles may use it (the access table's `agent_settings` update): it spends the
// team's model budget, and its calls are metered like any other, as the conversation
// `test-chat:<user id>`. Each answer is one AI reply of the plan's month (issue 60), reserved before the
// model is asked (402 `plan-limit-reached` when the month's are used up) and given back when nothing
// answered; a team may ask at most `rate.max` answers a `rate.windowMs` (429 `rate-limited`). Nothing
// is stored and no customer sees it: it shows what the model wrote, before the reply gate that a
// customer's answer goes through.
import type { Router } from 'express';
import { z } from 'zod';
import {
  answeringIndexes,
  defaultProfile,
  scopedRetriever,
  systemPrompt,
  type KnowledgeRetriever,
} from '@app/shared/agents';
import { detectLanguage, type ChatMessage, type KnowledgeHit, type LlmClient } from '@app/shared/llm';
import type { AgentSettingsDoc } from '@app/shared/schemas';
import { planNames, type PlanId } from '@app/shared/billing';
import { DomainError } from '@app/shared/errors';
import { createRateLimiter } from '../auth/rate-limit';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { teamCollection } from '../store/collections';

/** The plans' AI-reply limit as the test chat uses it (billing/policy.ts implements it). */
export type AiReplyMeter = {
  /** Why no AI reply may be made now (the month's used up), or undefined: then one is reserved. */
  aiRepliesPaused(teamId: string, language?: 'en' | 'ru'): Promise<string | undefined>;
  countAiReply(teamId: string, instanceId: string): Promise<void>;
  releaseAiReply(teamId: string): Promise<void>;
  recentPlanOf(teamId: string): Promise<{ plan: PlanId; limits: { aiReplies: number | null } }>;
};

export type TestChatDeps = {
  /** The team's LLM (its providers, or the server's default; team-models.ts). */
  llmFor(teamId: string): LlmClient;
  /** The team's knowledge search, when its runtime runs in this process. */
  knowledgeFor?(teamId: string): KnowledgeRetriever | undefined;
  /** The plans' AI-reply limit: each test answer is one AI reply (billing/policy.ts `Billing`). */
  aiReplies: AiReplyMeter;
  /** This process's id, as the replies it counts are written (known once the server listens). */
  instanceId(): string;
  /** Test answers a team may ask per window (default 30 a minute). */
  rate?: { max: number; windowMs: number };
};

export const testChatInput = z
  .object({
    /** The profile to try (default: the team's default profile). */
    profileId: z.string().min(1).max(200).optional(),
    /** The conversation so far, the newest last (a customer's message). */
    messages: z
      .array(
        z
          .object({ role: z.enum(['user', 'assistant']), content: z.string().trim().min(1).max(4_000) })
          .strict(),
      )
      .min(1)
      .max(20)
      .refine((m) => m.at(-1)?.role === 'user', 'the last message must be the customer\'s ("user")'),
  })
  .strict();

async function profileOf(
  deps: ServerDeps,
  teamId: string,
  id: string | undefined,
): Promise<AgentSettingsDoc> {
  const profiles = teamCollection(deps.store, teamId, 'agent_settings');
  if (id) return profiles.getOr404(id, 'not-found', 'Agent profile');
  const all = await profiles.all();
  return all.find((p) => p.isDefault === true) ?? defaultProfile;
}

/** The plan's AI replies of the month used up: the 402, its sentence in both languages. */
async function usedUp(plans: TestChatDeps['aiReplies'], teamId: string): Promise<DomainError> {
  const { plan, limits } = await plans.recentPlanOf(teamId);
  const name = planNames[plan];
  const max = limits.aiReplies ?? 0;
  const messages = {
    en: `The ${name.en} plan's ${new Intl.NumberFormat('en').format(max)} AI replies this month are used up: the test chat answers again next month or on a larger plan.`,
    ru: `ИИ-ответы тарифа «${name.ru}» на этот месяц закончились (${new Intl.NumberFormat('ru').format(max)}): тестовый чат снова ответит в следующем месяце или на тарифе больше.`,
  };
  return new DomainError('plan-limit-reached', messages.en, {
    details: { limit: 'aiReplies', plan, max, messages },
  });
}

/** The team's knowledge for the question, within the profile's scope, as the engine applies it. */
async function knowledgeHits(
  opts: TestChatDeps,
  teamId: string,
  profile: AgentSettingsDoc,
  text: string,
): Promise<KnowledgeHit[]> {
  try {
    const knowledge = opts.knowledgeFor?.(teamId);
    return knowledge ? await scopedRetriever(knowledge, profile).search(text, { limit: 4 }) : [];
  } catch {
    // The knowledge index is still loading or failed: the model answers without documents.
    return [];
  }
}

/** The test chat's prompt has no tools and no injection warning. */
const noTools = { injectionSuspected: false, tools: [] };

/** The `done` event: the answer, who wrote it, what it cost, each provider tried and the sources. */
function doneEvent(out: Awaited<ReturnType<LlmClient['chat']>>, hits: KnowledgeHit[]) {
  return {
    content: out.content ?? '',
    provider: out.provider,
    model: out.model,
    offline: out.offline,
    finishReason: out.finishReason,
    usage: out.usage,
    attempts: out.attempts.map(({ provider, model, ok, code, message }) => ({
      provider,
      model,
      ok,
      ...(code ? { code } : {}),
      ...(message ? { message } : {}),
    })),
    sources: hits.map((h) => h.title),
  };
}

export function testChatRoutes(opts: TestChatDeps) {
  const rate = opts.rate ?? { max: 30, windowMs: 60_000 };
  const limiter = createRateLimiter(rate);
  return (router: Router, registry: RouteRegistry, deps: ServerDeps): void => {
    registry.add(
      router,
      {
        method: 'post',
        path: '/agents/test-chat',
        summary: "Try an agent profile on the team's models: the answer streamed as server-sent events",
        tag: 'agent-settings',
        access: { resource: 'agent_settings', op: 'update' },
        body: testChatInput,
        response: {
          mediaType: 'text/event-stream',
          description:
            'Events delta {text}, reset {reason}, done {content, provider, model, usage, …}, error {message}',
        },
      },
      route(async (req, res) => {
        const auth = authOf(res);
        const input = parse(testChatInput, req.body);
        const profile = await profileOf(deps, auth.teamId, input.profileId);
        const text = input.messages.at(-1)!.content;
        const language =
          profile.language === 'ru' || profile.language === 'en' ? profile.language : detectLanguage(text);
        const wait = limiter.blockedFor(auth.teamId);
        if (wait > 0) {
          throw new DomainError('rate-limited', 'Too many test chat answers; try again later', {
            details: { retryAfterSeconds: Math.ceil(wait / 1000) },
          });
        }
        limiter.hit(auth.teamId);
        const hits = await knowledgeHits(opts, auth.teamId, profile, text);
        const now = deps.now();
        // The profile's time zone (its working hours'), as the engine reads customers' dates in it.
        const timeZone = profile.workingHours?.timezone ?? 'UTC';
        const messages: ChatMessage[] = [
          {
            role: 'system',
            content: systemPrompt({
              profile,
              hits,
              language,
              now,
              ...(timeZone ? { timeZone } : {}),
              ...noTools,
            }),
          },
          ...input.messages.map((m): ChatMessage => ({ role: m.role, content: m.content })),
        ];

        // One AI reply of the plan's month, reserved before the model is asked.
        const paused = await opts.aiReplies.aiRepliesPaused(auth.teamId, 'en');
        if (paused) throw await usedUp(opts.aiReplies, auth.teamId);
        let answered = false;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          // Proxies (nginx) would otherwise hold the events back until the answer is whole.
          'x-accel-buffering': 'no',
        });
        const send = (event: string, data: unknown) => {
          if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        };
        // The tester closed the chat or the connection dropped: stop the model (and its spending).
        const gone = new AbortController();
        res.on('close', () => {
          if (!res.writableFinished) gone.abort();
        });
        try {
          const out = await opts.llmFor(auth.teamId).chat(
            'answer',
            {
              messages,
              task: {
                kind: 'answer',
                text,
                intent: 'other',
                confidence: 1,
                // The knowledge answers as in a customer's conversation: when its evidence is strong.
                answering: answeringIndexes(text, hits, profile),
                unknown: false,
                detailsSaved: false,
                language,
                hits,
                now: now.toISOString(),
                ...(timeZone ? { timeZone } : {}),
              },
            },
            {
              conversationId: `test-chat:${auth.userId}`,
              ...(profile.models?.answer ? { choice: profile.models.answer } : {}),
              ...(profile.fallbacks ? { fallbacks: profile.fallbacks } : {}),
              ...(profile.monthlyBudgetUsd === undefined
                ? {}
                : { monthlyBudgetUsd: profile.monthlyBudgetUsd }),
              signal: gone.signal,
              onDelta: (delta) => send('delta', { text: delta }),
              onDeltaReset: (reason) => send('reset', { reason }),
            },
          );
          send('done', doneEvent(out, hits));
          answered = true;
        } catch (error) {
          if (!gone.signal.aborted) {
            deps.log.warn({ err: error, teamId: auth.teamId }, 'test chat failed');
            send('error', { message: error instanceof Error ? error.message : String(error) });
          }
        } finally {
          res.end();
          // An answer counts as one AI reply; a failed or abandoned one gives its reservation back.
          await (
            answered
              ? opts.aiReplies.countAiReply(auth.teamId, opts.instanceId())
              : opts.aiReplies.releaseAiReply(auth.teamId)
          ).catch((err: unknown) => deps.log.warn({ err, teamId: auth.teamId }, 'test chat: AI reply count'));
        }
      }),
    );
  };
}
