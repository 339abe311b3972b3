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
// - A team whose admin requires SSO refuses password sign-in (auth-service `login`), except the one
//   that confirms a pending link, and ends the sessions begun with a password.
// The one-time records (flows, handoff codes, pending links, tickets) are oidc-records.ts'.
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Store } from '../context';
import { statusOf } from '../store/couch-errors';
import type { AuthService, Session } from './auth-service';
import {
  normalizeEmail,
  userView,
  type IdentityClaimDoc,
  type LinkedIdentity,
  type TeamDoc,
  type UserDoc,
} from './docs';
import type { ProviderInvites } from './members';
import { challengeBinding, type NativeFlow, type NativeOutcome } from './oidc-native';
import type { OidcProviders, ProviderIdentity } from './oidc-providers';
import {
  createOidcRecords,
  flowId,
  handoffId,
  identityClaimId,
  pendingId,
  randomToken,
  sha256,
  ticketId,
  type OidcFlowDoc,
  type OneTimeDoc,
  type Purpose,
} from './oidc-records';

export const FLOW_MINUTES = 10;
export const HANDOFF_SECONDS = 120;
export const PENDING_MINUTES = 15;

type Doc = OidcFlowDoc | OneTimeDoc | IdentityClaimDoc | UserDoc;

/** Where the browser goes after the callback: the app reads the fragment (never sent to a server). */
export type CallbackOutcome =
  | { kind: 'signed-in'; handoff: string }
  | { kind: 'linked'; provider: string }
  | { kind: 'pending'; token: string; provider: string; email: string };

/** A callback's end: for a native client's flow, its loopback redirect (a refusal goes there too). */
export type CallbackResult =
  (CallbackOutcome & { native?: undefined }) | { native: NativeFlow; outcome: NativeOutcome };

export type IdentityView = { provider: string; name: string; email?: string; linkedAt: string };

