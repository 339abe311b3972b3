// Choices instead of a guess (issue 61). When no knowledge passage is clearly ahead (answer-evidence.ts
// decideAnswer), the agent's reply is a short lead-in with up to three articles (their titles: the
// FAQ's question, the page's heading) and "none of these" as `choices`; the channels render them as
// buttons (Telegram, VK, web chat) or a numbered list (e-mail). The customer's pick comes back as an
// inbound message carrying `picked` ({ id, sourceId?, replyTo }): an article's pick is answered from
// that article, with its citation; "none of these" goes to a human. Each pick is a label (which article
// the customer meant for that question, in the activity log as an `answer-label` step) and moves the
// team's answer threshold a step, within bounds (movedThreshold), on the profile the run used. An
// article's pick also keeps the question as a learned phrasing of that article (learned-phrasings.ts).
import type { KnowledgeHit } from '../llm/types';
import type { AgentSettingsDoc, MessageDoc } from '../schemas/index';
import { answerThresholdOf, movedThreshold } from './answer-evidence';
import { learnPhrasing } from './learned-phrasings';
import { defaultProfile } from './profiles';
import type { RunContext } from './run-context';

export type Choice = NonNullable<MessageDoc['choices']>[number];

const leadIns = {
  ru: 'Уточните, пожалуйста, что вы имеете в виду:',
  en: 'Which of these do you mean?',
} as const;
const noneLabels = { ru: 'Ничего из этого', en: 'None of these' } as const;

/** The id of the "none of these" choice. */
export const NONE_CHOICE = 'none';

export const choicesLeadIn = (language: 'ru' | 'en') => leadIns[language];

/** The offered articles as the message's choices (ids "1".."3", then "none"), in the conversation's language. */
export function choicesOf(hits: KnowledgeHit[], language: 'ru' | 'en'): Choice[] {
  return [
    ...hits.slice(0, 3).map((h, i) => ({
      id: String(i + 1),
      label: h.title.trim().replace(/\s+/g, ' ').slice(0, 300),
      sourceId: h.sourceId,
    })),
    { id: NONE_CHOICE, label: noneLabels[language] },
  ];
}

/** What a customer's pick asks of the run. */
export type PickOutcome =
  { kind: 'answer'; hits: KnowledgeHit[]; threshold: number } | { kind: 'handoff'; reason: string };

/**
 * The customer's pick of an offer of this conversation, or undefined when the message carries none or
 * one that matches no offer (then it is read as a plain message: its text is the label). Records the
 * label and moves the profile's threshold.
 */
export async function takePick(ctx: RunContext, limit: number): Promise<PickOutcome | undefined> {
  const picked = ctx.message.picked;
  if (!picked) return undefined;
  const offer = await ctx.store.get('messages', picked.replyTo);
  const choices = offer?.choices ?? [];
  const index = choices.findIndex((c) => c.id === picked.id);
  const choice = choices[index];
  // Only a choice this conversation's agent offered counts: a forged `picked` is just its text.
  if (
    !offer ||
    offer.conversationId !== ctx.conversation.id ||
    offer.direction !== 'outbound' ||
    !choice ||
    (choice.sourceId ?? undefined) !== (picked.sourceId ?? choice.sourceId)
  )
    return undefined;
  const question = offer.replyToId ? (await ctx.store.get('messages', offer.replyToId))?.text : undefined;
  const none = choice.id === NONE_CHOICE || !choice.sourceId;
  const threshold = await learn(ctx, {
    question: question ?? '',
    offered: choices.flatMap((c) => (c.sourceId ? [c.sourceId] : [])),
    picked: none ? NONE_CHOICE : choice.sourceId!,
    rank: none ? 'none' : index,
    offerId: offer.id,
  });
  if (none) return { kind: 'handoff', reason: 'none of the offered articles answers the question' };
  // The next customer who asks this in these words finds the article.
  if (question) await learnPhrasing(ctx.store, choice.sourceId!, question, ctx.now);
  const sourceIds = [choice.sourceId!];
  const retriever = ctx.retriever;
  // The article's passage that best answers the question asked, else its best for its own title.
  let hits =
    retriever && question ? await retriever.search(question.slice(0, 2000), { limit, sourceIds }) : [];
  if (!hits.length && retriever) hits = await retriever.search(choice.label, { limit, sourceIds });
  if (!hits.length)
    return {
      kind: 'handoff',
      reason: `the picked article «${choice.label}» is no longer in the knowledge base`,
    };
  return { kind: 'answer', hits: hits.slice(0, 1), threshold };
}

type Label = {
  question: string;
  offered: string[];
  picked: string;
  rank: number | 'none';
  offerId: string;
};

/** The pick as a label in the activity log, and the profile's threshold moved by it. */
async function learn(ctx: RunContext, label: Label): Promise<number> {
  const stored = await ctx.store.get('agent_settings', ctx.profile.id);
  const doc: AgentSettingsDoc | undefined =
    stored ?? (ctx.profile.id === defaultProfile.id ? { ...defaultProfile, isDefault: true } : undefined);
  const from = answerThresholdOf(stored ?? ctx.profile);
  const to = movedThreshold(from, label.rank);
  if (doc && to !== from) {
    const at = ctx.now.toISOString();
    await ctx.store.put('agent_settings', {
      ...doc,
      answerThreshold: to,
      fieldUpdatedAt: { ...doc.fieldUpdatedAt, answerThreshold: at },
      updatedAt: at,
    });
  }
  await ctx.log.record({
    role: 'supervisor',
    kind: 'step',
    name: 'answer-label',
    status: 'ok',
    input: { question: label.question.slice(0, 500), offered: label.offered, offerId: label.offerId },
    output: { picked: label.picked, rank: label.rank, threshold: { from, to, profileId: ctx.profile.id } },
    startedAt: ctx.now,
  });
  return to;
}
