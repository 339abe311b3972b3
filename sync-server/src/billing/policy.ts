// The plan policy: one function per limit, called by every path that creates what it limits (member
// invites, channel connections, knowledge uploads and websites, the agents' replies). Over a limit
// the creating request is refused with 402 `plan-limit-reached` and a sentence in English and
// Russian (app-errors.ts answers the caller's Accept-Language; details name the limit for the UI).
// The AI-reply limit is soft: the customer's message is stored as always, the agents hand the
// conversation to a rep instead of answering (aiRepliesPaused), and the reps' task says why.
// The agents ask on every customer message, so that path costs the store nothing per message: each
// team's plan in force is kept in memory (dropped by planChanged when this process's plan route or
// webhooks change it, re-read after `planTtlMs` for another process's change), replies are counted in
// memory and written every `flushMs` (hot-counters.ts); a plan without an AI-reply limit (Unlimited,
// the self-hosting default) reads no count at all. A plan that limits replies reserves each one
// before the agents answer, a compare-and-swap on the team's shared counter doc, so that processes
// side by side never let more through than the limit (reply-reservations.ts). A seat or a channel is
// counted and made holding the team's gate of that limit (limit-gate.ts), so that two requests at the
// edge, in one process or two, never both go through.
import {
  defaultPlanLimits,
  fits,
  planNames,
  readLimits,
  type LimitKey,
  type LimitReading,
  type PlanId,
  type PlanLimits,
  type PlanUsage,
} from '@app/shared/billing';
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { createHotCounters } from './hot-counters';
import { createLimitGate } from './limit-gate';
import { createReplyReservations } from './reply-reservations';
import { planInForce, readTeamPlan, type PlanInForce } from './team-plan';
import {
  countChannels,
  countKnowledgeBytes,
  countSeats,
  countStorageBytes,
  monthOf,
  teamUsage,
} from './usage';

export type BillingOptions = {
  defaultPlan: PlanId;
  graceDays: number;
  /** Payment providers switched on (BILLING); none: billing is off, plans are the operator's. */
  providers: readonly ('stripe' | 'yookassa')[];
  limits?: Record<PlanId, PlanLimits>;
};

export type PlanReport = PlanInForce & {
  name: { en: string; ru: string };
  month: string;
  limits: PlanLimits;
  usage: PlanUsage;
  readings: LimitReading[];
  /** Limits at 80% or more. */
  warnings: LimitKey[];
  billing: { enabled: boolean; providers: string[] };
};

export type Billing = {
  readonly options: BillingOptions;
  planOf(teamId: string): Promise<PlanInForce & { limits: PlanLimits }>;
  /** `planOf` as this process last read it (trusted for `planTtlMs`; dropped by `planChanged`). */
  recentPlanOf(teamId: string): Promise<PlanInForce & { limits: PlanLimits }>;
  report(teamId: string): Promise<PlanReport>;
  /** Makes one more member or invite (`create`), or refuses it (402) over the plan's seats. */
  withSeat<T>(teamId: string, create: () => Promise<T>): Promise<T>;
  /** Makes one more channel connection (a bot, a mailbox, a VK group, a widget), or refuses it (402). */
  withChannel<T>(teamId: string, create: () => Promise<T>): Promise<T>;
  /** Refuses (402) `addingBytes` more knowledge over the plan's knowledge size. */
  assertKnowledge(teamId: string, addingBytes: number): Promise<void>;
  /** Refuses (402) `addingBytes` more stored bytes (files, attachments) over the plan's storage. */
  assertStorage(teamId: string, addingBytes: number): Promise<void>;
  /** The most pages one website source may take on the plan (null: no bound); refuses (402) `asked` over it. */
  websitePages(teamId: string, asked?: number): Promise<number | null>;
  /**
   * Why the agents may not answer now (this month's AI replies used up), in `language` (the
   * conversation's), or undefined: then, on a limited plan, one reply is reserved.
   */
  aiRepliesPaused(teamId: string, language?: 'en' | 'ru'): Promise<string | undefined>;
  /** Counts one AI reply sent (its reservation, or this process's count written with the next flush). */
  countAiReply(teamId: string, instanceId: string): Promise<void>;
  /** The agents answered nothing after all (a hand-off): the reservation is given back. */
  releaseAiReply(teamId: string): Promise<void>;
  /** The team's plan doc was changed here (plan route, webhook): the plan in memory is dropped. */
  planChanged(teamId: string): void;
  /** Writes the replies counted in memory (also done every `flushMs`). */
  flush(): Promise<void>;
  /** Before the store closes: the periodic writes stop, what is counted is written. */
  close(): Promise<void>;
};

