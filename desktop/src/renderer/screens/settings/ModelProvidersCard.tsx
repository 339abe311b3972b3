// The team's model providers, kept on the server (admin API /model-providers): the list with a "test
// connection" per provider (ModelProviderList), the form that adds one from the presets
// (AddModelProviderForm), and this month's usage and cost. Agent profiles pick these providers by id
// (Agents).
import { useCallback, useEffect, useState } from 'react';
import { mayDo } from '../../data/role';
import { useWorkspace } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { AddModelProviderForm, type Preset, type ProviderBody } from './AddModelProviderForm';
import { ModelProviderList, type Provider, type TestView } from './ModelProviderList';
import { AdminCard } from './CardParts';
import { useCardAction } from './use-card-action';

type ListView = { providers: Provider[]; presets: Record<string, Preset>; serverDefault: boolean };
type UsageView = {
  month: string;
  total: { costUsd: number; calls: number; promptTokens: number; completionTokens: number };
};

export function ModelProvidersCard() {
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'model_providers', 'update');
  const { t, busy, run, notice, setNotice, fail } = useCardAction('models-notice');
  const [view, setView] = useState<ListView | undefined>(undefined);
  const [usage, setUsage] = useState<UsageView | undefined>(undefined);
  const [tests, setTests] = useState<Record<string, TestView>>({});

  const load = useCallback(async () => {
    const [list, used] = await Promise.all([
      ws.api.get<ListView>('/model-providers'),
      ws.api.get<UsageView>('/usage'),
    ]);
    setView(list);
    setUsage(used);
  }, [ws]);
  useEffect(() => {
    if (admin) load().catch(fail);
  }, [admin, load, fail]);

  const onAdd = (body: ProviderBody, reset: () => void) =>
    void run(async () => {
      await ws.api.post('/model-providers', body);
      reset();
      await load();
      setNotice({ kind: 'success', text: t('models.added', { id: body.id }) });
    });
  const onTest = (id: string) =>
    void run(async () => {
      const report = await ws.api.post<TestView>(`/model-providers/${encodeURIComponent(id)}/test`, {});
      setTests((all) => ({ ...all, [id]: report }));
    });
  const onRemove = (id: string) =>
    void run(async () => {
      await ws.api.delete(`/model-providers/${encodeURIComponent(id)}`);
      await load();
      setNotice({ kind: 'success', text: t('models.removed', { id }) });
    });

  return (
    <AdminCard id="models" titleKey="settings.llm" admin={admin} view={view} notice={notice}>
      {(view) => (
        <>
          <p className="muted small">
            {t('models.hint')}{' '}
            {view.providers.length === 0 &&
              t(view.serverDefault ? 'models.usingServer' : 'models.usingOffline')}
          </p>
          {usage && <UsageLine usage={usage} />}
          <ModelProviderList
            providers={view.providers}
            kindLabel={(kind) => view.presets[kind]?.label ?? kind}
            tests={tests}
            busy={busy}
            onTest={onTest}
            onRemove={onRemove}
          />
          <AddModelProviderForm presets={view.presets} busy={busy} onAdd={onAdd} />
        </>
      )}
    </AdminCard>
  );
}

/** This month's model usage: cost, calls and tokens. */
function UsageLine({ usage }: { usage: UsageView }) {
  const { t } = useI18n();
  const fmt = useFormat();
  return (
    <p className="small" data-testid="models-usage">
      {t('models.usage', {
        cost: fmt.money(usage.total.costUsd, 'USD'),
        calls: usage.total.calls,
        tokens: usage.total.promptTokens + usage.total.completionTokens,
      })}
    </p>
  );
}
