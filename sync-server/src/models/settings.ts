// A team's model providers, kept server-side in the `app_channels` system database beside the
// channels' settings (`models:<teamId>`), keys sealed like bot tokens (AES-256-GCM, the team id and
// provider as authenticated data). The admin API validates input here and shows providers without
// their keys (`hasKey` only); the runtime unseals them into ProviderSpecs.
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import {
  gigachatScopes,
  providerKinds,
  providerPresets,
  type ProviderKind,
  type ProviderSpec,
} from '@app/shared/llm';
import type { Store } from '../context';
import { aadFor, seal, unseal, type Sealed } from '../settings/sealed';
import { modelProvidersDocId, readChannelSettingsDoc, saveChannelDoc } from '../settings/settings-docs';

const roles = ['supervisor', 'twin', 'scoring', 'answer', 'nurturing'] as const;

export type StoredProvider = {
  id: string;
  kind: ProviderKind;
  name: string;
  baseURL?: string;
  model: string;
  roleModels?: Partial<Record<(typeof roles)[number], string>>;
  embeddingsModel?: string;
  timeoutMs?: number;
  scope?: (typeof gigachatScopes)[number];
  authURL?: string;
  folderId?: string;
  keyType?: 'api-key' | 'iam-token';
  /** Extra CA certificates (PEM) the provider's TLS is checked against (GigaChat: the Russian CA). */
  caCert?: string;
  prices?: Record<string, { promptPerMTok: number; completionPerMTok: number }>;
  key?: Sealed;
  updatedAt: string;
};

export type ModelProvidersDoc = {
  _id: string;
  _rev?: string;
  type: 'model-providers';
  teamId: string;
  providers: StoredProvider[];
  /** The provider the team's knowledge is embedded with (unset or `local`: the server's default). */
  embeddingsProvider?: string;
  updatedAt: string;
  updatedBy: string;
};

/** Names of the built-in embedders in the team's embeddings choice (team-embeddings.ts): never a provider's id. */
export const LOCAL_EMBEDDINGS = 'local';
export const SERVER_MODEL_EMBEDDINGS = 'server-model';
/** `installed:<name>`: a model of the data folder (`npm run models -- add <name>`). */
export const INSTALLED_EMBEDDINGS = 'installed:';
/** Whether the choice is one of the server's own embedders (not a team provider's id). */
export const builtInEmbeddings = (choice: string) =>
  choice === SERVER_MODEL_EMBEDDINGS || choice.startsWith(INSTALLED_EMBEDDINGS);
const reservedProviderIds = [LOCAL_EMBEDDINGS, SERVER_MODEL_EMBEDDINGS];

export { modelProvidersDocId };

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(500);
const modelName = z.string().trim().min(1).max(200);
const pem = z
  .string()
  .max(64_000)
  .refine((v) => /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(v), {
    message: 'must be PEM text (-----BEGIN CERTIFICATE----- ...)',
  });

const fields = {
  kind: z.enum(providerKinds),
  name: z.string().trim().min(1).max(100).optional(),
  baseURL: httpUrl.optional(),
  /** The API key (GigaChat: the authorization key; YandexGPT: an API key or IAM token). Write-only. */
  apiKey: z.string().min(1).max(8_000).optional(),
  model: modelName.optional(),
  roleModels: z.partialRecord(z.enum(roles), modelName).optional(),
  embeddingsModel: modelName.optional(),
  timeoutMs: z.number().int().min(1_000).max(300_000).optional(),
  scope: z.enum(gigachatScopes).optional(),
  authURL: httpUrl.optional(),
  folderId: z
    .string()
    .trim()
    .regex(/^[a-z0-9]{1,50}$/, { message: 'must be a Yandex Cloud folder id (letters and digits)' })
    .optional(),
  keyType: z.enum(['api-key', 'iam-token']).optional(),
  caCert: pem.optional(),
  prices: z
    .record(
      modelName,
      z.strictObject({
        promptPerMTok: z.number().min(0).max(10_000),
        completionPerMTok: z.number().min(0).max(10_000),
      }),
    )
    .optional(),
};

