// Sign-in and linking through the operator's providers (oidc-providers.ts), on the sessions password
// sign-in issues (auth-service `session`): no second session scheme.
// - A flow (sign-in or link) is kept server-side in app_users under the hash of its `state`, with the
//   nonce and the PKCE verifier, for FLOW_MINUTES, used once (a compare-and-swap write marks it), and
//   bound to the browser that began it (a random key in an HttpOnly cookie, kept as its hash): a
//   callback with another state, a second use of one, a late one, or one from another browser is
//   refused before the code is exchanged.
// - A sign-in ends in a one-time handoff code (HANDOFF_SECONDS, same browser) that the app at /app
//   exchanges for the session, so no token travels in an address.
// - A provider account signs in the member it is linked to (`identity:<provider>:<hash of subject>`
//   claim docs make one account one member's). A first sign-in whose provider-verified e-mail is a
//   member's does not sign in: it leaves a pending link that the member confirms by signing in with
//   the password (`login` with the link token, same browser; the desktop app's, with its PKCE
//   verifier). An unverified e-mail never links; an account no member has is refused with what to do.
// - Linking from the desktop app (oidc-native.ts): the flow starts with a one-time ticket the member
//   asked for on the session, is checked like the web app's, and ends as a pending link bound to the
//   app's PKCE challenge: the link is made when the app confirms it on the member's session with its
//   verifier (`confirmLink`), by the same `link` as the web app's.
// - A team whose admin requires SSO (through any provider, or the ones it names: sso-policy.ts) refuses
//   password sign-in (auth-service `login`), except the one that confirms a pending link of an allowed
//   provider, and the other providers' handoffs, and ends the sessions it does not allow.
// The one-time records (flows, handoff codes, pending links, tickets) are oidc-records.ts', the
// callback's checks and outcomes oidc-callback.ts', the linked accounts and the team's SSO rule
// oidc-identities.ts'.
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Store } from '../context';
import { systemDocs } from '../store/data';
import type { AuthService, Session } from './auth-service';
import type { ProviderInvites } from './members';
import { createOidcCallback, HANDOFF_SECONDS } from './oidc-callback';
import { createIdentityLinks } from './oidc-identities';
import type { NativeFlow } from './oidc-native';
import type { OidcProviders } from './oidc-providers';
import {
  createOidcRecords,
  flowId,
  handoffId,
  pendingId,
  randomToken,
  sha256,
  ticketId,
  type OidcFlowDoc,
  type OneTimeDoc,
  type Purpose,
} from './oidc-records';

export { HANDOFF_SECONDS, PENDING_MINUTES, type CallbackOutcome, type CallbackResult } from './oidc-callback';
export type { IdentityView } from './oidc-identities';
export const FLOW_MINUTES = 10;

export type OidcService = ReturnType<typeof createOidcService>;

/** Who links: the signed-in member (web), or for the desktop app the member its ticket names. */
async function linkingMember(
  { useOnce }: Pick<ReturnType<typeof createOidcRecords>, 'useOnce'>,
  provider: string,
  by: { auth?: AuthContext; native?: NativeFlow; linkTicket?: string },
): Promise<string> {
  if (!by.native) {
    if (!by.auth) throw new DomainError('unauthorized', 'Linking needs a signed-in member');
    return by.auth.userId;
  }
  if (!by.linkTicket)
    throw new DomainError(
      'bad-request',
      'The desktop app links with a ticket from POST /auth/oidc/<provider>/link on its session',
    );
  const ticket = await useOnce<OneTimeDoc>(
    ticketId(by.linkTicket),
    'oidc-ticket',
    by.linkTicket,
    'This link',
  );
  if (ticket.provider !== provider)
    throw new DomainError('sso-refused', 'This link was started for another provider; start again');
  return ticket.userId;
}

