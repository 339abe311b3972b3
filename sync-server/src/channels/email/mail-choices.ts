// Offered choices by e-mail (issue 61): a mail cannot carry buttons, so an agent message's choices go
// as a numbered list under its text (the articles 1, 2, 3 and "none of these" 0, in the customer's
// language, with a line asking for the number), and a reply to that mail whose first line of new text
// is just one of those numbers is the pick: its text becomes the label and `picked` names the choice
// and the offer (../choices.ts). The reply's thread gives the offer: the sent mail it answers
// (In-Reply-To) is recorded with its message doc. A number not in the list, a reply to another mail,
// or an offer picked from before leaves the mail as the text it is.
import { detectLanguage } from '@app/shared/llm';
import type { MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { teamStored } from '../../store/data';
import { choicesOf, findOffer, NONE_CHOICE, pickedAlready, pickedFields, type Choice } from '../choices';
import { mailDocId } from './threading';

const replyLine = { ru: 'Ответьте номером варианта.', en: 'Reply with the number.' } as const;

/** The list's numbers: articles from 1 in order, "none of these" 0. */
function numbered(choices: Choice[]): Array<{ n: number; choice: Choice }> {
  let n = 0;
  return choices.map((choice) => ({ n: choice.id === NONE_CHOICE ? 0 : ++n, choice }));
}

/** The language of the list: the offer's own (its lead-in and labels are in the customer's). */
function languageOf(doc: MessageDoc, choices: Choice[]): 'ru' | 'en' {
  return detectLanguage([doc.text, ...choices.map((c) => c.label)].join('\n'));
}

/** The mail's body of an outbound doc: its text, then the numbered choices when it offers any. */
export function textWithChoices(doc: MessageDoc, text: string): string {
  const choices = choicesOf(doc);
  if (choices.length === 0) return text;
  const list = numbered(choices)
    .sort((a, b) => (a.n === 0 ? 1 : b.n === 0 ? -1 : a.n - b.n))
    .map(({ n, choice }) => `${n}. ${choice.label}`);
  return `${text.trimEnd()}\n\n${list.join('\n')}\n\n${replyLine[languageOf(doc, choices)]}`;
}

/** The number a reply's new text is, when its first line of text says only that. */
export function pickedNumber(text: string): number | undefined {
  const first = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('>'));
  const m = first === undefined ? null : /^(\d{1,2})\s*[.)]?$/.exec(first);
  return m ? Number(m[1]) : undefined;
}

/**
 * What makes an inbound mail a pick: the offer of the sent mail it answers, in its conversation, and
 * the choice its number names (undefined: none, or picked from before).
 */
export async function mailPick(
  store: Store,
  teamId: string,
  conversationId: string,
  mail: { inReplyTo?: string; text: string },
): Promise<ReturnType<typeof pickedFields> | undefined> {
  const n = pickedNumber(mail.text);
  if (n === undefined || !mail.inReplyTo) return undefined;
  const record = await teamStored<{ messageId?: unknown; fileName?: unknown }>(store, teamId, 'files').get(
    mailDocId(mail.inReplyTo),
  );
  if (record?.fileName !== 'sent.eml' || typeof record.messageId !== 'string') return undefined;
  const offer = await findOffer(store, teamId, conversationId, { id: record.messageId });
  const choice = offer && numbered(choicesOf(offer)).find((c) => c.n === n)?.choice;
  if (!offer || !choice || (await pickedAlready(store, teamId, offer))) return undefined;
  return pickedFields(offer, choice);
}
