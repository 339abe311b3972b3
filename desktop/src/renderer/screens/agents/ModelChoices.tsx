// A profile's models: per role (each said in words: what that part of the agent's work does) the team's provider (picked from those in Settings → model
// providers; empty: the first) and model (the providers' models offered), the fallback chain (providers ticked, in the order ticked;
// none: every provider of the team), and the monthly budget in USD (at it the agents answer with the
// offline provider, and Activity says so). Where the team's providers cannot be read (offline, or a
// role that may not read them) the provider ids are typed, as before.
import { useEffect, useState } from 'react';
import { packModelRoles, salesModelRoles, type AgentSettingsDoc } from '@app/shared/schemas';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { agentRoleLabel } from '../../i18n/labels';

type TeamProvider = { id: string; model?: string };

/** The team's model providers (admin API), or undefined while unknown or not readable. */
function useTeamProviders(): TeamProvider[] | undefined {
  const ws = useWorkspace();
  const may = mayDo(ws.role, 'model_providers', 'read');
  const [providers, setProviders] = useState<TeamProvider[] | undefined>(undefined);
  useEffect(() => {
    if (!may) return;
    let live = true;
    ws.api
      .get<{ providers: TeamProvider[] }>('/model-providers')
      .then((v) => live && setProviders(v.providers))
      .catch(() => undefined); // offline: the ids stay typed
    return () => {
      live = false;
    };
  }, [ws, may]);
  return providers;
}

/** The models the team's providers name (the chosen one's, or every provider's), offered to pick. */
function modelsOf(providers: readonly TeamProvider[] | undefined, chosen: string): string[] {
  const from = (providers ?? []).filter((p) => !chosen || p.id === chosen);
  return [...new Set(from.flatMap((p) => (p.model ? [p.model] : [])))];
}

type Role = (typeof salesModelRoles)[number] | (typeof packModelRoles)[number];

/** The offline provider's id as a role's choice: that role asks no model. */
const OFFLINE = 'offline';

/** A domain pack's profile (the pack's own id prefix) or one with a pack role's model set. */
const speaksForPack = (draft: AgentSettingsDoc) =>
  draft.id.startsWith('agent-pack-') || packModelRoles.some((r) => draft.models?.[r]);

/** A role's provider: a select over the team's providers, or typed where they cannot be read. */
function ProviderPicker({
  role,
  providers,
  value,
  onChange,
}: {
  role: Role;
  providers: readonly TeamProvider[] | undefined;
  value: string;
  onChange: (provider: string) => void;
}) {
  const { t } = useI18n();
  const label = t('models.providerOf', { role: agentRoleLabel(t, role) });
  if (!providers)
    return (
      <input
        className="short"
        aria-label={label}
        value={value}
        placeholder={t('models.provider')}
        onChange={(e) => onChange(e.target.value.trim())}
        data-testid={`agent-provider-${role}`}
      />
    );
  return (
    <select
      className="short"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={`agent-provider-${role}`}
    >
      <option value="">{t('models.provider.first')}</option>
      <option value={OFFLINE}>{t('models.provider.offline')}</option>
      {value && value !== OFFLINE && !providers.some((p) => p.id === value) && (
        <option value={value}>{t('models.provider.missing', { id: value })}</option>
      )}
      {providers.map((p) => (
        <option key={p.id} value={p.id}>
          {p.id}
        </option>
      ))}
    </select>
  );
}

/**
 * The fallback chain: the team's providers ticked in order (one no longer there still shown, to
 * untick), or the ids typed where the providers cannot be read. `onChange` gets the ids, none: every
 * provider.
 */
