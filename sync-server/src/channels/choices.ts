// Offered choices (issue 61): an agent message may offer the customer up to 3 knowledge articles and
// "none of these" (`choices` on the outbound doc); each channel shows them its own way (Telegram's
// inline keyboard, VK's keyboard, the web chat's buttons, e-mail's numbered list) and turns the
// customer's pick into an inbound message whose text is the label and whose `picked` names the choice
// and the offering message. What every channel shares lives here: the offer found in the customer's own
// conversation (a message of another conversation, one without choices, or a choice out of range is
// refused), and the pick's doc, whose id derives from the offer's: a second pick of the same offer is
// the same doc, a duplicate the intake ignores, so a choice is picked once whatever the channel.
import { createHash } from 'node:crypto';
import { derivedId } from '@app/shared/agents';
import type { MessageDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { teamData } from '../store/data';
import { conversationMessages } from '../store/queries';
import type { InboundCustomer } from './port';

export type Choice = NonNullable<MessageDoc['choices']>[number];
export type Picked = NonNullable<MessageDoc['picked']>;

/** The choice that hands over instead of answering. */
export const NONE_CHOICE = 'none';

/** The offered choices of an outbound doc (none: an empty list). */
export function choicesOf(doc: Pick<MessageDoc, 'direction' | 'choices'>): Choice[] {
  if (doc.direction !== 'outbound' || !Array.isArray(doc.choices)) return [];
  return doc.choices.slice(0, 4);
}

/** A short, stable token of an offering message, for channels whose button data is small (Telegram). */
export const offerToken = (messageId: string): string =>
  createHash('sha256').update(messageId).digest('base64url').slice(0, 16);

/** Id of the pick of an offer: one per offer, so a second pick is a duplicate. */
export const pickIdFor = (offerId: string): string => derivedId(offerId, 'pick');

export type OfferRef = { id: string } | { token: string };

/**
 * The outbound message with choices that `ref` names in the conversation (by its id, or by its token
 * among the conversation's messages); undefined when there is none such (another conversation's, or
 * one that offered nothing).
 */
export async function findOffer(
  store: Store,
  teamId: string,
  conversationId: string,
  ref: OfferRef,
): Promise<MessageDoc | undefined> {
  const messages = teamData(store, teamId).messages;
  let doc: MessageDoc | null | undefined;
  if ('id' in ref) {
    doc = await messages.get(ref.id);
  } else {
    if (!/^[A-Za-z0-9_-]{16}$/.test(ref.token)) return undefined;
    const docs = await messages.find({
      selector: { ...conversationMessages(conversationId), direction: 'outbound' },
      limit: 2000,
    });
    doc = docs.find((d) => Array.isArray(d.choices) && offerToken(d.id) === ref.token);
  }
  if (!doc) return undefined;
  if (doc.conversationId !== conversationId || choicesOf(doc).length === 0) return undefined;
  return doc;
}

/** The choice `pick` names (by index in the list, or by its id); undefined when out of range. */
export function choiceOf(offer: MessageDoc, pick: { index: number } | { id: string }): Choice | undefined {
  const choices = choicesOf(offer);
  if ('index' in pick) return Number.isInteger(pick.index) ? choices[pick.index] : undefined;
  return choices.find((c) => c.id === pick.id);
}

/** What makes a customer's message a pick: the label as its text, `picked` naming choice and offer. */
export function pickedFields(offer: MessageDoc, choice: Choice) {
  return {
    text: choice.label,
    replyToId: offer.id,
    picked: { id: choice.id, ...(choice.sourceId ? { sourceId: choice.sourceId } : {}), replyTo: offer.id },
  } satisfies Partial<MessageDoc>;
}

/** The inbound message of a pick: the label as its text, `picked` naming the choice and the offer. */
export function pickMessage(
  offer: MessageDoc,
  choice: Choice,
  customer: Pick<InboundCustomer, 'contactId'> & { name?: string },
  at: string,
): MessageDoc {
  return {
    id: pickIdFor(offer.id),
    conversationId: offer.conversationId,
    contactId: customer.contactId,
    channel: offer.channel,
    direction: 'inbound',
    author: { kind: 'customer', id: customer.contactId, ...(customer.name ? { name: customer.name } : {}) },
    attachments: [],
    delivery: { status: 'received' },
    idempotencyKey: `pick:${offer.id}`.slice(0, 200),
    ...pickedFields(offer, choice),
    createdAt: at,
  };
}

/**
 * Whether the offer was picked from already: its pick doc, or (e-mail, whose picks keep the mail's own
 * id) a customer's message of the conversation that picked from it.
 */
export async function pickedAlready(store: Store, teamId: string, offer: MessageDoc): Promise<boolean> {
  const messages = teamData(store, teamId).messages;
  if (await messages.get(pickIdFor(offer.id))) return true;
  const picks = await messages.findIds(
    { ...conversationMessages(offer.conversationId), direction: 'inbound', 'picked.replyTo': offer.id },
    1,
  );
  return picks.length > 0;
}
