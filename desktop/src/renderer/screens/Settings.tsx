// Account, team members, providers and the channels (Telegram, web chat, e-mail, VK), each card in
// settings/. Team and channel settings live on the server (admin API); they need a connection and the
// admin role.
import { useState } from 'react';
import { useWorkspace } from '../data/hooks';
import { useI18n, type Locale } from '../i18n/i18n';
import { isDesktop } from '../platform/platform';
import { PipelineSettings } from './PipelineSettings';
import { EmailCard } from './settings/EmailCard';
import { MembersCard } from './settings/MembersCard';
import { TelegramCard } from './settings/TelegramCard';
import { VkCard } from './settings/VkCard';
import { IntegrationsCard } from './settings/IntegrationsCard';
import { ToolsCard } from './settings/ToolsCard';
import { WebChatCard } from './settings/WebChatCard';

export function Settings({ onSignOut }: { onSignOut: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const ws = useWorkspace();

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
        <MembersCard />
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
        <TelegramCard />
        <WebChatCard />
        <EmailCard />
        <VkCard />
        <IntegrationsCard />
        <ToolsCard />
        <PipelineSettings />
      </div>
    </div>
  );
}
