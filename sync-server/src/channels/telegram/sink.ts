// The bot's InboundSink over the team's CouchDB databases: inbound messages through ingestInbound,
// edits onto the same doc, /stop as an opt-out. With `profiles`, a new message of a customer whose
// profile is due has it read (getChat) after the message is written, off the reply's path (profile.ts).
// With `social`, the posts of a channel the bot administers and the comments under them go to social
// monitoring (social/posts.ts) as `telegram-channel` and `telegram-comment` posts. A press of an
// offered choice's button becomes the customer's pick (../choices.ts), found in this chat's
// conversation only.
import type { ChannelPost, ChoicePick, InboundSink } from '@app/bot';
import { conversationIdFor } from '@app/shared/ids';
import type { MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { traceStage } from '../../ops/message-trace';
import { teamStored } from '../../store/data';
import { choiceOf, findOffer, pickMessage } from '../choices';
import { ingestInbound, optOutContact } from '../intake';
import type { NoteSocialPost, SocialPostSeen } from '../port';
import { createProfileSchedule } from '../profile-facts';
import { refreshTelegramProfile, type TelegramProfiles } from './profile';

export function createTelegramSink(
  store: Store,
  teamId: string,
  profiles?: TelegramProfiles,
  social?: NoteSocialPost,
): InboundSink {
  const reader = profiles && { ...profiles, schedule: profiles.schedule ?? createProfileSchedule() };
  return {
    async saveInbound(m) {
      traceStage(m.doc.id, 'received');
      const signals: NonNullable<MessageDoc['signals']> = {
        ...m.doc.signals,
        ...(m.signals.command ? { command: m.signals.command } : {}),
        ...(m.signals.leadSource ? { campaign: m.signals.leadSource.campaign.slice(0, 200) } : {}),
        ...(m.signals.humanRequested ? { humanRequested: true } : {}),
        ...(m.signals.handledByBot ? { handledByBot: true } : {}),
        ...(m.signals.contact?.isOwn ? { sharedPhone: m.signals.contact.phone.slice(0, 40) } : {}),
      };
      const doc: MessageDoc = { ...m.doc, ...(Object.keys(signals).length ? { signals } : {}) };
      const name =
        [m.customer.firstName, m.customer.lastName].filter(Boolean).join(' ') ||
        m.customer.username ||
        'Telegram user';
      const result = await ingestInbound(store, teamId, {
        doc,
        customer: {
          contactId: m.customer.contactId,
          name,
          identity: {
            channel: 'telegram',
            externalId: m.customer.externalId,
            ...(m.customer.username ? { username: m.customer.username } : {}),
          },
          ...(m.customer.language ? { language: m.customer.language } : {}),
          ...(m.signals.contact?.isOwn ? { phone: m.signals.contact.phone.slice(0, 40) } : {}),
        },
        conversation: {
          id: m.doc.conversationId,
          channel: 'telegram',
          externalChatId: m.chat.externalChatId,
          botId: m.botId,
        },
      });
      if (result === 'created') traceStage(doc.id, 'stored');
      if (result === 'created' && reader)
        void refreshTelegramProfile(store, teamId, reader, {
          contactId: m.customer.contactId,
          userId: m.customer.externalId,
          messageId: doc.id,
          conversationId: doc.conversationId,
        });
      return result;
    },

    async saveEdit(edit) {
      let unchanged = false;
      const written = await teamStored(store, teamId, 'messages').update(edit.id, (doc) => {
        if (doc.text === edit.text) {
          unchanged = true;
          return undefined;
        }
        return { ...doc, text: edit.text, editedAt: edit.editedAt, updatedAt: edit.editedAt };
      });
      if (written) return 'updated';
      return unchanged ? 'unchanged' : 'missing';
    },

    async optOut(event) {
      await optOutContact(store, teamId, event.contactId, event.conversationId, event.at);
    },

    savePick: (pick) => savePick(store, teamId, pick),

    ...(social ? { saveChannelPost: (post: ChannelPost) => social(teamId, socialPostOf(post)) } : {}),
  };
}

/** A press of a choice's button: the pick in the chat's conversation, or `refused`. */
async function savePick(
  store: Store,
  teamId: string,
  pick: ChoicePick,
): Promise<'created' | 'duplicate' | 'refused'> {
  const conversationId = conversationIdFor('telegram', pick.botId, pick.chat.externalChatId);
  const offer = await findOffer(store, teamId, conversationId, { token: pick.token });
  const choice = offer && choiceOf(offer, { index: pick.index });
  if (!offer || !choice) return 'refused';
  const c = pick.customer;
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.username || 'Telegram user';
  const doc = pickMessage(offer, choice, { contactId: c.contactId, name: name.slice(0, 200) }, pick.at);
  traceStage(doc.id, 'received');
  return ingestInbound(store, teamId, {
    doc,
    customer: {
      contactId: c.contactId,
      name,
      identity: {
        channel: 'telegram',
        externalId: c.externalId,
        ...(c.username ? { username: c.username } : {}),
      },
      ...(c.language ? { language: c.language } : {}),
    },
    conversation: {
      id: conversationId,
      channel: 'telegram',
      externalChatId: pick.chat.externalChatId,
      botId: pick.botId,
    },
  });
}

/** A channel's post or comment as social monitoring takes it, with its public link. */
function socialPostOf(post: ChannelPost): SocialPostSeen {
  // A public channel's link names it; a private one's is t.me/c/ and its id without Telegram's -100.
  const base = post.channel.username
    ? `https://t.me/${post.channel.username}/${post.postId}`
    : `https://t.me/c/${post.channel.id.replace(/^-100/, '')}/${post.postId}`;
  const postId = `${post.channel.id}_${post.postId}`;
  const common = { text: post.text, at: post.at, ...(post.author ? { author: post.author } : {}) };
  if (post.kind === 'post' || !post.comment)
    return { source: 'telegram-channel', externalId: postId, url: base, ...common };
  return {
    source: 'telegram-comment',
    externalId: `${postId}_${post.comment.id}`,
    parent: { source: 'telegram-channel', externalId: postId },
    url: `${base}?comment=${post.comment.id}`,
    ...common,
  };
}
