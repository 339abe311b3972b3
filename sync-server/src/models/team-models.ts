// Each team's LLM, built from the team's own model providers (Settings, `models:<teamId>`), or from
// the server's default (LLM_*) when the team has none: a team's settings replace the default, and one
// team's providers, keys and budget never serve another team. Only a plan of `operatorModelPlans`
// (Pro, Business, Unlimited: their replies are counted against the plan) falls back to the operator's LLM_*;
// a Free team without providers of its own is answered by the offline provider (issue 60: a
// self-registered Free team used the operator's model). Settings are read again at most every few
// seconds (a change made through another process) and at once after a change through this one. In a
// process whose runtime follows app_channels (headless.ts: `followed`), a change through any process
// is told at once, and the settings doc is read again only then and every minute as a net (issue 65:
// each process read it every 5 s while it answered); the plan is still looked at every few seconds.
import { salesClassifier } from '@app/shared/agents';
import { operatorModelPlans, type PlanId } from '@app/shared/billing';
import {
  buildProvider,
  createLlmClient,
  createOfflineProvider,
  createOpenAiProvider,
  createTeamLlm,
  createUsageLedger,
  type LlmClient,
  type LlmConfig,
  type LlmProvider,
} from '@app/shared/llm';
import type { Logger } from 'pino';
import type { Store } from '../context';
import type { SsrfPolicy } from '@app/shared/agents';
import { fetchTrusting, teamProviderFetch } from './provider-fetch';
import { readModelProviders, specOf, type ModelProvidersDoc } from './settings';
import type { UsageMeters } from './usage';

/** The team's plan as the agents read it (billing/policy.ts `recentPlanOf`). */
export type ModelPlans = {
  recentPlanOf(teamId: string): Promise<{ plan: PlanId }>;
};

export type TeamModels = {
  /** The team's client (cheap: one per team, its providers rebuilt when the settings change). */
  llmFor(teamId: string): LlmClient;
  /** The team's settings changed (through this process): read them before the next call. */
  changed(teamId: string): void;
  /** The plans (set once billing is open): only `operatorModelPlans` fall back to LLM_*. */
  plans?: ModelPlans;
  /**
   * From now on a change of any team's settings, through any process, is told through `changed`
   * (the runtime follows app_channels): a settings doc read is kept until then (a minute at most).
   */
  followed?(): void;
};

export type TeamModelsDeps = {
  store: Store;
  encryptionKey: Buffer;
  log: Logger;
  /** The server's default providers (LLM_*), for teams without providers of their own. */
  defaults: LlmConfig;
  /** Extra CA certificates (LLM_CA_CERTS) trusted for every provider. */
  caCerts?: string;
  /** The outbound policy a team's providers are called under (the defaults are the operator's). */
  policy: SsrfPolicy;
  usage: UsageMeters;
  /** How long read settings are trusted (default 5 s). */
  ttlMs?: number;
  /** Once `followed`, how long a read settings doc is kept when no change is told (default a minute). */
  followedTtlMs?: number;
};

type Built = { key: string; llm: LlmClient };
/** A settings doc as read, and when (`changes`: the team's count of changes told when it was read). */
type ReadDoc = { doc: ModelProvidersDoc | null; at: number; changes: number };
type Team = { built?: Built; readAt: number; reading?: Promise<Built>; doc?: ReadDoc; changes: number };

/** The team's own providers as clients; one whose key does not open is left out (and logged). */
function teamProviders(
  deps: TeamModelsDeps,
  teamId: string,
  own: NonNullable<ModelProvidersDoc['providers']>,
): LlmProvider[] {
  return own.flatMap((stored) => {
    try {
      const spec = specOf(deps.encryptionKey, teamId, stored);
      const fetch = teamProviderFetch(deps.policy, deps.caCerts, spec.caCert);
      return [buildProvider(spec, { fetch }).provider];
    } catch (err) {
      deps.log.warn(
        { err, teamId, provider: stored.id },
        'model provider cannot be used (its key does not open)',
      );
      return [];
    }
  });
}

