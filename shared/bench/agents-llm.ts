// The fake models of the agents benchmark: an instant in-process provider and the handler of a
// loopback OpenAI-compatible server, each answering route, extract and answer like a well-behaved
// model, optionally after a tool loop: `toolCalls` calls of `search_knowledge`, one per round, before
// the final answer. Each counts the tool calls it asked for, so the report can show the loop happened.
import type { LlmProvider } from '../src/llm/index';
import { fakeCompletion } from '../src/testing/fake-openai-server';

export const ROUTE = '{"intent":"price","confidence":0.9}';
export const EXTRACT = '{"facts":[{"key":"need","value":"crm"}]}';
/** A good answer in the conversation's language (the reply gate refuses one in another language). */
export const ANSWER = { ru: 'Тариф стоит 990 рублей [1].', en: 'The plan costs 12 USD per user [1].' };
const TOOL = 'search_knowledge';

type Counter = { toolCalls: number };

/** The next tool call of the loop, or undefined once `rounds` tool results are in the conversation. */
export function nextToolCall(
  messages: readonly { role: string }[],
  tools: readonly string[],
  rounds: number,
) {
  const done = messages.filter((m) => m.role === 'tool').length;
  if (done >= rounds || !tools.includes(TOOL)) return undefined;
  return { id: `call_${done + 1}`, name: TOOL, arguments: JSON.stringify({ query: `тариф ${done + 1}` }) };
}

export function instantProvider(toolCalls = 0): LlmProvider & Counter {
  const provider: LlmProvider & Counter = {
    id: 'instant',
    offline: false,
    toolCalls: 0,
    modelFor: () => 'instant',
    async chat(request) {
      const kind = request.task?.kind;
      const call =
        kind === 'route' || kind === 'extract'
          ? undefined
          : nextToolCall(
              request.messages,
              (request.tools ?? []).map((t) => t.name),
              toolCalls,
            );
      if (call) provider.toolCalls++;
      return {
        content: call
          ? null
          : kind === 'route'
            ? ROUTE
            : kind === 'extract'
              ? EXTRACT
              : ANSWER[request.task?.kind === 'answer' ? request.task.language : 'ru'],
        toolCalls: call ? [call] : [],
        finishReason: call ? 'tool_calls' : 'stop',
        usage: { promptTokens: 100, completionTokens: 10, costUsd: 0 },
        provider: 'instant',
        model: 'instant',
      };
    },
  };
  return provider;
}

type OpenAiRequest = { body: Record<string, unknown> };

/** A handler for `startFakeOpenAi`, with the same answers and loop as `instantProvider`. */
export function loopbackHandler(toolCalls = 0) {
  const counter: Counter = { toolCalls: 0 };
  const handle = (req: OpenAiRequest) => {
    const messages = req.body.messages as { role: string; content: string }[];
    const system = String(messages[0]?.content);
    if (system.startsWith('Classify')) return { body: fakeCompletion({ content: ROUTE }) };
    if (system.startsWith('Extract')) return { body: fakeCompletion({ content: '{"facts":[]}' }) };
    const tools = (req.body.tools as { function: { name: string } }[] | undefined) ?? [];
    const call = nextToolCall(
      messages,
      tools.map((t) => t.function.name),
      toolCalls,
    );
    if (call) counter.toolCalls++;
    const answer = ANSWER[system.includes('Reply in English') ? 'en' : 'ru'];
    return { body: call ? fakeCompletion({ toolCalls: [call] }) : fakeCompletion({ content: answer }) };
  };
  return { handle, counter };
}
