// The semantic search models `npm run models -- add <name>` knows: a Hugging Face repository at a pinned
// revision (a commit sha, never a branch) and the files the ONNX embedder reads, each with its size and
// SHA-256, checked after the download. A value not known yet is `null`: such a model is refused by
// `add` until `npm run models -- pin <name>` (run on a machine that reaches the hub) has printed the
// real values and they are filled in here. An operator may add models of their own with a JSON file of
// the same shape (`--registry <file>` or MODELS_REGISTRY).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex digits' });

export const registryFile = z.strictObject({
  /** The path in the repository, kept as the path in the model folder (`onnx/model.onnx`). */
  path: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, { message: 'must be a relative path' })
    .refine((p) => !p.split('/').includes('..'), { message: 'must not leave the folder' }),
  size: z.number().int().positive().nullable(),
  sha256: sha256.nullable(),
});

export const registryModel = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: 'must be 1-64 of a-z, 0-9, ., _ or -, starting with a letter or digit',
  }),
  /** `owner/name` on the hub. */
  repo: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/),
  /** The commit sha the files are taken at (`null`: not pinned yet). */
  revision: z
    .string()
    .regex(/^[0-9a-f]{40}$/, { message: 'must be a 40-digit commit sha' })
    .nullable(),
  description: z.string().max(300),
  license: z.string().max(50),
  files: z.array(registryFile).min(1).max(20),
});

export type RegistryFile = z.infer<typeof registryFile>;
export type RegistryModel = z.infer<typeof registryModel>;
export type PinnedFile = { path: string; size: number; sha256: string };
export type PinnedModel = Omit<RegistryModel, 'revision' | 'files'> & {
  revision: string;
  files: PinnedFile[];
};

export const builtInModels: readonly RegistryModel[] = [
  {
    name: 'multilingual-e5-small',
    repo: 'intfloat/multilingual-e5-small',
    // Not known here (no access to the hub where this was written): fill with `models pin`.
    revision: null,
    description: 'Multilingual E5 small: 100 languages incl. Russian and English, 384 dims, 512 tokens',
    license: 'MIT',
    files: [
      { path: 'onnx/model.onnx', size: null, sha256: null },
      { path: 'tokenizer.json', size: null, sha256: null },
      { path: 'tokenizer_config.json', size: null, sha256: null },
      { path: 'config.json', size: null, sha256: null },
    ],
  },
];

/** The built-in models, then those of an operator's file (a name there replaces a built-in one). */
export function loadRegistry(extraFile?: string): RegistryModel[] {
  const extra = extraFile ? readRegistryFile(extraFile) : [];
  const names = new Set(extra.map((m) => m.name));
  return [...builtInModels.filter((m) => !names.has(m.name)), ...extra];
}

function readRegistryFile(path: string): RegistryModel[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`registry ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = z.array(registryModel).max(100).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`registry ${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The model with every value pinned, or the sentence saying what is missing. */
export function pinnedOf(model: RegistryModel): PinnedModel | string {
  const missing = [
    ...(model.revision ? [] : ['revision']),
    ...model.files.flatMap((f) => [
      ...(f.size === null ? [`${f.path} size`] : []),
      ...(f.sha256 === null ? [`${f.path} sha256`] : []),
    ]),
  ];
  if (missing.length)
    return (
      `${model.name}: the registry does not pin ${missing.join(', ')} yet, so its files cannot be checked. ` +
      `On a machine that reaches the hub run \`npm run models -- pin ${model.name}\` and put the values it ` +
      'prints in sync-server/src/models/installed/registry.ts (or in your --registry file).'
    );
  return model as PinnedModel;
}
