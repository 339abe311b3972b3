// The outbound message that carries a proposal to the customer: a short note in the proposal's
// language and the PDF as a document attachment (the stored file), on the conversation's channel.
// Its id derives from the proposal, so sending twice writes one message; the channel's outbox then
// sends it like any outbound doc (Telegram sendDocument, an e-mail's MIME attachment).
import type { CommercialProposal, ConversationDoc, MessageDoc } from '@app/shared/schemas';
import { proposalFormat, type ProposalLanguage } from './proposal-labels';

export const proposalMessageId = (proposalId: string) => `proposal:${proposalId}`;

export function proposalNote(p: CommercialProposal): string {
  const f = proposalFormat(p.language as ProposalLanguage, p.currency);
  const until = p.validUntil ? f.date(p.validUntil) : undefined;
  return p.language === 'ru'
    ? `Здравствуйте! Направляем коммерческое предложение № ${p.number} на сумму ${f.money(p.total)}.` +
        (until ? ` Предложение действительно до ${until}.` : '')
    : `Hello! Please find our commercial proposal No. ${p.number} for ${f.money(p.total)} attached.` +
        (until ? ` It is valid until ${until}.` : '');
}

export function proposalMessage(
  p: CommercialProposal,
  conv: Pick<ConversationDoc, 'id' | 'contactId' | 'channel'>,
  author: MessageDoc['author'],
  at: string,
): MessageDoc {
  return {
    id: proposalMessageId(p.id),
    conversationId: conv.id,
    contactId: conv.contactId,
    channel: conv.channel,
    direction: 'outbound',
    author,
    text: proposalNote(p),
    attachments: [
      {
        kind: 'document',
        fileName: p.fileName ?? `${p.number}.pdf`,
        mimeType: 'application/pdf',
        ...(p.size !== undefined ? { size: p.size } : {}),
        fileDocId: p.fileDocId,
      },
    ],
    delivery: { status: 'pending', attempts: 0 },
    idempotencyKey: `proposal:${p.id}`,
    createdAt: at,
    updatedAt: at,
  };
}
