// The sign-in's one-time records in `app_users`, each under a hash of its secret: a provider flow
// (state, nonce, PKCE verifier, bound to the browser's key), a sign-in's handoff code, a pending link,
// a desktop app's ticket to start a link. Each is used once (a compare-and-swap marks it used, so of
// two callers at once one gets it), refused when expired or opened by another browser (or, for a
// native app's code, another PKCE verifier), and swept an hour past its expiry.
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import type { NativeFlow } from './oidc-native';

export type Purpose = 'signin' | 'link' | 'invite';

export type OidcFlowDoc = {
  _id: string;
  _rev?: string;
  type: 'oidc-flow';
  provider: string;
  purpose: Purpose;
  /** Linking: the signed-in member who asked. */
  userId?: string;
  /** Accepting an invite: its reference (members.ts `inviteRef`), not the token. */
  inviteRef?: string;
  state: string;
  nonce?: string;
  codeVerifier: string;
  /** sha256 of the browser key (the cookie). */
  binding: string;
  /** A native client's flow (oidc-native.ts): where it ends, and the challenge its code is bound to. */
  native?: NativeFlow;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
};

export type OneTimeDoc = {
  _id: string;
  _rev?: string;
  /** A sign-in's handoff code, a pending link, or a desktop app's ticket to start a link. */
  type: 'oidc-handoff' | 'oidc-pending' | 'oidc-ticket';
  userId: string;
  /**
   * sha256 of the browser key; for a native client's (`native`) code or pending link, of its PKCE
   * verifier; for a ticket, of the ticket (it is its own key).
   */
  binding: string;
  native?: true;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  /** Pending links: the provider account to link (tickets, handoff codes: the provider only). */
  provider?: string;
  subject?: string;
  email?: string;
};

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const flowId = (state: string) => `oidc-flow:${sha256(state)}`;
export const handoffId = (code: string) => `oidc-handoff:${sha256(code)}`;
export const pendingId = (token: string) => `oidc-pending:${sha256(token)}`;
export const ticketId = (ticket: string) => `oidc-ticket:${sha256(ticket)}`;
export const identityClaimId = (provider: string, subject: string) =>
  `identity:${provider}:${sha256(subject)}`;
export const randomToken = () => randomBytes(32).toString('base64url');

export type OidcRecords = ReturnType<typeof createOidcRecords>;

export function createOidcRecords(deps: { store: Store; now: () => Date; log?: Pick<Logger, 'warn'> }) {
  const db = () => systemDocs<Record<string, unknown> & { _id: string }>(deps.store, 'app_users');
  const iso = () => deps.now().toISOString();
  const later = (ms: number) => new Date(deps.now().getTime() + ms).toISOString();

  async function getDoc<T>(id: string): Promise<T | undefined> {
    return ((await db().get(id)) ?? undefined) as T | undefined;
  }

  /**
   * Uses a one-time doc (a flow, a handoff, a pending link): refused when it is not there, was used,
   * expired or belongs to another browser; marked used by a compare-and-swap write, so of two
   * callers at once only one gets it.
   */
  async function useOnce<T extends OidcFlowDoc | OneTimeDoc>(
    id: string,
    type: T['type'],
    browserKey: string | undefined,
    what: string,
    codeVerifier?: string,
  ): Promise<T> {
    const doc = await getDoc<T>(id);
    if (!doc || doc.type !== type)
      throw new DomainError(
        'sso-refused',
        `${what} is unknown here: it was not started by this server; start again`,
      );
    if (doc.usedAt) throw new DomainError('sso-refused', `${what} was used already; start again`);
    if (Date.parse(doc.expiresAt) <= deps.now().getTime())
      throw new DomainError('sso-refused', `${what} expired; start again`);
    // A native client's code or pending link is bound to its PKCE challenge: only the verifier the app
    // kept opens it. (A native client's flow is bound to the system browser's key, as the web app's.)
    const byVerifier = doc.type !== 'oidc-flow' && doc.native === true;
    const key = byVerifier ? codeVerifier : browserKey;
    if (!key || sha256(key) !== doc.binding)
      throw new DomainError(
        'sso-refused',
        byVerifier
          ? `${what} was started by another app (its PKCE verifier does not match); start again`
          : `${what} was started in another browser; start again in this one`,
      );
    if (!(await db().claim({ ...doc, usedAt: iso() })))
      throw new DomainError('sso-refused', `${what} was used already; start again`);
    return doc;
  }

  /**
   * Removes flows, handoff codes, pending links and tickets an hour past their expiry (used or not):
   * at most once an hour per process, from a flow's start, up to 500 of each kind at a time.
   */
  let sweptAt = 0;
  async function sweep(): Promise<void> {
    const cutoff = deps.now().getTime() - 3_600_000;
    for (const prefix of ['oidc-flow:', 'oidc-handoff:', 'oidc-pending:', 'oidc-ticket:']) {
      const docs = await systemDocs<OidcFlowDoc | OneTimeDoc>(deps.store, 'app_users').withPrefix(
        prefix,
        500,
      );
      const old = docs.filter((d) => Boolean(d._rev && Date.parse(d.expiresAt) < cutoff));
      await db().removeAll(old.map((d) => ({ _id: d._id, _rev: d._rev! })));
    }
  }
  function sweepNow(): void {
    if (deps.now().getTime() - sweptAt < 3_600_000) return;
    sweptAt = deps.now().getTime();
    void sweep().catch((err: unknown) => deps.log?.warn({ err }, 'old sign-in flows could not be swept'));
  }

  async function oneTime(
    id: (token: string) => string,
    fields: Omit<OneTimeDoc, '_id' | 'createdAt' | 'expiresAt'>,
    ms: number,
  ): Promise<string> {
    const token = randomToken();
    await db().create({ ...fields, _id: id(token), createdAt: iso(), expiresAt: later(ms) });
    return token;
  }

  return { getDoc, useOnce, oneTime, sweepNow };
}
