// Refresh tokens with rotation: each use marks the token used (a CouchDB revision is the
// compare-and-swap, so two servers cannot both accept one token) and issues the next one of the same
// family. Presenting a used token again means it was stolen or replayed: the whole family is revoked.
// A family remembers the user's token version it began with: once the version is raised (removal,
// role, team or password change) the family ends too, even one begun while the change was made.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@app/shared/errors';
import type { Store } from '../context';
import {
  passwordSignIn,
  type RefreshTokenDoc,
  type RevokeReason,
  type SignIn,
  type TokenFamilyDoc,
} from './docs';
import { systemDocs } from '../store/data';

type Doc = RefreshTokenDoc | TokenFamilyDoc;
const sha = (s: string) => createHash('sha256').update(s).digest();
const invalid = () => new DomainError('token-invalid', 'The refresh token is invalid or was revoked');

export type RefreshTokens = ReturnType<typeof createRefreshTokens>;

export function createRefreshTokens(deps: { store: Store; ttlDays: number; now: () => Date }) {
  const db = () => systemDocs<Doc>(deps.store, 'app_refresh_tokens');
  const iso = () => deps.now().toISOString();

  /** The next token of `familyId`, or the first of a new family begun at the user's `tokenVersion`. */
  async function issue(
    user: { userId: string; teamId: string; tokenVersion?: number },
    familyId?: string,
    signIn: SignIn = passwordSignIn,
  ) {
    let family = familyId;
    if (!family) {
      family = randomBytes(16).toString('base64url');
      const doc: TokenFamilyDoc = {
        _id: `family:${family}`,
        type: 'family',
        userId: user.userId,
        teamId: user.teamId,
        createdAt: iso(),
        tokenVersion: user.tokenVersion ?? 0,
        signIn: signIn.method,
        ...(signIn.method === 'provider' && signIn.provider ? { provider: signIn.provider } : {}),
      };
      await db().create(doc);
    }
    const id = randomBytes(16).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(deps.now().getTime() + deps.ttlDays * 86_400_000).toISOString();
    const doc: RefreshTokenDoc = {
      _id: `rt:${id}`,
      type: 'refresh',
      familyId: family,
      userId: user.userId,
      secretHash: sha(secret).toString('base64'),
      createdAt: iso(),
      expiresAt,
    };
    await db().create(doc);
    return { refreshToken: `${id}.${secret}`, familyId: family, expiresAt };
  }

  async function load(token: string): Promise<RefreshTokenDoc> {
    const [id, secret, extra] = token.split('.');
    if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 128) throw invalid();
    const doc = await db().get(`rt:${id}`);
    if (doc?.type !== 'refresh') throw invalid();
    const expected = Buffer.from(doc.secretHash, 'base64');
    const given = sha(secret);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    return doc;
  }

  async function family(familyId: string): Promise<TokenFamilyDoc | undefined> {
    const doc = await db().get(`family:${familyId}`);
    return doc?.type === 'family' ? doc : undefined;
  }

  /** How a family's session began (none recorded: before this was kept, taken as the password). */
  const signInOf = (fam: TokenFamilyDoc): SignIn =>
    fam.signIn === 'provider'
      ? { method: 'provider', ...(fam.provider ? { provider: fam.provider } : {}) }
      : passwordSignIn;

  async function revokeFamily(familyId: string, reason: RevokeReason) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const fam = await family(familyId);
      if (!fam || fam.revokedAt) return;
      if ((await db().put({ ...fam, revokedAt: iso(), revokedReason: reason })) !== null) return;
    }
  }

  return {
    issue,
    revokeFamily,
    /** Trades a refresh token for the next one; a reused token revokes its family. */
    async rotate(token: string) {
      const doc = await load(token);
      const fam = await family(doc.familyId);
      if (fam?.revokedReason === 'sso-required')
        throw new DomainError(
          'sso-required',
          'Your team signs in through its sign-in provider only: sign in again with it',
        );
      if (!fam || fam.revokedAt) throw invalid();
      if (doc.usedAt) {
        await revokeFamily(doc.familyId, 'reuse');
        throw new DomainError('token-invalid', 'This refresh token was already used; the session is revoked');
      }
      if (Date.parse(doc.expiresAt) <= deps.now().getTime()) {
        throw new DomainError('token-expired', 'The refresh token expired; sign in again');
      }
      if ((await db().put({ ...doc, usedAt: iso() })) === null) {
        // Another request used the same token at the same moment: treat it as reuse.
        await revokeFamily(doc.familyId, 'reuse');
        throw new DomainError('token-invalid', 'This refresh token was already used; the session is revoked');
      }
      const next = await issue({ userId: doc.userId, teamId: fam.teamId }, doc.familyId);
      return {
        ...next,
        userId: doc.userId,
        tokenVersion: fam.tokenVersion ?? 0,
        signIn: signInOf(fam),
      };
    },
    /** Revokes the session a refresh token belongs to (logout). Unknown tokens are ignored. */
    async revokeToken(token: string) {
      const doc = await load(token).catch(() => undefined);
      if (doc) await revokeFamily(doc.familyId, 'logout');
    },
    /**
     * Revokes the team's sessions whose beginning `keep` refuses (the team now requires SSO, through
     * these providers); how many.
     */
    async revokeSessionsOf(teamId: string, keep: (signIn: SignIn) => boolean): Promise<number> {
      const found = await db().select({ type: 'family', teamId }, 100_000);
      let n = 0;
      for (const f of found) {
        if (f.type !== 'family' || f.revokedAt || keep(signInOf(f))) continue;
        await revokeFamily(f._id.slice('family:'.length), 'sso-required');
        n++;
      }
      return n;
    },
    /** Revokes every session of a user (password, role or team change, removal). */
    async revokeUser(userId: string, reason: RevokeReason) {
      const found = await db().select({ type: 'family', userId }, 10_000);
      for (const f of found) {
        if (f.type === 'family' && !f.revokedAt) await revokeFamily(f._id.slice('family:'.length), reason);
      }
    },
  };
}
