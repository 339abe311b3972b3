// A team's knowledge index whose embedder the team chooses (Settings: one of its model providers with
// an embeddings model, or the server's default). A new choice builds a second index beside the one
// answering (chunks whose stored vector is of the new model are not embedded again), and takes its
// place once it is complete; the old one stops embedding meanwhile, so the two never overwrite each
// other's stored vectors. A provider that cannot be reached when it is chosen (or at start): the index
// runs on full text, says so in `status()`, and the choice is tried again at the next `use`.
import type { EmbeddingProvider } from '@app/shared/embeddings';
import type { Logger } from 'pino';
import type { Store } from '../context';
import type { EmbeddingStatus } from './knowledge-embeddings';
import { startTeamKnowledge, type TeamKnowledge } from './team-knowledge';

export type KnowledgeEmbedderChoice = {
  /** Changes when the choice or the chosen provider's settings change. */
  key: string;
  /** The team's provider id (`local`: the server's default) and its embeddings model. */
  provider: string;
  model: string;
  /** The embedder, its vector size known; throws when the provider cannot be reached. */
  make(): Promise<EmbeddingProvider>;
};

export type KnowledgeState = 'starting' | 'ready' | 'switching' | 'unavailable';

export type KnowledgeEmbeddingStatus = EmbeddingStatus & {
  chosen: { provider: string; model: string };
  state: KnowledgeState;
  /** The index being built for a new choice (its progress: `current` of `chunks`). */
  switching?: EmbeddingStatus;
  /** Why the chosen provider is not used (state `unavailable`). */
  unavailable?: { at: string; message: string };
};

export type SwitchableKnowledge = Omit<TeamKnowledge, 'status' | 'retire'> & {
  /** Uses this choice (nothing to do when it is the current one and working). */
  use(choice: KnowledgeEmbedderChoice): Promise<void>;
  status(): KnowledgeEmbeddingStatus;
};

const empty: EmbeddingStatus = {
  provider: 'none',
  model: '',
  chunks: 0,
  current: 0,
  byModel: [],
  pending: 0,
  queryFallbacks: 0,
};

type Options = {
  store: Store;
  teamId: string;
  log: Logger;
  queryTimeoutMs?: number;
  retryMs?: number;
};

export function startSwitchableKnowledge(
  opts: Options,
  initial: Promise<KnowledgeEmbedderChoice>,
): SwitchableKnowledge {
  let chosen = { provider: 'local', model: '' };
  let key = '';
  let state: KnowledgeState = 'starting';
  let unavailable: KnowledgeEmbeddingStatus['unavailable'];
  let next: TeamKnowledge | undefined;
  /** The index answering (once started). */
  let settled: TeamKnowledge | undefined;
  let closed = false;

  const start = (embedder: EmbeddingProvider | null) =>
    startTeamKnowledge({
      store: opts.store,
      teamId: opts.teamId,
      log: opts.log,
      embedder,
      ...(opts.queryTimeoutMs ? { queryTimeoutMs: opts.queryTimeoutMs } : {}),
      ...(opts.retryMs ? { retryMs: opts.retryMs } : {}),
    });

  /** The choice's embedder, or undefined (logged, shown) when its provider does not answer. */
  async function embedderOf(choice: KnowledgeEmbedderChoice): Promise<EmbeddingProvider | undefined> {
    try {
      const embedder = await choice.make();
      unavailable = undefined;
      return embedder;
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 300);
      unavailable = { at: new Date().toISOString(), message };
      opts.log.warn(
        { err, teamId: opts.teamId, provider: choice.provider, model: choice.model },
        'the chosen embeddings provider does not answer: knowledge is searched by full text',
      );
      return undefined;
    }
  }

  async function first(): Promise<TeamKnowledge> {
    const choice = await initial;
    chosen = { provider: choice.provider, model: choice.model };
    key = choice.key;
    const embedder = await embedderOf(choice);
    const knowledge = start(embedder ?? null);
    settled = knowledge;
    await knowledge.ready;
    state = embedder ? 'ready' : 'unavailable';
    return knowledge;
  }

  let current: Promise<TeamKnowledge> = first();
  const ready = current.then(() => undefined);
  let queue: Promise<void> = ready.catch(() => undefined);

  async function switchTo(choice: KnowledgeEmbedderChoice): Promise<void> {
    if (closed || (choice.key === key && state !== 'unavailable')) return;
    chosen = { provider: choice.provider, model: choice.model };
    key = choice.key;
    const old = await current;
    const embedder = await embedderOf(choice);
    if (!embedder) {
      // The old index keeps answering (its vectors, or full text), marked as not the chosen one.
      state = 'unavailable';
      return;
    }
    state = 'switching';
    old.retire();
    next = start(embedder);
    opts.log.info(
      { teamId: opts.teamId, provider: choice.provider, model: choice.model },
      'knowledge embeddings provider changed: building the index',
    );
    await next.ready;
    const built = next;
    next = undefined;
    current = Promise.resolve(built);
    settled = built;
    state = 'ready';
    await old.close();
    if (closed) await built.close();
  }

  return {
    get size() {
      return settled?.size ?? 0;
    },
    ready,
    vectorOf: (chunkId) => settled?.vectorOf(chunkId),
    use(choice) {
      queue = queue
        .then(() => switchTo(choice))
        .catch((err: unknown) => {
          state = 'unavailable';
          opts.log.warn({ err, teamId: opts.teamId }, 'switching the knowledge embeddings failed');
        });
      return queue;
    },
    status() {
      return {
        ...(settled?.status() ?? empty),
        chosen,
        state,
        ...(next ? { switching: next.status() } : {}),
        ...(unavailable ? { unavailable } : {}),
      };
    },
    probe: async (query, limit) => (await current).probe(query, limit),
    search: async (query, options) => (await current).search(query, options),
    async close() {
      closed = true;
      await next?.close();
      // An index that never started (its databases went away meanwhile) has nothing to close.
      await current.then(
        (k) => k.close(),
        () => undefined,
      );
    },
  };
}