/** The built-in plans' limits with the operator's (BILLING_LIMITS) over them. */
export function withLimits(
  override: Partial<Record<PlanId, Partial<PlanLimits>>> | undefined,
): Record<PlanId, PlanLimits> {
  const out = { ...defaultPlanLimits };
  for (const [plan, limits] of Object.entries(override ?? {}) as [PlanId, Partial<PlanLimits>][]) {
    if (plan !== 'unlimited') out[plan] = { ...out[plan], ...limits };
  }
  return out;
}

const MiB = 1024 * 1024;
const en = new Intl.NumberFormat('en');
const ru = new Intl.NumberFormat('ru');

/** The sentences of a reached limit, in both languages. */
function limitMessages(key: LimitKey, plan: PlanId, limit: number, used: number): { en: string; ru: string } {
  const name = planNames[plan];
  const n = (f: Intl.NumberFormat, v: number) =>
    key === 'knowledgeBytes' || key === 'storageBytes'
      ? `${f.format(Math.round((v / MiB) * 10) / 10)}`
      : f.format(v);
  const [le, lr, ue, ur] = [n(en, limit), n(ru, limit), n(en, used), n(ru, used)];
  switch (key) {
    case 'seats':
      return {
        en: `The ${name.en} plan allows ${le} seat${limit === 1 ? '' : 's'} (members and pending invites), and the team has ${ue}: remove a member or an invite, or move to a larger plan.`,
        ru: `Тариф «${name.ru}» допускает мест: ${lr} (участники и приглашения), в команде уже ${ur}. Удалите участника или приглашение либо перейдите на тариф больше.`,
      };
    case 'channels':
      return {
        en: `The ${name.en} plan allows ${le} channel connection${limit === 1 ? '' : 's'}, and the team has ${ue}: remove one, or move to a larger plan.`,
        ru: `Тариф «${name.ru}» допускает подключений каналов: ${lr}, у команды уже ${ur}. Отключите один или перейдите на тариф больше.`,
      };
    case 'knowledgeBytes':
      return {
        en: `The ${name.en} plan allows ${le} MB of knowledge, and this would make ${ue} MB: remove sources, or move to a larger plan.`,
        ru: `Тариф «${name.ru}» допускает ${lr} МБ знаний, а с этим файлом было бы ${ur} МБ. Удалите источники или перейдите на тариф больше.`,
      };
    case 'storageBytes':
      return {
        en: `The ${name.en} plan allows ${le} MB of stored files, and this would make ${ue} MB: remove files or sources, or move to a larger plan.`,
        ru: `Тариф «${name.ru}» допускает ${lr} МБ хранимых файлов, а с этим было бы ${ur} МБ. Удалите файлы или источники либо перейдите на тариф больше.`,
      };
    case 'websitePages':
      return {
        en: `The ${name.en} plan takes at most ${le} pages of a website: ask for fewer pages, or move to a larger plan.`,
        ru: `Тариф «${name.ru}» берёт с сайта не больше ${lr} страниц: укажите меньше страниц или перейдите на тариф больше.`,
      };
    case 'aiReplies':
      return {
        en: `The ${name.en} plan's ${le} AI replies this month are used up (${ue}): the AI does not answer until next month or a larger plan; a rep answers this customer.`,
        ru: `ИИ-ответы тарифа «${name.ru}» на этот месяц закончились (${ur} из ${lr}): до следующего месяца или тарифа больше ИИ не отвечает; клиенту ответит менеджер.`,
      };
    default:
      return { en: `The ${name.en} plan's limit is reached.`, ru: `Лимит тарифа «${name.ru}» исчерпан.` };
  }
}

export function limitError(key: LimitKey, plan: PlanId, limit: number, used: number): DomainError {
  const messages = limitMessages(key, plan, limit, used);
  return new DomainError('plan-limit-reached', messages.en, {
    details: { limit: key, plan, max: limit, used, messages },
  });
}

type BillingDeps = {
  store: Store;
  now: () => Date;
  options: BillingOptions;
  /** How long a plan or a stored count read for the agents is trusted (another process's change). */
  planTtlMs?: number;
  /** How often the replies counted in memory are written. */
  flushMs?: number;
  /** When a reservation nobody used or gave back is given back. */
  reservationMs?: number;
  /** When a seat or channel gate whose holder died is taken over (limit-gate.ts). */
  gateMs?: number;
  log?: Logger;
};

/** The team's plan in force now and its limits. */
async function planNow(deps: BillingDeps, teamId: string) {
  const { store, options } = deps;
  const inForce = planInForce(
    await readTeamPlan(store, teamId),
    options.defaultPlan,
    deps.now(),
    options.graceDays,
  );
  return { ...inForce, limits: (options.limits ?? defaultPlanLimits)[inForce.plan] };
}

