// The provider's redirect back to the server (oidc-service.ts began the flow): every check of the
// flow (state, browser, time, provider; oidc-records.ts uses it once), the provider account from the
// code (the library verifies the ID token), then who signs in, what is linked, or the pending link a
// member confirms with the password. A native client's flow ends at its loopback (oidc-native.ts).
import { DomainError } from '@app/shared/errors';
import type { AuthService } from './auth-service';
import { userView, type IdentityClaimDoc, type UserDoc } from './docs';
import type { ProviderInvites } from './members';
import type { IdentityLinks } from './oidc-identities';
import { challengeBinding, type NativeFlow, type NativeOutcome } from './oidc-native';
import type { OidcProviders, ProviderIdentity } from './oidc-providers';
import {
  flowId,
  handoffId,
  identityClaimId,
  pendingId,
  type createOidcRecords,
  type OidcFlowDoc,
} from './oidc-records';

export const HANDOFF_SECONDS = 120;
export const PENDING_MINUTES = 15;

/** Where the browser goes after the callback: the app reads the fragment (never sent to a server). */
export type CallbackOutcome =
  | { kind: 'signed-in'; handoff: string }
  | { kind: 'linked'; provider: string }
  | { kind: 'pending'; token: string; provider: string; email: string };

/** A callback's end: for a native client's flow, its loopback redirect (a refusal goes there too). */
export type CallbackResult =
  (CallbackOutcome & { native?: undefined }) | { native: NativeFlow; outcome: NativeOutcome };

type Deps = {
  auth: AuthService;
  providers: OidcProviders;
  invites?: ProviderInvites;
  records: ReturnType<typeof createOidcRecords>;
  links: IdentityLinks;
};

/** What a flow's codes and pending links are bound to: the browser's key, or a native app's challenge. */
const boundTo = (flow: OidcFlowDoc) =>
  flow.native
    ? { binding: challengeBinding(flow.native.codeChallenge), native: true as const }
    : { binding: flow.binding };

/** A callback's flow, used once: refused unless its state, browser, time and provider are right. */
async function flowOfCallback(deps: Deps, provider: string, url: URL, browserKey: string | undefined) {
  const name = deps.links.nameOf(provider);
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
  const flow = await deps.records.useOnce<OidcFlowDoc>(
    flowId(state),
    'oidc-flow',
    browserKey,
    `This ${name} sign-in`,
  );
  if (flow.provider !== provider)
    throw new DomainError('sso-refused', `This sign-in was started with another provider; start again`);
  return flow;
}

export function createOidcCallback(deps: Deps) {
  const { records, links } = deps;
  const { nameOf } = links;

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
    records.oneTime(
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

  const handoffFor = (flow: OidcFlowDoc, user: UserDoc) =>
    records.oneTime(
      handoffId,
      { type: 'oidc-handoff', userId: userView(user).id, provider: flow.provider, ...boundTo(flow) },
      HANDOFF_SECONDS * 1000,
    );

  /** An invite accepted through a provider: the new member, linked to the account, signs in. */
  async function inviteOutcome(provider: string, flow: OidcFlowDoc, identity: ProviderIdentity) {
    const claim = await records.getDoc<IdentityClaimDoc>(identityClaimId(provider, identity.subject));
    if (claim?.type === 'identity')
      throw new DomainError(
        'identity-taken',
        `This ${nameOf(provider)} account signs another member in already; accept the invite with a password instead`,
      );
    const joined = await deps.invites!.acceptInviteThroughProvider(
      flow.inviteRef!,
      identity.emailVerified ? identity.email : undefined,
      (userId) => links.link(userId, provider, identity),
    );
    const user = (await links.liveUser(userView(joined).id)) ?? joined;
    return { kind: 'signed-in' as const, handoff: await handoffFor(flow, user) };
  }

  /** A sign-in's (or an invite's) end: who signs in, or a pending link to confirm with the password. */
  async function signInOutcome(
    provider: string,
    flow: OidcFlowDoc,
    identity: ProviderIdentity,
  ): Promise<Extract<CallbackOutcome, { kind: 'signed-in' | 'pending' }>> {
    if (flow.purpose === 'invite') return inviteOutcome(provider, flow, identity);
    const user = await links.signedInUser(provider, identity);
    if (user) return { kind: 'signed-in', handoff: await handoffFor(flow, user) };
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
    const name = nameOf(provider);
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
    await links.assertLinkable(flow.userId!, provider, identity.subject);
    const token = await pendingLink(flow, flow.userId!, provider, identity, HANDOFF_SECONDS * 1000);
    return { kind: 'pending', token, provider, ...(identity.email ? { email: identity.email } : {}) };
  }

  /**
   * The provider's redirect back: every check, then who signs in or what is linked. A native
   * client's flow ends at its loopback redirect: a sign-in's code or a pending link, both bound to
   * its challenge, or the refusal.
   */
  return async function callback(
    provider: string,
    url: URL,
    browserKey: string | undefined,
  ): Promise<CallbackResult> {
    const flow = await flowOfCallback(deps, provider, url, browserKey);
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
    await links.link(flow.userId!, provider, identity);
    return { kind: 'linked', provider };
  };
}
