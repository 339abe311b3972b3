// The provider accounts linked to members (oidc-service.ts signs in and links through them): an
// `identity:<provider>:<hash of subject>` claim doc makes one account one member's, and the member's
// doc lists its accounts. Also the team's rule that members sign in through a provider only.
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Store } from '../context';
import { statusOf } from '../store/couch-errors';
import type { AuthService } from './auth-service';
import {
  normalizeEmail,
  type IdentityClaimDoc,
  type LinkedIdentity,
  type TeamDoc,
  type UserDoc,
} from './docs';
import type { OidcProviders, ProviderIdentity } from './oidc-providers';
import { identityClaimId } from './oidc-records';

export type IdentityView = { provider: string; name: string; email?: string; linkedAt: string };

type Deps = {
  store: Store;
  auth: AuthService;
  providers: OidcProviders;
  now: () => Date;
  log?: Pick<Logger, 'info' | 'warn'>;
  getDoc<T>(id: string): Promise<T | undefined>;
};

export type IdentityLinks = ReturnType<typeof createIdentityLinks>;

export function createIdentityLinks(deps: Deps) {
  const db = () => deps.store.systemDb<IdentityClaimDoc & { _id: string }>('app_users');
  const nameOf = (provider: string) => deps.providers.get(provider)?.name ?? provider;
  const sso = createSsoRule(deps, liveUser);

  async function liveUser(userId: string): Promise<UserDoc | undefined> {
    const user = await deps.auth.userById(userId);
    return user && !user.disabledAt ? user : undefined;
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
    const claim = await deps.getDoc<IdentityClaimDoc>(identityClaimId(provider, subject));
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
      const claim = await deps.getDoc<IdentityClaimDoc>(claimId);
      if (claim?.userId !== userId) throw takenByAnother(provider);
    }
    await deps.auth.updateUser(userId, (u) => {
      if (u.disabledAt) return undefined;
      const rest = (u.identities ?? []).filter((i) => i.provider !== provider);
      const next: LinkedIdentity = {
        provider,
        subject: identity.subject,
        ...(identity.email ? { email: normalizeEmail(identity.email) } : {}),
        linkedAt: deps.now().toISOString(),
      };
      return { ...u, identities: [...rest, next] };
    });
    deps.log?.info({ userId, provider }, 'provider account linked');
  }

  /** The member a provider account signs in; undefined when it is linked to none. */
  async function signedInUser(provider: string, identity: ProviderIdentity): Promise<UserDoc | undefined> {
    const claim = await deps.getDoc<IdentityClaimDoc>(identityClaimId(provider, identity.subject));
    if (claim?.type !== 'identity') return undefined;
    const user = await liveUser(claim.userId);
    // A claim whose member no longer lists it (unlinked meanwhile) signs nobody in.
    return user?.identities?.some((i) => i.provider === provider && i.subject === identity.subject)
      ? user
      : undefined;
  }

  async function identities(auth: AuthContext): Promise<IdentityView[]> {
    const user = await liveUser(auth.userId);
    if (!user) throw new DomainError('unauthorized', 'The account no longer exists');
    return (user.identities ?? []).map((i) => ({
      provider: i.provider,
      name: nameOf(i.provider),
      ...(i.email ? { email: i.email } : {}),
      linkedAt: i.linkedAt,
    }));
  }

  async function unlink(auth: AuthContext, provider: string): Promise<void> {
    const user = await liveUser(auth.userId);
    const identity = user?.identities?.find((i) => i.provider === provider);
    if (!user || !identity)
      throw new DomainError('not-found', `No ${nameOf(provider)} account is linked to you`);
    if ((await sso.ssoRequired(user.teamId)) && (user.identities ?? []).length <= 1)
      throw new DomainError(
        'conflict',
        'Your team signs in through a provider only: link another account before unlinking this one',
      );
    await deps.auth.updateUser(auth.userId, (u) => ({
      ...u,
      identities: (u.identities ?? []).filter((i) => i.provider !== provider),
    }));
    const claimId = identityClaimId(provider, identity.subject);
    const claim = await deps.getDoc<IdentityClaimDoc>(claimId);
    if (claim?.type === 'identity' && claim.userId === auth.userId && claim._rev)
      await db()
        .destroy(claimId, claim._rev)
        .catch(() => undefined);
    deps.log?.info({ userId: auth.userId, provider }, 'provider account unlinked');
  }

  return { nameOf, liveUser, assertLinkable, link, signedInUser, identities, unlink, ...sso };
}

/** The team's rule (set by admins, by the route): members sign in through a provider only. */
function createSsoRule(deps: Deps, liveUser: (userId: string) => Promise<UserDoc | undefined>) {
  const teams = () => deps.store.systemDb<TeamDoc>('app_teams');

  async function teamDoc(teamId: string): Promise<TeamDoc | undefined> {
    try {
      return await teams().get(teamId);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  return {
    async setSsoRequired(auth: AuthContext, required: boolean): Promise<{ required: boolean }> {
      if (required) {
        const user = await liveUser(auth.userId);
        if (!user?.identities?.length)
          throw new DomainError(
            'conflict',
            'Link a provider account to yourself first, so you can still sign in once passwords are refused',
          );
      }
      for (let attempt = 1; ; attempt++) {
        const team = await teamDoc(auth.teamId);
        if (!team) throw new DomainError('not-found', 'No such team');
        try {
          await teams().insert({ ...team, ssoRequired: required });
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

    /** The auth service's reading of the rule, which password sign-in and refresh obey. */
    ssoRequired: (teamId: string): Promise<boolean> => deps.auth.requiresSso(teamId),
  };
}