/** The team's plan, this month's usage (replies not yet written included) and what nears a limit. */
async function reportOf(deps: BillingDeps, teamId: string, unwritten: (now: Date) => number) {
  const { store, options } = deps;
  const now = deps.now();
  const [inForce, stored] = await Promise.all([planNow(deps, teamId), teamUsage(store, teamId, now)]);
  const usage = { ...stored, aiReplies: stored.aiReplies + unwritten(now) };
  const readings = readLimits(inForce.limits, usage);
  return {
    ...inForce,
    name: planNames[inForce.plan],
    month: monthOf(now),
    usage,
    readings,
    warnings: readings.filter((r) => r.warning).map((r) => r.key),
    billing: { enabled: options.providers.length > 0, providers: [...options.providers] },
  };
}

export function createBilling(deps: BillingDeps): Billing {
  const { store, options } = deps;
  const hot = createHotCounters({
    store,
    now: deps.now,
    planOf: (teamId) => planOf(teamId),
    ttlMs: deps.planTtlMs ?? 30_000,
    flushMs: deps.flushMs ?? 10_000,
    ...(deps.log ? { log: deps.log } : {}),
  });
  const reservations = createReplyReservations({
    store,
    now: deps.now,
    releaseAfterMs: deps.reservationMs ?? 10 * 60_000,
    ...(deps.log ? { log: deps.log } : {}),
  });

  const gate = createLimitGate({
    store,
    ...(deps.gateMs ? { holdMs: deps.gateMs } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });

  const planOf = (teamId: string) => planNow(deps, teamId);

  /** The one check every limit goes through: `used + adding` within the plan's `key`. */
  async function assertWithin(
    teamId: string,
    key: Exclude<LimitKey, 'historyDays' | 'websitePages'>,
    count: () => Promise<number>,
    adding = 1,
  ) {
    const { plan, limits } = await planOf(teamId);
    const limit = limits[key];
    if (limit === null) return;
    const used = await count();
    if (!fits(limit, used, adding))
      throw limitError(
        key,
        plan,
        limit,
        key === 'knowledgeBytes' || key === 'storageBytes' ? used + adding : used,
      );
  }

  /**
   * `create` within the plan's `key`: counted and made holding the team's gate of that limit, so that
   * of requests at the edge only as many go through as fit; on a plan without that limit, at once.
   */
  async function createWithin<T>(
    teamId: string,
    key: 'seats' | 'channels',
    count: () => Promise<number>,
    create: () => Promise<T>,
  ): Promise<T> {
    if ((await planOf(teamId)).limits[key] === null) return create();
    return gate.hold(teamId, key, async () => {
      await assertWithin(teamId, key, count);
      return create();
    });
  }

  return {
    options,
    planOf,
    recentPlanOf: (teamId) => hot.plan(teamId),
    report: (teamId) => reportOf(deps, teamId, (now) => hot.unwritten(teamId, now)),
    withSeat: (teamId, create) =>
      createWithin(teamId, 'seats', () => countSeats(store, teamId, deps.now()), create),
    withChannel: (teamId, create) =>
      createWithin(teamId, 'channels', () => countChannels(store, teamId), create),
    assertKnowledge: (teamId, addingBytes) =>
      assertWithin(
        teamId,
        'knowledgeBytes',
        () => countKnowledgeBytes(store, teamId),
        Math.max(0, addingBytes),
      ),
    assertStorage: (teamId, addingBytes) =>
      assertWithin(teamId, 'storageBytes', () => countStorageBytes(store, teamId), Math.max(0, addingBytes)),
    async websitePages(teamId, asked) {
      const { plan, limits } = await planOf(teamId);
      const bound = limits.websitePages;
      if (asked !== undefined && bound !== null && asked > bound)
        throw limitError('websitePages', plan, bound, asked);
      return bound;
    },
    async aiRepliesPaused(teamId, language = 'en') {
      const { plan, limits } = await hot.plan(teamId);
      const limit = limits.aiReplies;
      if (limit === null) return undefined;
      const taken = await reservations.reserve(teamId, limit, hot.unwritten(teamId, deps.now()));
      return taken.ok ? undefined : limitMessages('aiReplies', plan, limit, taken.used)[language];
    },
    async countAiReply(teamId, instanceId) {
      if (!reservations.consume(teamId)) hot.countReply(teamId, instanceId);
    },
    releaseAiReply: (teamId) => reservations.release(teamId),
    planChanged: (teamId) => hot.forget(teamId),
    flush: () => hot.flush(),
    close: async () => {
      await reservations.close();
      await hot.close();
    },
  };
}
