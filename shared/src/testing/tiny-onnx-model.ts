// A tiny embedding model folder for tests: a WordPiece tokenizer.json and a model.onnx whose one node is
// a Gather of an embedding table by input_ids, giving `last_hidden_state` [batch, seq, dim] the way a
// transformer export does. The ONNX protobuf is written by hand (the few fields of onnx.proto it needs).
// Words of one topic get vectors near the topic's direction, so texts of one topic embed close together.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type TinyModelOptions = {
  /** Topic -> its words; each topic is one direction of the vector space. */
  topics?: Record<string, string[]>;
  /** Write config.json with hidden_size (real exports have it); without it the size is learnt on first use. */
  config?: boolean;
  /** Declare attention_mask as a model input too (BERT exports do). */
  attentionMaskInput?: boolean;
  /** Longest input in tokens (tokenizer_config.json's model_max_length). */
  maxTokens?: number;
};

export const tinyTopics: Record<string, string[]> = {
  price: ['price', 'cost', 'tariff', 'plan', 'pay', 'invoice'],
  delivery: ['delivery', 'shipping', 'courier', 'parcel', 'address', 'track'],
  support: ['error', 'bug', 'crash', 'login', 'password', 'reset'],
};
const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];

/** Writes the folder and returns its vocabulary size and vector size. */
export function writeTinyOnnxModel(
  dir: string,
  options: TinyModelOptions = {},
): { vocab: number; dims: number } {
  const topics = options.topics ?? tinyTopics;
  const names = Object.keys(topics);
  const dims = names.length + 2;
  const words = [...specials, ...names.flatMap((name) => topics[name]!), 'the', 'of', 'a', 'my', 'is'];
  const table: number[] = [];
  words.forEach((word, id) => {
    const row = new Array<number>(dims).fill(0);
    const topic = names.findIndex((name) => topics[name]!.includes(word));
    if (word === '[PAD]')
      row.fill(50); // pooled in by mistake, it would swamp every vector
    else if (topic >= 0) {
      row[topic] = 1;
      row[names.length + (id % 2)] = 0.1 * ((id % 5) + 1);
    } else row[names.length + (id % 2)] = 0.3; // specials and function words: off the topics' axes
    table.push(...row);
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'model.onnx'),
    modelBytes(table, words.length, dims, options.attentionMaskInput ?? true),
  );
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(words)));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ model_max_length: options.maxTokens ?? 16, pad_token: '[PAD]' }),
  );
  if (options.config) writeFileSync(join(dir, 'config.json'), JSON.stringify({ hidden_size: dims }));
  return { vocab: words.length, dims };
}

function tokenizerJson(words: string[]) {
  return {
    version: '1.0',
    added_tokens: specials.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(words.map((word, id) => [word, id])),
    },
  };
}

// --- protobuf, the subset of onnx.proto used here ---
type Bytes = number[];
const varint = (value: number): Bytes => {
  const out: Bytes = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
};
const int = (field: number, value: number): Bytes => [...varint(field << 3), ...varint(value)];
const bytes = (field: number, value: Bytes | Uint8Array): Bytes => [
  ...varint((field << 3) | 2),
  ...varint(value.length),
  ...value,
];
const str = (field: number, value: string): Bytes => bytes(field, [...new TextEncoder().encode(value)]);

const FLOAT = 1;
const INT64 = 7;
/** ValueInfoProto: name, TypeProto.tensor_type { elem_type, shape { dim { dim_value | dim_param } } }. */
const valueInfo = (name: string, elemType: number, shape: (string | number)[]): Bytes => {
  const dims = shape.flatMap((dim) => bytes(1, typeof dim === 'number' ? int(1, dim) : str(2, dim)));
  return [...str(1, name), ...bytes(2, bytes(1, [...int(1, elemType), ...bytes(2, dims)]))];
};

function modelBytes(table: number[], vocab: number, dims: number, maskInput: boolean): Uint8Array {
  const raw = new Uint8Array(new Float32Array(table).buffer);
  const initializer = [
    ...int(1, vocab),
    ...int(1, dims),
    ...int(2, FLOAT),
    ...str(8, 'embeddings'),
    ...bytes(9, raw),
  ];
  const gather = [
    ...str(1, 'embeddings'),
    ...str(1, 'input_ids'),
    ...str(2, 'last_hidden_state'),
    ...str(3, 'lookup'),
    ...str(4, 'Gather'),
  ];
  const graph = [
    ...bytes(1, gather),
    ...str(2, 'tiny-embedder'),
    ...bytes(5, initializer),
    ...bytes(11, valueInfo('input_ids', INT64, ['batch', 'sequence'])),
    ...(maskInput ? bytes(11, valueInfo('attention_mask', INT64, ['batch', 'sequence'])) : []),
    ...bytes(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dims])),
  ];
  const opset = [...str(1, ''), ...int(2, 13)];
  return new Uint8Array([...int(1, 8), ...str(2, 'tiny-onnx-model'), ...bytes(7, graph), ...bytes(8, opset)]);
}
