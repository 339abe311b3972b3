// The admin API of a team's model providers and usage (admins only: the access table's
// `model_providers` row):
// - `GET /model-providers`: the providers without keys (`hasKey`), the presets, whether the server
//   has a default (LLM_*) that applies while the team has none;
// - `POST /model-providers`, `PUT /model-providers/:id`, `DELETE /model-providers/:id`;
// - `POST /model-providers/:id/test`: lists the models and runs a one-token chat; answers 200 with
//   what happened (a wrong key or an unreachable host is an answer, not an error);
// - a provider's URLs (its API root, GigaChat's OAuth) are checked against the server's outbound
//   policy when saved and when tested (400 for a private or special target the operator did not open
//   with OUTBOUND_ALLOW_PRIVATE), and every call goes through the guarded fetch (provider-fetch.ts);
// - `GET /usage?month=YYYY-MM`: tokens and cost of the month per model and conversation.
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { buildProvider, providerPresets, testConnection } from '@app/shared/llm';
import { secretPaths, settingsFields } from '@app/shared/settings';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { addNamedSettingsRoutes } from '../settings/routes';
import type { NamedSettingsSpec, SettingsContext } from '../settings/spec';
import type { SsrfPolicy } from '@app/shared/agents';
import { checkProviderTargets, teamProviderFetch } from './provider-fetch';
import {
  builtInEmbeddings,
  providerInput,
  providerUpdate,
  publicProvider,
  readModelProviders,
  saveModelProviders,
  specOf,
  storedProvider,
  modelProvidersDocId,
  type StoredProvider,
} from './settings';
import type { UsageMeters } from './usage';

export type ModelRoutesDeps = {
  usage: UsageMeters;
  /** A team's providers changed (its runtime reads them again). */
  changed?: (teamId: string) => void;
  /** The server has default providers (LLM_*). */
  hasDefault: boolean;
  caCerts?: string;
  /** The outbound policy team-chosen URLs are checked against (../ops/outbound.ts). */
  policy: SsrfPolicy;
  /** Bound of the connection test's chat (default 20 s). */
  testTimeoutMs?: number;
};

const tag = 'model-providers';
const access = (op: 'read' | 'create' | 'update' | 'delete') => ({
  resource: 'model_providers' as const,
  op,
});
const idParam = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);

const providerView = z
  .object({ id: z.string(), kind: z.string(), name: z.string(), model: z.string(), hasKey: z.boolean() })
  .loose();
const listView = z.object({
  providers: z.array(providerView),
  presets: z.record(z.string(), z.unknown()),
  serverDefault: z.boolean(),
});
const stepView = z.object({ ok: z.boolean(), error: z.string().optional() }).loose();
const testView = z.object({ ok: z.boolean(), models: stepView, chat: stepView });
const totals = {
  promptTokens: z.number(),
  completionTokens: z.number(),
  costUsd: z.number(),
  calls: z.number(),
};
const usageView = z.object({
  month: z.string(),
  total: z.object(totals),
  byModel: z.array(z.object({ ...totals, provider: z.string(), model: z.string() })),
  byConversation: z.array(z.object({ ...totals, conversationId: z.string() })),
});