/** `POST /model-providers`: an id of the admin's choosing (used by agent profiles). */
export const providerInput = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
        message: 'must be 1-40 of a-z, 0-9, _ or -, starting with a letter or digit',
      })
      .refine((id) => !reservedProviderIds.includes(id), {
        message: `must not be ${reservedProviderIds.map((id) => `'${id}'`).join(' or ')} (the built-in embedders' names)`,
      }),
    ...fields,
  })
  .superRefine(checkKind);
export type ProviderInput = z.infer<typeof providerInput>;

/** `PUT /model-providers/:id`: the whole provider again; a left-out key keeps the stored one. */
export const providerUpdate = z
  .strictObject({ ...fields, clearKey: z.boolean().optional() })
  .superRefine(checkKind);
export type ProviderUpdate = z.infer<typeof providerUpdate>;

function checkKind(
  v: { kind: ProviderKind; baseURL?: string | undefined; folderId?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.kind === 'openai-compatible' && !v.baseURL)
    ctx.addIssue({ code: 'custom', path: ['baseURL'], message: 'is required for an OpenAI-compatible URL' });
  if (v.kind === 'yandexgpt' && !v.folderId)
    ctx.addIssue({
      code: 'custom',
      path: ['folderId'],
      message: 'is required for YandexGPT (gpt://<folder>/<model>)',
    });
}

/** What the API shows of a provider: everything but the key. */
export function publicProvider(p: StoredProvider) {
  const { key, ...rest } = p;
  return { ...rest, hasKey: !!key };
}

export async function readModelProviders(store: Store, teamId: string): Promise<ModelProvidersDoc | null> {
  return readChannelSettingsDoc<ModelProvidersDoc>(store, modelProvidersDocId(teamId), teamId);
}

export async function saveModelProviders(store: Store, doc: ModelProvidersDoc): Promise<void> {
  await saveChannelDoc(store, doc);
}

const aad = (teamId: string, providerId: string) => aadFor(teamId, `models.${providerId}.key`);

/** The stored provider for this input: the key sealed, a left-out key kept from `previous`. */
export function storedProvider(
  key: Buffer,
  teamId: string,
  id: string,
  input: Omit<ProviderUpdate, 'clearKey'> & { clearKey?: boolean | undefined },
  previous: StoredProvider | undefined,
  at: string,
): StoredProvider {
  const preset = providerPresets[input.kind];
  const model = input.model ?? preset.model;
  if (!model) throw new DomainError('validation-failed', 'model: is required for this kind of provider');
  const sealedKey = input.apiKey
    ? seal(key, input.apiKey, aad(teamId, id))
    : input.clearKey
      ? undefined
      : previous?.key;
  if (preset.needsKey && !sealedKey)
    throw new DomainError(
      'validation-failed',
      `apiKey: ${preset.label} needs a key the first time it is set`,
    );
  const { apiKey: _apiKey, clearKey: _clearKey, name, ...rest } = input;
  return {
    ...rest,
    id,
    name: name ?? preset.label,
    model,
    ...(input.kind === 'gigachat' ? { scope: input.scope ?? 'GIGACHAT_API_PERS' } : {}),
    ...(input.kind === 'yandexgpt' ? { keyType: input.keyType ?? 'api-key' } : {}),
    ...(sealedKey ? { key: sealedKey } : {}),
    updatedAt: at,
  };
}

/** The runtime's view of a stored provider: its key in clear (never logged). */
export function specOf(key: Buffer, teamId: string, p: StoredProvider): ProviderSpec & { caCert?: string } {
  const { key: sealed, name: _name, updatedAt: _at, ...rest } = p;
  return { ...rest, ...(sealed ? { apiKey: unseal(key, sealed, aad(teamId, p.id)) } : {}) };
}
