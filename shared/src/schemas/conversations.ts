// Conversations: one thread with a contact on one channel, answered by the AI or by a rep.
import {
  channelSchema,
  editableFields,
  editableRequired,
  idSchema,
  isoDateSchema,
  refSchema,
  shortText,
  stringList,
} from './common';
import { defineCollection, type DocOf } from './collection';
import { experimentAssignmentSchema } from './experiments';

/** The mood of a customer message (agents/mood): the labels and abuse severities stored. */
export const moodLabels = ['negative', 'neutral', 'positive'] as const;
export const abuseSeverities = ['none', 'mild', 'severe'] as const;
export const conversationPriorities = ['normal', 'high', 'urgent'] as const;
export type ConversationPriority = (typeof conversationPriorities)[number];

export const conversationSchema = {
  title: 'conversation',
  version: 5,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'contactId', 'channel', 'externalChatId', 'mode', 'status', ...editableRequired],
  properties: {
    id: idSchema,
    contactId: refSchema,
    leadId: refSchema,
    channel: channelSchema,
    /** The chat on the channel: Telegram chat id, web-chat session id. */
    externalChatId: { type: 'string', minLength: 1, maxLength: 200 },
    /** Which of the team's bots or widgets the conversation runs through. */
    botId: shortText(128),
    /** `ai`: agents answer; `human`: a rep took over and agents stay silent. */
    mode: { type: 'string', enum: ['ai', 'human'] },
    assigneeId: refSchema,
    status: { type: 'string', enum: ['open', 'snoozed', 'closed'] },
    agentProfileId: refSchema,
    handoffReason: shortText(500),
    /**
     * The customer message whose agent run handed the conversation to a human. A run of that same
     * message again (after a crash between its writes) finishes what it began instead of going silent.
     */
    handoffMessageId: refSchema,
    /**
     * Since when the customer has waited for a rep (set by a hand-off, cleared when a rep writes):
     * the Inbox lists waiting customers by it. The AI answers again once the profile's wait is over.
     */
    waitingSince: isoDateSchema,
    lastMessageAt: isoDateSchema,
    lastInboundAt: isoDateSchema,
    lastMessagePreview: shortText(300),
    unreadCount: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    tags: stringList(),
    /**
     * The mood of the customer's latest message (issue 62, agents/mood): its label and score (-1..1),
     * the reasons a rep can read, and the abuse it holds (never the words themselves).
     */
    mood: {
      type: 'object',
      additionalProperties: false,
      required: ['label', 'score', 'abuse', 'at', 'messageId'],
      properties: {
        label: { type: 'string', enum: moodLabels },
        score: { type: 'number', minimum: -1, maximum: 1 },
        reasons: stringList(10, 200),
        abuse: { type: 'string', enum: abuseSeverities },
        at: isoDateSchema,
        messageId: refSchema,
      },
    },
    /** How many of the customer's messages were angry or abusive (agents/mood). */
    angryCount: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    /**
     * How soon a rep should look: `high` after an angry message, `urgent` after abuse or an angry
     * customer handed to a human. Unset is `normal`. The Inbox lists urgent ones first.
     */
    priority: { type: 'string', enum: conversationPriorities },
    /** The experiment variant (issue 38) whose instructions the agents follow here, once assigned. */
    experiment: experimentAssignmentSchema,
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type ConversationDoc = DocOf<typeof conversationSchema>;

export const conversationsCollection = defineCollection({
  name: 'conversations',
  schema: conversationSchema,
  mergeFields: [
    'leadId',
    'mode',
    'assigneeId',
    'status',
    'agentProfileId',
    'handoffReason',
    'handoffMessageId',
    'waitingSince',
    'lastMessageAt',
    'lastInboundAt',
    'lastMessagePreview',
    'unreadCount',
    'tags',
    'experiment',
    'mood',
    'angryCount',
    'priority',
  ],
  appendOnly: false,
  migrations: {
    // Version 1 adds the optional `handoffMessageId`; a version-0 doc is valid as it is.
    1: (old) => old,
    // Version 2 adds the optional `waitingSince`; a version-1 doc is valid as it is.
    2: (old) => old,
    // Version 3 adds the channel `vk`; a version-2 doc is valid as it is.
    3: (old) => old,
    // Version 4 adds the optional experiment assignment (issue 38); a version-3 doc is valid as it is.
    4: (old) => old,
    // Version 5 adds the optional mood, angry count and priority (issue 62); a version-4 doc is valid.
    5: (old) => old,
  },
});
