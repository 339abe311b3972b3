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
// `test-chat:<user id>`. Nothing is stored and no customer sees it: it shows what the model wrote,
// before the reply gate that a customer's answer goes through.
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
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { teamCollection } from '../store/collections';

export type TestChatDeps = {
  /** The team's LLM (its providers, or the server's default; team-models.ts). */
  llmFor(teamId: string): LlmClient;
  /** The team's knowledge search, when its runtime runs in this process. */
  knowledgeFor?(teamId: string): KnowledgeRetriever | undefined;
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

export function testChatRoutes(opts: TestChatDeps) {
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
        let hits: KnowledgeHit[] = [];
        try {
          const knowledge = opts.knowledgeFor?.(auth.teamId);
          // The profile's knowledge scope, as the engine applies it.
          hits = knowledge ? await scopedRetriever(knowledge, profile).search(text, { limit: 4 }) : [];
        } catch {
          // The knowledge index is still loading or failed: the model answers without documents.
        }
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
              injectionSuspected: false,
              tools: [],
            }),
          },
          ...input.messages.map((m): ChatMessage => ({ role: m.role, content: m.content })),
        ];

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
          send('done', {
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
          });
        } catch (error) {
          if (!gone.signal.aborted) {
            deps.log.warn({ err: error, teamId: auth.teamId }, 'test chat failed');
            send('error', { message: error instanceof Error ? error.message : String(error) });
          }
        } finally {
          res.end();
        }
      }),
    );
  };
}
