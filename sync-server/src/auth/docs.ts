// Documents of the system databases that auth owns. Users and their e-mail claims live in app_users
// (the claim doc's id is the e-mail, so CouchDB's MVCC makes e-mails unique across all servers).
import { DomainError } from '@app/shared/errors';
import { z } from 'zod';
import type { MemberView, Role } from '../context';

export type TeamDoc = {
  _id: string;
  _rev?: string;
  type: 'team';
  name: string;
  createdAt: string;
  /** Set by an admin: members sign in through a linked provider only (password sign-in refused). */
  ssoRequired?: boolean;
  /**
   * With `ssoRequired`: the providers (ids of OIDC_PROVIDERS) that may sign members in; absent or
   * empty: any configured provider (sso-policy.ts).
   */
  ssoProviders?: string[];
};

/** A sign-in provider account linked to a member (OIDC: the issuer's `sub`; Yandex: its user id). */
export type LinkedIdentity = { provider: string; subject: string; email?: string; linkedAt: string };

export type UserDoc = {
  _id: string;
  _rev?: string;
  type: 'user';
  teamId: string;
  email: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
  disabledAt?: string;
  /** The name that signs the member's messages to customers (never the login e-mail). */
  displayName?: string;
  /**
   * Raised when the member's access must end at once (removed, role or team changed, password
   * changed): access tokens carry the version they were signed with (claim `ver`) and older ones are
   * refused (session-guard.ts). Absent: 0.
   */
  tokenVersion?: number;
  /** Provider accounts that sign this member in (oidc-service.ts); each also has an identity claim doc. */
  identities?: LinkedIdentity[];
};

/**
 * The claim of one provider account (`identity:<provider>:<sha256 of subject>`): like the e-mail
 * claim, its id makes a provider account sign in one member only, on any number of servers.
 */
export type IdentityClaimDoc = { _id: string; _rev?: string; type: 'identity'; userId: string };

export type EmailClaimDoc = { _id: string; _rev?: string; type: 'email'; userId: string };

export type InviteDoc = {
  _id: string;
  _rev?: string;
  type: 'invite';
  teamId: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string;
};

/** One login session: every rotated refresh token belongs to a family. */
export type TokenFamilyDoc = {
  _id: string;
  _rev?: string;
  type: 'family';
  userId: string;
  teamId: string;
  createdAt: string;
  revokedAt?: string;
  revokedReason?: RevokeReason;
  /** The user's token version when the session began: a later version ends the session. */
  tokenVersion?: number;
  /**
   * How the session began: through a sign-in provider, or with the password (none recorded: before
   * this was kept, taken as the password). A team that requires SSO ends password sessions.
   */
  signIn?: SignInMethod;
  /** With `signIn: 'provider'`: which provider (none recorded: before this was kept). */
  provider?: string;
};

export type SignInMethod = 'password' | 'provider';
/**
 * How a session began, carried by its access tokens (claims `sim`, `idp`) and its refresh token
 * family: a team that requires SSO refuses the sessions its rule does not allow (sso-policy.ts).
 */
export type SignIn = { method: 'password' } | { method: 'provider'; provider?: string };
export const passwordSignIn: SignIn = { method: 'password' };

/**
 * Why sessions ended. All but logout and reuse come with a raised token version; `superseded`: a
 * session begun at an older version, found at its next refresh.
 */
export type RevokeReason =
  | 'logout'
  | 'reuse'
  | 'password-change'
  | 'password-reset'
  | 'member-removed'
  | 'role-change'
  | 'team-change'
  | 'superseded'
  | 'sso-required';

export type RefreshTokenDoc = {
  _id: string;
  _rev?: string;
  type: 'refresh';
  familyId: string;
  userId: string;
  secretHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
};

export const userDocId = (userId: string) => `user:${userId}`;
export const emailDocId = (email: string) => `email:${normalizeEmail(email)}`;
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
export const tokenVersionOf = (u: Pick<UserDoc, 'tokenVersion'>) => u.tokenVersion ?? 0;

/** The public view of a user: the same as a team member's (context.ts). */
export type UserView = MemberView;
export type TeamView = { id: string; name: string };

export const userView = (u: UserDoc): UserView => ({
  id: u._id.slice('user:'.length),
  email: u.email,
  role: u.role,
  teamId: u.teamId,
  createdAt: u.createdAt,
  ...(u.displayName ? { displayName: u.displayName } : {}),
});

/** The body that sets a display name (own or, for admins, a member's). */
export const displayNameBody = z.strictObject({ displayName: z.string().max(200).nullable() });

/**
 * A display name as typed: trimmed, spaces collapsed; null or empty clears it. Refused (readable 400):
 * control characters, more than 80 characters, and an e-mail address (the login must not reach customers).
 */
export function cleanDisplayName(input: string | null): string | undefined {
  const name = (input ?? '').replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  if (name.length > 80)
    throw new DomainError('validation-failed', 'A display name has at most 80 characters');
  if ([...name].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127))
    throw new DomainError('validation-failed', 'A display name cannot hold control characters');
  if (/\S+@\S+\.\S+/.test(name))
    throw new DomainError('validation-failed', 'A display name cannot be an e-mail address');
  return name;
}