export function createOidcService(deps: {
  store: Store;
  auth: AuthService;
  providers: OidcProviders;
  now: () => Date;
  /** Where this server is reached (PUBLIC_URL): the redirect URI's origin. */
  publicUrl: () => string;
  /** Invites accepted through a provider (members.ts). */
  invites?: ProviderInvites;
  log?: Pick<Logger, 'info' | 'warn'>;
}) {
  const db = () => systemDocs<OidcFlowDoc | OneTimeDoc>(deps.store, 'app_users');
  const records = createOidcRecords(deps);
  const { getDoc, useOnce, sweepNow } = records;
  const links = createIdentityLinks({ ...deps, getDoc });
  const callback = createOidcCallback({ ...deps, records, links });
  const iso = () => deps.now().toISOString();
  const later = (ms: number) => new Date(deps.now().getTime() + ms).toISOString();
  const redirectUri = (provider: string) =>
    `${deps.publicUrl().replace(/\/+$/, '')}/api/v1/auth/oidc/${encodeURIComponent(provider)}/callback`;
  const assertProvider = (provider: string) => {
    if (!deps.providers.get(provider))
      throw new DomainError('sso-provider-unknown', `No sign-in provider "${provider}" is configured`);
  };

  /**
   * Confirms a pending link: called once the password of `userId` has been checked (login), or
   * with the desktop app's session (`confirmLink`). The link token must be this member's, from this
   * browser, or for the desktop app's with the PKCE verifier of the challenge it was bound to.
   */
  async function confirmPending(
    userId: string,
    token: string,
    browserKey: string | undefined,
    codeVerifier?: string,
  ): Promise<string> {
    const doc = await getDoc<OneTimeDoc>(pendingId(token));
    if (doc?.type === 'oidc-pending' && doc.userId !== userId)
      throw new DomainError('sso-refused', 'This link waits for another account: sign in with that one');
    const pending = await useOnce<OneTimeDoc>(
      pendingId(token),
      'oidc-pending',
      browserKey,
      'This link',
      codeVerifier,
    );
    await links.link(userId, pending.provider!, {
      subject: pending.subject!,
      ...(pending.email ? { email: pending.email } : {}),
      emailVerified: true,
    });
    return pending.provider!;
  }

  return {
    providers: () => deps.providers.list(),

    /**
     * Begins a flow: the provider's authorization URL, and the browser key the caller sets as a
     * cookie (its hash is kept with the flow). Linking needs the signed-in member, or from the
     * desktop app the ticket it asked for on the member's session (`linkTicket`, used once).
     */
    async start(
      provider: string,
      purpose: Purpose,
      by: { auth?: AuthContext; inviteToken?: string; native?: NativeFlow; linkTicket?: string } = {},
    ): Promise<{ url: string; browserKey: string }> {
      if (by.linkTicket && (purpose !== 'link' || !by.native))
        throw new DomainError('bad-request', 'A link ticket starts a link of the desktop app only');
      sweepNow();
      if (purpose === 'invite' && (!deps.invites || !by.inviteToken))
        throw new DomainError('bad-request', 'Accepting an invite through a provider needs the invite');
      assertProvider(provider);
      // An invite that cannot be accepted, or a ticket that is not good, is refused now, before the
      // provider is asked.
      const inviteRef = purpose === 'invite' ? await deps.invites!.inviteRef(by.inviteToken!) : undefined;
      const userId = purpose === 'link' ? await linkingMember(records, provider, by) : undefined;
      const { url, checks } = await deps.providers.authorization(provider, redirectUri(provider));
      const browserKey = randomToken();
      await db().create({
        _id: flowId(checks.state),
        type: 'oidc-flow',
        provider,
        purpose,
        ...(userId ? { userId } : {}),
        ...(inviteRef ? { inviteRef } : {}),
        state: checks.state,
        ...(checks.nonce ? { nonce: checks.nonce } : {}),
        codeVerifier: checks.codeVerifier,
        binding: sha256(browserKey),
        ...(by.native ? { native: by.native } : {}),
        createdAt: iso(),
        expiresAt: later(FLOW_MINUTES * 60_000),
      });
      return { url, browserKey };
    },

    callback,

    /**
     * The app's half of a sign-in: the handoff code (once, soon; same browser, or for a native
     * client the PKCE verifier of its challenge) for the session.
     */
    async exchange(code: string, browserKey: string | undefined, codeVerifier?: string): Promise<Session> {
      const doc = await useOnce<OneTimeDoc>(
        handoffId(code),
        'oidc-handoff',
        browserKey,
        'This sign-in',
        codeVerifier,
      );
      const user = await links.liveUser(doc.userId);
      if (!user) throw new DomainError('unauthorized', 'The account no longer exists');
      // A provider the team's rule does not name signs nobody in.
      const signIn = { method: 'provider' as const, ...(doc.provider ? { provider: doc.provider } : {}) };
      await deps.auth.assertSignIn(user.teamId, signIn);
      return deps.auth.session(user, undefined, undefined, signIn);
    },

    confirmPending,
    /** The desktop app asks on the member's session for a ticket to start a link in the system browser. */
    async linkTicket(auth: AuthContext, provider: string): Promise<{ ticket: string }> {
      assertProvider(provider);
      if (!(await links.liveUser(auth.userId)))
        throw new DomainError('unauthorized', 'The account no longer exists');
      const ticket = randomToken();
      await db().create({
        _id: ticketId(ticket),
        type: 'oidc-ticket',
        userId: auth.userId,
        provider,
        binding: sha256(ticket),
        createdAt: iso(),
        expiresAt: later(HANDOFF_SECONDS * 1000),
      });
      return { ticket };
    },

    /**
     * The desktop app's end of a link it started: the pending link its loopback got, confirmed on the
     * signed-in member's session with the app's PKCE verifier (a browser's pending link is not).
     */
    confirmLink: (auth: AuthContext, token: string, codeVerifier: string): Promise<string> =>
      confirmPending(auth.userId, token, undefined, codeVerifier),

    identities: links.identities,
    unlink: links.unlink,
    setSsoRequired: links.setSsoRequired,
    ssoRequired: links.ssoRequired,
  };
}
