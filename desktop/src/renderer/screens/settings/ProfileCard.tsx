// The member's own profile: the display name that signs their messages to customers (web chat,
// Telegram, e-mail, VK). Customers never see the login e-mail.
import { useEffect, useState } from 'react';
import { useDisplayName } from '../../data/profile';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { Notice, useNotice } from './Notice';

export function ProfileCard() {
  const { t } = useI18n();
  const { name, save } = useDisplayName();
  const [value, setValue] = useState(name ?? '');
  const [notice, setNotice] = useNotice('profile-notice');
  useEffect(() => setValue(name ?? ''), [name]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    save(value).then(
      () => setNotice({ kind: 'success', text: t('common.saved') }),
      (err: unknown) =>
        setNotice({ kind: 'error', text: t('settings.failed', { message: errorText(t, err) }) }),
    );
  };

  return (
    <section className="panel" data-testid="profile-card">
      <h3>{t('profile.title')}</h3>
      <form onSubmit={submit}>
        <label>
          {t('profile.displayName')}
          <input
            maxLength={80}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="display-name"
          />
        </label>
        <p className="muted small">{t('profile.displayNameHint')}</p>
        <button type="submit" className="primary" data-testid="display-name-save">
          {t('common.save')}
        </button>
      </form>
      <Notice notice={notice} testId="profile-notice" />
    </section>
  );
}
