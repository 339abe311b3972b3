// Who signs a rep's message to a customer: the member's display name (PATCH /api/v1/me, or an admin's
// PATCH /api/v1/members/:id), read from app_users by the author's id. The author name a device wrote
// on the message (it may be the login e-mail) is never shown to a customer. Names are cached briefly;
// a rename reaches customers within `ttlMs`.
import type { MessageDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { userDocId, type UserDoc } from '../auth/docs';
import { systemDocs } from '../store/data';

export type RepNames = {
  /** The display name of the message's rep author; undefined: not a rep, or one without a name. */
  of(author: MessageDoc['author']): Promise<string | undefined>;
};

export function createRepNames(store: Store, now: () => number = Date.now, ttlMs = 30_000): RepNames {
  const cache = new Map<string, { name: string | undefined; at: number }>();
  return {
    async of(author) {
      if (author.kind !== 'rep' || !author.id) return undefined;
      const hit = cache.get(author.id);
      if (hit && now() - hit.at < ttlMs) return hit.name;
      const user = await systemDocs<UserDoc>(store, 'app_users').get(userDocId(author.id));
      const name = user?.type === 'user' && !user.disabledAt ? user.displayName : undefined;
      if (cache.size > 5_000) cache.clear();
      cache.set(author.id, { name, at: now() });
      return name;
    },
  };
}

/** The text a channel without an author label sends: a rep's reply ends with their display name. */
export function signedText(text: string, name: string | undefined): string {
  return name && text.trim() ? `${text}\n\n— ${name}` : text;
}
