// The offline provider: no model at all. It reads the structured task of a request (never the prompt):
// intent by the local classifier, contact details by rules, answers by retrieval with a citation, and
// a hand-off to a human when unsure. Its results say provider 'offline' so the UI can label them.
import { extractContactFacts } from './extract-contact';
import type { IntentClassifier } from './intent-classifier';
import { formatWhen, knowledgeReply, replies } from './offline-replies';
import { speaksOfMeeting } from './text-features';
import { fromWallClock, toWallClock } from '../../time/zoned-time';
import type { ChatRequest, ChatResult, KnowledgeHit, LlmProvider, OfflineTask, ToolCall } from '../types';

export const OFFLINE_PROVIDER_ID = 'offline';
export const OFFLINE_MODEL = 'offline-rules-v1';

export type OfflineProviderOptions = {
  /**
   * Intent classifier for `route` tasks, or the function that makes it (called on the first route, so
   * a server that routes nothing never trains it); without one every message routes to `other` at
   * confidence 0.
   */
  classifier?: IntentClassifier | (() => IntentClassifier);
};

type AnswerTask = Extract<OfflineTask, { kind: 'answer' }>;

const questionIntents = new Set(['product_question', 'price', 'delivery', 'order', 'other']);

/**
 * Contact facts with dates and times read on the time zone's wall clock ("завтра в 15:00" in
 * Europe/Moscow is 12:00 UTC, and "tomorrow" is the zone's tomorrow).
 */
function zonedFacts(text: string, now: string, timeZone = 'UTC', options: { regions?: string[] } = {}) {
  const facts = extractContactFacts(text, toWallClock(new Date(now), timeZone), options);
  return facts.map((f) => (f.key === 'meeting_at' ? { ...f, value: fromWallClock(f.value, timeZone) } : f));
}

function planTools(task: AnswerTask, available: Set<string>): ToolCall[] {
  const calls: { name: string; args: Record<string, unknown> }[] = [];
  const facts = zonedFacts(task.text, task.now, task.timeZone);
  const info: Record<string, string> = {};
  for (const f of facts) {
    // A phone only in E.164: this task knows no regions, and a number kept as written (issue 35) is
    // saved by the twin step, which reads it in the customer's regions (no second copy of it here).
    if (f.key === 'phone' && !f.value.startsWith('+')) continue;
    if (['name', 'phone', 'email', 'company', 'position', 'budget'].includes(f.key)) info[f.key] = f.value;
  }
  if (Object.keys(info).length > 0 && available.has('save_client_info')) {
    calls.push({ name: 'save_client_info', args: info });
  }
  const meetingAt = facts.find((f) => f.key === 'meeting_at')?.value;
  // A question the knowledge base answers books a meeting only when it asks for one (a date alone,
  // "my flight tomorrow", is not a meeting request).
  const asksForMeeting = task.answering.length === 0 || speaksOfMeeting(task.text);
  if (task.intent === 'meeting' && meetingAt && asksForMeeting && available.has('schedule_event')) {
    const title = task.language === 'ru' ? 'Встреча с клиентом' : 'Customer meeting';
    calls.push({ name: 'schedule_event', args: { title, startAt: meetingAt, durationMinutes: 30 } });
  }
  const fromKnowledge = task.answering.length > 0;
  // The supervisor hands off what nobody can answer; here only what the answer itself calls for: a
  // complaint the knowledge base does not answer, or a question that reached the answer role without
  // knowledge (a model's reply failed the reply gate and this provider stands in).
  const unanswered =
    !fromKnowledge && !task.proposalSent && (questionIntents.has(task.intent) || task.unknown);
  const reason =
    task.intent === 'human_request' && !task.proposalSent
      ? 'customer asked for a human'
      : task.intent === 'complaint' && !fromKnowledge
        ? 'complaint'
        : unanswered && task.intent !== 'meeting'
          ? 'no answer in the knowledge base'
          : undefined;
  if (reason && available.has('call_human')) calls.push({ name: 'call_human', args: { reason } });
  return calls.map((c, i) => ({
    id: `offline-call-${i + 1}`,
    name: c.name,
    arguments: JSON.stringify(c.args),
  }));
}

