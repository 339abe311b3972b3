// Messages: every inbound and outbound message. AI and rep replies take the same path: an outbound
// doc that the server's sender delivers and marks with its delivery status.
import { actorSchema, channelSchema, idSchema, isoDateSchema, refSchema, shortText } from './common';
import { defineCollection, type DocOf, type OldDoc } from './collection';

export const attachmentMetaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: {
      type: 'string',
      enum: ['photo', 'document', 'audio', 'voice', 'video', 'sticker', 'contact', 'location', 'other'],
    },
    fileName: shortText(255),
    mimeType: shortText(127),
    size: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
    /** The channel's own file id (Telegram file_id), to fetch it again. */
    externalFileId: shortText(512),
    /** The stored copy: id of the doc in the files store and the attachment name. */
    fileDocId: shortText(128),
    caption: shortText(1024),
  },
} as const;

export const deliveryStatuses = ['received', 'pending', 'sending', 'sent', 'failed'] as const;

export const messageSchema = {
  title: 'message',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'conversationId',
    'channel',
    'direction',
    'author',
    'text',
    'attachments',
    'delivery',
    'idempotencyKey',
    'createdAt',
  ],
  properties: {
    id: idSchema,
    conversationId: refSchema,
    contactId: refSchema,
    channel: channelSchema,
    direction: { type: 'string', enum: ['inbound', 'outbound'] },
    author: actorSchema,
    text: { type: 'string', maxLength: 16_000 },
    attachments: { type: 'array', maxItems: 20, items: attachmentMetaSchema },
    delivery: {
      type: 'object',
      additionalProperties: false,
      required: ['status'],
      properties: {
        status: { type: 'string', enum: deliveryStatuses },
        attempts: { type: 'integer', minimum: 0, maximum: 1000 },
        lastError: shortText(1000),
        /** The channel's id for the delivered message (Telegram message_id). */
        externalMessageId: shortText(128),
        sentAt: isoDateSchema,
        nextAttemptAt: isoDateSchema,
      },
    },
    /**
     * Inbound: derived from the channel's chat and message id, so a redelivered update is a no-op.
     * Outbound: set by the writer, so a retried write does not send twice.
     */
    idempotencyKey: { type: 'string', minLength: 1, maxLength: 200 },
    replyToId: refSchema,
    /** Knowledge chunks an AI answer cites. */
    citations: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['chunkId'],
        properties: { chunkId: refSchema, sourceId: refSchema, title: shortText(300) },
      },
    },
    /**
     * Outbound (issue 61): the articles the agent offers when no passage is clearly ahead, as buttons
     * (Telegram, VK, web chat) or a numbered list (e-mail): up to 3 articles and one `{ id: 'none' }`.
     * `sourceId` is the knowledge source the article comes from; `text` is the lead-in.
     */
    choices: {
      type: 'array',
      maxItems: 4,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label'],
        properties: { id: shortText(64), label: shortText(300), sourceId: refSchema },
      },
    },
    /**
     * Inbound (issue 61): the customer picked one of an agent message's `choices` (`text` is its label);
     * `replyTo` is the id of the agent message that offered it.
     */
    picked: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'replyTo'],
      properties: { id: shortText(64), sourceId: refSchema, replyTo: refSchema },
    },
    /** What the channel noticed about an inbound message, for the agents and the runtime. */
    signals: {
      type: 'object',
      additionalProperties: false,
      properties: {
        command: { type: 'string', enum: ['start', 'help', 'stop'] },
        /** Deep-link payload of `/start <payload>` or the web chat's page: the lead source campaign. */
        campaign: shortText(200),
        humanRequested: { type: 'boolean' },
        /** The channel answered it itself (e.g. /help): agents stay silent. */
        handledByBot: { type: 'boolean' },
        sharedPhone: shortText(40),
      },
    },
    /** For AI answers: the agent run that wrote it (see activity). */
    runId: shortText(128),
    /** A follow-up planned by nurturing: not sent before this time, cancelled if the customer writes. */
    scheduledFor: isoDateSchema,
    cancelledAt: isoDateSchema,
    editedAt: isoDateSchema,
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  },
  indexes: ['createdAt'],
} as const;

export type MessageDoc = DocOf<typeof messageSchema>;

/** What a rep sees of a message's delivery: a cancelled follow-up is `cancelled`, not "waiting to send". */
export type DeliveryState = MessageDoc['delivery']['status'] | 'cancelled' | 'scheduled';

export function deliveryStateOf(
  m: Pick<MessageDoc, 'delivery' | 'scheduledFor' | 'cancelledAt'>,
): DeliveryState {
  if (m.cancelledAt && m.delivery.status !== 'sent') return 'cancelled';
  if (m.scheduledFor && m.delivery.status === 'pending') return 'scheduled';
  return m.delivery.status;
}
export type AttachmentMeta = MessageDoc['attachments'][number];

export const messagesCollection = defineCollection({
  name: 'messages',
  schema: messageSchema,
  mergeFields: ['delivery', 'text', 'editedAt', 'cancelledAt', 'updatedAt'],
  appendOnly: true,
  migrations: {
    // Version 0 had no idempotency key and kept a bare `status` string.
    1: (old: OldDoc): OldDoc => {
      const { status, ...rest } = old;
      const delivery = rest.delivery ?? {
        status: typeof status === 'string' ? status : rest.direction === 'inbound' ? 'received' : 'pending',
      };
      return {
        ...rest,
        delivery,
        idempotencyKey:
          typeof rest.idempotencyKey === 'string' ? rest.idempotencyKey : `legacy:${String(rest.id)}`,
      };
    },
    // Version 2 adds the channel `vk`; a version-1 doc is valid as it is.
    2: (old: OldDoc): OldDoc => old,
    // Version 3 adds the optional `choices` (outbound) and `picked` (inbound); older docs are valid as they are.
    3: (old: OldDoc): OldDoc => old,
  },
});
