// Accounts and sessions: register a team with its first admin, log in, refresh, log out, change the
// password. Everything lives in CouchDB, so any number of servers can serve the same users.
// Sign-up answers alike whether or not the e-mail has an account (README, "Accounts"): the answer
// carries no session, an e-mail that is taken changes nothing, both outcomes hash the password, and
// both answer no sooner than one fixed budget (SIGNUP_ANSWER_MS, answer-pacing.ts). New passwords must
// pass the strength check (password-strength.ts).
import { randomBytes } from 'node:crypto';
import type { DocumentScope } from 'nano';
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Store } from '../context';
import type { AccessTokens } from './access-tokens';
import { answerNoSooner, defaultSignUpAnswerMs } from './answer-pacing';
import {
  emailDocId,
  normalizeEmail,
  tokenVersionOf,
  userDocId,
  userView,
  type EmailClaimDoc,
  type RevokeReason,
  type SignInMethod,
  type TeamDoc,
  type TeamView,
  type UserDoc,
  type UserView,
} from './docs';
import { assertStrongPassword } from './password-strength';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { RefreshTokens } from './refresh-tokens';
import type { SessionGuard } from './session-guard';
import { statusOf } from '../store/couch-errors';

export type Session = { accessToken: string; refreshToken: string; user: UserView; team: TeamView };
/** The one answer of sign-up (and of accepting an invite), whatever the e-mail. */
export type SignUpAnswer = { email: string; message: string };

const ssoRequiredMessage =
  'Your team signs in through its sign-in provider only: use the provider button instead of the password';
type UsersDb = DocumentScope<UserDoc | EmailClaimDoc>;

/** Team ids: lowercase letters and digits only, so they are CouchDB-name-safe as they are. */
export const newTeamId = () => `tm${randomBytes(10).toString('hex')}`;
export const newUserId = () => `u${randomBytes(10).toString('hex')}`;

