// A model folder for the ONNX embedder: `model.onnx` (or `onnx/model.onnx`, as Hugging Face exports lay
// it out) and `tokenizer.json`, optionally `tokenizer_config.json` (model_max_length) and `config.json`
// (hidden_size). `modelFolderProblem` checks a folder at config time; `createOnnxEmbedder` builds the
// embedder, whose model is loaded with onnxruntime-node on first use (or `warm()`).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { OnnxEmbedder, type OnnxEmbedderOptions, type OnnxModel } from '../embeddings/onnx-embedder';
import { DomainError } from '../errors';

export type ModelFolder = { dir: string; modelPath: string; tokenizerPath: string };

const modelCandidates = [
  'model.onnx',
  'onnx/model.onnx',
  'model_quantized.onnx',
  'onnx/model_quantized.onnx',
];

/** The folder's files, or what is missing (a readable sentence naming the folder). */
export function modelFolderProblem(dir: string): string | ModelFolder {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) return `${root} is not a folder`;
  const modelPath = modelCandidates.map((name) => join(root, name)).find((path) => existsSync(path));
  if (!modelPath) return `${root} holds no model.onnx (nor onnx/model.onnx)`;
  const tokenizerPath = join(root, 'tokenizer.json');
  if (!existsSync(tokenizerPath)) return `${root} holds no tokenizer.json`;
  return { dir: root, modelPath, tokenizerPath };
}

export type OnnxFolderOptions = Partial<
  Pick<
    OnnxEmbedderOptions,
    'batchSize' | 'maxTokens' | 'minScore' | 'queryPrefix' | 'documentPrefix' | 'dims'
  >
> & {
  /** e5-style prefixes (`query: ` / `passage: `); default: on when the folder's name says e5. */
  e5Prefixes?: boolean;
  /** Threads of one model run (onnxruntime's intra-op pool). */
  threads?: number;
};

/** The embedder of a model folder; throws a `config-invalid` DomainError when files are missing. */
export function createOnnxEmbedder(dir: string, options: OnnxFolderOptions = {}): OnnxEmbedder {
  const folder = modelFolderProblem(dir);
  if (typeof folder === 'string') throw new DomainError('config-invalid', `onnx embeddings: ${folder}`);
  const config = readJson(join(folder.dir, 'config.json'));
  const tokenizerConfig = readJson(join(folder.dir, 'tokenizer_config.json'));
  const name = String(config?._name_or_path ?? basename(folder.dir));
  const e5 = options.e5Prefixes ?? /e5/i.test(name);
  const declaredMax = Number(tokenizerConfig?.model_max_length ?? config?.max_position_embeddings);
  const maxTokens =
    options.maxTokens ??
    (Number.isInteger(declaredMax) && declaredMax > 0 && declaredMax <= 8192 ? declaredMax : 512);
  const hidden = Number(config?.hidden_size);
  const queryPrefix = options.queryPrefix ?? (e5 ? 'query: ' : '');
  const documentPrefix = options.documentPrefix ?? (e5 ? 'passage: ' : '');
  const model = `${name}@${statSync(folder.modelPath).size}-t${maxTokens}${queryPrefix || documentPrefix ? '-e5p' : ''}`;
  return new OnnxEmbedder({
    ...options,
    model,
    maxTokens,
    queryPrefix,
    documentPrefix,
    ...((options.dims ?? (Number.isInteger(hidden) && hidden > 0)) ? { dims: options.dims ?? hidden } : {}),
    load: () => loadModel(folder, tokenizerConfig ?? {}, options.threads),
  });
}

async function loadModel(
  folder: ModelFolder,
  tokenizerConfig: Record<string, unknown>,
  threads: number | undefined,
): Promise<OnnxModel> {
  const tokenizerJson = readJson(folder.tokenizerPath);
  if (!tokenizerJson)
    throw new DomainError('config-invalid', `onnx embeddings: ${folder.tokenizerPath} is not JSON`);
  const [{ Tokenizer }, ort] = await Promise.all([
    import('@huggingface/tokenizers'),
    import('onnxruntime-node'),
  ]);
  let tokenizer: InstanceType<typeof Tokenizer>;
  try {
    tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  } catch (error) {
    throw new DomainError(
      'config-invalid',
      `onnx embeddings: ${folder.tokenizerPath}: ${(error as Error).message}`,
    );
  }
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(folder.modelPath, {
      ...(threads ? { intraOpNumThreads: threads } : {}),
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new DomainError(
      'config-invalid',
      `onnx embeddings: ${folder.modelPath}: ${(error as Error).message}`,
    );
  }
  const output = session.outputNames.includes('last_hidden_state')
    ? 'last_hidden_state'
    : session.outputNames[0]!;
  const padToken = ['[PAD]', '<pad>', String(tokenizerConfig.pad_token ?? '')].find(
    (token) => token && tokenizer.token_to_id(token) !== undefined,
  );
  return {
    tokenizer,
    inputNames: session.inputNames,
    padId: padToken ? tokenizer.token_to_id(padToken)! : 0,
    async run(feeds) {
      const tensors = Object.fromEntries(
        Object.entries(feeds).map(([name, feed]) => [name, new ort.Tensor('int64', feed.data, feed.dims)]),
      );
      const result = (await session.run(tensors, [output]))[output]!;
      if (!(result.data instanceof Float32Array)) {
        throw new DomainError(
          'llm-bad-response',
          `onnx embeddings: output ${output} is ${result.type}, not float32`,
        );
      }
      return { data: result.data, dims: result.dims };
    },
  };
}

function readJson(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
