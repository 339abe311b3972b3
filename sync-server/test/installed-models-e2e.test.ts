// A model added with `npm run models -- add` (from the fake hub, into the running server's data folder)
// as a team's embeddings choice, on the real server with a tiny ONNX model of the real format: offered
// as `installed:<name>` once its files are in (no restart, no network call of the server's), chosen
// through the API, the team's knowledge embedded with it in the background (the status's progress
// reaching all chunks), hybrid search finding a passage by a word that is in no chunk. The choice
// survives the team adding a model provider, a name not installed is refused, and a model removed
// after it was chosen leaves the index on full text, saying why.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyOnnxModel } from '@app/shared/testing';
import { runModelsCli } from '../src/models/installed/commands';
import type { RunningServer } from '../src/server';
import { pinnedEntry, startFakeHub, type FakeHub } from './fake-hf-hub';
import { call, eventually, register, startTestServer, tempDir, type Session } from './helpers';

let dir: ReturnType<typeof tempDir>;
let hub: FakeHub;
let server: RunningServer;
let team: Session;
let dataDir: string;
let registryPath: string;

type Status = {
  provider: string;
  model: string;
  chunks: number;
  current: number;
  state: string;
  chosen: { provider: string };
  unavailable?: { message: string };
};

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, {
    token: team.accessToken,
    ...(body === undefined ? {} : { body }),
  });
const models = (...args: string[]) => {
  let text = '';
  const sink = { write: (t: string) => (text += t) };
  return runModelsCli([...args, '--data-dir', dataDir, '--registry', registryPath], {
    out: sink,
    err: sink,
    env: { HF_ENDPOINT: hub.url },
  }).then((code) => ({ code, text }));
};

beforeAll(async () => {
  dir = tempDir('installed-models-');
  const made = join(dir.path, 'made');
  writeTinyOnnxModel(made, {
    maxTokens: 64,
    config: true,
    topics: {
      delivery: ['delivery', 'kazan', 'courier', 'days', 'takes'],
      payment: ['payment', 'cards', 'bank', 'transfers', 'accept'],
    },
  });
  const files = Object.fromEntries(
    ['tokenizer.json', 'tokenizer_config.json', 'config.json'].map((f) => [f, readFileSync(join(made, f))]),
  );
  files['onnx/model.onnx'] = readFileSync(join(made, 'model.onnx'));
  const repo = { repo: 'test-org/tiny-e5', sha: 'b'.repeat(40), files };
  hub = await startFakeHub([repo]);
  registryPath = join(dir.path, 'registry.json');
  writeFileSync(registryPath, JSON.stringify([pinnedEntry(repo, 'tiny-e5')]));
  dataDir = join(dir.path, 'data');
  mkdirSync(dataDir);
  server = await startTestServer(dataDir, { OUTBOUND_ALLOW_PRIVATE: '127.0.0.1' });
  team = await register(server.url, 'Installed model team');
}, 90_000);

afterAll(async () => {
  await Promise.all([server?.close(), hub?.close()]);
  dir?.remove();
});

describe('a model installed with `npm run models -- add` as the team embeddings choice', () => {
  it('is offered once added to the data folder of the running server, and refused by a name not installed', async () => {
    expect((await api('GET', '/embeddings')).body.choices).toEqual([]);
    const notYet = await api('PUT', '/embeddings', { providerId: 'installed:tiny-e5' });
    expect(notYet.status).toBe(400);
    expect(JSON.stringify(notYet.body)).toContain("no model 'tiny-e5' is installed on this server");
    expect((await models('add', 'tiny-e5')).code).toBe(0);
    expect((await api('GET', '/embeddings')).body.choices).toEqual([
      {
        id: 'installed:tiny-e5',
        name: 'tiny-e5',
        model: expect.stringMatching(/^tiny-e5@\d+-t64-e5p$/) as string,
      },
    ]);
    expect((await api('PUT', '/embeddings', { providerId: 'installed:../x' })).status).toBe(400);
  });

  it("re-embeds the team's knowledge with it in the background; hybrid search finds a passage by meaning", async () => {
    const text = 'Delivery to Kazan takes 3 days.\n\nWe accept cards and bank transfers.';
    const res = await fetch(`${server.url}/api/v1/knowledge/sources?fileName=faq.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.accessToken}`, 'content-type': 'application/octet-stream' },
      body: text,
    });
    expect(res.status).toBe(201);
    const chose = await api('PUT', '/embeddings', { providerId: 'installed:tiny-e5' });
    expect(chose.status).toBe(200);
    expect(chose.body.providerId).toBe('installed:tiny-e5');
    const status = await eventually(async () => {
      const s = (await api('GET', '/embeddings')).body.status as Status | null;
      return s?.provider === 'onnx' && s.state === 'ready' && s.chunks > 0 && s.current === s.chunks
        ? s
        : undefined;
    }, 30_000);
    expect(status.model).toMatch(/^tiny-e5@/);
    expect(status.chosen.provider).toBe('installed:tiny-e5');
    // "courier" is in no chunk: only the model's vectors lead to the delivery passage.
    const found = (await api('GET', '/embeddings/search?q=courier')).body as {
      mode: string;
      hits: Array<{ chunkId: string; title: string }>;
    };
    expect(found.mode).toBe('hybrid');
    expect(found.hits.length).toBeGreaterThan(0);
  }, 60_000);

  it('stays chosen when the team adds a model provider', async () => {
    const added = await api('POST', '/model-providers', {
      id: 'chat',
      kind: 'openai-compatible',
      baseURL: 'http://127.0.0.1:9/v1',
      apiKey: 'sk-chat',
      model: 'chat-model',
    });
    expect(added.status).toBe(201);
    expect((await api('GET', '/embeddings')).body.providerId).toBe('installed:tiny-e5');
  });

  it('removed, it is no longer offered; the team that chose it is told and searches by full text', async () => {
    expect((await models('remove', 'tiny-e5')).code).toBe(0);
    const view = (await api('GET', '/embeddings')).body as { providerId: string; choices: unknown[] };
    expect(view.providerId).toBe('installed:tiny-e5');
    expect(view.choices).toEqual([]);
    // The team's settings read again (a provider added; a restart would do the same): the index
    // keeps answering by full text and says why the chosen model is not used.
    const added = await api('POST', '/model-providers', {
      id: 'chat2',
      kind: 'openai-compatible',
      baseURL: 'http://127.0.0.1:9/v1',
      apiKey: 'sk-chat',
      model: 'chat-model',
    });
    expect(added.status).toBe(201);
    const told = await eventually(async () => {
      const s = (await api('GET', '/embeddings')).body.status as Status | null;
      return s?.state === 'unavailable' ? s : undefined;
    }, 30_000);
    expect(told.unavailable?.message).toContain("the model 'tiny-e5' is not installed on this server");
    expect((await api('GET', '/embeddings/search?q=delivery')).body.hits.length).toBeGreaterThan(0);
    expect((await api('PUT', '/embeddings', { providerId: 'installed:tiny-e5' })).status).toBe(400);
    expect((await api('PUT', '/embeddings', { providerId: 'local' })).status).toBe(200);
  }, 60_000);
});
