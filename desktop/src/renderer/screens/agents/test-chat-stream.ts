// Reads the server's test chat (POST /api/v1/agents/test-chat): server-sent events `delta`, `reset`,
// `done` and `error`, handed to the caller as they arrive, so the answer shows while the model writes
// it. A refusal before the stream (400, 403, 404) comes back as the server's message.
import type { FetchLike } from '../../data/auth';

export type TestChatTurn = { role: 'user' | 'assistant'; content: string };

export type TestChatDone = {
  content: string;
  provider: string;
  model: string;
  offline: boolean;
  finishReason: string;
  usage: { promptTokens: number; completionTokens: number; costUsd: number };
  attempts: Array<{ provider: string; model: string; ok: boolean; code?: string; message?: string }>;
  sources: string[];
};

export type TestChatEvents = {
  onDelta(text: string): void;
  onReset(reason: string): void;
};

/** Splits server-sent events out of the text read so far; answers the events and the unread rest. */
export function parseEvents(buffer: string): { events: { event: string; data: unknown }[]; rest: string } {
  const events: { event: string; data: unknown }[] = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (!data.length) continue;
    try {
      events.push({ event, data: JSON.parse(data.join('\n')) as unknown });
    } catch {
      // A line the server did not write as JSON (a proxy's comment): not an event of ours.
    }
  }
  return { events, rest };
}

export async function streamTestChat(
  fetchFn: FetchLike,
  serverUrl: string,
  body: { profileId?: string; messages: TestChatTurn[] },
  on: TestChatEvents,
  signal?: AbortSignal,
): Promise<TestChatDone> {
  const res = await fetchFn(`${serverUrl}/api/v1/agents/test-chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  if (!res.ok || !res.body) {
    const said = (await res.json().catch(() => ({}))) as { error?: { message?: string }; message?: string };
    throw new Error(said.error?.message ?? said.message ?? `HTTP ${res.status}`);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    const parsed = parseEvents(done ? buffer + '\n\n' : buffer);
    buffer = parsed.rest;
    for (const e of parsed.events) {
      const data = e.data as Record<string, unknown>;
      if (e.event === 'delta') on.onDelta(String(data.text ?? ''));
      else if (e.event === 'reset') on.onReset(String(data.reason ?? ''));
      // The server's own answer (the test-chat route's `done` event), as that route types it.
      else if (e.event === 'done') return e.data as TestChatDone;
      else if (e.event === 'error') throw new Error(String(data.message ?? 'error'));
    }
    // The connection closed before `done`: the answer is not whole.
    if (done) throw new Error('the server closed the stream before the answer was complete');
  }
}
