// Accounts and sessions: register a team with its first admin, log in, refresh, log out, change the
// password. Everything lives in CouchDB, so any number of servers can serve the same users.
// Sign-up answers alike whether or not the e-mail has an account (README, "Accounts"): the answer
// carries no session, an e-mail that is taken changes nothing, and before answering both outcomes do
// the same work (the e-mail's claim tried, one write; the password hashed), then answer no sooner than
// one fixed budget (SIGNUP_ANSWER_MS, answer-pacing.ts). A new e-mail's account and team (the user doc,
// the team doc and its databases, the slow part: 2.3-4.6 s on a loaded machine against a 2 s budget)
// are made after the answer, in the background; a sign-in on this process waits for them
// (SIGNUP_ANSWER_MS=0: no pacing, the answer waits for them). New passwords must pass the strength
// check (password-strength.ts).
import { randomBytes } from 'node:crypto';
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
  passwordSignIn,
  type RevokeReason,
  type SignIn,
  type TeamDoc,
  type TeamView,
  type UserDoc,
  type UserView,
} from './docs';
import { assertStrongPassword } from './password-strength';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { RefreshTokens } from './refresh-tokens';
import type { SessionGuard } from './session-guard';
import { allows, createSsoPolicy, ssoRequiredError, type SsoPolicy } from './sso-policy';
import { systemDocs } from '../store/data';

export type Session = { accessToken: string; refreshToken: string; user: UserView; team: TeamView };
/** The one answer of sign-up (and of accepting an invite), whatever the e-mail. */
export type SignUpAnswer = { email: string; message: string };

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
  log?: Pick<Logger, 'warn' | 'error'>;
  /** The team's sign-in rule (default: one of its own over `store`). */
  sso?: SsoPolicy;
};

export type AuthService = ReturnType<typeof createAuthService>;

/** What the service's parts share: the deps and the system databases. */
type Ctx = {
  deps: AuthServiceDeps;
  users: () => ReturnType<typeof systemDocs<UserDoc | EmailClaimDoc>>;
  teams: () => ReturnType<typeof systemDocs<TeamDoc>>;
  iso: () => string;
  sso: SsoPolicy;
};

export function createAuthService(deps: AuthServiceDeps) {
  const ctx: Ctx = {
    deps,
    users: () => systemDocs<UserDoc | EmailClaimDoc>(deps.store, 'app_users'),
    teams: () => systemDocs<TeamDoc>(deps.store, 'app_teams'),
    iso: () => deps.now().toISOString(),
    sso: deps.sso ?? createSsoPolicy({ store: deps.store }),
  };
  const accounts = accountDocs(ctx);
  const sessions = sessionMaking(ctx, accounts);
  const made = accountMaking(ctx, accounts, sessions);
  const { userById, userByEmail, updateUser } = accounts;
  const { session, endSessions, requiresSso, assertSignIn } = sessions;
  const { createUser, register, creating } = made;
  const sso = ctx.sso;
  return {
    userById,
    userByEmail,
    updateUser,
    createUser,
    session,
    endSessions,
    requiresSso,
    assertSignIn,
    /** The team's sign-in rule, which every authenticated request obeys (require-auth.ts). */
    sso,
    /**
     * Ends the refresh of the team's sessions its rule (just set) refuses; their access tokens are
     * refused by the next request (require-auth.ts). How many were ended.
     */
    async endRefusedSessions(teamId: string): Promise<number> {
      const rule = await sso.read(teamId);
      return deps.refresh.revokeSessionsOf(teamId, (signIn) => allows(rule, signIn));
    },
    /** The demo seed's way in: no strength check, and the session of the new admin. */
    register,
    /** Resolves once the teams being made after their sign-ups' answers are made (or failed). */
    settled: () => Promise.all([...creating.values()]).then(() => undefined),
    ...signingUp(ctx, made),
    ...sessionFlows(ctx, accounts, sessions, creating),
  };
}

