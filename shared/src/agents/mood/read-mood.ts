// First cut: wraps the old lexicon check; replaced by the full detector in this folder.
import { checkText } from '../safety';

export type AbuseSeverity = 'none' | 'mild' | 'severe';
export type MoodLabel = 'negative' | 'neutral' | 'positive';
export type CustomerMood = {
  abuse: { severity: AbuseSeverity; terms: string[] };
  mood: { label: MoodLabel; score: number; reasons: string[] };
  angry: boolean;
};
export type ReplyAbuseContext = { vocabulary?: Iterable<string> };

/** Reads one customer message (Russian or English). Pure, synchronous, fast. */
export function readCustomerMood(text: string): CustomerMood {
  const c = checkText(text);
  const score = Math.max(-1, Math.min(1, c.sentimentScore / 3));
  return {
    abuse: { severity: c.toxic ? 'severe' : 'none', terms: c.toxicTerms },
    mood: { label: c.sentiment, score, reasons: [] },
    angry: c.toxic || (c.sentiment === 'negative' && score <= -0.5),
  };
}

/** The check of the agent's own reply: a word the conversation's vocabulary holds never blocks it. */
export function checkReplyAbuse(
  text: string,
  ctx: ReplyAbuseContext = {},
): { blocked: boolean; terms: string[] } {
  const vocab = new Set([...(ctx.vocabulary ?? [])].map((w) => w.toLowerCase()));
  const terms = checkText(text).toxicTerms.filter((t) => !vocab.has(t));
  return { blocked: terms.length > 0, terms };
}
