// The admin API of a team's knowledge embeddings (the access table's `model_providers` row, like the
// providers themselves):
// - `GET /embeddings`: the choice (`local`: the server's default, or a provider id), the providers
//   that can be chosen (those with an embeddings model), and the index's status in this process: the
//   model answering, how many chunks carry its vectors (and of which other models), chunks waiting
//   for a retry, questions answered by full text because the provider failed, the last failure;
// - `PUT /embeddings` `{providerId}`: a provider of the team with an embeddings model, `local`,
//   `server-model` (the server's local semantic model, offered only when EMBEDDINGS_MODEL_DIR is set),
//   or `installed:<name>` (a model of the data folder, `npm run models -- add <name>`);
// - `GET /embeddings/search?q=`: what a question finds in the team's knowledge, and how (`hybrid`, or
//   `fulltext` when the provider failed it or none is working).
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import type { KnowledgeEmbeddingStatus, SwitchableKnowledge } from '../knowledge/team-knowledge-switch';
import type { ServerModels } from './installed/server-models';
import { modelProvidersDocId, readModelProviders, saveModelProviders } from './settings';
import {
  chosenProvider,
  INSTALLED_EMBEDDINGS,
  LOCAL_EMBEDDINGS,
  SERVER_MODEL_EMBEDDINGS,
} from './team-embeddings';

export type EmbeddingsRoutesDeps = {
  /** The team's knowledge index in this process (none: the runtime is off or the team not started). */
  knowledgeFor(teamId: string): Pick<SwitchableKnowledge, 'status' | 'probe'> | undefined;
  /** The team's choice changed (its index switches now). */
  changed?: (teamId: string) => void;
  /** The server's local semantic model (EMBEDDINGS_MODEL_DIR): offered as `server-model`. */
  serverModel?: { model: string };
  /** The models of the data folder: each offered as `installed:<name>`. */
  installed?: Pick<ServerModels, 'list'>;
};

const tag = 'model-providers';
const access = (op: 'read' | 'update') => ({ resource: 'model_providers' as const, op });

/** `PUT /embeddings` (its field: @app/shared/settings `embeddings`). */
export const choiceBody = z.strictObject({
  providerId: z.string().regex(/^([a-z0-9][a-z0-9_-]{0,39}|installed:[a-z0-9][a-z0-9._-]{0,63})$/, {
    message: "must be a provider id, 'local', 'server-model' or 'installed:<model name>'",
  }),
});
const searchQuery = z.object({
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(20).optional(),
});
const modelCount = z.object({ provider: z.string(), model: z.string(), chunks: z.number() });
const indexStatus = z
  .object({
    provider: z.string(),
    model: z.string(),
    chunks: z.number(),
    current: z.number(),
    byModel: z.array(modelCount),
    pending: z.number(),
    queryFallbacks: z.number(),
  })
  .loose();
const view = z.object({
  providerId: z.string(),
  choices: z.array(z.object({ id: z.string(), name: z.string(), model: z.string() })),
  status: indexStatus.nullable(),
});
const searchView = z.object({
  mode: z.enum(['hybrid', 'fulltext']),
  hits: z.array(
    z.object({ chunkId: z.string(), sourceId: z.string(), title: z.string(), score: z.number() }),
  ),
});

/** Refuses a choice the server or the team cannot embed with (a 422 saying why). */
function assertChoosable(
  opts: EmbeddingsRoutesDeps,
  providers: { id: string; embeddingsModel?: string | undefined }[],
  providerId: string,
): void {
  if (providerId === SERVER_MODEL_EMBEDDINGS && !opts.serverModel) {
    throw new DomainError(
      'validation-failed',
      'providerId: this server has no local semantic model (EMBEDDINGS_MODEL_DIR is not set)',
    );
  } else if (providerId.startsWith(INSTALLED_EMBEDDINGS)) {
    const name = providerId.slice(INSTALLED_EMBEDDINGS.length);
    if (!opts.installed?.list().some((m) => m.name === name))
      throw new DomainError(
        'validation-failed',
        `providerId: no model '${name}' is installed on this server (npm run models -- add ${name})`,
      );
  } else if (providerId !== LOCAL_EMBEDDINGS && providerId !== SERVER_MODEL_EMBEDDINGS) {
    const p = providers.find((x) => x.id === providerId);
    if (!p)
      throw new DomainError('validation-failed', `providerId: the team has no provider '${providerId}'`);
    if (!p.embeddingsModel)
      throw new DomainError(
        'validation-failed',
        `providerId: '${providerId}' has no embeddings model (set one on the provider first)`,
      );
  }
}

