// Team members: invite by e-mail with a role (the invitee sets a password with the invite token),
// list, change roles, remove. Who may is the routes' job (the access table's `members` row); these
// functions enforce team scoping and keep at least the caller as an admin. A role change or a removal
// ends the member's sessions and access tokens at once (auth-service `endSessions`).
// Inviting and accepting answer alike whether or not the e-mail has an account elsewhere (README,
// "Accounts"): an invite is made without looking the e-mail up, and accepting it either creates the
// account or, for an e-mail that has one, moves that account into the team when the password given is
// its own; the answer is the same and carries no session.
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { AuthContext, MembersService, Role } from '../context';
import { accountLink, inviteMail, type AccountMailer } from './account-mail';
import { answerNoSooner, defaultSignUpAnswerMs } from './answer-pacing';
import type { AuthService, SignUpAnswer } from './auth-service';
import {
  emailDocId,
  normalizeEmail,
  userView,
  type EmailClaimDoc,
  type InviteDoc,
  type UserDoc,
} from './docs';
import { assertStrongPassword } from './password-strength';
import { dummyHash, verifyPassword } from './passwords';
import type { Store } from '../context';
import { statusOf } from '../store/couch-errors';
import { systemDocs } from '../store/data';

const INVITE_DAYS = 7;

/** Accepting an invite through a sign-in provider (oidc-service.ts). */
export type ProviderInvites = {
  /** The invite of `token`, if it can be accepted: a reference (its doc id) a flow keeps instead of the token. */
  inviteRef(token: string): Promise<string>;
  /**
   * Accepts invite `ref` for the account whose provider-verified e-mail is `email` (the invite's):
   * a new member of the inviting team, then `link`ed to the provider account. An e-mail that has an
   * account is refused (its owner accepts with the password).
   */
  acceptInviteThroughProvider(
    ref: string,
    email: string | undefined,
    link: (userId: string) => Promise<void>,
  ): Promise<UserDoc>;
};
const inviteId = (token: string) => `invite:${createHash('sha256').update(token).digest('hex')}`;
/** An invite's id in the API: its doc id without the prefix (a hash: the token cannot be had from it). */
const publicInviteId = (docId: string) => docId.slice('invite:'.length);

type Doc = UserDoc | EmailClaimDoc | InviteDoc;

export type MembersDeps = {
  store: Store;
  auth: AuthService;
  now: () => Date;
  log?: Logger;
  /** Mails the invite link (the team's e-mail channel); without it, or when it cannot, the admin passes it on. */
  mail?: AccountMailer;
  /** Where the web app is reached (PUBLIC_URL), for the link. */
  publicUrl?: string;
  /** SIGNUP_ANSWER_MS: accepting an invite answers no sooner than this, whatever the outcome. */
  signUpAnswerMs?: number;
};

export type MembersServiceFull = MembersService & {
  acceptInvite(input: { token: string; password: string }): Promise<SignUpAnswer>;
} & ProviderInvites;

/** What the service's parts share: the deps, the users database, the time. */
type Ctx = { deps: MembersDeps; db: () => ReturnType<typeof usersDb>; iso: () => string };

const usersDb = (store: Store) => systemDocs<Doc & { _id: string }>(store, 'app_users');

/** The members service: its parts below, over one context. */
export function createMembersService(deps: MembersDeps): MembersServiceFull {
  const ctx: Ctx = { deps, db: () => usersDb(deps.store), iso: () => deps.now().toISOString() };
  const invites = inviteDocs(ctx);
  const admins = adminGuards(ctx);
  return {
    ...memberLists(ctx),
    ...invitingMembers(ctx, invites),
    ...acceptingInvites(ctx, invites),
    ...changingMembers(ctx, admins),
  };
}

