// The report of an A/B test of instructions (issue 38), per variant, from the same definitions as
// the analytics (analytics.ts), so the server (GET /api/v1/experiments/:id/report) and the desktop
// (from local data) give the same numbers:
// - conversations: those assigned to the variant (conversation.experiment);
// - hand-off rate: the share of them handed to a human (aiOutcomes' `handedOff`);
// - median first reply: from each one's first customer message to the first answer, in ms;
// - deals won: of them, those whose deal (the lead made from it) is in a won stage now;
// - conversion: won / conversations, with its 95% Wilson score interval;
// - difference: each variant's conversion minus the first variant's (the control), with a 95%
//   interval by Newcombe's hybrid score method (its ends from the two Wilson intervals).
// Closed-form formulas (a normal quantile and square roots), so no statistics library is needed.
import type { ExperimentDoc } from '../schemas/index';
import {
  aiOutcomes,
  firstResponseTimes,
  percentile,
  stageKindOf,
  type ActivityLike,
  type ConversationLike,
  type LeadLike,
  type MessageLike,
} from './analytics';
import type { PipelineDoc } from '../schemas/index';

/** The normal quantile of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export type Interval = { low: number; high: number };

/** Wilson's score interval of `successes` out of `n` (n = 0: the whole [0, 1]). */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** p1 - p2 with Newcombe's (1998, method 10) interval from the Wilson intervals of both. */
export function differenceInterval(
  a: { successes: number; n: number },
  b: { successes: number; n: number },
  z = Z95,
): Interval & { difference: number } {
  const p1 = a.n ? a.successes / a.n : 0;
  const p2 = b.n ? b.successes / b.n : 0;
  const w1 = wilsonInterval(a.successes, a.n, z);
  const w2 = wilsonInterval(b.successes, b.n, z);
  const d = p1 - p2;
  return {
    difference: d,
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}

export type ExperimentConversation = ConversationLike & {
  leadId?: string | undefined;
  experiment?: { experimentId: string; variantId: string } | undefined;
};
export type ExperimentLead = LeadLike & { id: string; conversationId?: string | undefined };

export type ExperimentData = {
  conversations: readonly ExperimentConversation[];
  messages: readonly MessageLike[];
  leads: readonly ExperimentLead[];
  pipelines: readonly PipelineDoc[];
  /** Hand-off activity (other kinds are ignored). */
  activity: readonly ActivityLike[];
};

export type VariantReport = {
  variantId: string;
  name: string;
  weight: number;
  conversations: number;
  handedOff: number;
  handoffRate: number;
  /** Median first reply time in ms (null: no conversation was answered). */
  medianFirstReplyMs: number | null;
  won: number;
  conversion: number;
  conversionInterval: Interval;
  /** Against the first variant (absent on the first itself). */
  difference?: Interval & { difference: number; vsVariantId: string };
};

export type ExperimentReport = {
  experimentId: string;
  status: ExperimentDoc['status'];
  confidence: 0.95;
  variants: VariantReport[];
};

export function experimentReport(
  experiment: Pick<ExperimentDoc, 'id' | 'status' | 'variants'>,
  data: ExperimentData,
): ExperimentReport {
  const kindOf = stageKindOf(data.pipelines);
  const wonLeadIds = new Set(data.leads.filter((l) => kindOf(l) === 'won').map((l) => l.id));
  const wonConversations = new Set(
    data.leads.filter((l) => l.conversationId && wonLeadIds.has(l.id)).map((l) => l.conversationId!),
  );
  const outcome = aiOutcomes(data.messages, data.activity);
  const rows = experiment.variants.map((v) => {
    const mine = data.conversations.filter(
      (c) => c.experiment?.experimentId === experiment.id && c.experiment.variantId === v.id,
    );
    const ids = new Set(mine.map((c) => c.id));
    const times = firstResponseTimes(data.messages.filter((m) => ids.has(m.conversationId)));
    const won = mine.filter(
      (c) => wonConversations.has(c.id) || (c.leadId && wonLeadIds.has(c.leadId)),
    ).length;
    const handedOff = mine.filter((c) => outcome(c) === 'handedOff').length;
    const n = mine.length;
    return {
      variantId: v.id,
      name: v.name,
      weight: v.weight,
      conversations: n,
      handedOff,
      handoffRate: n ? handedOff / n : 0,
      medianFirstReplyMs: times.length ? percentile(times, 50) : null,
      won,
      conversion: n ? won / n : 0,
      conversionInterval: wilsonInterval(won, n),
    } satisfies VariantReport;
  });
  const control = rows[0]!;
  const variants: VariantReport[] = rows.map((r, i) =>
    i === 0
      ? r
      : {
          ...r,
          difference: {
            ...differenceInterval(
              { successes: r.won, n: r.conversations },
              { successes: control.won, n: control.conversations },
            ),
            vsVariantId: control.variantId,
          },
        },
  );
  return { experimentId: experiment.id, status: experiment.status, confidence: 0.95, variants };
}