export function createTeamModels(deps: TeamModelsDeps): TeamModels {
  const teams = new Map<string, Team>();
  const ttl = deps.ttlMs ?? 5_000;
  let followedTtl: number | undefined;
  const teamOf = (teamId: string): Team => {
    let team = teams.get(teamId);
    if (!team) teams.set(teamId, (team = { readAt: 0, changes: 0 }));
    return team;
  };

  /** The team's settings doc: as read before while no change was told since (once followed), else read now. */
  async function settingsDoc(teamId: string): Promise<ModelProvidersDoc | null> {
    const team = teamOf(teamId);
    const kept = team.doc;
    if (
      followedTtl !== undefined &&
      kept &&
      kept.changes === team.changes &&
      Date.now() - kept.at < followedTtl
    )
      return kept.doc;
    const changes = team.changes;
    const doc = await readModelProviders(deps.store, teamId);
    // A change told while it was read: the next call reads again.
    if (changes === team.changes) team.doc = { doc, at: Date.now(), changes };
    return doc;
  }
  // Trained on the first message routed, not at the server's start (0.4 s of CPU).
  const offline = createOfflineProvider({ classifier: salesClassifier });

  function assemble(teamId: string, providers: LlmProvider[], key: string): Built {
    const log = deps.log.child({ teamId });
    // One ledger per team: every chain's client and the offline one add to it.
    const ledger = createUsageLedger();
    const byId = new Map(providers.map((p) => [p.id, p]));
    const llm = createTeamLlm({
      providerIds: providers.map((p) => p.id),
      clientFor: (order) =>
        createLlmClient({ providers: order.map((id) => byId.get(id)!), offline, ledger, log }),
      offline: createLlmClient({ providers: [], offline, ledger, log }),
      meter: deps.usage.meterFor(teamId),
      onBudgetReached: (info) => log.warn(info, 'monthly model budget reached: the offline provider answers'),
    });
    return { key, llm };
  }

  /** The operator's models serve the plans of `operatorModelPlans` (all teams while billing is off). */
  async function mayUseServerModels(teamId: string): Promise<boolean> {
    if (!deps.defaults.providers.length || !models.plans) return true;
    return operatorModelPlans.includes((await models.plans.recentPlanOf(teamId)).plan);
  }

  async function build(teamId: string): Promise<Built> {
    const doc = await settingsDoc(teamId);
    const own = doc?.providers ?? [];
    const servers = own.length ? false : await mayUseServerModels(teamId);
    const key = doc && own.length ? `team:${doc._rev}` : servers ? 'default' : 'offline';
    const team = teams.get(teamId);
    if (team?.built?.key === key) return team.built;
    if (!own.length && !servers) return assemble(teamId, [], key);
    if (!own.length) {
      const fetch = fetchTrusting(deps.caCerts);
      return assemble(
        teamId,
        deps.defaults.providers.map((p) => createOpenAiProvider({ ...p, ...(fetch ? { fetch } : {}) })),
        key,
      );
    }
    return assemble(teamId, teamProviders(deps, teamId, own), key);
  }

  async function current(teamId: string): Promise<LlmClient> {
    const team = teamOf(teamId);
    if (team.built && Date.now() - team.readAt < ttl) return team.built.llm;
    const t = team;
    t.reading ??= build(teamId)
      .then((built) => {
        t.built = built;
        t.readAt = Date.now();
        return built;
      })
      .catch((err: unknown) => {
        // Settings unreadable now: keep what was built, else the offline provider answers.
        deps.log.warn({ err, teamId }, 'reading the team model providers failed');
        return t.built ?? assemble(teamId, [], 'unreadable');
      })
      .finally(() => (t.reading = undefined));
    return (await t.reading).llm;
  }

  const clients = new Map<string, LlmClient>();
  const models: TeamModels = {
    llmFor(teamId) {
      let client = clients.get(teamId);
      if (!client) {
        client = {
          get offlineOnly() {
            return teams.get(teamId)?.built?.llm.offlineOnly ?? false;
          },
          chat: async (role, request, options) => (await current(teamId)).chat(role, request, options),
          usage: (conversationId) =>
            teams.get(teamId)?.built?.llm.usage(conversationId) ?? createUsageLedger().get(conversationId),
        };
        clients.set(teamId, client);
      }
      return client;
    },
    changed(teamId) {
      const team = teams.get(teamId);
      if (!team) return;
      team.readAt = 0;
      team.changes++;
      team.doc = undefined;
    },
    followed() {
      // What was read before the runtime followed the database is not kept (a change may be missed).
      for (const team of teams.values()) team.doc = undefined;
      followedTtl = deps.followedTtlMs ?? 60_000;
    },
  };
  return models;
}