export type AuthServiceDeps = {
  store: Store;
  tokens: AccessTokens;
  refresh: RefreshTokens;
  guard: SessionGuard;
  now: () => Date;
  /** SIGNUP_ANSWER_MS: registration answers no sooner than this after the request (either outcome). */
  signUpAnswerMs?: number;
  /** Told when an outcome took longer than the budget (its timing may then tell it apart). */
  log?: Pick<Logger, 'warn'>;
};

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const users = (): UsersDb => deps.store.systemDb<UserDoc | EmailClaimDoc>('app_users');
  const teams = () => deps.store.systemDb<TeamDoc>('app_teams');
  const iso = () => deps.now().toISOString();

  async function getOrUndefined<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  async function userById(userId: string): Promise<UserDoc | undefined> {
    const doc = await getOrUndefined(() => users().get(userDocId(userId)));
    return doc?.type === 'user' ? doc : undefined;
  }

  async function userByEmail(email: string): Promise<UserDoc | undefined> {
    const claim = await getOrUndefined(() => users().get(emailDocId(email)));
    return claim?.type === 'email' ? userById(claim.userId) : undefined;
  }

  async function teamView(teamId: string): Promise<TeamView> {
    const team = await getOrUndefined(() => teams().get(teamId));
    return { id: teamId, name: team?.name ?? '' };
  }

  const authOf = (u: UserDoc): AuthContext => ({
    userId: userView(u).id,
    teamId: u.teamId,
    role: u.role,
    email: u.email,
  });

  /** Whether the team lets its members sign in through a provider only (oidc-service.ts). */
  const requiresSso = async (teamId: string) =>
    Boolean((await getOrUndefined(() => teams().get(teamId)))?.ssoRequired);

  /** A session for `user`: a new one begun by `signIn`, or the next token of `familyId`'s. */
  async function session(
    user: UserDoc,
    familyId?: string,
    refreshToken?: string,
    signIn: SignInMethod = 'password',
  ): Promise<Session> {
    const auth = authOf(user);
    const tokenVersion = tokenVersionOf(user);
    const accessToken = await deps.tokens.sign(auth, tokenVersion);
    const rt =
      refreshToken ?? (await deps.refresh.issue({ ...auth, tokenVersion }, familyId, signIn)).refreshToken;
    return { accessToken, refreshToken: rt, user: userView(user), team: await teamView(user.teamId) };
  }

  /** Rewrites a user doc (again on a conflict); `change` answers the new doc, or undefined: none. */
  async function updateUser(
    userId: string,
    change: (user: UserDoc) => UserDoc | undefined,
  ): Promise<UserDoc | undefined> {
    for (let attempt = 1; ; attempt++) {
      const user = await userById(userId);
      const next = user && change(user);
      if (!next) return undefined;
      try {
        await users().insert({ ...next, updatedAt: iso() });
        return next;
      } catch (e) {
        if (statusOf(e) !== 409 || attempt >= 5) throw e;
      }
    }
  }

  /**
   * Rewrites a user doc with its token version raised, so that every access token signed before ends
   * now (in this process; in others within the session guard's bound), and revokes their sessions.
   */
  async function endSessions(
    userId: string,
    reason: Exclude<RevokeReason, 'logout' | 'reuse' | 'superseded'>,
    change: (user: UserDoc) => UserDoc | undefined,
  ): Promise<UserDoc | undefined> {
    const next = await updateUser(userId, (u) => {
      const changed = change(u);
      return changed && { ...changed, tokenVersion: tokenVersionOf(u) + 1 };
    });
    if (!next) return undefined;
    deps.guard.bumped(userId, tokenVersionOf(next), Boolean(next.disabledAt));
    await deps.refresh.revokeUser(userId, reason);
    return next;
  }

  const signUpAnswerMs = deps.signUpAnswerMs ?? defaultSignUpAnswerMs;

  /** Creates a team with `email` as its admin; `email-taken` if the e-mail has an account. */
  async function register(input: { teamName: string; email: string; password: string }): Promise<Session> {
    const teamId = newTeamId();
    const user = await createUser({
      teamId,
      email: input.email,
      role: 'admin',
      password: input.password,
    });
    await teams().insert({ _id: teamId, type: 'team', name: input.teamName, createdAt: iso() });
    await deps.store.ensureTeam(teamId);
    return session(user);
  }

  /**
   * Creates a user and claims the e-mail first, so two servers cannot create the same e-mail. The
   * password is hashed once the claim holds (`email-taken` costs no hash).
   */
  async function createUser(
    input: Omit<UserDoc, '_id' | 'type' | 'createdAt' | 'updatedAt' | 'passwordHash'> & { password: string },
  ) {
    const userId = newUserId();
    const { password, ...fields } = input;
    const email = normalizeEmail(input.email);
    try {
      await users().insert({ _id: emailDocId(email), type: 'email', userId });
    } catch (e) {
      if (statusOf(e) === 409) throw new DomainError('email-taken', 'This e-mail is already registered');
      throw e;
    }
    const doc: UserDoc = {
      ...fields,
      passwordHash: await hashPassword(password),
      email,
      _id: userDocId(userId),
      type: 'user',
      createdAt: iso(),
      updatedAt: iso(),
    };
    await users().insert(doc);
    return doc;
  }

  return {
    userById,
    userByEmail,
    updateUser,
    createUser,
    session,
    endSessions,
    requiresSso,
    /**
     * Ends the refresh of the team's sessions begun with a password (the team now requires SSO); their
     * access tokens run out within ACCESS_TOKEN_TTL_SECONDS. How many were ended.
     */
    endPasswordSessions: (teamId: string) => deps.refresh.revokePasswordSessions(teamId),
    /** The demo seed's way in: no strength check, and the session of the new admin. */
    register,
    /**
     * `POST /auth/register`: a new team with its admin when the e-mail has no account, else nothing
     * (its owner signs in with their password). The same answer, after about the same time, both ways.
     */
    async signUp(input: { teamName: string; email: string; password: string }): Promise<SignUpAnswer> {
      const started = performance.now();
      const email = normalizeEmail(input.email);
      await assertStrongPassword(input.password, [email, input.teamName]);
      let outcome: 'created' | 'taken' = 'created';
      try {
        await register(input);
      } catch (e) {
        if (!(e instanceof DomainError && e.code === 'email-taken')) throw e;
        outcome = 'taken';
        await hashPassword(input.password); // the work a new account does with it
      }
      const over = await answerNoSooner(started, signUpAnswerMs);
      if (over > 0) {
        deps.log?.warn(
          { outcome, overMs: Math.round(over), budgetMs: signUpAnswerMs },
          'a registration took longer than SIGNUP_ANSWER_MS: raise it so both outcomes answer alike',
        );
      }
      return {
        email,
        message:
          'If this e-mail had no account, its team is ready. Sign in with the e-mail and password ' +
          "(an e-mail that already had an account signs in with that account's password).",
      };
    },
    /**
     * Checks the password; the same work is done for unknown e-mails. A team that requires SSO
     * (oidc-service.ts) refuses it with `sso-required`, unless `confirm` (a pending provider link of
     * this member, confirmed by this sign-in) accepts the member first.
     */
    async login(
      input: { email: string; password: string },
      confirm?: (user: UserDoc) => Promise<void>,
    ): Promise<Session> {
      const user = await userByEmail(input.email);
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
      if (!user || !ok || user.disabledAt) {
        throw new DomainError('invalid-credentials', 'Wrong e-mail or password');
      }
      // Confirming a provider link is the provider's sign-in, which the password only vouched for.
      if (confirm) await confirm(user);
      else if (await requiresSso(user.teamId)) throw new DomainError('sso-required', ssoRequiredMessage);
      return session(
        (await userById(userView(user).id)) ?? user,
        undefined,
        undefined,
        confirm ? 'provider' : 'password',
      );
    },
    async refresh(refreshToken: string): Promise<Session> {
      const next = await deps.refresh.rotate(refreshToken);
      const user = await userById(next.userId);
      if (!user || user.disabledAt) {
        await deps.refresh.revokeFamily(next.familyId, 'member-removed');
        throw new DomainError('token-invalid', 'The account no longer exists');
      }
      if (next.tokenVersion < tokenVersionOf(user)) {
        // Begun while the member's role, team or password was changed: ended with the others.
        await deps.refresh.revokeFamily(next.familyId, 'superseded');
        throw new DomainError('token-invalid', 'This session ended; sign in again');
      }
      if (next.signIn === 'password' && (await requiresSso(user.teamId))) {
        // The team requires SSO since this session began with the password.
        await deps.refresh.revokeFamily(next.familyId, 'sso-required');
        throw new DomainError('sso-required', ssoRequiredMessage);
      }
      return session(user, next.familyId, next.refreshToken);
    },
    logout: (refreshToken: string) => deps.refresh.revokeToken(refreshToken),
    /** Every other session ends now, access tokens included; the answer is the caller's new one. */
    async changePassword(auth: AuthContext, input: { currentPassword: string; newPassword: string }) {
      const user = await userById(auth.userId);
      if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new DomainError('invalid-credentials', 'The current password is wrong');
      }
      await assertStrongPassword(input.newPassword, [user.email]);
      const passwordHash = await hashPassword(input.newPassword);
      const next = await endSessions(auth.userId, 'password-change', (u) =>
        u.disabledAt ? undefined : { ...u, passwordHash },
      );
      if (!next) throw new DomainError('unauthorized', 'The account no longer exists');
      return session(next);
    },
    /** Sets (undefined: clears) the caller's own display name. */
    async setDisplayName(auth: AuthContext, displayName: string | undefined): Promise<UserView> {
      const next = await updateUser(auth.userId, (u) => {
        if (u.disabledAt) return undefined;
        const { displayName: _old, ...rest } = u;
        return displayName ? { ...rest, displayName } : rest;
      });
      if (!next) throw new DomainError('unauthorized', 'The account no longer exists');
      return userView(next);
    },
    async me(auth: AuthContext) {
      const user = await userById(auth.userId);
      if (!user || user.disabledAt) throw new DomainError('unauthorized', 'The account no longer exists');
      return { user: userView(user), team: await teamView(user.teamId) };
    },
    async teamCount(): Promise<number> {
      const res = await teams().list({ limit: 1 });
      return res.total_rows;
    },
  };
}
