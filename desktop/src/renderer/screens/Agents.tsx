// Agent profiles: persona, instructions, language, provider and model per role, fallback chain and
// monthly budget (agents/ModelChoices.tsx), allowed tools, the policy for
// consequential lead changes (allow / propose to a rep / deny), hand-off threshold, and a test chat
// (agents/TestChat.tsx: the team's models through the server, streamed; a local preview for others).
import { useEffect, useState } from 'react';
import {
  toolEffectKinds,
  toolEffectModeOf,
  toolEffectModes,
  type AgentSettingsDoc,
  type ToolEffectMode,
} from '@app/shared/schemas';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { updateDoc } from '../data/workspace';
import { useI18n, type Translate } from '../i18n/i18n';
import { en } from '../i18n/en';
import { toolLabel } from '../i18n/labels';
import { ModelChoices } from './agents/ModelChoices';
import { TestChat } from './agents/TestChat';
import { useTeamTools } from './agents/team-tools';

function ProfileForm({ profile }: { profile: AgentSettingsDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [draft, setDraft] = useState(profile);
  // Only tools the team's engine has: built-in, the admin's webhook tools, its MCP servers' tools.
  const tools = useTeamTools(profile.allowedTools);
  const [saved, setSaved] = useState(false);
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
    <fieldset className="panel form" disabled={!editable}>
      {!editable && (
        <p className="muted small" data-testid="agents-read-only">
          {t('agents.readOnly')}
        </p>
      )}
      <label>
        {t('agents.persona')}
        <textarea value={draft.persona} onChange={(e) => setDraft({ ...draft, persona: e.target.value })} />
      </label>
      <label>
        {t('agents.instructions')}
        <textarea
          rows={6}
          value={draft.instructions}
          onChange={(e) => setDraft({ ...draft, instructions: e.target.value })}
        />
      </label>
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
      <ModelChoices draft={draft} setDraft={setDraft} />
      <fieldset data-testid="agent-tools">
        <legend>{t('agents.tools')}</legend>
        {tools.map((tool) => (
          <label key={tool} className="check">
            <input
              type="checkbox"
              checked={draft.allowedTools.includes(tool)}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  allowedTools: e.target.checked
                    ? [...draft.allowedTools, tool]
                    : draft.allowedTools.filter((x) => x !== tool),
                })
              }
            />
            {toolLabel(t, tool)}
          </label>
        ))}
      </fieldset>
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
      <label>
        {t('agents.handoff')}: {draft.handoffThreshold ?? 0.5}
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={draft.handoffThreshold ?? 0.5}
          onChange={(e) => setDraft({ ...draft, handoffThreshold: Number(e.target.value) })}
        />
      </label>
      <button className="primary" onClick={save}>
        {saved ? t('common.saved') : t('common.save')}
      </button>
    </fieldset>
  );
}

/** The seeded default profile's name is the product's, shown in the UI's language; others are the team's. */
const profileName = (t: Translate, d: AgentSettingsDoc) =>
  d.isDefault && d.name === en['agents.defaultName'] ? t('agents.defaultName') : d.name;

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
        {profile ? <ProfileForm profile={profile} /> : <p className="muted">{t('agents.none')}</p>}
        <TestChat {...(profile ? { profileId: profile.id } : {})} />
      </div>
    </div>
  );
}