/** Model providers as a by-name settings spec (settings/spec.ts): entries of the team's one doc, keys sealed. */
function providersSpec(
  deps: ServerDeps,
  opts: ModelRoutesDeps,
): NamedSettingsSpec<StoredProvider, typeof providerInput> {
  const read = (teamId: string) => readModelProviders(deps.store, teamId);
  // The embeddings choice stays while its provider exists (removed: the server's default); a server's
  // own model is no provider of the list and stays.
  const write = async (ctx: SettingsContext, change: (list: StoredProvider[]) => StoredProvider[]) => {
    const current = await read(ctx.teamId);
    const providers = change(current?.providers ?? []);
    const embeddings = current?.embeddingsProvider;
    await saveModelProviders(deps.store, {
      _id: modelProvidersDocId(ctx.teamId),
      ...(current?._rev ? { _rev: current._rev } : {}),
      type: 'model-providers',
      teamId: ctx.teamId,
      providers,
      ...(embeddings && (builtInEmbeddings(embeddings) || providers.some((p) => p.id === embeddings))
        ? { embeddingsProvider: embeddings }
        : {}),
      updatedAt: ctx.at,
      updatedBy: ctx.userId,
    });
  };
  return {
    path: '/model-providers',
    param: 'id',
    tag,
    resource: 'model_providers',
    listKey: 'providers',
    summaries: {
      list: "The team's model providers (no keys) and the presets",
      create: 'Add a model provider (its key stored encrypted)',
      update: 'Change a model provider (a left-out key keeps the stored one)',
      delete: 'Remove a model provider and its key',
    },
    exists: (id) => `A model provider '${id}' exists already`,
    missing: (id) => `No model provider '${id}'`,
    input: providerInput,
    update: providerUpdate,
    // The key as given (the form's secret) and as stored, sealed.
    secrets: [...secretPaths(settingsFields.modelProvider), 'key'],
    view: providerView,
    viewOf: publicProvider,
    listAnswer: {
      response: listView,
      of: (providers) => ({ providers, presets: providerPresets, serverDefault: opts.hasDefault }),
    },
    storage: {
      save: (stored, ctx) =>
        write(ctx, (list) =>
          list.some((p) => p.id === stored.id)
            ? list.map((p) => (p.id === stored.id ? stored : p))
            : [...list, stored],
        ),
      remove: (stored, ctx) => write(ctx, (list) => list.filter((p) => p.id !== stored.id)),
    },
    list: async (ctx) => (await read(ctx.teamId))?.providers ?? [],
    read: async (id, ctx) => (await read(ctx.teamId))?.providers.find((p) => p.id === idOf(id)) ?? null,
    async build(input, previous, ctx) {
      if (!previous && ((await read(ctx.teamId))?.providers.length ?? 0) >= 20)
        throw new DomainError('validation-failed', 'A team keeps at most 20 model providers');
      await checkProviderTargets(input, opts.policy);
      const { id, ...rest } = input;
      return storedProvider(deps.encryptionKey, ctx.teamId, id, rest, previous ?? undefined, ctx.at);
    },
  };
}

/** A provider id of the path, or a 404 (no provider has such an id). */
function idOf(raw: unknown) {
  const id = idParam.safeParse(raw);
  if (!id.success) throw new DomainError('not-found', 'No such model provider');
  return id.data;
}

export function modelProviderRoutes(opts: ModelRoutesDeps) {
  return (router: Router, registry: RouteRegistry, deps: ServerDeps): void => {
    const read = (teamId: string) => readModelProviders(deps.store, teamId);
    addNamedSettingsRoutes(router, registry, providersSpec(deps, opts), { deps, changed: opts.changed });

    const testBody = z.strictObject({ model: z.string().trim().min(1).max(200).optional() });
    registry.add(
      router,
      {
        method: 'post',
        path: '/model-providers/:id/test',
        summary: 'Test a model provider: list its models and run a one-token chat',
        tag,
        access: access('update'),
        body: testBody,
        response: testView,
      },
      route(async (req, res) => {
        const auth = authOf(res);
        const id = idOf(req.params.id);
        const body = parse(testBody, req.body ?? {});
        const stored = (await read(auth.teamId))?.providers.find((p) => p.id === id);
        if (!stored) throw new DomainError('not-found', `No model provider '${id}'`);
        // Saved before the policy (or the operator's opening) changed: refused before any request.
        await checkProviderTargets(stored, opts.policy);
        let report;
        try {
          const spec = specOf(deps.encryptionKey, auth.teamId, stored);
          const fetch = teamProviderFetch(opts.policy, opts.caCerts, spec.caCert);
          const kit = buildProvider(spec, { fetch });
          report = await testConnection(kit, body.model ?? spec.model, {
            timeoutMs: opts.testTimeoutMs ?? 20_000,
          });
        } catch (err) {
          deps.log.warn({ err, provider: id }, 'model provider test could not run');
          const error = 'The stored key cannot be opened (the server key changed?): set the key again';
          report = { ok: false, models: { ok: false, error }, chat: { ok: false, error } };
        }
        res.json(report);
      }),
    );

    const usageQuery = z.object({
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be YYYY-MM' })
        .optional(),
    });
    registry.add(
      router,
      {
        method: 'get',
        path: '/usage',
        summary: "The team's model usage and cost this month (or ?month=YYYY-MM), per model and conversation",
        tag,
        access: access('read'),
        query: usageQuery,
        response: usageView,
      },
      route(async (req, res) => {
        const q = parse(usageQuery, req.query);
        res.json(await opts.usage.teamUsage(authOf(res).teamId, q.month));
      }),
    );
  };
}
