// Parts of the sign-in accounts card (SsoCard): the member's linked accounts, each unlinked after
// asking once more, and the admin's rule: sign in through providers only, and through which ones.
import { useState } from 'react';
import type { SsoProvider } from '../../data/auth';
import { useI18n } from '../../i18n/i18n';
import { ActionButton } from './CardParts';

export type Identity = { provider: string; name: string; email?: string; linkedAt: string };

/** The linked accounts; `onUnlink` resolves true once the account is unlinked. */
export function LinkedIdentities(p: {
  identities: Identity[];
  busy: boolean;
  onUnlink: (provider: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<string | null>(null);
  const unlink = (provider: string) => void p.onUnlink(provider).then((done) => done && setAsking(null));
  if (p.identities.length === 0) return <p data-testid="sso-none">{t('sso.none')}</p>;
  return (
    <ul className="plain-list" data-testid="sso-linked">
      {p.identities.map((i) => (
        <li key={i.provider} data-testid={`sso-linked-${i.provider}`}>
          <strong>{i.name}</strong>
          {i.email && <span className="muted small"> · {t('sso.linkedAs', { email: i.email })}</span>}{' '}
          {asking === i.provider ? (
            <span className="row">
              <span className="small">{t('sso.confirmUnlink', { name: i.name })}</span>
              <ActionButton
                busy={p.busy}
                className="danger"
                onClick={() => unlink(i.provider)}
                testId={`sso-unlink-confirm-${i.provider}`}
              >
                {t('sso.unlink')}
              </ActionButton>
              <button type="button" onClick={() => setAsking(null)}>
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <ActionButton
              busy={p.busy}
              onClick={() => setAsking(i.provider)}
              testId={`sso-unlink-${i.provider}`}
            >
              {t('sso.unlink')}
            </ActionButton>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The admin's rule: providers only (the switch), and which of them (none ticked: any). */
export function SsoPolicyFields(p: {
  providers: SsoProvider[];
  required: boolean;
  allowed: string[];
  busy: boolean;
  onRequired: (on: boolean) => void;
  onAllowed: (provider: string, on: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label className="row">
        <input
          type="checkbox"
          checked={p.required}
          disabled={p.busy}
          onChange={(e) => p.onRequired(e.target.checked)}
          data-testid="sso-required"
        />
        {t('sso.required')}
      </label>
      {p.providers.length > 1 && (
        <fieldset data-testid="sso-allowed">
          <legend className="small">{t('sso.allowedTitle')}</legend>
          {p.providers.map((provider) => (
            <label key={provider.id} className="row">
              <input
                type="checkbox"
                checked={p.allowed.includes(provider.id)}
                disabled={p.busy}
                onChange={(e) => p.onAllowed(provider.id, e.target.checked)}
                data-testid={`sso-allowed-${provider.id}`}
              />
              {provider.name}
            </label>
          ))}
          <p className="muted small">{t('sso.allowedHint')}</p>
        </fieldset>
      )}
      <p className="muted small">{t('sso.requiredHint')}</p>
    </>
  );
}
