// The server's local semantic model (EMBEDDINGS_MODEL_DIR) as a team's embeddings choice, on the real
// server with a tiny ONNX model folder the test writes (real onnxruntime, real tokenizer.json): offered
// only by a server that has the folder, chosen through the API, the team's knowledge embedded with it,
// a question with no word of the text found through its vectors. A server without the folder neither
// offers nor accepts it (400), and a bad EMBEDDINGS_MODEL_DIR stops the config with the variable's name.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@app/shared/config';
import { writeTinyOnnxModel } from '@app/shared/testing';
import { loadServerConfig } from '../src/config';
import type { RunningServer } from '../src/server';
import { call, eventually, register, startTestServer, tempDir, type Session } from './helpers';

let dir: ReturnType<typeof tempDir>;
let withModel: RunningServer;
let without: RunningServer;
let team: Session;
let plain: Session;
let modelDir: string;

const api = (server: RunningServer, who: Session, method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, {
    token: who.accessToken,
    ...(body === undefined ? {} : { body }),
  });

beforeAll(async () => {
  dir = tempDir('server-model-');
  modelDir = join(dir.path, 'tiny-model');
  writeTinyOnnxModel(modelDir, {
    maxTokens: 64,
    topics: {
      delivery: ['delivery', 'kazan', 'courier', 'days', 'takes'],
      payment: ['payment', 'cards', 'bank', 'transfers', 'accept'],
    },
  });
  [withModel, without] = await Promise.all([
    startTestServer(join(dir.path, 'a'), { EMBEDDINGS_MODEL_DIR: modelDir }),
    startTestServer(join(dir.path, 'b')),
  ]);
  [team, plain] = await Promise.all([
    register(withModel.url, 'Model team'),
    register(without.url, 'Plain team'),
  ]);
}, 90_000);

afterAll(async () => {
  await Promise.all([withModel?.close(), without?.close()]);
  dir?.remove();
});

describe('the server-side semantic model as a team embeddings choice', () => {
  it('is offered only where EMBEDDINGS_MODEL_DIR is set', async () => {
    const offered = await api(withModel, team, 'GET', '/embeddings');
    expect(offered.body.choices).toEqual([
      { id: 'server-model', name: 'server-model', model: expect.stringMatching(/^tiny-model@/) as string },
    ]);
    const none = await api(without, plain, 'GET', '/embeddings');
    expect(none.body.choices).toEqual([]);
    const refused = await api(without, plain, 'PUT', '/embeddings', { providerId: 'server-model' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('EMBEDDINGS_MODEL_DIR is not set');
  });

  it("embeds the team's knowledge with it; a question with no word of the text finds it by meaning", async () => {
    const chose = await api(withModel, team, 'PUT', '/embeddings', { providerId: 'server-model' });
    expect(chose.status).toBe(200);
    expect(chose.body.providerId).toBe('server-model');
    const text = 'Delivery to Kazan takes 3 days.\n\nWe accept cards and bank transfers.';
    const res = await fetch(`${withModel.url}/api/v1/knowledge/sources?fileName=faq.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.accessToken}`, 'content-type': 'application/octet-stream' },
      body: text,
    });
    expect(res.status).toBe(201);
    const status = await eventually(async () => {
      const s = (await api(withModel, team, 'GET', '/embeddings')).body.status as {
        provider: string;
        model: string;
        chunks: number;
        current: number;
        state: string;
      } | null;
      return s?.provider === 'onnx' && s.state === 'ready' && s.chunks > 0 && s.current === s.chunks
        ? s
        : undefined;
    }, 30_000);
    expect(status.model).toMatch(/^tiny-model@/);
    // "courier" is in no chunk: only the model's vectors lead to the delivery passage.
    const found = (await api(withModel, team, 'GET', '/embeddings/search?q=courier')).body as {
      mode: string;
      hits: Array<{ chunkId: string; score: number }>;
    };
    expect(found.mode).toBe('hybrid');
    expect(found.hits.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('EMBEDDINGS_MODEL_DIR in the server config', () => {
  const variablesOf = (value: string) => {
    try {
      loadServerConfig({ EMBEDDINGS_MODEL_DIR: value });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return { variables: (e as ConfigError).variables, message: (e as Error).message };
    }
    throw new Error('expected a ConfigError');
  };

  it('names the variable when the folder is missing or lacks the model files', () => {
    const missing = variablesOf(join(dir.path, 'nowhere'));
    expect(missing.variables).toEqual(['EMBEDDINGS_MODEL_DIR']);
    expect(missing.message).toMatch(/EMBEDDINGS_MODEL_DIR.*is not a folder/);
    const noModel = variablesOf(dir.path);
    expect(noModel.message).toMatch(/EMBEDDINGS_MODEL_DIR.*holds no model\.onnx/);
    expect(loadServerConfig({ EMBEDDINGS_MODEL_DIR: modelDir }).EMBEDDINGS_MODEL_DIR).toBe(modelDir);
  });
});
