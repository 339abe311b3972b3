// The team's model providers, kept on the server (admin API /model-providers): the list with each
// provider's kind, model and whether a key is stored (keys are never shown again), a "test connection"
// per provider (its models and a one-token chat), a form to add one from the presets (OpenAI,
// OpenRouter, Ollama, vLLM, LM Studio, GigaChat, YandexGPT, any OpenAI-compatible URL), and this
// month's usage and cost. Agent profiles pick these providers by id (Agents).
import { useCallback, useEffect, useState } from 'react';
import { mayDo } from '../../data/role';
import { useWorkspace } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { Notice, useNotice } from './Notice';

type Preset = { label: string; baseURL?: string; needsKey: boolean; model: string; embeddingsModel?: string };
type Provider = {
  id: string;
  kind: string;
  name: string;
  model: string;
  embeddingsModel?: string;
  baseURL?: string;
  hasKey: boolean;
};
type ListView = { providers: Provider[]; presets: Record<string, Preset>; serverDefault: boolean };
type Step = { ok: boolean; error?: string; models?: string[]; reply?: string; latencyMs?: number };
type TestView = { ok: boolean; models: Step; chat: Step };
type UsageView = {
  month: string;
  total: { costUsd: number; calls: number; promptTokens: number; completionTokens: number };
};
type Form = {
  id: string;
  kind: string;
  baseURL: string;
  apiKey: string;
  model: string;
  embeddingsModel: string;
  folderId: string;
  keyType: 'api-key' | 'iam-token';
  scope: string;
  caCert: string;
};

const blank: Form = {
  id: '',
  kind: 'openai',
  baseURL: '',
  apiKey: '',
  model: '',
  embeddingsModel: '',
  folderId: '',
  keyType: 'api-key',
  scope: 'GIGACHAT_API_PERS',
  caCert: '',
};

