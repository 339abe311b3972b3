// The provider accounts linked to members (oidc-service.ts signs in and links through them): an
// `identity:<provider>:<hash of subject>` claim doc makes one account one member's, and the member's
// doc lists its accounts. Also the team's rule that members sign in through a provider only (all
// configured ones, or those it names; sso-policy.ts): setting it ends the sessions it refuses and the
// team's calendar feeds (calendar-feeds.ts), which no provider signs.
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Store } from '../context';
import { systemDocs } from '../store/data';
import type { AuthService } from './auth-service';
import { createCalendarFeeds } from './calendar-feeds';
import {
  normalizeEmail,
  type SignIn,
  type IdentityClaimDoc,
  type LinkedIdentity,
  type TeamDoc,
  type UserDoc,
} from './docs';
import type { OidcProviders, ProviderIdentity } from './oidc-providers';
import { identityClaimId } from './oidc-records';
import { allows, ruleOf, type SsoRule } from './sso-policy';

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
  const db = () => systemDocs<IdentityClaimDoc>(deps.store, 'app_users');
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
    if ((await db().put({ _id: claimId, type: 'identity', userId })) === null) {
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
    const rule = await deps.auth.sso.read(user.teamId);
    const left = (user.identities ?? []).filter((i) => i.provider !== provider);
    if (rule.required && !left.some((i) => allows(rule, { method: 'provider', provider: i.provider })))
      throw new DomainError(
        'conflict',
        'Your team signs in through a provider only: link another allowed account before unlinking this one',
      );
    await deps.auth.updateUser(auth.userId, (u) => ({
      ...u,
      identities: (u.identities ?? []).filter((i) => i.provider !== provider),
    }));
    const claimId = identityClaimId(provider, identity.subject);
    const claim = await deps.getDoc<IdentityClaimDoc>(claimId);
    if (claim?.type === 'identity' && claim.userId === auth.userId && claim._rev)
      await db()
        .remove(claimId, claim._rev)
        .catch(() => undefined);
    deps.log?.info({ userId: auth.userId, provider }, 'provider account unlinked');
  }

  return { nameOf, liveUser, assertLinkable, link, signedInUser, identities, unlink, ...sso };
}

/** The team's rule (set by admins, by the route): members sign in through a provider only. */
function createSsoRule(deps: Deps, liveUser: (userId: string) => Promise<UserDoc | undefined>) {
  const teams = () => systemDocs<TeamDoc>(deps.store, 'app_teams');
  const feeds = createCalendarFeeds(deps);

  async function teamDoc(teamId: string): Promise<TeamDoc | undefined> {
    return (await teams().get(teamId)) ?? undefined;
  }

  /**
   * Refuses a rule its admin could not sign in under: a provider that is not configured, no linked
   * account of an allowed provider, or this very session (which the rule would end at once).
   */
  async function assertAdminKeepsAccess(auth: AuthContext, rule: SsoRule, signIn: SignIn) {
    const unknown = rule.providers.filter((p) => !deps.providers.get(p));
    if (unknown.length)
      throw new DomainError('validation-failed', `No sign-in provider ${unknown.join(', ')} is configured`);
    const user = await liveUser(auth.userId);
    if (!user?.identities?.some((i) => allows(rule, { method: 'provider', provider: i.provider })))
      throw new DomainError(
        'conflict',
        rule.providers.length
          ? `Link an account of ${rule.providers.map(nameOfProvider).join(' or ')} to yourself first, so you can still sign in`
          : 'Link a provider account to yourself first, so you can still sign in once passwords are refused',
      );
    if (!allows(rule, signIn))
      throw new DomainError(
        'conflict',
        'Sign in through an allowed provider first: this session began otherwise and the rule would end it',
      );
  }
  const nameOfProvider = (id: string) => deps.providers.get(id)?.name ?? id;

  return {
    /**
     * Sets the rule (`providers`: the allowed ones, none: any configured). Turned on, it ends the
     * sessions it refuses and the team's calendar feeds.
     */
    async setSsoRequired(
      auth: AuthContext,
      required: boolean,
      providers: readonly string[] = [],
      signIn: SignIn = { method: 'password' },
    ): Promise<SsoRule> {
      const rule = ruleOf({ ssoRequired: required, ssoProviders: [...new Set(providers)] });
      if (required) await assertAdminKeepsAccess(auth, rule, signIn);
      for (let attempt = 1; ; attempt++) {
        const team = await teamDoc(auth.teamId);
        if (!team) throw new DomainError('not-found', 'No such team');
        const { ssoProviders: _old, ...rest } = team;
        const written = await teams().put({
          ...rest,
          ssoRequired: required,
          ...(rule.providers.length ? { ssoProviders: rule.providers } : {}),
        });
        if (written === null) {
          if (attempt >= 5) throw new DomainError('conflict', "The team's settings keep changing; try again");
          continue;
        }
        deps.auth.sso.remember(auth.teamId, rule);
        if (required) {
          const ended = await deps.auth.endRefusedSessions(auth.teamId);
          const feedsEnded = team.ssoRequired ? 0 : await feeds.revokeTeam(auth.teamId);
          deps.log?.info({ teamId: auth.teamId, ended, feedsEnded }, 'SSO required: other sessions ended');
        }
        return rule;
      }
    },

    /** The team's rule, which password sign-in, refresh and every request obey. */
    ssoRequired: (teamId: string): Promise<SsoRule> => deps.auth.sso.read(teamId),
  };
}
