// The customer's mood on the conversation (issue 62): every inbound message is read (mood/), the
// conversation keeps its latest mood, how many angry messages the customer wrote and a priority the
// Inbox sorts by; per the team's setting an abusive or repeatedly angry customer goes to a human, with
// a reason a rep can read (abusive words masked, never repeated in full).
import type { ConversationDoc, ConversationPriority } from '../schemas/index';
import { moodHandoffOf } from '../schemas/index';
import { readCustomerMood, type CustomerMood } from './mood/index';
import type { RunContext } from './run-context';

export type MoodOutcome = { mood: CustomerMood; conversation: ConversationDoc; handoff?: string };

const rank: Record<ConversationPriority, number> = { normal: 0, high: 1, urgent: 2 };
const higher = (a: ConversationPriority | undefined, b: ConversationPriority): ConversationPriority =>
  rank[a ?? 'normal'] >= rank[b] ? (a ?? 'normal') : b;

/** "хуй" -> "х**": the first letter, the rest starred (a rep sees what kind, not the word). */
export const maskWord = (word: string): string => {
  const letters = [...word.trim()];
  return letters.length <= 1 ? '*' : `${letters[0]}${'*'.repeat(Math.min(letters.length - 1, 8))}`;
};

/** The text with each of `terms` masked wherever it stands (case-insensitive). */
export function maskTerms(text: string, terms: readonly string[]): string {
  let out = text;
  for (const t of [...terms].sort((a, b) => b.length - a.length)) {
    if (!t.trim()) continue;
    const escaped = t.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(escaped, 'giu'), (m) => maskWord(m));
  }
  return out;
}

const ordinal = (n: number, lang: 'ru' | 'en') =>
  lang === 'ru'
    ? `${n}-е`
    : `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** What the customer said that shows the anger: a quoted reason of the reading, else the message. */
function quoteOf(mood: CustomerMood, text: string): string {
  // A complaint ("третий раз пишу") says more than a word ("ужасно").
  const reasons = [...mood.mood.reasons].sort(
    (a, b) => Number(b.startsWith('complaint')) - Number(a.startsWith('complaint')),
  );
  for (const r of reasons) {
    const q = /«([^»]+)»|“([^”]+)”|"([^"]+)"/u.exec(r);
    const found = q?.[1] ?? q?.[2] ?? q?.[3];
    if (found && found.length >= 4 && !/^[!?)(.\s]+$/u.test(found)) return found;
  }
  const plain = maskTerms(text.replace(/\s+/g, ' ').trim(), mood.abuse.terms);
  return plain.length > 80 ? `${plain.slice(0, 79)}…` : plain;
}

/** The reason of a mood hand-off as the rep reads it, in the conversation's language. */
export function moodHandoffReason(
  mood: CustomerMood,
  text: string,
  angryCount: number,
  lang: 'ru' | 'en',
): string {
  if (mood.abuse.severity !== 'none') {
    const masked = [...new Set(mood.abuse.terms.map(maskWord))].slice(0, 5);
    const words = masked.length
      ? lang === 'ru'
        ? `: «${masked.join('», «')}»`
        : `: “${masked.join('”, “')}”`
      : '';
    const severe = mood.abuse.severity === 'severe';
    return lang === 'ru'
      ? `Клиент грубит (${severe ? 'тяжёлая брань или угрозы' : 'грубость'})${words}`
      : `Customer is abusive (${severe ? 'severe: obscenity or threats' : 'rude'})${words}`;
  }
  const quote = quoteOf(mood, text);
  return lang === 'ru'
    ? `Клиент раздражён (${ordinal(angryCount, 'ru')} сердитое сообщение): «${quote}»`
    : `Customer is angry (${ordinal(angryCount, 'en')} angry message): “${quote}”`;
}

/**
 * Reads the run's message, stores its mood on the conversation (once per message: a redelivery counts
 * nothing twice) and says whether the team's setting hands the conversation to a human now.
 */
export async function readMoodStep(ctx: RunContext): Promise<MoodOutcome> {
  // A click on an offered article carries the article's title as its text (our words, "Возврат денег"),
  // not the customer's: it says nothing of their mood.
  if (ctx.message.picked) return { mood: readCustomerMood(''), conversation: ctx.conversation };
  const mood = readCustomerMood(ctx.message.text);
  const before = ctx.conversation;
  const again = before.mood?.messageId === ctx.message.id;
  const abusive = mood.abuse.severity !== 'none';
  const angry = mood.angry || abusive;
  const angryCount = (before.angryCount ?? 0) + (angry && !again ? 1 : 0);
  const setting = moodHandoffOf(ctx.profile);
  const handoff =
    (abusive && setting.onAbuse) || (angry && setting.onAngry && angryCount >= setting.angryMessages)
      ? moodHandoffReason(mood, ctx.message.text, angryCount, ctx.language)
      : undefined;
  const priority = handoff || abusive ? 'urgent' : angry ? 'high' : 'normal';
  const at = ctx.now.toISOString();
  const conversation: ConversationDoc = {
    ...before,
    mood: {
      label: mood.mood.label,
      score: Math.max(-1, Math.min(1, Math.round(mood.mood.score * 1000) / 1000)),
      reasons: mood.mood.reasons.slice(0, 10).map((r) => maskTerms(r, mood.abuse.terms).slice(0, 200)),
      abuse: mood.abuse.severity,
      at,
      messageId: ctx.message.id,
    },
    angryCount,
    priority: higher(before.priority, priority),
    fieldUpdatedAt: { ...before.fieldUpdatedAt, mood: at, angryCount: at, priority: at },
    updatedAt: at,
  };
  // Only a change a rep or the inbox reads is written: a calm message after calm ones costs no write
  // of the conversation (a store request per customer message, issue 65).
  const same =
    before.mood !== undefined &&
    before.mood.label === conversation.mood!.label &&
    before.mood.abuse === conversation.mood!.abuse &&
    before.angryCount === conversation.angryCount &&
    before.priority === conversation.priority;
  if (!same) await ctx.store.put('conversations', conversation);
  await ctx.log.record({
    role: 'supervisor',
    kind: 'step',
    name: 'customer-mood',
    status: 'ok',
    input: { messageId: ctx.message.id },
    output: {
      label: mood.mood.label,
      score: conversation.mood!.score,
      reasons: conversation.mood!.reasons,
      abuse: mood.abuse.severity,
      angryCount,
      priority: conversation.priority,
      ...(handoff ? { handoff } : {}),
    },
    startedAt: ctx.now,
  });
  return { mood, conversation: same ? before : conversation, ...(handoff ? { handoff } : {}) };
}