function FallbackChoices({
  providers,
  fallbacks,
  onChange,
}: {
  providers: readonly TeamProvider[] | undefined;
  fallbacks: readonly string[] | undefined;
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  if (!providers)
    return (
      <label>
        {t('models.fallbacks')}
        <input
          value={(fallbacks ?? []).join(', ')}
          placeholder={t('models.fallbacks.all')}
          onChange={(e) =>
            onChange(
              e.target.value
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean),
            )
          }
          data-testid="agent-fallbacks"
        />
      </label>
    );
  return (
    <fieldset data-testid="agent-fallbacks">
      <legend>{t('models.fallbacks.pick')}</legend>
      {[
        ...(fallbacks ?? []).filter((id) => !providers.some((p) => p.id === id)).map((id) => ({ id })),
        ...providers,
      ].map((p) => {
        const at = (fallbacks ?? []).indexOf(p.id);
        return (
          <label key={p.id} className="inline">
            <input
              type="checkbox"
              checked={at >= 0}
              onChange={(e) => {
                const rest = (fallbacks ?? []).filter((id) => id !== p.id);
                onChange(e.target.checked ? [...rest, p.id] : rest);
              }}
              data-testid={`agent-fallback-${p.id}`}
            />
            {at >= 0 ? `${at + 1}. ` : ''}
            {providers.some((x) => x.id === p.id) ? p.id : t('models.provider.missing', { id: p.id })}
          </label>
        );
      })}
    </fieldset>
  );
}

export function ModelChoices({
  draft,
  setDraft,
}: {
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
}) {
  const { t } = useI18n();
  const providers = useTeamProviders();
  // A provider typed before its model waits here (a choice without a model is not stored).
  const [pending, setPending] = useState<Partial<Record<Role, string>>>({});
  const providerOf = (role: Role) => draft.models?.[role]?.provider ?? pending[role] ?? '';
  const setChoice = (role: Role, field: 'provider' | 'model', value: string) => {
    if (field === 'provider') setPending({ ...pending, [role]: value });
    const models = { ...draft.models };
    const current: { model: string; provider?: string; temperature?: number } = models[role] ?? {
      model: '',
      provider: providerOf(role),
    };
    const next = { ...current, [field]: value };
    // The offline provider has one model: choosing it is the whole choice.
    if (field === 'provider' && value === OFFLINE) next.model = 'offline-rules-v1';
    if (!next.provider) delete next.provider;
    if (next.model) models[role] = next;
    else delete models[role];
    setDraft({ ...draft, models });
  };
  const { monthlyBudgetUsd, fallbacks, ...rest } = draft;
  const withBudget = () => ({ ...rest, ...(monthlyBudgetUsd === undefined ? {} : { monthlyBudgetUsd }) });
  const withFallbacks = () => ({ ...rest, ...(fallbacks ? { fallbacks } : {}) });
  const roles: Role[] = [...salesModelRoles, ...(speaksForPack(draft) ? packModelRoles : [])];
  return (
    <fieldset data-testid="agent-models">
      {roles.map((role) => [
        role === packModelRoles[0] && (
          <p key="pack-roles" className="muted small" data-testid="agent-pack-roles">
            {t('agents.packRoles')}
          </p>
        ),
        <label key={role} className="inline model-role" data-role={role}>
          <span className="model-role-name">
            <strong>{agentRoleLabel(t, role)}</strong>
            <span className="muted small">{t(`agents.roleDesc.${role}`)}</span>
          </span>
          <ProviderPicker
            role={role}
            providers={providers}
            value={providerOf(role)}
            onChange={(v) => setChoice(role, 'provider', v)}
          />
          <input
            value={draft.models?.[role]?.model ?? ''}
            placeholder={t('agents.model.default')}
            aria-label={t('agents.modelOf', { role: agentRoleLabel(t, role) })}
            list={`agent-models-${role}`}
            onChange={(e) => setChoice(role, 'model', e.target.value)}
            data-testid={`agent-model-${role}`}
          />
          <datalist id={`agent-models-${role}`}>
            {modelsOf(providers, providerOf(role)).map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>,
      ])}
      <FallbackChoices
        providers={providers}
        fallbacks={fallbacks}
        onChange={(ids) => setDraft({ ...withBudget(), ...(ids.length ? { fallbacks: ids } : {}) })}
      />
      <label>
        {t('models.budget')}
        <input
          type="number"
          min={0}
          step="any"
          value={draft.monthlyBudgetUsd ?? ''}
          placeholder={t('models.budget.none')}
          onChange={(e) => {
            const value = e.target.value === '' ? Number.NaN : Number(e.target.value);
            setDraft({ ...withFallbacks(), ...(Number.isNaN(value) ? {} : { monthlyBudgetUsd: value }) });
          }}
          data-testid="agent-budget"
        />
      </label>
    </fieldset>
  );
}
