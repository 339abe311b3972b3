// Model usage per team, month, conversation and model: each server process counts its own calls in
// memory and writes them to its own doc in `app_runtime` (`usage:<team>:<month>:<instance>`, so
// processes never write the same doc), every few seconds. A team's month is the sum over the
// processes' docs: the budget check, GET /api/v1/usage and every process agree within a flush.
import type { UsageEvent, UsageMeter } from '@app/shared/llm';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { systemDocs } from '../store/data';

export type UsageTotals = { promptTokens: number; completionTokens: number; costUsd: number; calls: number };

type UsageDoc = {
  _id: string;
  _rev?: string;
  type: 'llm-usage';
  teamId: string;
  month: string;
  instanceId: string;
  total: UsageTotals;
  /** By `<provider>/<model>`. */
  byModel: Record<string, UsageTotals & { provider: string; model: string }>;
  byConversation: Record<string, UsageTotals>;
  updatedAt: string;
};

export type TeamUsage = {
  month: string;
  total: UsageTotals;
  byModel: Array<UsageTotals & { provider: string; model: string }>;
  byConversation: Array<UsageTotals & { conversationId: string }>;
};

export type UsageMeters = {
  meterFor(teamId: string): UsageMeter;
  /** The team's month over every process (this one's counts as they are now). */
  teamUsage(teamId: string, month?: string): Promise<TeamUsage>;
  flush(): Promise<void>;
  close(): Promise<void>;
};

/** Conversations kept per doc (the most expensive stay). */
const MAX_CONVERSATIONS = 2_000;

const zero = (): UsageTotals => ({ promptTokens: 0, completionTokens: 0, costUsd: 0, calls: 0 });
const add = (t: UsageTotals, e: Pick<UsageEvent, 'usage'>) => {
  t.promptTokens += e.usage.promptTokens;
  t.completionTokens += e.usage.completionTokens;
  t.costUsd += e.usage.costUsd;
  t.calls += 1;
};
const sum = (a: UsageTotals, b: UsageTotals) => {
  a.promptTokens += b.promptTokens;
  a.completionTokens += b.completionTokens;
  a.costUsd += b.costUsd;
  a.calls += b.calls;
};

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** A process's usage doc of a team's month, nothing counted yet. */
function emptyUsage(id: string, teamId: string, month: string, instanceId: string, at: string): UsageDoc {
  return {
    _id: id,
    type: 'llm-usage',
    teamId,
    month,
    instanceId,
    total: zero(),
    byModel: {},
    byConversation: {},
    updatedAt: at,
  };
}

/** Adds what a stored usage doc counted (this process's, from before a restart) to `d`. */
function addStored(d: UsageDoc, stored: UsageDoc): void {
  sum(d.total, stored.total);
  for (const [k, v] of Object.entries(stored.byModel))
    sum((d.byModel[k] ??= { ...zero(), provider: v.provider, model: v.model }), v);
  for (const [k, v] of Object.entries(stored.byConversation)) sum((d.byConversation[k] ??= zero()), v);
}

/** Counts one call in the doc: in its total, its model's and its conversation's. */
function countEvent(doc: UsageDoc, event: UsageEvent): void {
  add(doc.total, event);
  const model = `${event.provider}/${event.model}`;
  add((doc.byModel[model] ??= { ...zero(), provider: event.provider, model: event.model }), event);
  if (event.conversationId) add((doc.byConversation[event.conversationId] ??= zero()), event);
}

/** Keeps the doc's `MAX_CONVERSATIONS` costliest conversations. */
function keepTopConversations(doc: UsageDoc): void {
  const convs = Object.entries(doc.byConversation);
  if (convs.length > MAX_CONVERSATIONS)
    doc.byConversation = Object.fromEntries(
      convs
        .sort((a, b) => b[1].costUsd - a[1].costUsd || b[1].calls - a[1].calls)
        .slice(0, MAX_CONVERSATIONS),
    );
}

/** The month's usage of a team over every process's doc: totals, by model, the 100 costliest conversations. */
function usageOf(docs: UsageDoc[], month: string) {
  const total = zero();
  const byModel = new Map<string, UsageTotals & { provider: string; model: string }>();
  const byConversation = new Map<string, UsageTotals>();
  for (const d of docs) {
    sum(total, d.total);
    for (const [k, v] of Object.entries(d.byModel)) {
      const t = byModel.get(k) ?? { ...zero(), provider: v.provider, model: v.model };
      sum(t, v);
      byModel.set(k, t);
    }
    for (const [k, v] of Object.entries(d.byConversation)) {
      const t = byConversation.get(k) ?? zero();
      sum(t, v);
      byConversation.set(k, t);
    }
  }
  return {
    month,
    total,
    byModel: [...byModel.values()].sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls),
    byConversation: [...byConversation.entries()]
      .map(([conversationId, t]) => ({ conversationId, ...t }))
      .sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls)
      .slice(0, 100),
  };
}

