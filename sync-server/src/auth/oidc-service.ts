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
//   the password (`login` with the link token, same browser). An unverified e-mail never links; an
//   account no member has is refused with what to do.
// - A team whose admin requires SSO refuses password sign-in (auth-service `login`), except the one
//   that confirms a pending link.
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Store } from '../context';
import { claimWrite } from '../store/claim-write';
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
import { challengeBinding, type NativeFlow } from './oidc-native';
import type { OidcProviders, ProviderIdentity } from './oidc-providers';

export const FLOW_MINUTES = 10;
export const HANDOFF_SECONDS = 120;
export const PENDING_MINUTES = 15;

type Purpose = 'signin' | 'link' | 'invite';

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

type OneTimeDoc = {
  _id: string;
  _rev?: string;
  type: 'oidc-handoff' | 'oidc-pending';
  userId: string;
  /** sha256 of the browser key, or for a native client's code of its PKCE verifier. */
  binding: string;
  native?: true;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  /** Pending links: the provider account to link. */
  provider?: string;
  subject?: string;
  email?: string;
};

type Doc = OidcFlowDoc | OneTimeDoc | IdentityClaimDoc | UserDoc;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const flowId = (state: string) => `oidc-flow:${sha256(state)}`;
const handoffId = (code: string) => `oidc-handoff:${sha256(code)}`;
const pendingId = (token: string) => `oidc-pending:${sha256(token)}`;
export const identityClaimId = (provider: string, subject: string) =>
  `identity:${provider}:${sha256(subject)}`;
const randomToken = () => randomBytes(32).toString('base64url');

/** Where the browser goes after the callback: the app reads the fragment (never sent to a server). */
export type CallbackOutcome =
  | { kind: 'signed-in'; handoff: string }
  | { kind: 'linked'; provider: string }
  | { kind: 'pending'; token: string; provider: string; email: string };

