// A deal's commercial proposals (issue 38): a PDF made from the deal's quote, kept in the team's files
// store and listed on the lead, with where it stands: drafted, sent through the conversation's
// channel, opened (only where the channel can tell: a web chat download; e-mail read receipts are not
// trusted), accepted by a rep for the customer. The record is the timeline's source (crm/proposal-timeline.ts).
import { isoDateSchema, languageSchema, refSchema, shortText } from './common';

export const commercialProposalStatuses = ['draft', 'sent', 'opened', 'accepted'] as const;
export type CommercialProposalStatus = (typeof commercialProposalStatuses)[number];

export const commercialProposalSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'number', 'status', 'language', 'currency', 'total', 'fileDocId', 'createdAt'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64 },
    /** The number printed on the document (e.g. `P-20250301-1A2B`). */
    number: shortText(40),
    status: { type: 'string', enum: commercialProposalStatuses },
    language: languageSchema,
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    total: { type: 'number', minimum: 0, maximum: 1e12 },
    /** The PDF: a doc of the team's `files` store (its attachment `original`). */
    fileDocId: refSchema,
    fileName: shortText(255),
    size: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
    /** The last calendar day the offer holds (YYYY-MM-DD). */
    validUntil: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 },
    createdAt: isoDateSchema,
    createdBy: shortText(128),
    sentAt: isoDateSchema,
    /** A member's id, or `agent`. */
    sentBy: shortText(128),
    /** The outbound message that carries the PDF. */
    messageId: refSchema,
    openedAt: isoDateSchema,
    acceptedAt: isoDateSchema,
    acceptedBy: shortText(128),
  },
} as const;
