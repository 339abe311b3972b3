// A fake OpenAI-compatible chat completions server on loopback (port 0), for tests and benchmarks that
// drive the real `openai` SDK: scripted JSON answers, tool calls, streaming (SSE), errors and delays.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRequest = {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
};

export type FakeReply = {
  status?: number;
  /** JSON body (default: a chat completion built with `fakeCompletion`). */
  body?: unknown;
  /** Raw body text, sent as is (malformed JSON tests). */
  raw?: string;
  /** Server-sent event chunks, each JSON-encoded after `data: `, then `data: [DONE]`. */
  stream?: unknown[];
  /** A pause before each streamed chunk (ms), so a client can be seen getting the answer in pieces. */
  chunkDelayMs?: number;
  /** Streams this many chunks, then drops the connection (no `data: [DONE]`): a mid-stream failure. */
  cutAfter?: number;
  delayMs?: number;
  headers?: Record<string, string>;
};

export type FakeHandler = (req: FakeRequest, index: number) => FakeReply | Promise<FakeReply>;

export type FakeOpenAi = { baseURL: string; requests: FakeRequest[]; close(): Promise<void> };

export async function startFakeOpenAi(handler: FakeHandler): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      void (async () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          /* keep empty */
        }
        const request = { path: req.url ?? '/', headers: req.headers, body };
        requests.push(request);
        const reply = await handler(request, requests.length - 1);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (res.destroyed) return;
        // A real server streams whenever the request asks for it: a scripted completion becomes the
        // chunks it would have been sent as (usage last, only when `stream_options.include_usage`).
        const stream =
          reply.stream ??
          (body.stream === true && reply.raw === undefined && (reply.status ?? 200) < 400
            ? completionChunks(reply.body ?? {}, includeUsage(body))
            : undefined);
        if (stream) {
          res.writeHead(reply.status ?? 200, { 'content-type': 'text/event-stream', ...reply.headers });
          for (const [i, chunk] of stream.entries()) {
            if (reply.cutAfter !== undefined && i >= reply.cutAfter) {
              // What was written reaches the client first (a pause), then the connection drops.
              await new Promise((r) => setTimeout(r, 50));
              res.destroy();
              return;
            }
            if (reply.chunkDelayMs) await new Promise((r) => setTimeout(r, reply.chunkDelayMs));
            if (res.destroyed) return;
            await new Promise((r) => res.write(`data: ${JSON.stringify(chunk)}\n\n`, r));
          }
          res.end('data: [DONE]\n\n');
          return;
        }
        const text = reply.raw ?? JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      })().catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Call = { id?: string; name: string; arguments: string };

/** A chat completion body as OpenAI returns it. */
export function fakeCompletion(opts: {
  content?: string | null;
  toolCalls?: Call[];
  model?: string;
  usage?: { prompt: number; completion: number };
}) {
  const toolCalls = opts.toolCalls ?? [];
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: opts.model ?? 'fake-model',
    choices: [
      {
        index: 0,
        finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
        message: {
          role: 'assistant',
          content: opts.content ?? null,
          ...(toolCalls.length
            ? {
                tool_calls: toolCalls.map((c, i) => ({
                  id: c.id ?? `call_${i + 1}`,
                  type: 'function',
                  function: { name: c.name, arguments: c.arguments },
                })),
              }
            : {}),
        },
      },
    ],
    usage: {
      prompt_tokens: opts.usage?.prompt ?? 10,
      completion_tokens: opts.usage?.completion ?? 5,
      total_tokens: (opts.usage?.prompt ?? 10) + (opts.usage?.completion ?? 5),
    },
  };
}

/** Streaming chunks for a text answer split into pieces, with usage in the last chunk. */
export function fakeStream(pieces: string[], model = 'fake-model', toolCall?: Call) {
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model };
  const chunks: unknown[] = pieces.map((p) => ({
    ...base,
    choices: [{ index: 0, delta: { content: p }, finish_reason: null }],
  }));
  if (toolCall) {
    const half = Math.ceil(toolCall.arguments.length / 2);
    chunks.push(
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index: 0,
                  id: toolCall.id ?? 'call_s1',
                  type: 'function',
                  function: { name: toolCall.name, arguments: toolCall.arguments.slice(0, half) },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      },
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 0, function: { arguments: toolCall.arguments.slice(half) } }] },
            finish_reason: null,
          },
        ],
      },
    );
  }
  chunks.push({
    ...base,
    choices: [{ index: 0, delta: {}, finish_reason: toolCall ? 'tool_calls' : 'stop' }],
  });
  chunks.push({
    ...base,
    choices: [],
    usage: { prompt_tokens: 12, completion_tokens: pieces.length, total_tokens: 12 + pieces.length },
  });
  return chunks;
}

const includeUsage = (body: Record<string, unknown>) =>
  (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;

type Completion = {
  id?: string;
  model?: string;
  created?: number;
  choices?: {
    finish_reason?: string;
    message?: {
      content?: string | null;
      tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
    };
  }[];
  usage?: unknown;
};

/** A chat completion body as the stream of chunks that carries the same answer (one delta, then the end). */
export function completionChunks(completion: unknown, withUsage = true): unknown[] {
  const c = completion as Completion;
  const choice = c.choices?.[0];
  const base = {
    id: c.id ?? 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: c.created ?? 1_700_000_000,
    model: c.model ?? 'fake-model',
  };
  const delta = {
    role: 'assistant',
    ...(choice?.message?.content ? { content: choice.message.content } : {}),
    ...(choice?.message?.tool_calls?.length
      ? { tool_calls: choice.message.tool_calls.map((t, index) => ({ index, ...t })) }
      : {}),
  };
  return [
    { ...base, choices: [{ index: 0, delta, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: choice?.finish_reason ?? 'stop' }] },
    ...(withUsage && c.usage ? [{ ...base, choices: [], usage: c.usage }] : []),
  ];
}
