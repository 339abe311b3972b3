// The real `openai` SDK against a fake OpenAI-compatible server on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiEmbedder, OpenAiEmbedder } from './openai-embedder';

type Handler = (body: {
  model: string;
  input: string[];
  dimensions?: number;
}) => { status: number; json: unknown } | 'hang';

let server: Server | undefined;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((done) => s.close(() => done()));
  }
});

async function fake(
  handler: Handler,
): Promise<{ url: string; requests: Array<{ input: string[]; dimensions?: number }> }> {
  const requests: Array<{ input: string[]; dimensions?: number }> = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      requests.push(body);
      const out = handler(body);
      if (out === 'hang') return;
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.json));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`, requests };
}

const vectors = (body: { input: string[] }, dims = 3) => ({
  status: 200,
  json: {
    object: 'list',
    model: 'm',
    data: body.input
      .map((t, index) => ({ object: 'embedding', index, embedding: [t.length, index, 1].slice(0, dims) }))
      .reverse(),
    usage: { prompt_tokens: 1, total_tokens: 1 },
  },
});

describe('OpenAiEmbedder', () => {
  it('batches inputs, keeps their order, and learns the vector size', async () => {
    const { url, requests } = await fake((b) => vectors(b));
    const e = await createOpenAiEmbedder({ baseURL: url, model: 'nomic', batchSize: 2, queryPrefix: 'q: ' });
    expect(e.dims).toBe(3);
    const out = await e.embed(['a', 'bb', 'ccc']);
    expect(out).toEqual([
      [1, 0, 1],
      [2, 1, 1],
      [3, 0, 1],
    ]);
    expect(requests.slice(1).map((r) => r.input)).toEqual([['a', 'bb'], ['ccc']]);
    await e.embed(['x'], { kind: 'query' });
    expect(requests.at(-1)!.input).toEqual(['q: x']);
    expect(e).toMatchObject({ id: 'openai-compatible', model: 'nomic' });
  });

  it('retries server errors and fails with a coded error when they persist', async () => {
    let n = 0;
    const { url } = await fake((b) =>
      ++n < 3 ? { status: 500, json: { error: { message: 'boom' } } } : vectors(b),
    );
    const e = new OpenAiEmbedder({ baseURL: url, model: 'm', dims: 3, maxRetries: 3 });
    expect(await e.embed(['hi'])).toEqual([[2, 0, 1]]);
    const { url: down } = await fake(() => ({ status: 503, json: { error: { message: 'down' } } }));
    const failing = new OpenAiEmbedder({ baseURL: down, model: 'm', dims: 3, maxRetries: 0 });
    await expect(failing.embed(['hi'])).rejects.toMatchObject({ code: 'llm-bad-response' });
  });

  it('times out with llm-timeout and rejects vectors of the wrong size', async () => {
    const { url } = await fake(() => 'hang');
    const slow = new OpenAiEmbedder({ baseURL: url, model: 'm', dims: 3, timeoutMs: 200, maxRetries: 0 });
    await expect(slow.embed(['hi'])).rejects.toMatchObject({ code: 'llm-timeout' });
    server!.closeAllConnections();
    const { url: other } = await fake((b) => vectors(b, 2));
    await expect(
      new OpenAiEmbedder({ baseURL: other, model: 'm', dims: 3 }).embed(['x']),
    ).rejects.toMatchObject({
      code: 'llm-bad-response',
    });
  });
});
