// A request for a quote sent to a vendor for an event deal (the events pack's Vendors agent), kept on
// the deal (`lead.vendorRequests`): which vendor, through which channel and conversation, where it
// stands (requested → quoted → contracted or declined) and the vendor's answer with the amount read
// from it where the vendor stated one.
import { isoDateSchema, refSchema, shortText } from './common';

export const vendorRequestStatuses = ['requested', 'quoted', 'contracted', 'declined'] as const;
export type VendorRequestStatus = (typeof vendorRequestStatuses)[number];

/** The channels a request for a quote goes through. */
export const vendorRequestChannels = ['email', 'telegram'] as const;

export const vendorRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['vendorId', 'name', 'channel', 'status', 'conversationId', 'requestedAt'],
  properties: {
    /** The vendor's id in the pipeline's directory. */
    vendorId: { type: 'string', minLength: 1, maxLength: 60 },
    name: shortText(200),
    kind: shortText(20),
    channel: { type: 'string', enum: vendorRequestChannels },
    status: { type: 'string', enum: vendorRequestStatuses },
    /** The conversation with the vendor the request went out in (their answer comes back there). */
    conversationId: refSchema,
    /** The outbound message of the request. */
    messageId: refSchema,
    requestedAt: isoDateSchema,
    /** The vendor's answer: its text, the amount read from it, when and which message. */
    quote: {
      type: 'object',
      additionalProperties: false,
      required: ['text', 'at'],
      properties: {
        text: shortText(4000),
        amount: { type: 'number', minimum: 0, maximum: 1e12 },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        messageId: refSchema,
        at: isoDateSchema,
      },
    },
    /** When a rep marked it contracted or declined, and who. */
    decidedAt: isoDateSchema,
    decidedBy: shortText(128),
  },
} as const;
