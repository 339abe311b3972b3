// Password reset by e-mail: `POST /auth/forgot-password` mails a link with a single-use token that
// expires after an hour; `POST /auth/reset-password` sets a new (strong) password with it and ends
// every session of the account. Asking answers alike, after about the same time, whether or not the
// e-mail has an account (the mail goes out in the background), so the endpoint tells nobody which
// e-mails exist. Only the token's hash is stored. A token is used at most once (a compare-and-swap
// at the write quorum, store/claim-write.ts), and a link mailed before the password changed in any
// way (another reset, a change in Settings) no longer works: the doc keeps the account's token version.
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import { accountLink, resetMail, type AccountMailer } from './account-mail';
import { createAnswerPacer } from './answer-pacing';
import type { AuthService } from './auth-service';
import { normalizeEmail, tokenVersionOf, userView } from './docs';
import { assertStrongPassword } from './password-strength';
import { hashPassword } from './passwords';

export const RESET_MINUTES = 60;

export type ResetDoc = {
  _id: string;
  _rev?: string;
  type: 'reset';
  userId: string;
  teamId: string;
  createdAt: string;
  expiresAt: string;
  /** The account's token version when the link was made: any later change of it ends the link. */
  tokenVersion: number;
  usedAt?: string;
};

const resetId = (token: string) => `reset:${createHash('sha256').update(token).digest('hex')}`;

export type PasswordReset = {
  request(email: string): Promise<{ email: string; message: string }>;
  reset(input: { token: string; password: string }): Promise<{ email: string; message: string }>;
};

export function createPasswordReset(deps: {
  store: Store;
  auth: AuthService;
  mail: AccountMailer;
  /** Where the web app is reached (PUBLIC_URL). */
  publicUrl: string;
  now: () => Date;
  log?: Logger;
}): PasswordReset {
  const db = () => systemDocs<ResetDoc>(deps.store, 'app_users');
  /** Making a link sets the pace of the answer for an unknown e-mail. */
  const pace = createAnswerPacer({ initialMs: 50 });

  async function send(teamId: string, to: string, token: string): Promise<void> {
    try {
      const sent = await deps.mail(
        teamId,
        resetMail(to, accountLink(deps.publicUrl, 'reset', token), RESET_MINUTES),
      );
      if (sent === 'unavailable')
        deps.log?.warn({ teamId }, 'password reset asked, but the team has no e-mail channel to send it');
    } catch (err) {
      deps.log?.warn({ err, teamId }, 'the password reset mail could not be sent');
    }
  }

  return {
    async request(address) {
      const started = performance.now();
      const email = normalizeEmail(address);
      const user = await deps.auth.userByEmail(email);
      if (user && !user.disabledAt) {
        const token = randomBytes(32).toString('base64url');
        const now = deps.now();
        await db().create({
          _id: resetId(token),
          type: 'reset',
          userId: userView(user).id,
          teamId: user.teamId,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000).toISOString(),
          tokenVersion: tokenVersionOf(user),
        });
        void send(user.teamId, user.email, token);
        pace.done(started);
      } else await pace.pad(started);
      return {
        email,
        message:
          'If this e-mail has an account, a link to set a new password is on its way (valid for an hour).',
      };
    },

    async reset(input) {
      const doc = await db().get(resetId(input.token));
      if (!doc) throw new DomainError('token-invalid', 'The reset link is invalid');
      if (doc.type !== 'reset' || doc.usedAt)
        throw new DomainError('token-invalid', 'The reset link is invalid or was used; ask for a new one');
      if (Date.parse(doc.expiresAt) <= deps.now().getTime())
        throw new DomainError('token-expired', 'The reset link expired; ask for a new one');
      const user = await deps.auth.userById(doc.userId);
      if (!user || user.disabledAt || tokenVersionOf(user) !== doc.tokenVersion)
        throw new DomainError('token-invalid', 'The reset link is no longer valid; ask for a new one');
      await assertStrongPassword(input.password, [user.email]);
      if (!(await db().claim({ ...doc, usedAt: deps.now().toISOString() })))
        throw new DomainError('token-invalid', 'The reset link was already used');
      const passwordHash = await hashPassword(input.password);
      const next = await deps.auth.endSessions(doc.userId, 'password-reset', (u) =>
        u.disabledAt || tokenVersionOf(u) !== doc.tokenVersion ? undefined : { ...u, passwordHash },
      );
      if (!next)
        throw new DomainError('token-invalid', 'The reset link is no longer valid; ask for a new one');
      deps.log?.info({ userId: doc.userId }, 'password reset');
      return { email: user.email, message: 'The password is set. Sign in with it.' };
    },
  };
}