export function createUsageMeters(deps: {
  store: Store;
  /** This process's id among the live ones, stable across restarts (known once it listens). */
  instanceId: () => string;
  log: Logger;
  now?: () => Date;
  flushMs?: number;
  /** Each recorded call (metrics). */
  onRecord?: (teamId: string, event: UsageEvent) => void;
}): UsageMeters {
  const db = () => systemDocs<UsageDoc>(deps.store, 'app_runtime');
  const now = deps.now ?? (() => new Date());
  const own = new Map<string, UsageDoc>();
  const loading = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  /** Other processes' month totals per team-month, refreshed in the background. */
  const others = new Map<string, { costUsd: number; at: number }>();
  const idOf = (teamId: string, month: string) => `usage:${teamId}:${month}:${deps.instanceId()}`;

  function docFor(teamId: string, month: string): UsageDoc {
    const id = idOf(teamId, month);
    let doc = own.get(id);
    if (!doc) {
      doc = emptyUsage(id, teamId, month, deps.instanceId(), now().toISOString());
      own.set(id, doc);
      // This process's counts from before a restart go on (same INSTANCE_ID).
      loading.set(
        id,
        db()
          .get(id)
          .then((stored) => {
            if (!stored) return;
            const d = own.get(id)!;
            d._rev = stored._rev;
            addStored(d, stored);
          })
          .catch((err: unknown) => deps.log.warn({ err, teamId }, 'reading model usage failed'))
          .finally(() => loading.delete(id)),
      );
    }
    return doc;
  }

  async function othersOf(teamId: string, month: string): Promise<UsageDoc[]> {
    const prefix = `usage:${teamId}:${month}:`;
    return (await db().withPrefix(prefix)).filter((d) => d._id !== idOf(teamId, month));
  }

  function refreshOthers(teamId: string, month: string): void {
    const key = `${teamId}:${month}`;
    const seen = others.get(key);
    if (seen && Date.now() - seen.at < 10_000) return;
    others.set(key, { costUsd: seen?.costUsd ?? 0, at: Date.now() });
    void othersOf(teamId, month)
      .then((docs) =>
        others.set(key, { costUsd: docs.reduce((s, d) => s + d.total.costUsd, 0), at: Date.now() }),
      )
      .catch((err: unknown) => deps.log.warn({ err, teamId }, 'reading model usage failed'));
  }

  async function flush(): Promise<void> {
    for (const id of [...dirty]) {
      dirty.delete(id);
      await loading.get(id);
      const doc = own.get(id)!;
      keepTopConversations(doc);
      doc.updatedAt = now().toISOString();
      try {
        const rev = await db().put(structuredClone(doc));
        if (rev) doc._rev = rev;
        else {
          dirty.add(id);
          // Another start of this instance wrote meanwhile: take its revision, write ours next time.
          doc._rev = (
            await db()
              .get(id)
              .catch(() => null)
          )?._rev;
        }
      } catch (err) {
        dirty.add(id);
        deps.log.warn({ err }, 'writing model usage failed');
      }
    }
  }

  let flushing = Promise.resolve();
  const timer = setInterval(() => {
    flushing = flushing.then(flush).catch(() => undefined);
  }, deps.flushMs ?? 5_000);
  timer.unref();

  return {
    meterFor(teamId) {
      return {
        record(event) {
          const month = monthOf(now());
          const doc = docFor(teamId, month);
          countEvent(doc, event);
          dirty.add(doc._id);
          deps.onRecord?.(teamId, event);
        },
        monthCostUsd() {
          const month = monthOf(now());
          refreshOthers(teamId, month);
          return docFor(teamId, month).total.costUsd + (others.get(`${teamId}:${month}`)?.costUsd ?? 0);
        },
      };
    },
    async teamUsage(teamId, month = monthOf(now())) {
      const docs = [...(await othersOf(teamId, month))];
      const mine = own.get(idOf(teamId, month));
      if (mine) {
        await loading.get(mine._id);
        docs.push(mine);
      } else {
        const stored = await db()
          .get(idOf(teamId, month))
          .catch(() => null);
        if (stored) docs.push(stored);
      }
      return usageOf(docs, month);
    },
    flush: () => (flushing = flushing.then(flush)),
    async close() {
      clearInterval(timer);
      await flushing;
      await flush();
    },
  };
}
