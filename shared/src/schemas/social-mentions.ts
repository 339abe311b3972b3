// A mention or comment of a client's event on social media (issue 39, the events pack's Social media
// agent): where it was seen (a VK community's wall, a post's comments, VK's news search, a Telegram
// channel the team's bot administers or its discussion group), its text, author and time, the event
// deal it is about, and its sentiment read offline in its language. Kept by the server (not a synced
// collection: the desktop's RxDB holds no more collections), read through the deal's social report.
import { isoDateSchema, refSchema, shortText } from './common';

export const socialSources = [
  'vk-wall',
  'vk-comment',
  'vk-search',
  'telegram-channel',
  'telegram-comment',
] as const;
export type SocialSource = (typeof socialSources)[number];
export const sentimentLabels = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof sentimentLabels)[number];

export const socialMentionSchema = {
  title: 'social mention',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'teamId', 'leadId', 'source', 'externalId', 'text', 'at', 'sentiment', 'seenAt'],
  properties: {
    /** `social:<team>:<source>:<external id>`: the same post seen twice is one mention. */
    id: { type: 'string', minLength: 1, maxLength: 300 },
    teamId: refSchema,
    /** The event deal the mention is about (its keywords matched). */
    leadId: refSchema,
    source: { type: 'string', enum: socialSources },
    /** The network's id: `<owner>_<post>` (VK), `<post>_<comment>` (a VK comment), `<chat>:<message>`. */
    externalId: { type: 'string', minLength: 1, maxLength: 120 },
    /** A link to it where the network has one (https://vk.com/wall<owner>_<post>, https://t.me/<channel>/<id>). */
    url: shortText(500),
    author: shortText(200),
    text: shortText(4000),
    /** When it was posted, and when the monitor saw it. */
    at: isoDateSchema,
    seenAt: isoDateSchema,
    language: { type: 'string', enum: ['en', 'ru'] },
    sentiment: {
      type: 'object',
      additionalProperties: false,
      required: ['label', 'score'],
      properties: {
        label: { type: 'string', enum: sentimentLabels },
        /** The lexicon's sum (negative below zero). */
        score: { type: 'number', minimum: -1000, maximum: 1000 },
        /** Which words counted, as the lexicon read them (the report shows why). */
        words: { type: 'array', maxItems: 30, items: shortText(60) },
      },
    },
    /** An edit seen later (Telegram's edited_channel_post, VK's text changed). */
    editedAt: isoDateSchema,
  },
} as const;

export type SocialMention = {
  id: string;
  teamId: string;
  leadId: string;
  source: SocialSource;
  externalId: string;
  url?: string;
  author?: string;
  text: string;
  at: string;
  seenAt: string;
  language?: 'en' | 'ru';
  sentiment: { label: SentimentLabel; score: number; words?: string[] };
  editedAt?: string;
};

/** The id of a mention: one per team, source and the network's id. */
export const socialMentionId = (teamId: string, source: SocialSource, externalId: string) =>
  `social:${teamId}:${source}:${externalId}`;