/** A callback's end: for a native client's flow, its loopback redirect (a refusal goes there too). */
export type CallbackResult =
  | (CallbackOutcome & { native?: undefined })
  | { native: NativeFlow; kind: 'signed-in'; handoff: string }
  | { native: NativeFlow; kind: 'refused'; code: string; message: string };

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
  const iso = () => deps.now().toISOString();
  const later = (ms: number) => new Date(deps.now().getTime() + ms).toISOString();
  const nameOf = (provider: string) => deps.providers.get(provider)?.name ?? provider;
  const redirectUri = (provider: string) =>
    `${deps.publicUrl().replace(/\/+$/, '')}/api/v1/auth/oidc/${encodeURIComponent(provider)}/callback`;

  async function getDoc<T extends Doc>(id: string): Promise<T | undefined> {
    try {
      return (await db().get(id)) as T;
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
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
    // A native client's code is bound to its PKCE challenge: only the verifier the app kept opens it.
    const key = doc.type === 'oidc-handoff' && doc.native ? codeVerifier : browserKey;
    if (!key || sha256(key) !== doc.binding)
      throw new DomainError(
        'sso-refused',
        doc.type === 'oidc-handoff' && doc.native
          ? `${what} was started by another app (its PKCE verifier does not match); start again`
          : `${what} was started in another browser; start again in this one`,
      );
    if (!(await claimWrite(db(), { ...doc, usedAt: iso() })))
      throw new DomainError('sso-refused', `${what} was used already; start again`);
    return doc;
  }

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

  /** Links a provider account to a member: its claim first (one member per account), then the doc. */
  async function link(userId: string, provider: string, identity: ProviderIdentity): Promise<void> {
    const user = await liveUser(userId);
    if (!user) throw new DomainError('unauthorized', 'The account no longer exists');
    const other = (user.identities ?? []).find((i) => i.provider === provider);
    if (other && other.subject !== identity.subject)
      throw new DomainError(
        'identity-taken',
        `Another ${nameOf(provider)} account is linked to you already; unlink it first`,
      );
    const claimId = identityClaimId(provider, identity.subject);
    try {
      await db().insert({ _id: claimId, type: 'identity', userId });
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
      const claim = await getDoc<IdentityClaimDoc>(claimId);
      if (claim?.userId !== userId)
        throw new DomainError(
          'identity-taken',
          `This ${nameOf(provider)} account is linked to another member; it signs only one member in`,
        );
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

  /**
   * Removes flows, handoff codes and pending links an hour past their expiry (used or not): at most
   * once an hour per process, from a flow's start, up to 500 of each kind at a time.
   */
  let sweptAt = 0;
  async function sweep(): Promise<void> {
    const cutoff = deps.now().getTime() - 3_600_000;
    for (const prefix of ['oidc-flow:', 'oidc-handoff:', 'oidc-pending:']) {
      const res = await db().list({
        startkey: prefix,
        endkey: `${prefix}\ufff0`,
        include_docs: true,
        limit: 500,
      });
      const old = res.rows
        .map((r) => r.doc as (OidcFlowDoc | OneTimeDoc) | undefined)
        .filter((d): d is OidcFlowDoc | OneTimeDoc => Boolean(d?._rev && Date.parse(d.expiresAt) < cutoff));
      if (old.length)
        await db().bulk({ docs: old.map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true }) as never) });
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
    await db().insert({ ...fields, _id: id(token), createdAt: iso(), expiresAt: later(ms) });
    return token;
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

  /** The rest of a callback, once its flow is the one: the code exchanged, then sign-in or link. */
  async function finishFlow(provider: string, flow: OidcFlowDoc, url: URL): Promise<CallbackOutcome> {
    const name = nameOf(provider);
    // The library checks the state again, exchanges the code with the verifier, verifies the ID token.
    const identity = await deps.providers.finish(provider, url, {
      state: flow.state,
      codeVerifier: flow.codeVerifier,
      ...(flow.nonce ? { nonce: flow.nonce } : {}),
    });
    if (flow.purpose === 'link') {
      await link(flow.userId!, provider, identity);
      return { kind: 'linked', provider };
    }
    const handoffFor = (user: UserDoc) =>
      oneTime(
        handoffId,
        {
          type: 'oidc-handoff',
          userId: userView(user).id,
          ...(flow.native
            ? { binding: challengeBinding(flow.native.codeChallenge), native: true as const }
            : { binding: flow.binding }),
        },
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
      const token = await oneTime(
        pendingId,
        {
          type: 'oidc-pending',
          userId: userView(byEmail).id,
          binding: flow.binding,
          provider,
          subject: identity.subject,
          email: byEmail.email,
        },
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

  return {
    providers: () => deps.providers.list(),

    /**
     * Begins a flow: the provider's authorization URL, and the browser key the caller sets as a
     * cookie (its hash is kept with the flow). Linking needs the signed-in member.
     */
    async start(
      provider: string,
      purpose: Purpose,
      by: { auth?: AuthContext; inviteToken?: string; native?: NativeFlow } = {},
    ): Promise<{ url: string; browserKey: string }> {
      const { auth } = by;
      if (by.native && purpose === 'link')
        throw new DomainError('bad-request', 'Linking is done in a browser, not by a native client');
      sweepNow();
      if (purpose === 'invite' && (!deps.invites || !by.inviteToken))
        throw new DomainError('bad-request', 'Accepting an invite through a provider needs the invite');
      // An invite that cannot be accepted is refused now, before the provider is asked.
      const inviteRef = purpose === 'invite' ? await deps.invites!.inviteRef(by.inviteToken!) : undefined;
      const { url, checks } = await deps.providers.authorization(provider, redirectUri(provider));
      const browserKey = randomToken();
      await db().insert({
        _id: flowId(checks.state),
        type: 'oidc-flow',
        provider,
        purpose,
        ...(auth ? { userId: auth.userId } : {}),
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
     * client's flow ends at its loopback redirect: a sign-in's code bound to its challenge, or the
     * refusal (a pending link included: the app cannot confirm one; the web app can).
     */
    async callback(provider: string, url: URL, browserKey: string | undefined): Promise<CallbackResult> {
      const flow = await flowOfCallback(provider, url, browserKey);
      if (!flow.native) return finishFlow(provider, flow, url);
      const native = flow.native;
      try {
        const outcome = await finishFlow(provider, flow, url);
        if (outcome.kind === 'signed-in') return { native, ...outcome };
        throw new DomainError(
          'sso-link-pending',
          `This ${nameOf(provider)} account is not linked to you yet: sign in with your password and link ` +
            `${nameOf(provider)} in Settings in the web app, then sign in with it here`,
        );
      } catch (e) {
        if (!(e instanceof DomainError) || e.status === 500) throw e;
        return { native, kind: 'refused', code: e.code, message: e.message };
      }
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
      return deps.auth.session(user);
    },

    /**
     * Confirms a pending link: called once the password of `userId` has been checked (login). The
     * link token must be this member's, from this browser.
     */
    async confirmPending(userId: string, token: string, browserKey: string | undefined): Promise<string> {
      const doc = await getDoc<OneTimeDoc>(pendingId(token));
      if (doc?.type === 'oidc-pending' && doc.userId !== userId)
        throw new DomainError('sso-refused', 'This link waits for another account: sign in with that one');
      const pending = await useOnce<OneTimeDoc>(pendingId(token), 'oidc-pending', browserKey, 'This link');
      await link(userId, pending.provider!, {
        subject: pending.subject!,
        ...(pending.email ? { email: pending.email } : {}),
        emailVerified: true,
      });
      return pending.provider!;
    },

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
