// Accounts and sessions: register a team with its first admin, log in, refresh, log out, change the
// password. Everything lives in CouchDB, so any number of servers can serve the same users.
import { randomBytes } from 'node:crypto';
import type { DocumentScope } from 'nano';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Store } from '../context';
import type { AccessTokens } from './access-tokens';
import {
  emailDocId,
  normalizeEmail,
  userDocId,
  userView,
  type EmailClaimDoc,
  type TeamDoc,
  type TeamView,
  type UserDoc,
  type UserView,
} from './docs';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { RefreshTokens } from './refresh-tokens';
import { statusOf } from '../store/couch-errors';

export type Session = { accessToken: string; refreshToken: string; user: UserView; team: TeamView };
type UsersDb = DocumentScope<UserDoc | EmailClaimDoc>;

/** Team ids: lowercase letters and digits only, so they are CouchDB-name-safe as they are. */
export const newTeamId = () => `tm${randomBytes(10).toString('hex')}`;
export const newUserId = () => `u${randomBytes(10).toString('hex')}`;

export type AuthServiceDeps = {
  store: Store;
  tokens: AccessTokens;
  refresh: RefreshTokens;
  now: () => Date;
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

  async function session(user: UserDoc, familyId?: string, refreshToken?: string): Promise<Session> {
    const auth = authOf(user);
    const accessToken = await deps.tokens.sign(auth);
    const rt = refreshToken ?? (await deps.refresh.issue(auth, familyId)).refreshToken;
    return { accessToken, refreshToken: rt, user: userView(user), team: await teamView(user.teamId) };
  }

  /** Creates a user and claims the e-mail first, so two servers cannot create the same e-mail. */
  async function createUser(input: Omit<UserDoc, '_id' | 'type' | 'createdAt' | 'updatedAt'>) {
    const userId = newUserId();
    const email = normalizeEmail(input.email);
    try {
      await users().insert({ _id: emailDocId(email), type: 'email', userId });
    } catch (e) {
      if (statusOf(e) === 409) throw new DomainError('email-taken', 'This e-mail is already registered');
      throw e;
    }
    const doc: UserDoc = {
      ...input,
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
    createUser,
    session,
    async register(input: { teamName: string; email: string; password: string }): Promise<Session> {
      const teamId = newTeamId();
      const user = await createUser({
        teamId,
        email: input.email,
        role: 'admin',
        passwordHash: await hashPassword(input.password),
      });
      await teams().insert({ _id: teamId, type: 'team', name: input.teamName, createdAt: iso() });
      await deps.store.ensureTeam(teamId);
      return session(user);
    },
    /** Checks the password; the same work is done for unknown e-mails. */
    async login(input: { email: string; password: string }): Promise<Session> {
      const user = await userByEmail(input.email);
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
      if (!user || !ok || user.disabledAt) {
        throw new DomainError('invalid-credentials', 'Wrong e-mail or password');
      }
      return session(user);
    },
    async refresh(refreshToken: string): Promise<Session> {
      const next = await deps.refresh.rotate(refreshToken);
      const user = await userById(next.userId);
      if (!user || user.disabledAt) {
        await deps.refresh.revokeFamily(next.familyId, 'member-removed');
        throw new DomainError('token-invalid', 'The account no longer exists');
      }
      return session(user, next.familyId, next.refreshToken);
    },
    logout: (refreshToken: string) => deps.refresh.revokeToken(refreshToken),
    async changePassword(auth: AuthContext, input: { currentPassword: string; newPassword: string }) {
      const user = await userById(auth.userId);
      if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new DomainError('invalid-credentials', 'The current password is wrong');
      }
      await users().insert({
        ...user,
        passwordHash: await hashPassword(input.newPassword),
        updatedAt: iso(),
      });
      await deps.refresh.revokeUser(auth.userId, 'password-change');
      return session((await userById(auth.userId)) ?? user);
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
