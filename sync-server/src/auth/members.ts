// Team members: invite by e-mail with a role (the invitee sets a password with the invite token),
// list, change roles, remove. Admin checks are the caller's job (`requireRole('admin')`); these
// functions enforce team scoping and keep at least the caller as an admin.
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, MembersService, Role } from '../context';
import type { AuthService, Session } from './auth-service';
import {
  emailDocId,
  normalizeEmail,
  userView,
  type EmailClaimDoc,
  type InviteDoc,
  type UserDoc,
} from './docs';
import { hashPassword } from './passwords';
import type { RefreshTokens } from './refresh-tokens';
import type { Store } from '../context';
import { statusOf } from '../store/couch-errors';

const INVITE_DAYS = 7;
const inviteId = (token: string) => `invite:${createHash('sha256').update(token).digest('hex')}`;

type Doc = UserDoc | EmailClaimDoc | InviteDoc;

export function createMembersService(deps: {
  store: Store;
  auth: AuthService;
  refresh: RefreshTokens;
  now: () => Date;
}): MembersService & { acceptInvite(input: { token: string; password: string }): Promise<Session> } {
  const db = () => deps.store.systemDb<Doc>('app_users');
  const iso = () => deps.now().toISOString();

  async function member(by: AuthContext, userId: string): Promise<UserDoc> {
    const user = await deps.auth.userById(userId);
    if (!user || user.teamId !== by.teamId || user.disabledAt) {
      throw new DomainError('not-found', 'No such member in your team');
    }
    return user;
  }

  return {
    async list(teamId) {
      const res = await db().find({ selector: { type: 'user', teamId }, limit: 10_000 });
      return res.docs
        .flatMap((d: Doc) => (d.type === 'user' && !d.disabledAt ? [userView(d)] : []))
        .sort((a, b) => a.email.localeCompare(b.email));
    },
    async invite(by, input) {
      const email = normalizeEmail(input.email);
      if (await deps.auth.userByEmail(email)) {
        throw new DomainError('email-taken', 'This e-mail already has an account');
      }
      const token = randomBytes(24).toString('base64url');
      const expiresAt = new Date(deps.now().getTime() + INVITE_DAYS * 86_400_000).toISOString();
      const doc: InviteDoc = {
        _id: inviteId(token),
        type: 'invite',
        teamId: by.teamId,
        email,
        role: input.role,
        invitedBy: by.userId,
        createdAt: iso(),
        expiresAt,
      };
      await db().insert(doc);
      return { inviteToken: token, email, role: input.role, expiresAt };
    },
    async acceptInvite(input) {
      let invite: Doc;
      try {
        invite = await db().get(inviteId(input.token));
      } catch (e) {
        if (statusOf(e) === 404) throw new DomainError('token-invalid', 'The invite is invalid');
        throw e;
      }
      if (invite.type !== 'invite' || invite.acceptedAt) {
        throw new DomainError('token-invalid', 'The invite is invalid or was used');
      }
      if (Date.parse(invite.expiresAt) <= deps.now().getTime()) {
        throw new DomainError('token-expired', 'The invite expired; ask for a new one');
      }
      try {
        await db().insert({ ...invite, acceptedAt: iso() });
      } catch (e) {
        if (statusOf(e) === 409) throw new DomainError('token-invalid', 'The invite was already used');
        throw e;
      }
      const user = await deps.auth.createUser({
        teamId: invite.teamId,
        email: invite.email,
        role: invite.role,
        passwordHash: await hashPassword(input.password),
      });
      return deps.auth.session(user);
    },
    async setRole(by, userId, role: Role) {
      if (userId === by.userId) throw new DomainError('forbidden', 'You cannot change your own role');
      const user = await member(by, userId);
      const next = { ...user, role, updatedAt: iso() };
      await db().insert(next);
      return userView(next);
    },
    async remove(by, userId) {
      if (userId === by.userId) throw new DomainError('forbidden', 'You cannot remove yourself');
      const user = await member(by, userId);
      await db().insert({ ...user, disabledAt: iso(), updatedAt: iso() });
      // Free the e-mail for a new account; sessions end now, access tokens within their lifetime.
      try {
        const claim = await db().get(emailDocId(user.email));
        if (claim._rev) await db().destroy(claim._id, claim._rev);
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
      }
      await deps.refresh.revokeUser(userView(user).id, 'member-removed');
    },
  };
}
