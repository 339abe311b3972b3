// The member's own profile: the display name that signs their messages to customers (web chat,
// Telegram, e-mail, VK). Customers never see the login e-mail.
import { useEffect, useState } from 'react';
import { useDisplayName } from '../../data/profile';
import { Notice } from './Notice';
import { useCardAction } from './use-card-action';

export function ProfileCard() {
  const { t, notice, setNotice, fail } = useCardAction('profile-notice');
  const { name, save } = useDisplayName();
  const [value, setValue] = useState(name ?? '');
  useEffect(() => setValue(name ?? ''), [name]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    save(value).then(() => setNotice({ kind: 'success', text: t('common.saved') }), fail);
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
