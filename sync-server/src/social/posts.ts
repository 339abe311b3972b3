// Social monitoring's intake for the posts a channel receives itself (a Telegram channel the team's bot
// administers, the comments under its posts): a post that names an event deal's keywords is that
// deal's mention; a comment is too, when it names one or when its post is a mention already (a comment
// under the event's photo report is about the event). Seen again, it is the same mention (mentions.ts).
import { socialMentionId, type SocialMention } from '@app/shared/schemas';
import type { NoteSocialPost, SocialPostSeen } from '../channels/port';
import type { Store } from '../context';
import { systemDocs, type SystemDoc } from '../store/data';
import { saveMention } from './mentions';
import { eventWatches, watchOf } from './watches';

/** Keeps the post when it is about an event deal; answers whether a mention was new or changed. */
export async function noteSocialPost(
  store: Store,
  teamId: string,
  post: SocialPostSeen,
  now: Date,
): Promise<boolean> {
  const watches = await eventWatches(store, teamId);
  if (!watches.length) return false;
  const leadId =
    watchOf(watches, post.text)?.leadId ?? (post.parent && (await parentLead(store, teamId, post.parent)));
  if (!leadId) return false;
  const { parent: _parent, ...seen } = post;
  return saveMention(store, teamId, { ...seen, leadId }, now);
}

async function parentLead(store: Store, teamId: string, parent: NonNullable<SocialPostSeen['parent']>) {
  const id = socialMentionId(teamId, parent.source, parent.externalId);
  return (await systemDocs<Omit<SocialMention, 'id'> & SystemDoc>(store, 'app_runtime').get(id))?.leadId;
}

/** The intake the server gives its channels (ChannelContext.socialPost). */
export const socialPostIntake =
  (store: Store, now: () => Date): NoteSocialPost =>
  async (teamId, post) => {
    await noteSocialPost(store, teamId, post, now());
  };
