// Settings in sections, each with its own page and link (`#/settings/<section>`, so a reload or a
// shared link keeps it): Profile (this person's choices: language, theme, display name, sign-in
// accounts, calendar feed, reminders), Team and members, Pipelines and packs, Channels (Telegram, web
// chat, e-mail, VK), AI and agents (model providers, and the knowledge's embeddings chosen among
// them), Knowledge (the objection library; documents are the Knowledge screen's) and Integrations
// (task tracker, calendar, webhook tools and MCP servers). A wide window shows the sections' list
// beside the open one; at phone width the list is a page of its own and a section has a way back to
// it. Team and channel settings live on the server (admin API); they need a connection and the
// admin role.
import { LanguageSelect } from '../components/LanguageSelect';
import { ArrowRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { useWorkspace } from '../data/hooks';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/i18n';
import { isDesktop } from '../platform/platform';
import { navigate } from '../lib/router';
import { BackButton } from '../components/ui/BackButton';
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
import { PlanCard } from './settings/PlanCard';
import { WebChatCard } from './settings/WebChatCard';
import './settings/settings.css';

export const settingsSections = [
  'profile',
  'team',
  'pipelines',
  'channels',
  'ai',
  'knowledge',
  'integrations',
] as const;
export type SettingsSection = (typeof settingsSections)[number];

/** The section a route names; none (or an unknown one) is Profile. */
export const sectionOf = (id: string | undefined): SettingsSection =>
  settingsSections.find((s) => s === id) ?? 'profile';

function AccountCard({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  return (
    <section className="panel" data-testid="account-card">
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
        <LanguageSelect testId="settings-language" labelled={false} />
      </label>
      <button onClick={onSignOut} data-testid="sign-out">
        {t('signin.signOut')}
      </button>
    </section>
  );
}

function SectionCards({ section, onSignOut }: { section: SettingsSection; onSignOut: () => void }) {
  const { t } = useI18n();
  switch (section) {
    case 'profile':
      return (
        <>
          <AccountCard onSignOut={onSignOut} />
          <AppearanceCard />
          <ProfileCard />
          <SsoCard />
          <CalendarFeedCard />
          <ReminderCard />
        </>
      );
    case 'team':
      return (
        <>
          <MembersCard />
          <PlanCard />
          <CompanyCard />
        </>
      );
    case 'pipelines':
      return (
        <>
          <PipelineSettings />
          <PacksCard />
        </>
      );
    case 'channels':
      return (
        <>
          <TelegramCard />
          <WebChatCard />
          <EmailCard />
          <VkCard />
        </>
      );
    case 'ai':
      return (
        <>
          <ModelProvidersCard />
          <EmbeddingsCard />
          <p className="muted small settings-link">
            <a href="#/agents">
              {t('settings.agentsLink')} <ArrowRight size={12} aria-hidden="true" />
            </a>
          </p>
        </>
      );
    case 'knowledge':
      return (
        <>
          <ObjectionsCard />
          <p className="muted small settings-link">
            <a href="#/knowledge">
              {t('settings.knowledgeLink')} <ArrowRight size={12} aria-hidden="true" />
            </a>
          </p>
        </>
      );
    case 'integrations':
      return (
        <>
          <IntegrationsCard />
          <ToolsCard />
        </>
      );
  }
}

const titleKey = (s: SettingsSection) => `settings.section.${s}` as MessageKey;
const hintKey = (s: SettingsSection) => `settings.section.${s}.hint` as MessageKey;

export function Settings({ onSignOut, id }: { onSignOut: () => void; id?: string | undefined }) {
  const { t } = useI18n();
  const section = sectionOf(id);
  const nav: ReactNode = (
    <nav className="settings-nav" aria-label={t('settings.sections')} data-testid="settings-nav">
      <ul>
        {settingsSections.map((s) => (
          <li key={s}>
            <a
              href={`#/settings/${s}`}
              aria-current={s === section ? 'page' : undefined}
              data-testid={`settings-section-${s}`}
              onClick={(e) => {
                e.preventDefault();
                navigate('settings', s);
              }}
            >
              <span className="settings-nav-title">{t(titleKey(s))}</span>
              <span className="muted small settings-nav-hint">{t(hintKey(s))}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
  // At phone width `#/settings` alone is the sections' list, a section is a page with a way back.
  return (
    <div className="page" data-settings-view={id ? 'section' : 'list'}>
      <header className="page-head">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="settings-layout">
        {nav}
        <div className="settings-section" data-testid={`settings-${section}`}>
          <div className="stack-bar">
            <BackButton to={t('settings.backToSections')} onClick={() => navigate('settings')} phoneOnly />
          </div>
          <h2 className="settings-section-title">{t(titleKey(section))}</h2>
          <div className="cards-grid">
            <SectionCards section={section} onSignOut={onSignOut} />
          </div>
        </div>
      </div>
    </div>
  );
}
