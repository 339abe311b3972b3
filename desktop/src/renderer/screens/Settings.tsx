// Account, team members, the team's model providers and the channels (Telegram, web chat, e-mail, VK), each card in
// settings/. Team and channel settings live on the server (admin API); they need a connection and the
// admin role.
import { useWorkspace } from '../data/hooks';
import { useI18n, type Locale } from '../i18n/i18n';
import { isDesktop } from '../platform/platform';
import { PipelineSettings } from './PipelineSettings';
import { ReminderCard } from './tasks/ReminderCard';
import { ProfileCard } from './settings/ProfileCard';
import { SsoCard } from './settings/SsoCard';
import { AppearanceCard } from './settings/AppearanceCard';
import { CalendarFeedCard } from './settings/CalendarFeedCard';
import { EmailCard } from './settings/EmailCard';
import { MembersCard } from './settings/MembersCard';
import { ModelProvidersCard } from './settings/ModelProvidersCard';
import { EmbeddingsCard } from './settings/EmbeddingsCard';
import { TelegramCard } from './settings/TelegramCard';
import { VkCard } from './settings/VkCard';
import { IntegrationsCard } from './settings/IntegrationsCard';
import { ToolsCard } from './settings/ToolsCard';
import { ObjectionsCard } from './settings/ObjectionsCard';
import { PacksCard } from './settings/PacksCard';
import { CompanyCard } from './settings/CompanyCard';
import { WebChatCard } from './settings/WebChatCard';

export function Settings({ onSignOut }: { onSignOut: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const ws = useWorkspace();

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
              {/* The device's id is the sync's bookkeeping, not a name a rep knows it by. */}
              {t('settings.device')}: {t(isDesktop ? 'settings.platform.desktop' : 'settings.platform.web')}
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
        <AppearanceCard />
        <ProfileCard />
        <SsoCard />
        <MembersCard />
        <CalendarFeedCard />
        <ModelProvidersCard />
        <EmbeddingsCard />
        <TelegramCard />
        <WebChatCard />
        <EmailCard />
        <VkCard />
        <IntegrationsCard />
        <ToolsCard />
        <PacksCard />
        <PipelineSettings />
        <CompanyCard />
        <ObjectionsCard />
        <ReminderCard />
      </div>
    </div>
  );
}