/** Reading invites, mailing them, and an existing account joining through one. */
function inviteDocs(ctx: Ctx) {
  const { deps, db } = ctx;
  /** The unused, unexpired invite of `token`. */
  const openInvite = (token: string): Promise<InviteDoc> => openInviteDoc(inviteId(token));

  /** The unused, unexpired invite of doc id `id`. */
  async function openInviteDoc(id: string): Promise<InviteDoc> {
    const invite = await db().get(id);
    if (!invite) throw new DomainError('token-invalid', 'The invite is invalid');
    if (invite.type !== 'invite' || invite.acceptedAt) {
      throw new DomainError('token-invalid', 'The invite is invalid or was used');
    }
    if (Date.parse(invite.expiresAt) <= deps.now().getTime()) {
      throw new DomainError('token-expired', 'The invite expired; ask for a new one');
    }
    return invite;
  }

  /**
   * The invited e-mail has an account: with its own password, the account moves into the inviting
   * team with the invited role (its sessions end); with any other password, or when it is the last
   * admin of its team (the team would be left without one), nothing changes.
   */
  async function joinExisting(invite: InviteDoc, password: string): Promise<'joined' | 'unchanged'> {
    const user = await deps.auth.userByEmail(invite.email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok || user.disabledAt || user.teamId === invite.teamId) return 'unchanged';
    const from = user.teamId;
    if (user.role === 'admin' && (await teamAdminCount(db, from)) <= 1) {
      deps.log?.info({ userId: userView(user).id, teamId: from }, 'invite not joined: last admin of a team');
      return 'unchanged';
    }
    const moved = await deps.auth.endSessions(userView(user).id, 'team-change', (u) =>
      u.teamId === from && !u.disabledAt ? { ...u, teamId: invite.teamId, role: invite.role } : undefined,
    );
    return moved ? 'joined' : 'unchanged';
  }

  /** Mails the invite link; false when the team cannot send mail or the mail failed (logged). */
  async function mailInvite(invite: InviteDoc, token: string): Promise<boolean> {
    if (!deps.mail || !deps.publicUrl) return false;
    try {
      const team = await systemDocs<{ _id: string; name?: string }>(deps.store, 'app_teams')
        .get(invite.teamId)
        .catch(() => null);
      const link = accountLink(deps.publicUrl, 'invite', token);
      const mail = inviteMail(invite.email, link, team?.name ?? '', invite.role, INVITE_DAYS);
      return (await deps.mail(invite.teamId, mail)) === 'sent';
    } catch (err) {
      deps.log?.warn({ err, teamId: invite.teamId }, 'the invite mail could not be sent');
      return false;
    }
  }

  return { openInvite, openInviteDoc, joinExisting, mailInvite };
}
type InviteDocs = ReturnType<typeof inviteDocs>;

async function teamAdminCount(db: Ctx['db'], teamId: string): Promise<number> {
  const docs = await db().select({ type: 'user', teamId }, 10_000);
  return docs.filter((d) => d.type === 'user' && d.role === 'admin' && !d.disabledAt).length;
}

/** How many admins a team has, and the rules that keep one. */
function adminGuards(ctx: Ctx) {
  const { deps, db } = ctx;
  const adminCount = (teamId: string) => teamAdminCount(db, teamId);

  /**
   * Refuses to demote or remove an admin when they are the team's only one: the team would be left
   * with nobody to administer it (the caller's own role and removal are refused before this; this
   * holds whoever calls, a stale session's role or a script through the service included).
   */
  async function keepAnAdmin(teamId: string): Promise<void> {
    if ((await adminCount(teamId)) <= 1) {
      throw new DomainError('conflict', "The team's only admin cannot be demoted or removed");
    }
  }

  async function member(by: AuthContext, userId: string): Promise<UserDoc> {
    const user = await deps.auth.userById(userId);
    if (!user || user.teamId !== by.teamId || user.disabledAt) {
      throw new DomainError('not-found', 'No such member in your team');
    }
    return user;
  }

  return { adminCount, keepAnAdmin, member };
}
type AdminGuards = ReturnType<typeof adminGuards>;

