// Calendar feed tokens: each member may have one secret URL that calendar apps (Google, Apple,
// Outlook) subscribe to, since they cannot send a bearer token. Kept like refresh tokens: the token is
// `<key id><secret>` (32 hex + 43 base64url characters), the key doc `calfeed:<key id>` in app_users
// holds only the secret's SHA-256, compared in constant time. The member's pointer doc
// `calfeed-of:<user id>` names their one live key: rotating writes a new key and moves the pointer (a
// CouchDB revision is the compare-and-swap), revoking deletes both. A key the pointer does not name
// (a rotation that lost a race) is refused as well, and so is one made before the member's token
// version was raised (removed, role, team or password changed: what ends their sessions ends it too).
// A team's admin requiring SSO ends every feed of the team (`revokeTeam`, oidc-identities.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@app/shared/errors';
import type { Store } from '../context';
import { statusOf } from '../store/couch-errors';
import { systemDocs } from '../store/data';
import { tokenVersionOf, userDocId, type UserDoc } from './docs';

export type CalendarFeedKeyDoc = {
  _id: string;
  _rev?: string;
  type: 'calendar-feed';
  userId: string;
  teamId: string;
  secretHash: string;
  /** The member's token version when it was made: a later one (removal, role, team or password
   * change) ends the feed as it ends sessions. */
  tokenVersion: number;
  createdAt: string;
};
export type CalendarFeedPointerDoc = {
  _id: string;
  _rev?: string;
  type: 'calendar-feed-of';
  userId: string;
  keyId: string;
  createdAt: string;
};
type Doc = CalendarFeedKeyDoc | CalendarFeedPointerDoc | UserDoc;

const keyDocId = (keyId: string) => `calfeed:${keyId}`;
const pointerDocId = (userId: string) => `calfeed-of:${userId}`;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();
/** A feed token's shape; anything else is refused before a database is asked. */
export const feedTokenPattern = /^[0-9a-f]{32}[A-Za-z0-9_-]{43}$/;

export type FeedOwner = { user: UserDoc; userId: string; teamId: string };

export type CalendarFeeds = ReturnType<typeof createCalendarFeeds>;

export function createCalendarFeeds(deps: { store: Store; now: () => Date }) {
  const db = () => systemDocs<Doc & { _id: string }>(deps.store, 'app_users');
  const get = async <T extends Doc>(id: string, type: T['type']): Promise<T | undefined> => {
    const doc = await db().get(id);
    return doc?.type === type ? (doc as T) : undefined;
  };
  const remove = async (id: string, rev: string | undefined) => {
    if (!rev) return;
    await db()
      .remove(id, rev)
      .catch((e: unknown) => {
        if (statusOf(e) !== 404 && statusOf(e) !== 409) throw e;
      });
  };

  /** Ends the member's feed; false when they had none. */
  async function revoke(userId: string): Promise<boolean> {
    const pointer = await get<CalendarFeedPointerDoc>(pointerDocId(userId), 'calendar-feed-of');
    if (!pointer) return false;
    await remove(pointerDocId(userId), pointer._rev);
    const key = await get<CalendarFeedKeyDoc>(keyDocId(pointer.keyId), 'calendar-feed');
    await remove(keyDocId(pointer.keyId), key?._rev);
    return true;
  }

  return {
    /** When the member's feed was made, or undefined when they have none. */
    async status(userId: string): Promise<{ createdAt: string } | undefined> {
      const pointer = await get<CalendarFeedPointerDoc>(pointerDocId(userId), 'calendar-feed-of');
      return pointer ? { createdAt: pointer.createdAt } : undefined;
    },

    /** A new token for the member; the one they had (if any) stops working at once. */
    async issue(owner: { userId: string; teamId: string }): Promise<{ token: string; createdAt: string }> {
      const user = await get<UserDoc>(userDocId(owner.userId), 'user');
      if (!user || user.disabledAt || user.teamId !== owner.teamId) {
        throw new DomainError('unauthorized', 'Sign in again');
      }
      const keyId = randomBytes(16).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const createdAt = deps.now().toISOString();
      await db().create({
        _id: keyDocId(keyId),
        type: 'calendar-feed',
        userId: owner.userId,
        teamId: owner.teamId,
        secretHash: sha(secret).toString('base64'),
        tokenVersion: tokenVersionOf(user),
        createdAt,
      });
      for (let attempt = 1; ; attempt++) {
        const pointer = await get<CalendarFeedPointerDoc>(pointerDocId(owner.userId), 'calendar-feed-of');
        const written = await db().put({
          _id: pointerDocId(owner.userId),
          ...(pointer?._rev ? { _rev: pointer._rev } : {}),
          type: 'calendar-feed-of',
          userId: owner.userId,
          keyId,
          createdAt,
        });
        if (written === null) {
          if (attempt < 5) continue;
          throw new DomainError('conflict', 'The calendar feed keeps changing; try again');
        }
        if (pointer) {
          const old = await get<CalendarFeedKeyDoc>(keyDocId(pointer.keyId), 'calendar-feed');
          await remove(keyDocId(pointer.keyId), old?._rev);
        }
        return { token: `${keyId}${secret}`, createdAt };
      }
    },

    revoke,

    /** Ends the feeds of every member of the team (it now requires SSO); how many. */
    async revokeTeam(teamId: string): Promise<number> {
      const found = await db().select({ type: 'calendar-feed', teamId }, 100_000);
      const keys = found.flatMap((d) => (d.type === 'calendar-feed' ? [d as CalendarFeedKeyDoc] : []));
      for (const userId of new Set(keys.map((k) => k.userId))) await revoke(userId);
      // Keys no pointer names any more (a rotation that lost a race) go too.
      for (const key of keys) await remove(key._id, key._rev);
      return keys.length;
    },

    /**
     * The member a token belongs to, while it is their live token and they are still an active member
     * of the team it was made in; otherwise undefined (the route answers 404 alike for all of these).
     */
    async resolve(token: string): Promise<FeedOwner | undefined> {
      if (!feedTokenPattern.test(token)) return undefined;
      const keyId = token.slice(0, 32);
      const given = sha(token.slice(32));
      const key = await get<CalendarFeedKeyDoc>(keyDocId(keyId), 'calendar-feed');
      const expected = key ? Buffer.from(key.secretHash, 'base64') : sha('');
      const same = expected.length === given.length && timingSafeEqual(expected, given);
      if (!key || !same) return undefined;
      const [pointer, user] = await Promise.all([
        get<CalendarFeedPointerDoc>(pointerDocId(key.userId), 'calendar-feed-of'),
        get<UserDoc>(userDocId(key.userId), 'user'),
      ]);
      if (pointer?.keyId !== keyId || !user || user.disabledAt || user.teamId !== key.teamId)
        return undefined;
      if (tokenVersionOf(user) !== (key.tokenVersion ?? 0)) return undefined;
      return { user, userId: key.userId, teamId: key.teamId };
    },
  };
}
