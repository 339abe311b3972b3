// Plans and their limits (issue 40), as data: what each plan allows per team, and how a team's usage
// reads against them (the share of each limit, a warning from 80%). `unlimited` is the self-hosting
// default: no limit at all, so a server that never turns billing on behaves as before. The server
// enforces (sync-server/src/billing/), the Settings screen shows the same numbers.

export const planIds = ['free', 'pro', 'business', 'unlimited'] as const;
export type PlanId = (typeof planIds)[number];
export const isPlanId = (v: unknown): v is PlanId =>
  typeof v === 'string' && (planIds as readonly string[]).includes(v);

/**
 * What a plan limits. `aiReplies` counts per calendar month (UTC); the others are what the team holds:
 * `storageBytes` every byte the team's `files` store holds (knowledge originals and website pages,
 * message attachments, proposals, mail), `websitePages` the pages one website source takes at most.
 */
export const limitKeys = [
  'seats',
  'channels',
  'aiReplies',
  'knowledgeBytes',
  'storageBytes',
  'historyDays',
  'websitePages',
] as const;
export type LimitKey = (typeof limitKeys)[number];
/** Limits that are a bound on each thing, not a count of what the team holds. */
export const boundKeys = ['historyDays', 'websitePages'] as const;

/** A limit's ceiling; null: none. */
export type PlanLimits = Record<LimitKey, number | null>;

const MiB = 1024 * 1024;

export const defaultPlanLimits: Record<PlanId, PlanLimits> = {
  free: {
    seats: 3,
    channels: 1,
    aiReplies: 100,
    knowledgeBytes: 10 * MiB,
    storageBytes: 50 * MiB,
    historyDays: 90,
    websitePages: 20,
  },
  pro: {
    seats: 10,
    channels: 5,
    aiReplies: 2_000,
    knowledgeBytes: 200 * MiB,
    storageBytes: 5_120 * MiB,
    historyDays: 365,
    websitePages: 300,
  },
  business: {
    seats: 50,
    channels: 20,
    aiReplies: 20_000,
    knowledgeBytes: 2_048 * MiB,
    storageBytes: 51_200 * MiB,
    historyDays: null,
    websitePages: 1_000,
  },
  unlimited: {
    seats: null,
    channels: null,
    aiReplies: null,
    knowledgeBytes: null,
    storageBytes: null,
    historyDays: null,
    websitePages: null,
  },
};

/** The plans a team may buy (billing's checkout); `free` is where a lapsed one returns, `unlimited` the operator's. */
export const paidPlans = ['pro', 'business'] as const;
export type PaidPlan = (typeof paidPlans)[number];
export const isPaidPlan = (v: unknown): v is PaidPlan => v === 'pro' || v === 'business';

/**
 * The plans whose AI replies the operator's model (the server's LLM_*) may answer, each one counted against
 * the plan's month: the paid plans and the operator's own. A Free team is answered by models it adds itself
 * or by the offline provider, never at the operator's cost (issue 60: a self-registered Free team got the
 * operator's model for nothing).
 */
export const operatorModelPlans: readonly PlanId[] = ['pro', 'business', 'unlimited'];

/** From this share of a limit on, admins are warned. */
export const WARN_SHARE = 0.8;

/** The usage of the limits a team's data can be counted for (not the bounds: historyDays, websitePages). */
export type PlanUsage = Record<Exclude<LimitKey, (typeof boundKeys)[number]>, number>;

export type LimitReading = {
  key: LimitKey;
  limit: number | null;
  used: number | null;
  /** used / limit, 0..1+ (null when there is no limit or nothing to count). */
  share: number | null;
  warning: boolean;
  reached: boolean;
};

const isBound = (key: LimitKey): key is (typeof boundKeys)[number] =>
  (boundKeys as readonly string[]).includes(key);

/** Each limit against the usage: its share, a warning at WARN_SHARE, reached at the limit. */
export function readLimits(limits: PlanLimits, usage: PlanUsage): LimitReading[] {
  return limitKeys.map((key) => {
    const limit = limits[key];
    const used = isBound(key) ? null : usage[key];
    const share = limit === null || used === null ? null : limit === 0 ? 1 : used / limit;
    return {
      key,
      limit,
      used,
      share,
      warning: share !== null && share >= WARN_SHARE,
      reached: share !== null && share >= 1,
    };
  });
}

/** Whether adding `adding` more of a counted limit stays within it. */
export function fits(limit: number | null, used: number, adding = 1): boolean {
  return limit === null || used + adding <= limit;
}

/** The plan's name as people read it. */
export const planNames: Record<PlanId, { en: string; ru: string }> = {
  free: { en: 'Free', ru: 'Бесплатный' },
  pro: { en: 'Pro', ru: 'Pro' },
  business: { en: 'Business', ru: 'Business' },
  unlimited: { en: 'Unlimited', ru: 'Без ограничений' },
};