export type OidcService = ReturnType<typeof createOidcService>;

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
  const db = () => deps.store.systemDb<Doc>('app_users');
  const { getDoc, useOnce, oneTime, sweepNow } = createOidcRecords(deps);
  const iso = () => deps.now().toISOString();
  const later = (ms: number) => new Date(deps.now().getTime() + ms).toISOString();
  const nameOf = (provider: string) => deps.providers.get(provider)?.name ?? provider;
  const redirectUri = (provider: string) =>
    `${deps.publicUrl().replace(/\/+$/, '')}/api/v1/auth/oidc/${encodeURIComponent(provider)}/callback`;

  async function liveUser(userId: string): Promise<UserDoc | undefined> {
    const user = await deps.auth.userById(userId);
    return user && !user.disabledAt ? user : undefined;
  }

  async function teamDoc(teamId: string): Promise<TeamDoc | undefined> {
    try {
      return await deps.store.systemDb<TeamDoc>('app_teams').get(teamId);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  const takenByAnother = (provider: string) =>
    new DomainError(
      'identity-taken',
      `This ${nameOf(provider)} account is linked to another member; it signs only one member in`,
    );

  /**
   * Refuses a link that `link` would refuse: a member gone, another account of the provider linked
   * to the member, or this account linked to another member (checked again by `link`'s claim).
   */
  async function assertLinkable(userId: string, provider: string, subject: string): Promise<void> {
    const user = await liveUser(userId);
    if (!user) throw new DomainError('unauthorized', 'The account no longer exists');
    const other = (user.identities ?? []).find((i) => i.provider === provider);
    if (other && other.subject !== subject)
      throw new DomainError(
        'identity-taken',
        `Another ${nameOf(provider)} account is linked to you already; unlink it first`,
      );
    const claim = await getDoc<IdentityClaimDoc>(identityClaimId(provider, subject));
    if (claim?.type === 'identity' && claim.userId !== userId) throw takenByAnother(provider);
  }

  /** Links a provider account to a member: its claim first (one member per account), then the doc. */
  async function link(userId: string, provider: string, identity: ProviderIdentity): Promise<void> {
    await assertLinkable(userId, provider, identity.subject);
    const claimId = identityClaimId(provider, identity.subject);
    try {
      await db().insert({ _id: claimId, type: 'identity', userId });
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
      const claim = await getDoc<IdentityClaimDoc>(claimId);
      if (claim?.userId !== userId) throw takenByAnother(provider);
    }
    await deps.auth.updateUser(userId, (u) => {
      if (u.disabledAt) return undefined;
      const rest = (u.identities ?? []).filter((i) => i.provider !== provider);
      const next: LinkedIdentity = {
        provider,
        subject: identity.subject,
        ...(identity.email ? { email: normalizeEmail(identity.email) } : {}),
        linkedAt: iso(),
      };
      return { ...u, identities: [...rest, next] };
    });
    deps.log?.info({ userId, provider }, 'provider account linked');
  }

  async function signedInUser(provider: string, identity: ProviderIdentity): Promise<UserDoc | undefined> {
    const claim = await getDoc<IdentityClaimDoc>(identityClaimId(provider, identity.subject));
    if (claim?.type !== 'identity') return undefined;
    const user = await liveUser(claim.userId);
    // A claim whose member no longer lists it (unlinked meanwhile) signs nobody in.
    return user?.identities?.some((i) => i.provider === provider && i.subject === identity.subject)
      ? user
      : undefined;
  }

  /** A callback's flow, used once: refused unless its state, browser, time and provider are right. */
  async function flowOfCallback(provider: string, url: URL, browserKey: string | undefined) {
    const name = nameOf(provider);
    if (!deps.providers.get(provider))
      throw new DomainError('sso-provider-unknown', `No sign-in provider "${provider}" is configured`);
    const error = url.searchParams.get('error');
    const state = url.searchParams.get('state');
    if (!state) {
      throw new DomainError(
        'sso-refused',
        error
          ? `${name} refused the sign-in (${error})`
          : `The answer from ${name} has no state; start the sign-in again`,
      );
    }
    const flow = await useOnce<OidcFlowDoc>(flowId(state), 'oidc-flow', browserKey, `This ${name} sign-in`);
    if (flow.provider !== provider)
      throw new DomainError('sso-refused', `This sign-in was started with another provider; start again`);
    return flow;
  }

  /** What a flow's codes and pending links are bound to: the browser's key, or a native app's challenge. */
  const boundTo = (flow: OidcFlowDoc) =>
    flow.native
      ? { binding: challengeBinding(flow.native.codeChallenge), native: true as const }
      : { binding: flow.binding };

  /**
   * The provider account: the library checks the state again, exchanges the code with the verifier
   * and verifies the ID token.
   */
  const identityOf = (provider: string, flow: OidcFlowDoc, url: URL) =>
    deps.providers.finish(provider, url, {
      state: flow.state,
      codeVerifier: flow.codeVerifier,
      ...(flow.nonce ? { nonce: flow.nonce } : {}),
    });

  /** A link of `userId` to the provider account that waits to be confirmed: its one-time token. */
  const pendingLink = (
    flow: OidcFlowDoc,
    userId: string,
    provider: string,
    account: { subject: string; email?: string },
    ms: number,
  ) =>
    oneTime(
      pendingId,
      {
        type: 'oidc-pending',
        userId,
        ...boundTo(flow),
        provider,
        subject: account.subject,
        ...(account.email ? { email: account.email } : {}),
      },
      ms,
    );

  /** A sign-in's (or an invite's) end: who signs in, or a pending link to confirm with the password. */
  async function signInOutcome(
    provider: string,
    flow: OidcFlowDoc,
    identity: ProviderIdentity,
  ): Promise<Extract<CallbackOutcome, { kind: 'signed-in' | 'pending' }>> {
    const name = nameOf(provider);
    const handoffFor = (user: UserDoc) =>
      oneTime(
        handoffId,
        { type: 'oidc-handoff', userId: userView(user).id, ...boundTo(flow) },
        HANDOFF_SECONDS * 1000,
      );
    if (flow.purpose === 'invite') {
      const claim = await getDoc<IdentityClaimDoc>(identityClaimId(provider, identity.subject));
      if (claim?.type === 'identity')
        throw new DomainError(
          'identity-taken',
          `This ${name} account signs another member in already; accept the invite with a password instead`,
        );
      const joined = await deps.invites!.acceptInviteThroughProvider(
        flow.inviteRef!,
        identity.emailVerified ? identity.email : undefined,
        (userId) => link(userId, provider, identity),
      );
      return {
        kind: 'signed-in',
        handoff: await handoffFor((await liveUser(userView(joined).id)) ?? joined),
      };
    }
    const user = await signedInUser(provider, identity);
    if (user) return { kind: 'signed-in', handoff: await handoffFor(user) };
    const byEmail =
      identity.email && identity.emailVerified ? await deps.auth.userByEmail(identity.email) : undefined;
    if (byEmail && !byEmail.disabledAt) {
      const { subject } = identity;
      const token = await pendingLink(
        flow,
        userView(byEmail).id,
        provider,
        { subject, email: byEmail.email },
        PENDING_MINUTES * 60_000,
      );
      return { kind: 'pending', token, provider, email: byEmail.email };
    }
    throw new DomainError(
      'sso-no-account',
      `No member signs in with this ${name} account. Sign in with your e-mail and password and link ` +
        `${name} in Settings, or ask your team's admin for an invite.`,
    );
  }

  /**
   * A native client's flow, once checked: a sign-in as the web app's; a link it started is refused
   * now if it could not be made, else waits for the app to confirm it (`confirmLink`).
   */
  async function nativeOutcome(provider: string, flow: OidcFlowDoc, url: URL): Promise<NativeOutcome> {
    const identity = await identityOf(provider, flow, url);
    if (flow.purpose !== 'link') return signInOutcome(provider, flow, identity);
    await assertLinkable(flow.userId!, provider, identity.subject);
    const token = await pendingLink(flow, flow.userId!, provider, identity, HANDOFF_SECONDS * 1000);
    return { kind: 'pending', token, provider, ...(identity.email ? { email: identity.email } : {}) };
  }

  /** Who links: the signed-in member (web), or for the desktop app the member its ticket names. */
  async function linkingMember(
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
    await link(userId, pending.provider!, {
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
      if (!deps.providers.get(provider))
        throw new DomainError('sso-provider-unknown', `No sign-in provider "${provider}" is configured`);
      // An invite that cannot be accepted, or a ticket that is not good, is refused now, before the
      // provider is asked.
      const inviteRef = purpose === 'invite' ? await deps.invites!.inviteRef(by.inviteToken!) : undefined;
      const userId = purpose === 'link' ? await linkingMember(provider, by) : undefined;
      const { url, checks } = await deps.providers.authorization(provider, redirectUri(provider));
      const browserKey = randomToken();
      await db().insert({
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

    /**
     * The provider's redirect back: every check, then who signs in or what is linked. A native
     * client's flow ends at its loopback redirect: a sign-in's code or a pending link, both bound to
     * its challenge, or the refusal.
     */
    async callback(provider: string, url: URL, browserKey: string | undefined): Promise<CallbackResult> {
      const flow = await flowOfCallback(provider, url, browserKey);
      if (flow.native) {
        try {
          return { native: flow.native, outcome: await nativeOutcome(provider, flow, url) };
        } catch (e) {
          if (!(e instanceof DomainError) || e.status === 500) throw e;
          return { native: flow.native, outcome: { kind: 'refused', code: e.code, message: e.message } };
        }
      }
      const identity = await identityOf(provider, flow, url);
      if (flow.purpose !== 'link') return signInOutcome(provider, flow, identity);
      await link(flow.userId!, provider, identity);
      return { kind: 'linked', provider };
    },
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
      const user = await liveUser(doc.userId);
      if (!user) throw new DomainError('unauthorized', 'The account no longer exists');
      return deps.auth.session(user, undefined, undefined, 'provider');
    },

    confirmPending,
    /** The desktop app asks on the member's session for a ticket to start a link in the system browser. */
    async linkTicket(auth: AuthContext, provider: string): Promise<{ ticket: string }> {
      if (!deps.providers.get(provider))
        throw new DomainError('sso-provider-unknown', `No sign-in provider "${provider}" is configured`);
      if (!(await liveUser(auth.userId)))
        throw new DomainError('unauthorized', 'The account no longer exists');
      const ticket = randomToken();
      await db().insert({
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

    async identities(auth: AuthContext): Promise<IdentityView[]> {
      const user = await liveUser(auth.userId);
      if (!user) throw new DomainError('unauthorized', 'The account no longer exists');
      return (user.identities ?? []).map((i) => ({
        provider: i.provider,
        name: nameOf(i.provider),
        ...(i.email ? { email: i.email } : {}),
        linkedAt: i.linkedAt,
      }));
    },

    async unlink(auth: AuthContext, provider: string): Promise<void> {
      const user = await liveUser(auth.userId);
      const identity = user?.identities?.find((i) => i.provider === provider);
      if (!user || !identity)
        throw new DomainError('not-found', `No ${nameOf(provider)} account is linked to you`);
      const team = await teamDoc(user.teamId);
      if (team?.ssoRequired && (user.identities ?? []).length <= 1)
        throw new DomainError(
          'conflict',
          'Your team signs in through a provider only: link another account before unlinking this one',
        );
      await deps.auth.updateUser(auth.userId, (u) => ({
        ...u,
        identities: (u.identities ?? []).filter((i) => i.provider !== provider),
      }));
      const claimId = identityClaimId(provider, identity.subject);
      const claim = await getDoc<IdentityClaimDoc>(claimId);
      if (claim?.type === 'identity' && claim.userId === auth.userId && claim._rev)
        await db()
          .destroy(claimId, claim._rev)
          .catch(() => undefined);
      deps.log?.info({ userId: auth.userId, provider }, 'provider account unlinked');
    },

    /** The team's rule (admins only, by the route): members sign in through a provider only. */
    async setSsoRequired(auth: AuthContext, required: boolean): Promise<{ required: boolean }> {
      if (required) {
        const user = await liveUser(auth.userId);
        if (!user?.identities?.length)
          throw new DomainError(
            'conflict',
            'Link a provider account to yourself first, so you can still sign in once passwords are refused',
          );
      }
      const teams = deps.store.systemDb<TeamDoc>('app_teams');
      for (let attempt = 1; ; attempt++) {
        const team = await teamDoc(auth.teamId);
        if (!team) throw new DomainError('not-found', 'No such team');
        try {
          await teams.insert({ ...team, ssoRequired: required });
          if (required) {
            const ended = await deps.auth.endPasswordSessions(auth.teamId);
            deps.log?.info({ teamId: auth.teamId, ended }, 'SSO required: password sessions ended');
          }
          return { required };
        } catch (e) {
          if (statusOf(e) !== 409 || attempt >= 5) throw e;
        }
      }
    },

    async ssoRequired(teamId: string): Promise<boolean> {
      return Boolean((await teamDoc(teamId))?.ssoRequired);
    },
  };
}
