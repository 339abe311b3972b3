// Offered choices in the web chat (issue 61): the widget shows an agent message's choices as buttons
// under it (widget-script.ts) and posts a click to the message endpoint as `choiceId` with `replyTo`,
// the offering message's id. The pick is taken only from the visitor's own conversation and only for a
// choice that message offered; anything else is a 400 that says what was wrong. The pick's doc is the
// same for every channel (../choices.ts): a second click is a duplicate.
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { choiceOf, findOffer, pickMessage } from '../choices';

/** The fields of a visitor's message that make it a pick. */
export const webchatChoiceFields = {
  /** The id of the choice clicked (`choices[].id` of the message `replyTo`). */
  choiceId: z.string().min(1).max(64).optional(),
  /** The agent message that offered the choice. */
  replyTo: z.string().min(1).max(200).optional(),
};

/** What the widget is shown of an offer's choices: their ids and labels (never the sources). */
export function publicChoices(m: Pick<MessageDoc, 'direction' | 'choices' | 'picked'>) {
  if (m.direction === 'outbound' && m.choices?.length)
    return { choices: m.choices.map((c) => ({ id: c.id, label: c.label })) };
  if (m.direction === 'inbound' && m.picked) return { picked: { replyTo: m.picked.replyTo } };
  return {};
}

/** The pick a visitor's message names, as its message doc; a 400 when it names none of theirs. */
export async function webchatPick(
  store: Store,
  teamId: string,
  conversationId: string,
  body: { choiceId: string; replyTo?: string | undefined },
  customer: { contactId: string; name?: string },
  at: string,
): Promise<MessageDoc> {
  if (!body.replyTo)
    throw new DomainError('validation-failed', 'replyTo: a pick must name the message that offered it');
  const offer = await findOffer(store, teamId, conversationId, { id: body.replyTo });
  if (!offer)
    throw new DomainError('validation-failed', 'replyTo: no message of this conversation offered choices');
  const choice = choiceOf(offer, { id: body.choiceId });
  if (!choice) {
    const offered = (offer.choices ?? []).map((c) => c.id).join(', ');
    throw new DomainError(
      'validation-failed',
      `choiceId: that message offered no choice "${body.choiceId.slice(0, 64)}" (it offered: ${offered})`,
    );
  }
  return pickMessage(offer, choice, customer, at);
}
