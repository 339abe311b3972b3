// The ONNX embedder on a tiny model the test writes (a real onnxruntime session, a real tokenizer.json):
// shapes, mean pooling over the mask, normalisation, topics close by construction, batching, the
// length bound, lazy loading and readable errors for a missing or corrupt folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { createOnnxEmbedder, modelFolderProblem } from './onnx-model-folder';
import { writeTinyOnnxModel } from '../testing/tiny-onnx-model';

const root = mkdtempSync(join(tmpdir(), 'onnx-embedder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = (name: string, options?: Parameters<typeof writeTinyOnnxModel>[1]) => {
  const dir = join(root, name);
  writeTinyOnnxModel(dir, options);
  return dir;
};
const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(cosine(a, a));

describe('ONNX embedder on a tiny model', () => {
  const dir = folder('tiny');

  it('gives one normalised vector per text, of the model size, learnt on the first run', async () => {
    const embedder = createOnnxEmbedder(dir);
    expect(embedder.dims).toBe(0);
    const vectors = await embedder.embed(['price of the plan', 'courier delivery', 'login error']);
    expect(vectors).toHaveLength(3);
    expect(embedder.dims).toBe(5);
    for (const vector of vectors) {
      expect(vector).toHaveLength(5);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('takes the size from config.json without running the model', () => {
    expect(createOnnxEmbedder(folder('with-config', { config: true })).dims).toBe(5);
  });

  it('puts texts of one topic closer than unrelated texts', async () => {
    const [price, tariff, delivery, login] = await createOnnxEmbedder(dir).embed([
      'What is the price of the plan?',
      'tariff cost',
      'track my parcel delivery',
      'password reset',
    ]);
    expect(cosine(price!, tariff!)).toBeGreaterThan(0.8);
    expect(cosine(price!, delivery!)).toBeLessThan(0.5);
    expect(cosine(delivery!, login!)).toBeLessThan(0.5);
  });

  it('pools only real tokens: a text padded in a batch embeds as it does alone', async () => {
    const embedder = createOnnxEmbedder(dir);
    const [alone] = await embedder.embed(['price']);
    const [padded] = await embedder.embed(['price', 'the courier delivery of my parcel to the address']);
    padded!.forEach((value, i) => expect(value).toBeCloseTo(alone![i]!, 6));
  });

  it('embeds a batch as it embeds each text alone, whatever the batch size', async () => {
    const texts = ['price', 'shipping address', 'crash on login', 'the plan', 'pay the invoice'];
    const batched = await createOnnxEmbedder(dir, { batchSize: 2 }).embed(texts);
    const single = createOnnxEmbedder(dir, { batchSize: 64 });
    for (const [i, text] of texts.entries()) {
      const [vector] = await single.embed([text]);
      vector!.forEach((value, d) => expect(value).toBeCloseTo(batched[i]![d]!, 6));
    }
  });

  it('cuts a long text to the model limit instead of failing', async () => {
    const long = `price ${'delivery '.repeat(5000)}`;
    const [vector] = await createOnnxEmbedder(dir).embed([long]);
    expect(vector).toHaveLength(5);
    // 16 tokens: [CLS] price + 13 delivery words + [SEP]; mostly delivery, a little price.
    expect(vector![1]).toBeGreaterThan(vector![0]!);
    expect(vector![0]).toBeGreaterThan(0.01);
  });

  it('adds e5 prefixes when asked, and records them in the model name', async () => {
    const plain = createOnnxEmbedder(dir);
    const e5 = createOnnxEmbedder(dir, { e5Prefixes: true });
    expect(e5.model).not.toBe(plain.model);
    // "query" and "passage" are unknown words of the tiny vocabulary: the query vector moves.
    const [query] = await e5.embed(['price'], { kind: 'query' });
    const [bare] = await plain.embed(['price'], { kind: 'query' });
    expect(cosine(query!, bare!)).toBeLessThan(0.9999);
  });

  it('feeds only the inputs the model declares', async () => {
    const [vector] = await createOnnxEmbedder(folder('no-mask', { attentionMaskInput: false })).embed([
      'price',
    ]);
    expect(vector).toHaveLength(5);
  });

  it('loads nothing until used', async () => {
    const gone = folder('gone');
    const embedder = createOnnxEmbedder(gone);
    rmSync(join(gone, 'model.onnx'));
    await expect(embedder.embed(['price'])).rejects.toThrow(/model\.onnx/);
  });
});

describe('ONNX model folder errors', () => {
  it('names what is missing', () => {
    expect(modelFolderProblem(join(root, 'nowhere'))).toMatch(/nowhere is not a folder/);
    const empty = join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(modelFolderProblem(empty)).toMatch(/holds no model\.onnx/);
    writeFileSync(join(empty, 'model.onnx'), 'x');
    expect(modelFolderProblem(empty)).toMatch(/holds no tokenizer\.json/);
    expect(() => createOnnxEmbedder(empty)).toThrow(/holds no tokenizer\.json/);
  });

  it('finds onnx/model.onnx as Hugging Face exports lay it out', () => {
    const dir = folder('hf-layout');
    mkdirSync(join(dir, 'onnx'));
    writeFileSync(join(dir, 'onnx', 'model.onnx'), 'x');
    rmSync(join(dir, 'model.onnx'));
    expect(modelFolderProblem(dir)).toMatchObject({ modelPath: join(dir, 'onnx', 'model.onnx') });
  });

  it('reports a corrupt model or tokenizer as a config error naming the file', async () => {
    const badModel = folder('bad-model');
    writeFileSync(join(badModel, 'model.onnx'), 'not a protobuf');
    const error = await createOnnxEmbedder(badModel)
      .embed(['price'])
      .catch((e: unknown) => e);
    expect(isDomainError(error, 'config-invalid')).toBe(true);
    expect((error as Error).message).toContain(join(badModel, 'model.onnx'));

    const badTokenizer = folder('bad-tokenizer');
    writeFileSync(join(badTokenizer, 'tokenizer.json'), '{"model": ');
    await expect(createOnnxEmbedder(badTokenizer).embed(['price'])).rejects.toThrow(
      /tokenizer\.json is not JSON/,
    );
  });

  it('tries a failed load again on the next use', async () => {
    const dir = folder('later');
    writeFileSync(join(dir, 'model.onnx'), 'broken for now');
    const embedder = createOnnxEmbedder(dir);
    await expect(embedder.embed(['price'])).rejects.toThrow();
    writeTinyOnnxModel(dir);
    await expect(embedder.embed(['price'])).resolves.toHaveLength(1);
  });
});