/** The team's members and its pending invites. */
function memberLists({ db, iso }: Ctx): Pick<MembersService, 'list' | 'pendingInvites'> {
  return {
    async list(teamId) {
      const docs = await db().select({ type: 'user', teamId }, 10_000);
      return docs
        .flatMap((d: Doc) => (d.type === 'user' && !d.disabledAt ? [userView(d)] : []))
        .sort((a, b) => a.email.localeCompare(b.email));
    },
    async pendingInvites(teamId) {
      const now = iso();
      const docs = await db().select({ type: 'invite', teamId }, 10_000);
      return docs
        .flatMap((d: Doc) =>
          d.type === 'invite' && !d.acceptedAt && d.expiresAt > now
            ? [
                {
                  id: publicInviteId(d._id),
                  email: d.email,
                  role: d.role,
                  createdAt: d.createdAt,
                  expiresAt: d.expiresAt,
                },
              ]
            : [],
        )
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  };
}

/** Inviting (a token mailed or handed over) and revoking an invite. */
function invitingMembers(
  { deps, db, iso }: Ctx,
  invites: InviteDocs,
): Pick<MembersService, 'invite' | 'revokeInvite'> {
  return {
    async revokeInvite(by, id) {
      const doc = await db().get(`invite:${id}`);
      if (!doc || doc.type !== 'invite' || doc.teamId !== by.teamId || doc.acceptedAt || !doc._rev)
        throw new DomainError('not-found', 'No such pending invite in your team');
      try {
        await db().remove(doc._id, doc._rev);
      } catch (e) {
        // Accepted (or revoked) meanwhile.
        if (statusOf(e) === 409) throw new DomainError('not-found', 'No such pending invite in your team');
        throw e;
      }
    },
    /** Not looked up: whether the e-mail has an account anywhere changes neither answer nor timing. */
    async invite(by, input) {
      const email = normalizeEmail(input.email);
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
      await db().create(doc);
      return {
        inviteToken: token,
        email,
        role: input.role,
        expiresAt,
        emailed: await invites.mailInvite(doc, token),
      };
    },
  };
}

/** Accepting an invite: with a password, or through a sign-in provider. */
function acceptingInvites(
  { deps, db, iso }: Ctx,
  invites: InviteDocs,
): Pick<MembersServiceFull, 'inviteRef' | 'acceptInviteThroughProvider' | 'acceptInvite'> {
  const answerMs = deps.signUpAnswerMs ?? defaultSignUpAnswerMs;
  return {
    /** One answer whatever the e-mail; the invitee then signs in (see `joinExisting`). */
    inviteRef: async (token) => (await invites.openInvite(token))._id,
    async acceptInviteThroughProvider(ref, email, link) {
      const invite = await invites.openInviteDoc(ref);
      if (!email || normalizeEmail(email) !== invite.email)
        throw new DomainError(
          'sso-refused',
          `This invite is for ${invite.email}: sign in at the provider with that e-mail (verified by the provider)`,
        );
      // Whoever signed in at the provider owns the e-mail, so telling them it has an account tells nothing.
      if (await deps.auth.userByEmail(invite.email))
        throw new DomainError(
          'email-taken',
          'This e-mail has an account already: open the invite link again and accept it with that account’s password',
        );
      if ((await db().put({ ...invite, acceptedAt: iso() })) === null)
        throw new DomainError('token-invalid', 'The invite was already used');
      // No password: the provider signs the member in (a password can be set later by a reset link).
      const user = await deps.auth.createUser({
        teamId: invite.teamId,
        email: invite.email,
        role: invite.role,
        password: randomBytes(32).toString('base64url'),
      });
      await link(userView(user).id);
      deps.log?.info(
        { teamId: invite.teamId, userId: userView(user).id },
        'invite accepted through a provider',
      );
      return user;
    },
    async acceptInvite(input) {
      const started = performance.now();
      const invite = await invites.openInvite(input.token);
      await assertStrongPassword(input.password, [invite.email]);
      if ((await db().put({ ...invite, acceptedAt: iso() })) === null)
        throw new DomainError('token-invalid', 'The invite was already used');
      try {
        await deps.auth.createUser({
          teamId: invite.teamId,
          email: invite.email,
          role: invite.role,
          password: input.password,
        });
      } catch (e) {
        if (!(e instanceof DomainError && e.code === 'email-taken')) throw e;
        await invites.joinExisting(invite, input.password); // checks the password: a hash, as a new account
      }
      await answerNoSooner(started, answerMs);
      return {
        email: invite.email,
        message:
          'Sign in with this e-mail and password (an e-mail that already had an account signs in ' +
          "with that account's password, and is then in the inviting team).",
      };
    },
  };
}

/** A member's role and name changed, or the member removed (their sessions end). */
function changingMembers(
  { deps, db, iso }: Ctx,
  { keepAnAdmin, member }: AdminGuards,
): Pick<MembersService, 'setRole' | 'setDisplayName' | 'remove'> {
  return {
    async setRole(by, userId, role: Role) {
      if (userId === by.userId) throw new DomainError('forbidden', 'You cannot change your own role');
      const user = await member(by, userId);
      if (user.role === role) return userView(user);
      if (user.role === 'admin') await keepAnAdmin(by.teamId);
      const next = await deps.auth.endSessions(userId, 'role-change', (u) =>
        u.teamId === by.teamId && !u.disabledAt ? { ...u, role } : undefined,
      );
      if (!next) throw new DomainError('not-found', 'No such member in your team');
      return userView(next);
    },
    async setDisplayName(by, userId, displayName) {
      await member(by, userId);
      const next = await deps.auth.updateUser(userId, (u) => {
        if (u.teamId !== by.teamId || u.disabledAt) return undefined;
        const { displayName: _old, ...rest } = u;
        return displayName ? { ...rest, displayName } : rest;
      });
      if (!next) throw new DomainError('not-found', 'No such member in your team');
      return userView(next);
    },
    async remove(by, userId) {
      if (userId === by.userId) throw new DomainError('forbidden', 'You cannot remove yourself');
      const user = await member(by, userId);
      if (user.role === 'admin') await keepAnAdmin(by.teamId);
      const removed = await deps.auth.endSessions(userId, 'member-removed', (u) =>
        u.teamId === by.teamId && !u.disabledAt ? { ...u, disabledAt: iso() } : undefined,
      );
      if (!removed) throw new DomainError('not-found', 'No such member in your team');
      // Free the e-mail for a new account.
      const claim = await db().get(emailDocId(user.email));
      try {
        if (claim?._rev) await db().remove(claim._id, claim._rev);
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
      }
    },
  };
}