export function ModelProvidersCard() {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'model_providers', 'update');
  const [view, setView] = useState<ListView | undefined>(undefined);
  const [usage, setUsage] = useState<UsageView | undefined>(undefined);
  const [form, setForm] = useState<Form>(blank);
  const [tests, setTests] = useState<Record<string, TestView>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('models-notice');
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);

  const load = useCallback(async () => {
    const [list, used] = await Promise.all([
      ws.api.get<ListView>('/model-providers'),
      ws.api.get<UsageView>('/usage'),
    ]);
    setView(list);
    setUsage(used);
  }, [ws]);
  useEffect(() => {
    if (admin) load().catch((e: unknown) => setNotice({ kind: 'error', text: failText(e) }));
  }, [admin, load, failText]);

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await what();
    } catch (e) {
      setNotice({ kind: 'error', text: failText(e) });
    } finally {
      setBusy(false);
    }
  };
  const set =
    (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm({ ...form, [k]: e.target.value });
  const preset = view?.presets[form.kind];

  const onAdd = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = {
        id: form.id.trim(),
        kind: form.kind,
        ...(form.baseURL.trim() ? { baseURL: form.baseURL.trim() } : {}),
        ...(form.apiKey ? { apiKey: form.apiKey } : {}),
        ...(form.model.trim() ? { model: form.model.trim() } : {}),
        ...(form.embeddingsModel.trim() ? { embeddingsModel: form.embeddingsModel.trim() } : {}),
        ...(form.kind === 'yandexgpt' ? { folderId: form.folderId.trim(), keyType: form.keyType } : {}),
        ...(form.kind === 'gigachat'
          ? { scope: form.scope, ...(form.caCert.trim() ? { caCert: form.caCert.trim() } : {}) }
          : {}),
      };
      await ws.api.post('/model-providers', body);
      setForm(blank);
      await load();
      setNotice({ kind: 'success', text: t('models.added', { id: body.id }) });
    });
  };
  const onTest = (id: string) =>
    run(async () => {
      const report = await ws.api.post<TestView>(`/model-providers/${encodeURIComponent(id)}/test`, {});
      setTests((all) => ({ ...all, [id]: report }));
    });
  const onRemove = (id: string) =>
    run(async () => {
      await ws.api.delete(`/model-providers/${encodeURIComponent(id)}`);
      await load();
      setNotice({ kind: 'success', text: t('models.removed', { id }) });
    });

  const testLine = (r: TestView) =>
    r.ok
      ? t('models.testOk', {
          models: r.models.models?.length ?? 0,
          ms: r.chat.latencyMs ?? 0,
        })
      : t('models.testFailed', { reason: r.chat.error ?? r.models.error ?? '' });

  return (
    <section className="panel" data-testid="models-card">
      <h3>{t('settings.llm')}</h3>
      {!admin ? (
        <p className="muted small">{t('settings.serverOnly')}</p>
      ) : view === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <p className="muted small">
            {t('models.hint')}{' '}
            {view.providers.length === 0 &&
              t(view.serverDefault ? 'models.usingServer' : 'models.usingOffline')}
          </p>
          {usage && (
            <p className="small" data-testid="models-usage">
              {t('models.usage', {
                cost: fmt.money(usage.total.costUsd, 'USD'),
                calls: usage.total.calls,
                tokens: usage.total.promptTokens + usage.total.completionTokens,
              })}
            </p>
          )}
          <ul className="plain-list" data-testid="models-list">
            {view.providers.map((p) => (
              <li key={p.id} data-testid={`model-provider-${p.id}`}>
                <strong>{p.name}</strong> <code>{p.id}</code> · {view.presets[p.kind]?.label ?? p.kind} ·{' '}
                <code>{p.model}</code>
                {p.embeddingsModel && (
                  <>
                    {' '}
                    · {t('models.embeddingsOf')} <code>{p.embeddingsModel}</code>
                  </>
                )}{' '}
                · {t(p.hasKey ? 'models.keySet' : 'models.noKey')}{' '}
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void onTest(p.id)}
                  data-testid={`model-test-${p.id}`}
                >
                  {t('models.test')}
                </button>{' '}
                <button type="button" disabled={busy} onClick={() => void onRemove(p.id)}>
                  {t('models.remove')}
                </button>
                {tests[p.id] && (
                  <p
                    className={`small status ${tests[p.id]!.ok ? 'status-success' : 'status-error'}`}
                    data-testid={`model-test-result-${p.id}`}
                  >
                    {testLine(tests[p.id]!)}
                  </p>
                )}
              </li>
            ))}
          </ul>
          <form onSubmit={onAdd} data-testid="models-add">
            <h4>{t('models.add')}</h4>
            <label>
              {t('models.kind')}
              <select value={form.kind} onChange={set('kind')} data-testid="models-kind">
                {Object.entries(view.presets).map(([kind, p]) => (
                  <option key={kind} value={kind}>
                    {kind === 'openai-compatible' ? t('models.kind.compatible') : p.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('models.id')}
              <input
                value={form.id}
                onChange={set('id')}
                required
                pattern="[a-z0-9][a-z0-9_\-]{0,39}"

                data-testid="models-id"
              />
            </label>
            <label>
              {t('settings.baseUrl')}
              <input
                value={form.baseURL}
                onChange={set('baseURL')}
                placeholder={preset?.baseURL ?? 'https://…/v1'}
                data-testid="models-url"
              />
            </label>
            <label>
              {t(form.kind === 'gigachat' ? 'models.authKey' : 'models.apiKey')}
              <input
                type="password"
                value={form.apiKey}
                onChange={set('apiKey')}
                autoComplete="off"
                data-testid="models-key"
              />
            </label>
            <label>
              {t('settings.model')}
              <input
                value={form.model}
                onChange={set('model')}
                placeholder={preset?.model}
                data-testid="models-model"
              />
            </label>
            <label>
              {t('models.embeddingsModel')}
              <input
                value={form.embeddingsModel}
                onChange={set('embeddingsModel')}
                placeholder={preset?.embeddingsModel}
                data-testid="models-embeddings-model"
              />
            </label>
            {form.kind === 'yandexgpt' && (
              <>
                <label>
                  {t('models.folderId')}
                  <input value={form.folderId} onChange={set('folderId')} required />
                </label>
                <label>
                  {t('models.keyType')}
                  <select value={form.keyType} onChange={set('keyType')}>
                    <option value="api-key">{t('models.keyType.apiKey')}</option>
                    <option value="iam-token">{t('models.keyType.iam')}</option>
                  </select>
                </label>
              </>
            )}
            {form.kind === 'gigachat' && (
              <>
                <label>
                  {t('models.scope')}
                  <select value={form.scope} onChange={set('scope')}>
                    <option value="GIGACHAT_API_PERS">GIGACHAT_API_PERS</option>
                    <option value="GIGACHAT_API_B2B">GIGACHAT_API_B2B</option>
                    <option value="GIGACHAT_API_CORP">GIGACHAT_API_CORP</option>
                  </select>
                </label>
                <label>
                  {t('models.caCert')}
                  <textarea
                    value={form.caCert}
                    onChange={set('caCert')}
                    rows={3}
                    placeholder="-----BEGIN CERTIFICATE-----"
                  />
                </label>
              </>
            )}
            <button type="submit" disabled={busy} data-testid="models-save">
              {t('models.addButton')}
            </button>
          </form>
        </>
      )}
      <Notice notice={notice} testId="models-notice" />
    </section>
  );
}
