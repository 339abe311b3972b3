// The team's sign-in rule (set by an admin, oidc-identities.ts): "SSO required" refuses every session
// that did not begin through one of the team's allowed providers (all configured ones when the rule
// names none). One rule (`allows`) for every place a session is used: password sign-in, refresh,
// a password change's new session, a provider's handoff, and every authenticated request
// (require-auth.ts), which reads the rule from a cache of `maxAgeMs` (2 s): a rule set through another
// server process holds here within that bound; one set here holds at once.
import { DomainError } from '@app/shared/errors';
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import type { SignIn, TeamDoc } from './docs';

export type SsoRule = { required: boolean; providers: string[] };

export const noRule: SsoRule = { required: false, providers: [] };

export const ruleOf = (team: Pick<TeamDoc, 'ssoRequired' | 'ssoProviders'> | undefined): SsoRule => ({
  required: Boolean(team?.ssoRequired),
  providers: team?.ssoRequired ? [...(team.ssoProviders ?? [])] : [],
});

/** Whether a session begun by `signIn` may go on under `rule`. */
export function allows(rule: SsoRule, signIn: SignIn): boolean {
  if (!rule.required) return true;
  if (signIn.method !== 'provider') return false;
  return rule.providers.length === 0 || rule.providers.includes(signIn.provider ?? '');
}

/** The 403 of a session the rule refuses, saying what signs in instead. */
export function ssoRequiredError(rule: SsoRule, signIn: SignIn): DomainError {
  return new DomainError(
    'sso-required',
    signIn.method === 'provider' && rule.providers.length
      ? `Your team signs in through ${rule.providers.join(', ')} only: sign in again with that provider`
      : 'Your team signs in through its sign-in provider only: use the provider button instead of the password',
    { details: { providers: rule.providers } },
  );
}

export type SsoPolicy = ReturnType<typeof createSsoPolicy>;

export function createSsoPolicy(deps: { store: Store; maxAgeMs?: number; now?: () => number }) {
  const maxAgeMs = deps.maxAgeMs ?? 2000;
  const now = deps.now ?? Date.now;
  const teams = () => systemDocs<TeamDoc>(deps.store, 'app_teams');
  const known = new Map<string, { rule: SsoRule; at: number }>();
  const reading = new Map<string, Promise<SsoRule>>();
  const MAX_TEAMS = 50_000;

  function remember(teamId: string, rule: SsoRule) {
    known.delete(teamId);
    if (known.size >= MAX_TEAMS) known.delete(known.keys().next().value!);
    known.set(teamId, { rule, at: now() });
  }

  /** The team's rule as stored now (and remembered). */
  function read(teamId: string): Promise<SsoRule> {
    let pending = reading.get(teamId);
    if (!pending) {
      pending = teams()
        .get(teamId)
        .then((doc) => (doc ? ruleOf(doc) : noRule))
        .then((rule) => {
          remember(teamId, rule);
          return rule;
        })
        .finally(() => reading.delete(teamId));
      reading.set(teamId, pending);
    }
    return pending;
  }

  return {
    read,
    remember,
    /** Throws 403 `sso-required` when the team's rule (at most `maxAgeMs` old) refuses the session. */
    check(teamId: string, signIn: SignIn): void | Promise<void> {
      const hit = known.get(teamId);
      const judge = (rule: SsoRule) => {
        if (!allows(rule, signIn)) throw ssoRequiredError(rule, signIn);
      };
      if (hit && now() - hit.at <= maxAgeMs) return judge(hit.rule);
      return read(teamId).then(judge);
    },
  };
}
