// Agent profiles for people, in three sections: who the agent is (persona and instructions for any
// language or per language, agents/ProfileText.tsx; answer language), what it may do (tools named and
// described, agents/ToolChoices.tsx; the knowledge it answers from, agents/KnowledgeScope.tsx; the policy
// for consequential lead changes; when it hands over, automatically or below a threshold,
// agents/HandoffThreshold.tsx, and how long a customer waits, agents/HandoffWait.tsx) and
// which models (per role, each role said in words, fallback chain and budget, agents/ModelChoices.tsx);
// beside them a test chat (agents/TestChat.tsx: the team's models through the server, streamed);
// below, the profile's A/B tests of instructions (agents/Experiments.tsx).
import { useEffect, useState } from 'react';
import {
  toolEffectKinds,
  toolEffectModeOf,
  toolEffectModes,
  type AgentSettingsDoc,
  type ToolEffectMode,
} from '@app/shared/schemas';
import { packProfileName } from '@app/shared/pack-names';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { updateDoc } from '../data/workspace';
import { localeOf, useI18n, type Translate } from '../i18n/i18n';
import { en } from '../i18n/en';
import { AnswerThreshold } from './agents/AnswerThreshold';
import { HandoffThreshold } from './agents/HandoffThreshold';
import { HandoffWait } from './agents/HandoffWait';
import { MoodHandoff } from './agents/MoodHandoff';
import { KnowledgeScope } from './agents/KnowledgeScope';
import { ModelChoices } from './agents/ModelChoices';
import { Experiments } from './agents/Experiments';
import { ProfileText } from './agents/ProfileText';
import { TestChat } from './agents/TestChat';
import { useTeamTools } from './agents/team-tools';
import { ToolChoices } from './agents/ToolChoices';

function ProfileForm({ profile }: { profile: AgentSettingsDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [draft, setDraft] = useState(profile);
  // Only tools the team's engine has: built-in, the admin's webhook tools, its MCP servers' tools.
  const tools = useTeamTools(profile.allowedTools);
  const [saved, setSaved] = useState(false);
  const [waitValid, setWaitValid] = useState(true);
  // Profiles steer what agents do on their own: only roles the access table lets update them edit here.
  const editable = mayDo(ws.role, 'agent_settings', 'update');
  useEffect(() => setDraft(profile), [profile]);
  const save = async () => {
    const { id: _id, createdAt: _c, updatedAt: _u, fieldUpdatedAt: _f, history: _h, ...patch } = draft;
    await updateDoc(ws, 'agent_settings', profile.id, patch);
    setSaved(true);
    setTimeout(() => setSaved(false), 1500);
  };
  return (
    <fieldset className="agent-form" disabled={!editable}>
      {!editable && (
        <p className="muted small" data-testid="agents-read-only">
          {t('agents.readOnly')}
        </p>
      )}
      <section className="panel form agent-section" data-testid="agent-who">
        <h2>{t('agents.section.who')}</h2>
        <p className="muted small">{t('agents.section.who.hint')}</p>
        <ProfileText draft={draft} setDraft={setDraft} />
        <label>
          {t('agents.language')}
          <select
            value={draft.language}
            onChange={(e) => setDraft({ ...draft, language: e.target.value as AgentSettingsDoc['language'] })}
          >
            <option value="auto">{t('agents.language.auto')}</option>
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </label>
      </section>
      <section className="panel form agent-section" data-testid="agent-can">
        <h2>{t('agents.section.can')}</h2>
        <p className="muted small">{t('agents.section.can.hint')}</p>
        <ToolChoices tools={tools} draft={draft} setDraft={setDraft} />
        <KnowledgeScope draft={draft} setDraft={setDraft} />
        <fieldset data-testid="tool-effects">
          <legend>{t('agents.effects')}</legend>
          <p className="muted small">{t('agents.effects.hint')}</p>
          {toolEffectKinds.map((kind) => (
            <label key={kind} className="inline">
              <span>{t(`agents.effect.${kind}`)}</span>
              <select
                name={`effect-${kind}`}
                value={toolEffectModeOf(draft, kind)}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    toolEffects: { ...draft.toolEffects, [kind]: e.target.value as ToolEffectMode },
                  })
                }
              >
                {toolEffectModes.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`agents.mode.${mode}`)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
        <AnswerThreshold draft={draft} setDraft={setDraft} saved={profile.answerThreshold} />
        <HandoffThreshold draft={draft} setDraft={setDraft} saved={profile.handoffThreshold} />
        <HandoffWait draft={draft} setDraft={setDraft} onValidity={setWaitValid} />
        <MoodHandoff draft={draft} setDraft={setDraft} />
      </section>
      <section className="panel form agent-section" data-testid="agent-which-models">
        <h2>{t('agents.section.models')}</h2>
        <p className="muted small">{t('agents.section.models.hint')}</p>
        <ModelChoices draft={draft} setDraft={setDraft} />
      </section>
      <div className="agent-save">
        <button className="primary" onClick={save} disabled={!waitValid}>
          {saved ? t('common.saved') : t('common.save')}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * The seeded default profile's name is the product's and a pack's profile is named by its pack, both
 * in the UI's language; others are the team's.
 */
const profileName = (t: Translate, d: AgentSettingsDoc) =>
  d.isDefault && d.name === en['agents.defaultName']
    ? t('agents.defaultName')
    : packProfileName(d, localeOf(t));

export function Agents() {
  const { t } = useI18n();
  const { docs } = useLiveQuery('agent_settings', {});
  const [selected, setSelected] = useState<string | null>(null);
  const profile = docs.find((d) => d.id === selected) ?? docs[0];
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('agents.title')}</h1>
        <div className="segmented">
          {docs.map((d) => (
            <button key={d.id} className={profile?.id === d.id ? 'on' : ''} onClick={() => setSelected(d.id)}>
              {profileName(t, d)}
            </button>
          ))}
        </div>
      </header>
      <div className="two-col">
        {profile ? (
          <div>
            <ProfileForm profile={profile} />
            <Experiments profile={profile} />
          </div>
        ) : (
          <p className="muted">{t('agents.none')}</p>
        )}
        <TestChat {...(profile ? { profileId: profile.id } : {})} />
      </div>
    </div>
  );
}