/** Reading accounts and teams, rewriting a user doc, claiming an e-mail. */
function accountDocs({ users, teams, iso }: Ctx) {
  async function userById(userId: string): Promise<UserDoc | undefined> {
    const doc = await users().get(userDocId(userId));
    return doc?.type === 'user' ? doc : undefined;
  }

  async function userByEmail(email: string): Promise<UserDoc | undefined> {
    const claim = await users().get(emailDocId(email));
    return claim?.type === 'email' ? userById(claim.userId) : undefined;
  }

  async function teamView(teamId: string): Promise<TeamView> {
    const team = await teams().get(teamId);
    return { id: teamId, name: team?.name ?? '' };
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
      if ((await users().put({ ...next, updatedAt: iso() })) !== null) return next;
      if (attempt >= 5) throw new DomainError('conflict', 'The account keeps changing; try again');
    }
  }

  /** Claims `email` for `userId`: false when another account has it (409). */
  async function claimEmail(email: string, userId: string): Promise<boolean> {
    return (await users().put({ _id: emailDocId(email), type: 'email', userId })) !== null;
  }

  return { userById, userByEmail, teamView, updateUser, claimEmail };
}
type AccountDocs = ReturnType<typeof accountDocs>;

/** Sessions: their tokens, the team's sign-in rule, and ending a member's sessions. */
function sessionMaking({ deps, sso }: Ctx, { teamView, updateUser }: AccountDocs) {
  const authOf = (u: UserDoc): AuthContext => ({
    userId: userView(u).id,
    teamId: u.teamId,
    role: u.role,
    email: u.email,
  });

  /** Whether the team lets its members sign in through a provider only (oidc-service.ts). */
  const requiresSso = async (teamId: string) => (await sso.read(teamId)).required;

  /** Throws 403 `sso-required` when the team's rule (read now) refuses a session begun by `signIn`. */
  async function assertSignIn(teamId: string, signIn: SignIn): Promise<void> {
    const rule = await sso.read(teamId);
    if (!allows(rule, signIn)) throw ssoRequiredError(rule, signIn);
  }

  /**
   * A session for `user`: a new one begun by `signIn`, or the next token of `familyId`'s (begun by
   * `signIn`), whose access tokens carry how it began.
   */
  async function session(
    user: UserDoc,
    familyId?: string,
    refreshToken?: string,
    signIn: SignIn = passwordSignIn,
  ): Promise<Session> {
    const auth = authOf(user);
    const tokenVersion = tokenVersionOf(user);
    const accessToken = await deps.tokens.sign(auth, tokenVersion, signIn);
    const rt =
      refreshToken ?? (await deps.refresh.issue({ ...auth, tokenVersion }, familyId, signIn)).refreshToken;
    return { accessToken, refreshToken: rt, user: userView(user), team: await teamView(user.teamId) };
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

  return { session, endSessions, requiresSso, assertSignIn };
}
type SessionMaking = ReturnType<typeof sessionMaking>;

/** New accounts: a team with its admin (now, or after a sign-up's answer), a member of a team. */
function accountMaking(
  { deps, users, teams, iso }: Ctx,
  { userById, claimEmail }: AccountDocs,
  { session }: SessionMaking,
) {
  /** The admin's user doc, then the team's doc and databases, for an e-mail claimed for `userId`. */
  async function createTeam(input: {
    teamName: string;
    email: string;
    userId: string;
    passwordHash: string;
  }): Promise<UserDoc> {
    const teamId = newTeamId();
    const user: UserDoc = {
      _id: userDocId(input.userId),
      type: 'user',
      teamId,
      email: input.email,
      role: 'admin',
      passwordHash: input.passwordHash,
      createdAt: iso(),
      updatedAt: iso(),
    };
    await users().create(user);
    await teams().create({ _id: teamId, type: 'team', name: input.teamName, createdAt: iso() });
    await deps.store.ensureTeam(teamId);
    return user;
  }

  /** Teams being made after their sign-up's answer, by e-mail: a sign-in waits for its own. */
  const creating = new Map<string, Promise<unknown>>();

  /**
   * A sign-up's team made after the answer. Should its account not be made, the e-mail's claim is
   * given back, so the e-mail can sign up again; a failure after that is logged.
   */
  function createInBackground(input: Parameters<typeof createTeam>[0]): Promise<unknown> {
    const work = createTeam(input)
      .catch(async (err: unknown) => {
        deps.log?.error({ err }, 'creating a signed-up team failed');
        const made = await userById(input.userId).catch(() => undefined);
        if (made) return;
        const claim = await users()
          .get(emailDocId(input.email))
          .catch(() => null);
        if (claim?.type === 'email' && claim.userId === input.userId && claim._rev)
          await users()
            .remove(claim._id, claim._rev)
            .catch(() => undefined);
      })
      .finally(() => creating.delete(input.email));
    creating.set(input.email, work);
    return work;
  }

  /** Creates a team with `email` as its admin; `email-taken` if the e-mail has an account. */
  async function register(input: { teamName: string; email: string; password: string }): Promise<Session> {
    const email = normalizeEmail(input.email);
    const userId = newUserId();
    if (!(await claimEmail(email, userId)))
      throw new DomainError('email-taken', 'This e-mail is already registered');
    const passwordHash = await hashPassword(input.password);
    return session(await createTeam({ teamName: input.teamName, email, userId, passwordHash }));
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
    if (!(await claimEmail(email, userId)))
      throw new DomainError('email-taken', 'This e-mail is already registered');
    const doc: UserDoc = {
      ...fields,
      passwordHash: await hashPassword(password),
      email,
      _id: userDocId(userId),
      type: 'user',
      createdAt: iso(),
      updatedAt: iso(),
    };
    await users().create(doc);
    return doc;
  }

  return { creating, createInBackground, register, createUser, claimEmail };
}
type AccountMaking = ReturnType<typeof accountMaking>;

/** `POST /auth/register`, paced so both outcomes answer alike. */
function signingUp({ deps }: Ctx, { claimEmail, createInBackground }: AccountMaking) {
  const signUpAnswerMs = deps.signUpAnswerMs ?? defaultSignUpAnswerMs;
  return {
    /**
     * `POST /auth/register`: a new team with its admin when the e-mail has no account, else nothing
     * (its owner signs in with their password). The same answer, after about the same time, both ways.
     */
    async signUp(input: { teamName: string; email: string; password: string }): Promise<SignUpAnswer> {
      const started = performance.now();
      const email = normalizeEmail(input.email);
      await assertStrongPassword(input.password, [email, input.teamName]);
      // The same work either way before the answer: the claim tried (one write), the password hashed.
      const userId = newUserId();
      const outcome = (await claimEmail(email, userId)) ? 'created' : 'taken';
      const passwordHash = await hashPassword(input.password);
      if (outcome === 'created') {
        const work = createInBackground({ teamName: input.teamName, email, userId, passwordHash });
        // No pacing asked for: nothing to hide, the answer comes once the team is ready.
        if (signUpAnswerMs === 0) await work;
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
  };
}

/** Signing in, refreshing, signing out, the password and the caller's own account. */
function sessionFlows(
  { deps, teams, sso }: Ctx,
  { userById, userByEmail, teamView, updateUser }: AccountDocs,
  { session, endSessions, assertSignIn }: SessionMaking,
  creating: Map<string, Promise<unknown>>,
) {
  return {
    /**
     * Checks the password; the same work is done for unknown e-mails. A team that requires SSO
     * (oidc-service.ts) refuses it with `sso-required`, unless `confirm` (a pending provider link of
     * this member, confirmed by this sign-in; it answers the provider) accepts the member first and
     * the team's rule allows that provider.
     */
    async login(
      input: { email: string; password: string },
      confirm?: (user: UserDoc) => Promise<string>,
    ): Promise<Session> {
      // An account signed up on this process a moment ago may still be in the making.
      await creating.get(normalizeEmail(input.email));
      const user = await userByEmail(input.email);
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
      if (!user || !ok || user.disabledAt) {
        throw new DomainError('invalid-credentials', 'Wrong e-mail or password');
      }
      // Confirming a provider link is the provider's sign-in, which the password only vouched for.
      const signIn: SignIn = confirm ? { method: 'provider', provider: await confirm(user) } : passwordSignIn;
      await assertSignIn(user.teamId, signIn);
      return session((await userById(userView(user).id)) ?? user, undefined, undefined, signIn);
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
      const rule = await sso.read(user.teamId);
      if (!allows(rule, next.signIn)) {
        // The team requires SSO (through other providers) since this session began.
        await deps.refresh.revokeFamily(next.familyId, 'sso-required');
        throw ssoRequiredError(rule, next.signIn);
      }
      return session(user, next.familyId, next.refreshToken, next.signIn);
    },
    logout: (refreshToken: string) => deps.refresh.revokeToken(refreshToken),
    /**
     * Every other session ends now, access tokens included; the answer is the caller's new one, begun
     * as the caller's was (`signIn`): a session the team's rule refuses gets none (403 `sso-required`),
     * or a password session would outlive "SSO required" by changing the password every 15 minutes.
     */
    async changePassword(
      auth: AuthContext,
      input: { currentPassword: string; newPassword: string },
      signIn: SignIn = passwordSignIn,
    ) {
      await assertSignIn(auth.teamId, signIn);
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
      return session(next, undefined, undefined, signIn);
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
      return teams().total();
    },
  };
}
