// Account, team members, providers and the Telegram bot. Team and channel settings live on the server
// (admin API); they need a connection and the admin role.
import { useEffect, useState } from 'react';
import { useWorkspace } from '../data/hooks';
import { useI18n, type Locale } from '../i18n/i18n';
import { memberRoleLabel } from '../i18n/labels';
import { isDesktop } from '../platform/platform';

type Member = { id: string; email: string; name?: string; role: string };
type Telegram = { configured: boolean; tokenHint?: string; mode?: string; botId?: string };

export function Settings({ onSignOut }: { onSignOut: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const ws = useWorkspace();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [telegram, setTelegram] = useState<Telegram | null>(null);
  const [token, setToken] = useState('');
  const [invite, setInvite] = useState({ email: '', role: 'rep' });
  const [message, setMessage] = useState<string | null>(null);
  const fail = (e: unknown) => setMessage(t('settings.failed', { message: (e as Error).message }));

  useEffect(() => {
    ws.api.get<{ items: Member[] }>('/members').then((r) => setMembers(r.items), fail);
    ws.api.get<{ telegram: Telegram }>('/channels').then(
      (r) => setTelegram(r.telegram),
      () => setTelegram(null),
    );
    // Load once per workspace.
  }, [ws]);

  const [llm, setLlm] = useState(
    () => JSON.parse(localStorage.getItem('sw.providers') ?? '{}') as Record<string, string>,
  );
  const setProvider = (k: string, v: string) => {
    const next = { ...llm, [k]: v };
    setLlm(next);
    localStorage.setItem('sw.providers', JSON.stringify(next));
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('settings.title')}</h1>
      </header>
      {message && <p className="error">{message}</p>}
      <div className="cards-grid">
        <section className="panel">
          <h3>{t('settings.account')}</h3>
          <p>
            {ws.session.email}
            <br />
            <span className="muted small">{ws.session.serverUrl}</span>
            <br />
            <span className="muted small">
              {t('settings.device')}: <code>{ws.deviceId}</code> ·{' '}
              {t(isDesktop ? 'settings.platform.desktop' : 'settings.platform.web')}
            </span>
          </p>
          <label>
            {t('common.language')}
            <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
              <option value="en">English</option>
              <option value="ru">Русский</option>
            </select>
          </label>
          <button onClick={onSignOut} data-testid="sign-out">
            {t('signin.signOut')}
          </button>
        </section>
        <section className="panel">
          <h3>{t('settings.team')}</h3>
          <ul>
            {members?.map((m) => (
              <li key={m.id}>
                {m.name ?? m.email} <span className="pill">{memberRoleLabel(t, m.role)}</span>
              </li>
            ))}
          </ul>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              ws.api
                .post<{ inviteToken?: string }>('/members/invite', invite)
                .then(
                  (r) =>
                    setMessage(
                      r.inviteToken ? t('settings.inviteToken', { token: r.inviteToken }) : t('common.saved'),
                    ),
                  fail,
                );
            }}
          >
            <input
              type="email"
              placeholder={t('signin.email')}
              value={invite.email}
              onChange={(e) => setInvite({ ...invite, email: e.target.value })}
            />
            <select
              value={invite.role}
              onChange={(e) => setInvite({ ...invite, role: e.target.value })}
              aria-label={t('settings.role')}
            >
              <option value="rep">{memberRoleLabel(t, 'rep')}</option>
              <option value="viewer">{memberRoleLabel(t, 'viewer')}</option>
              <option value="admin">{memberRoleLabel(t, 'admin')}</option>
            </select>
            <button type="submit">{t('settings.invite')}</button>
          </form>
          <p className="muted small">{t('settings.serverOnly')}</p>
        </section>
        <section className="panel">
          <h3>{t('settings.llm')}</h3>
          <p className="muted small">{t('settings.deviceOnly')}</p>
          <label>
            {t('settings.baseUrl')}
            <input
              value={llm.llmBaseUrl ?? ''}
              onChange={(e) => setProvider('llmBaseUrl', e.target.value)}
              placeholder="https://api.openai.com/v1"
            />
          </label>
          <label>
            {t('settings.model')}
            <input
              value={llm.llmModel ?? ''}
              onChange={(e) => setProvider('llmModel', e.target.value)}
              placeholder="gpt-4o-mini"
            />
          </label>
          <h3>{t('settings.embeddings')}</h3>
          <label>
            {t('settings.baseUrl')}
            <input
              value={llm.embBaseUrl ?? ''}
              onChange={(e) => setProvider('embBaseUrl', e.target.value)}
              placeholder={t('settings.embLocal')}
            />
          </label>
          <label>
            {t('settings.model')}
            <input value={llm.embModel ?? ''} onChange={(e) => setProvider('embModel', e.target.value)} />
          </label>
        </section>
        <section className="panel">
          <h3>{t('settings.telegram')}</h3>
          {telegram?.configured && (
            <p className="muted small">
              {telegram.botId} · {telegram.tokenHint} · {telegram.mode}
            </p>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              ws.api.put<Telegram>('/channels/telegram', { token, mode: 'polling' }).then((r) => {
                setTelegram(r);
                setToken('');
                setMessage(t('common.saved'));
              }, fail);
            }}
          >
            <label>
              {t('settings.botToken')}
              <input
                type="password"
                value={token}
                onChange={(e) => setToken(e.target.value)}
                placeholder="123456789:AA…"
                autoComplete="off"
              />
            </label>
            <button type="submit">{t('common.save')}</button>
          </form>
          <p className="muted small">{t('settings.serverOnly')}</p>
        </section>
      </div>
    </div>
  );
}
