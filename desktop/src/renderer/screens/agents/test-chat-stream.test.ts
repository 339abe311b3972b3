// The test chat's reader of server-sent events, fed bytes split where a network splits them (inside an
// event, inside a UTF-8 character, CRLF line ends): deltas and a reset in order, the `done` answer;
// a stream that ends before `done`, an `error` event and a refusal before the stream are errors in words.
import { describe, expect, it } from 'vitest';
import { parseEvents, streamTestChat } from './test-chat-stream';

const encoder = new TextEncoder();
/** A fetch answering `status` with `body` sent in pieces of `size` bytes. */
const serving =
  (body: string, size: number, status = 200, type = 'text/event-stream') =>
  async () => {
    const bytes = encoder.encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
        c.close();
      },
    });
    return new Response(stream, { status, headers: { 'content-type': type } });
  };
const sse = (event: string, data: unknown) => `event: ${event}\r\ndata: ${JSON.stringify(data)}\r\n\r\n`;
const done = {
  content: 'Доставка стоит 500 ₽.',
  provider: 'team',
  model: 'm',
  offline: false,
  finishReason: 'stop',
  usage: { promptTokens: 3, completionTokens: 2, costUsd: 0 },
  attempts: [],
  sources: [],
};

describe('the test chat stream reader', () => {
  it('hands deltas and resets over as they come, whatever the byte splits, and answers the done event', async () => {
    const body =
      sse('delta', { text: 'Дост' }) +
      sse('reset', { reason: "LLM provider 'a' dropped the stream" }) +
      sse('delta', { text: 'Доставка ' }) +
      sse('delta', { text: 'стоит 500 ₽.' }) +
      sse('done', done);
    for (const size of [1, 3, 7, 1000]) {
      const seen: string[] = [];
      const out = await streamTestChat(
        serving(body, size),
        'http://x',
        { messages: [] },
        {
          onDelta: (d) => seen.push(`+${d}`),
          onReset: (r) => seen.push(`reset: ${r}`),
        },
      );
      expect(seen).toEqual([
        '+Дост',
        "reset: LLM provider 'a' dropped the stream",
        '+Доставка ',
        '+стоит 500 ₽.',
      ]);
      expect(out).toEqual(done);
    }
  });

  it('a stream that ends before done, an error event, and a refusal are errors in words', async () => {
    const on = { onDelta: () => undefined, onReset: () => undefined };
    await expect(
      streamTestChat(serving(sse('delta', { text: 'Дост' }), 5), 'http://x', { messages: [] }, on),
    ).rejects.toThrow('the server closed the stream before the answer was complete');
    await expect(
      streamTestChat(
        serving(sse('error', { message: 'Every LLM provider failed' }), 4),
        'http://x',
        { messages: [] },
        on,
      ),
    ).rejects.toThrow('Every LLM provider failed');
    const refused = JSON.stringify({
      error: { code: 'forbidden', message: 'Your role may not update agent_settings' },
    });
    await expect(
      streamTestChat(serving(refused, 10, 403, 'application/json'), 'http://x', { messages: [] }, on),
    ).rejects.toThrow('Your role may not update agent_settings');
  });

  it('skips what is not an event of ours (comments, non-JSON data) and keeps the unread rest', () => {
    const { events, rest } = parseEvents(
      ': keep-alive\n\nevent: delta\ndata: not json\n\nevent: delta\ndata: {"text":"a"}\n\nevent: de',
    );
    expect(events).toEqual([{ event: 'delta', data: { text: 'a' } }]);
    expect(rest).toBe('event: de');
  });
});
