// A profile's persona and instructions, per reply language: one text for any language (the profile's
// own fields) and, when the admin writes them, an English and a Russian one (`localized`), which the
// agent follows when it answers in that language. A language tab with a text of its own is marked, and
// the UI's language's tab opens first when it has one.
import { Circle } from 'lucide-react';
import { useState } from 'react';
import type { AgentSettingsDoc } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { Tabs } from '../../components/ui/Tabs';

type Tab = 'any' | 'en' | 'ru';
type Field = 'persona' | 'instructions';

/** The draft with one text set: the profile's own for `any`, else the language's (emptied ones dropped). */
export function withText(draft: AgentSettingsDoc, tab: Tab, field: Field, value: string): AgentSettingsDoc {
  if (tab === 'any') return { ...draft, [field]: value };
  const own: { persona?: string; instructions?: string } = { ...draft.localized?.[tab], [field]: value };
  if (!own[field]) delete own[field];
  const localized = { ...draft.localized, [tab]: own };
  if (!Object.keys(own).length) delete localized[tab];
  const { localized: _old, ...rest } = draft;
  return Object.keys(localized).length ? { ...rest, localized } : rest;
}

export function ProfileText({
  draft,
  setDraft,
}: {
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
}) {
  const { t, locale } = useI18n();
  // The UI's language first when the profile has a text of its own in it (a Russian admin reads the
  // Russian persona, not the English one written for any language).
  const [tab, setTab] = useState<Tab>(() => (draft.localized?.[locale] ? locale : 'any'));
  const value = (field: Field) => (tab === 'any' ? draft[field] : (draft.localized?.[tab]?.[field] ?? ''));
  const names: Record<Tab, string> = { any: t('agents.text.any'), en: 'English', ru: 'Русский' };
  const hints: Record<Tab, string> = {
    any: t('agents.text.any.hint'),
    en: t('agents.text.en.hint'),
    ru: t('agents.text.ru.hint'),
  };
  return (
    <div className="profile-text" data-testid="agent-text">
      <Tabs
        className="segmented"
        label={t('agents.textFor')}
        value={tab}
        onChange={setTab}
        items={(['any', 'en', 'ru'] as const).map((x) => ({
          value: x,
          className: tab === x ? 'on' : '',
          testId: `agent-text-${x}`,
          title: x !== 'any' && draft.localized?.[x] ? t('agents.text.own') : undefined,
          label: (
            <>
              {names[x]}
              {x !== 'any' && draft.localized?.[x] && (
                <Circle size={6} fill="currentColor" className="tab-mark" aria-label={t('agents.text.own')} />
              )}
            </>
          ),
        }))}
      >
        <p className="muted small">{hints[tab]}</p>
        <label>
          {t('agents.personaTone')}
          <textarea
            data-testid="agent-persona"
            lang={tab === 'any' ? undefined : tab}
            value={value('persona')}
            onChange={(e) => setDraft(withText(draft, tab, 'persona', e.target.value))}
          />
          <span className="muted small">{t('agents.persona.hint')}</span>
        </label>
        <label>
          {t('agents.instructions')}
          <textarea
            rows={6}
            data-testid="agent-instructions"
            lang={tab === 'any' ? undefined : tab}
            value={value('instructions')}
            onChange={(e) => setDraft(withText(draft, tab, 'instructions', e.target.value))}
          />
          <span className="muted small">{t('agents.instructions.hint')}</span>
        </label>
      </Tabs>
    </div>
  );
}
