// Which embedder a team's knowledge index uses: the provider the admin chose in Settings
// (`embeddingsProvider` on the team's `models:<teamId>` doc: one of the team's own providers with an
// embeddings model), else the server's default (EMBEDDINGS_*, or the local embedder). The embedder is
// built from that team's provider alone (its key unsealed with that team's id: one team's provider
// never serves another), its vectors recorded as `team:<provider id>` and its tokens counted in the
// team's usage, priced by the provider's price table. A server with a local model folder
// (EMBEDDINGS_MODEL_DIR) also offers that model (`server-model`), and each model of its data folder
// (`npm run models -- add <name>`) as `installed:<name>`, one copy of each shared by its teams.
import type { EmbeddingProvider } from '@app/shared/embeddings';
import { buildProvider, costOf } from '@app/shared/llm';
import type { Logger } from 'pino';
import type { Store } from '../context';
import type { KnowledgeEmbedderChoice } from '../knowledge/team-knowledge-switch';
import type { SsrfPolicy } from '@app/shared/agents';
import type { ServerModels } from './installed/server-models';
import { teamProviderFetch } from './provider-fetch';
import {
  INSTALLED_EMBEDDINGS,
  LOCAL_EMBEDDINGS,
  SERVER_MODEL_EMBEDDINGS,
  readModelProviders,
  specOf,
  type StoredProvider,
} from './settings';
import type { UsageMeters } from './usage';

/** The choice values meaning the server's default embedder and its local model (EMBEDDINGS_MODEL_DIR). */
export { INSTALLED_EMBEDDINGS, LOCAL_EMBEDDINGS, SERVER_MODEL_EMBEDDINGS } from './settings';

export type TeamEmbeddingsDeps = {
  store: Store;
  encryptionKey: Buffer;
  log: Logger;
  usage: UsageMeters;
  caCerts?: string;
  /** The outbound policy a team's providers are called under. */
  policy: SsrfPolicy;
  /** The server's local model (EMBEDDINGS_MODEL_DIR); none: not offered. */
  serverModel?: EmbeddingProvider;
  /** The models of the data folder (`installed:<name>`); none: not offered. */
  installed?: Pick<ServerModels, 'embedderFor'>;
};

/** The vector provider id recorded on chunks embedded by a team's provider. */
export const teamEmbedderId = (providerId: string) => `team:${providerId}`;

/** The chosen provider of the doc, when it still exists and has an embeddings model. */
export function chosenProvider(
  providers: readonly StoredProvider[],
  providerId: string | undefined,
): StoredProvider | undefined {
  if (!providerId || providerId === LOCAL_EMBEDDINGS) return undefined;
  return providers.find((p) => p.id === providerId && p.embeddingsModel);
}

export function createTeamEmbeddings(deps: TeamEmbeddingsDeps) {
  function embedderFor(teamId: string, stored: StoredProvider): EmbeddingProvider {
    const spec = specOf(deps.encryptionKey, teamId, stored);
    const fetch = teamProviderFetch(deps.policy, deps.caCerts, spec.caCert);
    const model = stored.embeddingsModel!;
    const inner = buildProvider(spec, { fetch }).embedder(model, {
      onUsage: (tokens) =>
        deps.usage.meterFor(teamId).record({
          provider: stored.id,
          model,
          usage: costOf(stored.prices ?? {}, model, tokens, 0),
        }),
    })!;
    return {
      id: teamEmbedderId(stored.id),
      model: inner.model,
      get dims() {
        return inner.dims;
      },
      embed: (texts, options) => inner.embed(texts, options),
    };
  }

  return {
    /** The team's choice now; none, or its settings unreadable (logged): `fallback`, the server's. */
    async choiceFor(teamId: string, fallback: KnowledgeEmbedderChoice): Promise<KnowledgeEmbedderChoice> {
      let doc;
      try {
        doc = await readModelProviders(deps.store, teamId);
      } catch (err) {
        deps.log.warn({ err, teamId }, 'reading the team embeddings choice failed: the default is used');
        return fallback;
      }
      const serverModel = deps.serverModel;
      if (doc?.embeddingsProvider === SERVER_MODEL_EMBEDDINGS && serverModel) {
        return {
          key: `${SERVER_MODEL_EMBEDDINGS}:${serverModel.model}`,
          provider: SERVER_MODEL_EMBEDDINGS,
          model: serverModel.model,
          async make() {
            // Loads the model (once for all teams) and learns its size when config.json did not say.
            if (!serverModel.dims) await serverModel.embed(['dimension probe'], { kind: 'query' });
            return serverModel;
          },
        };
      }
      const choice = doc?.embeddingsProvider;
      if (choice?.startsWith(INSTALLED_EMBEDDINGS) && deps.installed)
        return installedChoice(deps.installed, choice.slice(INSTALLED_EMBEDDINGS.length));
      const stored = chosenProvider(doc?.providers ?? [], doc?.embeddingsProvider);
      if (!stored) return fallback;
      return {
        key: `team:${stored.id}:${stored.updatedAt}`,
        provider: stored.id,
        model: stored.embeddingsModel!,
        async make() {
          const embedder = embedderFor(teamId, stored);
          // The vector size: asked once (the index is built for it).
          if (!embedder.dims)
            await embedder.embed(['dimension probe'], { kind: 'query', signal: AbortSignal.timeout(10_000) });
          return embedder;
        },
      };
    },
  };
}

/**
 * A model of the data folder; one removed since it was chosen makes the index say so and answer by full
 * text (its `make` fails) until it is added again or another is chosen.
 */
function installedChoice(
  installed: Pick<ServerModels, 'embedderFor'>,
  name: string,
): KnowledgeEmbedderChoice {
  const found = installed.embedderFor(name);
  return {
    key: `${INSTALLED_EMBEDDINGS}${name}:${found?.installedAt ?? 'missing'}`,
    provider: `${INSTALLED_EMBEDDINGS}${name}`,
    model: found?.embedder.model ?? name,
    async make() {
      if (!found)
        throw new Error(
          `the model '${name}' is not installed on this server (npm run models -- add ${name})`,
        );
      // Loads the model (once for all teams) and learns its size when config.json did not say.
      if (!found.embedder.dims) await found.embedder.embed(['dimension probe'], { kind: 'query' });
      return found.embedder;
    },
  };
}

export type TeamEmbeddings = ReturnType<typeof createTeamEmbeddings>;