function finalText(task: AnswerTask, request: ChatRequest): string {
  const lang = task.language;
  const called = request.messages.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []) : []));
  const handedOff = called.some((c) => c.name === 'call_human');
  if (task.intent === 'complaint' && handedOff) return replies.complaint[lang];
  if (handedOff && task.intent !== 'meeting') return replies.handoff[lang];
  // The knowledge base answers what it covers, whatever the intent (a greeting with a question, details
  // with a question: the question is answered).
  const event = called.find((c) => c.name === 'schedule_event');
  const startAt = event ? (JSON.parse(event.arguments) as { startAt?: string }).startAt : undefined;
  // A meeting booked is what the customer asked for.
  if (startAt) return replies.meeting[lang](formatWhen(startAt, lang, task.timeZone));
  // The proposal asked for went out as a PDF (agents/proposal-step.ts).
  if (task.proposalSent) return replies.proposalSent[lang];
  // A quote from the catalog: its arithmetic as computed, cited (agents/catalog-step.ts), after what
  // the knowledge base says of the product when it answers the question too.
  const quoted = task.quote === undefined ? undefined : task.hits[task.quote];
  const answering = task.answering
    .filter((i) => i !== task.quote)
    .map((i) => task.hits[i])
    .filter((h): h is KnowledgeHit => !!h);
  const fromKnowledge =
    answering.length > 0
      ? knowledgeReply({ answering, hits: task.hits, question: task.text, language: lang })
      : undefined;
  const quote = quoted ? `${quoted.text} [${task.quote! + 1}]` : undefined;
  const answer = [fromKnowledge, quote].filter(Boolean).join('\n\n');
  if (answer) return task.detailsSaved ? `${replies.thanks[lang]} ${answer}` : answer;
  if (task.intent === 'opt_out') return replies.optOut[lang];
  if (task.intent === 'meeting') return replies.meeting[lang](undefined);
  // "Noted your details" only when details were saved; otherwise a greeting's "How can I help?".
  if (task.detailsSaved) return replies.thanks[lang];
  return replies.greeting[lang];
}

export function createOfflineProvider(providerOptions: OfflineProviderOptions = {}): LlmProvider {
  const result = (content: string | null, toolCalls: ToolCall[] = []): ChatResult => ({
    content,
    toolCalls,
    finishReason: toolCalls.length ? 'tool_calls' : 'stop',
    usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 },
    provider: OFFLINE_PROVIDER_ID,
    model: OFFLINE_MODEL,
  });
  return {
    id: OFFLINE_PROVIDER_ID,
    offline: true,
    modelFor: () => OFFLINE_MODEL,
    async chat(request, options) {
      const task = request.task;
      if (!task) return result(null);
      let out: ChatResult;
      if (task.kind === 'route') {
        const { classifier } = providerOptions;
        const p = classify(typeof classifier === 'function' ? classifier() : classifier, task.text);
        out = result(JSON.stringify(p));
      } else if (task.kind === 'compose') {
        out = result(task.draft);
      } else if (task.kind === 'extract') {
        const regions = task.phoneRegions ? { regions: task.phoneRegions } : {};
        out = result(JSON.stringify({ facts: zonedFacts(task.text, task.now, task.timeZone, regions) }));
      } else {
        const available = new Set((request.tools ?? []).map((t) => t.name));
        const last = request.messages.at(-1);
        const calls = last?.role === 'tool' ? [] : planTools(task, available);
        out = calls.length ? result(null, calls) : result(finalText(task, request));
      }
      if (out.content && options.onDelta) options.onDelta(out.content);
      return out;
    },
  };
}

/** The route: the classifier's intent and confidence, and its calibrated "unknown" verdict and threshold. */
function classify(classifier: IntentClassifier | undefined, text: string) {
  if (!classifier) return { intent: 'other', confidence: 0 };
  const p = classifier.predict(text);
  return {
    intent: p.label,
    confidence: Number(p.confidence.toFixed(4)),
    unknown: p.unknown,
    unknownBelow: classifier.unknownBelow,
  };
}