export function embeddingsRoutes(opts: EmbeddingsRoutesDeps) {
  return (router: Router, registry: RouteRegistry, deps: ServerDeps): void => {
    const viewOf = async (teamId: string) => {
      const doc = await readModelProviders(deps.store, teamId);
      const providers = doc?.providers ?? [];
      const chosen = chosenProvider(providers, doc?.embeddingsProvider);
      const status: KnowledgeEmbeddingStatus | undefined = opts.knowledgeFor(teamId)?.status();
      const server = opts.serverModel;
      const choice = doc?.embeddingsProvider ?? LOCAL_EMBEDDINGS;
      const onServer = !!server && choice === SERVER_MODEL_EMBEDDINGS;
      const installed = opts.installed?.list() ?? [];
      // A model removed since it was chosen stays the choice (the index says it is unavailable).
      const onInstalled = !!opts.installed && choice.startsWith(INSTALLED_EMBEDDINGS);
      return {
        providerId: onServer || onInstalled ? choice : (chosen?.id ?? LOCAL_EMBEDDINGS),
        choices: [
          ...(server
            ? [{ id: SERVER_MODEL_EMBEDDINGS, name: SERVER_MODEL_EMBEDDINGS, model: server.model }]
            : []),
          ...installed.map((m) => ({ id: `${INSTALLED_EMBEDDINGS}${m.name}`, name: m.name, model: m.model })),
          ...providers.flatMap((p) =>
            p.embeddingsModel ? [{ id: p.id, name: p.name, model: p.embeddingsModel }] : [],
          ),
        ],
        status: status ?? null,
      };
    };

    registry.add(
      router,
      {
        method: 'get',
        path: '/embeddings',
        summary: "The team's knowledge embeddings: the chosen provider and the index's progress",
        tag,
        access: access('read'),
        response: view,
      },
      route(async (_req, res) => {
        res.json(await viewOf(authOf(res).teamId));
      }),
    );

    registry.add(
      router,
      {
        method: 'put',
        path: '/embeddings',
        summary: "Choose the provider the team's knowledge is embedded with ('local': the server's default)",
        tag,
        access: access('update'),
        body: choiceBody,
        response: view,
      },
      route(async (req, res) => {
        const auth = authOf(res);
        const { providerId } = parse(choiceBody, req.body);
        const current = await readModelProviders(deps.store, auth.teamId);
        const providers = current?.providers ?? [];
        assertChoosable(opts, providers, providerId);
        const at = deps.now().toISOString();
        const { embeddingsProvider: _old, ...rest } = current ?? {
          _id: modelProvidersDocId(auth.teamId),
          type: 'model-providers' as const,
          teamId: auth.teamId,
          providers: [],
        };
        await saveModelProviders(deps.store, {
          ...rest,
          ...(providerId === LOCAL_EMBEDDINGS ? {} : { embeddingsProvider: providerId }),
          updatedAt: at,
          updatedBy: auth.userId,
        });
        opts.changed?.(auth.teamId);
        res.json(await viewOf(auth.teamId));
      }),
    );

    registry.add(
      router,
      {
        method: 'get',
        path: '/embeddings/search',
        summary: "What a question finds in the team's knowledge, and whether by vectors or full text",
        tag,
        access: access('read'),
        query: searchQuery,
        response: searchView,
      },
      route(async (req, res) => {
        const q = parse(searchQuery, req.query);
        const knowledge = opts.knowledgeFor(authOf(res).teamId);
        if (!knowledge)
          throw new DomainError(
            'not-found',
            "The team's knowledge index is not running in this server process",
          );
        res.json(await knowledge.probe(q.q, q.limit ?? 5));
      }),
    );
  };
}
